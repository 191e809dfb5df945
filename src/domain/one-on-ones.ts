/**
 * 1:1s and their action items: the records, and the ports the 1:1 service needs from storage.
 * Note text lives only in fields named `notes` (the logger redacts them) and is only ever
 * returned to the manager who wrote it: storage enforces that in SQL, not the caller.
 */
import type { GoalsWithLatest } from './goal-ports';
import type { GuidanceDraws } from './ports';
import type { DevelopmentPlan } from './development-plan';

export interface ActionItem {
  id: number;
  oneOnOneId: number;
  managerId: string;
  reportId: string;
  ownerId: string;
  text: string;
  doneAt?: number;
  createdAt: number;
  /** Local date of the 1:1 it came from. */
  heldOn: string;
}

export interface OneOnOneSummary {
  id: number;
  managerId: string;
  reportId: string;
  heldOn: string;
  heldAt: number;
  energy?: number;
  careerTalk: boolean;
  summarySent: boolean;
  createdAt: number;
}

/** A history entry: notes are present only when the viewer wrote them. */
export interface OneOnOneHistoryEntry extends OneOnOneSummary {
  notes?: string;
  items: ActionItem[];
}

/** What we know about a manager ↔ report pair, in one indexed read. */
export interface PairStats {
  count: number;
  firstHeldAt?: number;
  lastHeldAt?: number;
  lastHeldOn?: string;
  lastCareerAt?: number;
  /** What the manager said the latest logged 1:1 was about, when they said. */
  lastSituation?: string;
}

export interface NewOneOnOne {
  managerId: string;
  reportId: string;
  heldOn: string;
  heldAt: number;
  notes: string;
  energy?: number;
  careerTalk: boolean;
  /** The situation chosen on the prep card ("What's this 1:1 about?"); never free text. */
  situation?: string;
  idempotencyKey: string;
  createdAt: number;
}

export interface NewActionItem {
  ownerId: string;
  text: string;
}

export interface OneOnOneRepository {
  /** Inserts unless the idempotency key exists; returns the 1:1 id either way. */
  insert(row: NewOneOnOne): Promise<{ id: number; created: boolean }>;
  addItems(oneOnOneId: number, managerId: string, reportId: string, items: readonly NewActionItem[], at: number): Promise<void>;
  /** Marks open items of this pair done; ids of other pairs are ignored. Returns how many changed. */
  completeItems(managerId: string, reportId: string, itemIds: readonly number[], at: number): Promise<number>;
  /** Open items of the pair, both owners, oldest first. */
  openItems(managerId: string, reportId: string, limit: number): Promise<ActionItem[]>;
  pairStats(managerId: string, reportId: string): Promise<PairStats>;
  /** Everything the prep card reads that the pair decides, in one read (PrepFacts). */
  prepFacts(managerId: string, reportId: string, o: { since: number; openItems: number; recognition: number }): Promise<PrepFacts>;
  /** Latest 1:1 (epoch ms and local date) per report, for the manager's team list. */
  lastHeldByReport(managerId: string): Promise<Map<string, { heldAt: number; heldOn: string }>>;
  /** The viewer's own latest 1:1s with this report, newest first (never another manager's). */
  history(reportId: string, viewerId: string, limit: number): Promise<OneOnOneHistoryEntry[]>;
  markSummarySent(id: number): Promise<void>;
  /** Guidance item ids on the manager's last prep card, so the next card never repeats them. */
  lastPreparedItems(managerId: string): Promise<string[]>;
  /**
   * What a fresh prep card records: the items it showed (lastPreparedItems), that the manager is managing
   * (PeopleRepository.noteManaging: a nudge candidate, never a reporting line) and the manager's guidance picks for
   * the rotation (`draws`, as GuidanceSeenRepository.record would, in order, all at `at`). One write on PostgreSQL.
   */
  recordPrep(managerId: string, reportId: string, itemIds: readonly string[], at: number, draws?: GuidanceDraws): Promise<void>;
  /** When the manager last sent this report an agenda (a double click must not send two). */
  lastAgendaSentAt(managerId: string, reportId: string): Promise<number | undefined>;
}

export interface ReceivedRecognition {
  giverId: string;
  value: string;
  message: string;
  at: number;
}

/**
 * What the prep card reads for a manager and report, read together: on PostgreSQL each separate read was a round
 * trip whose protocol work the app pays for.
 */
export interface PrepFacts {
  /** The pair's figures (pairStats). */
  stats: PairStats;
  /** The items of the manager's last prep card (lastPreparedItems). */
  lastPrepared: string[];
  /** How deep each one's active reporting tree goes (PeopleRepository.subtreeDepths). */
  managerDepth: number;
  reportDepth: number;
  /** The pair's open items, oldest first, at most `openItems` (openItems). */
  openItems: ActionItem[];
  /** Recognition the report received since `since`, newest first, at most `recognition`. */
  recognition: ReceivedRecognition[];
  /** The report's active goals with their latest check-ins, every visibility: shown only as the goals' rules allow. */
  reportGoals: GoalsWithLatest;
  /** The report's development plan as stored: shown only as the plan's rules allow. */
  reportPlan: DevelopmentPlan;
}

/** Looser name matching for typed names: a first name ("@alice" for Alice Doe). Active people only. */
export interface PartnerSearch {
  byFirstName(name: string, limit: number): Promise<Array<{ id: string }>>;
}
