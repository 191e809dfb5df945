import type { Clock, GuidanceSource, Level } from './ports';
import { displayName, type Person } from './people';
import type { PeopleService } from './people-service';
import type { ActionItem, OneOnOneRepository, ReceivedRecognition, RecognitionReader } from './one-on-ones';
import { cadenceStatus, localToday, type CadenceStatus } from './cadence';
import { keepGuidance, pickGuidance, situationsFor, type Situation } from './prep';
import type { GoalLine, PrepPlanSummary } from './goal-surfaces';
import type { PrepHabits } from './leadership/leadership-service';

const DAY = 24 * 60 * 60 * 1000;
export const RECOGNITION_DAYS = 30;
export const OPEN_ITEMS_SHOWN = 10;
const RECOGNITION_SHOWN = 5;

/** GOALS SLOT: the goals feature fills this through the optional GoalsReader; the card shows it when present. */
export interface GoalSummary extends Partial<Omit<GoalLine, 'title' | 'status' | 'dueOn'>> {
  title: string;
  status?: string;
  dueOn?: string;
}
export interface GoalsReader {
  /** Goals of personId that viewerId may see (viewerId defaults to the person: their own view). */
  activeFor(personId: string, viewerId?: string): GoalSummary[];
  /** The report's development plan as this manager may see it, and a career-conversation prompt when due. */
  planFor?(personId: string, viewerId: string, opts: { careerDue: boolean; level: Level }): PrepPlanSummary;
}

export interface PrepCard {
  manager: { id: string; name: string; tz: string; level: Level; levelSource: 'inferred' | 'self' | 'admin'; /** False when nobody reports to them on record: the level is not "worked out from the team" then. */ hasTeam?: boolean };
  report: { id: string; name: string; managerId?: string };
  cadence: CadenceStatus;
  today: string;
  situation?: Situation;
  guidance?: { id: string; title: string; body: string };
  questions: string[];
  /** Every guidance item drawn for this card, for "Other questions" and the agenda. */
  itemIds: string[];
  openItems: ActionItem[];
  /** Open items beyond those shown. */
  moreOpenItems: number;
  recognition: ReceivedRecognition[];
  /** GOALS SLOT: undefined until goals land; an empty array means "no active goals". */
  goals?: GoalSummary[];
  /** Development plan's open next steps and the career-conversation prompt (goals feature). */
  plan?: PrepPlanSummary;
  /** A 1:1 with someone who manages people: their team habits in one line and a question about them (issue 21). */
  managerHabits?: PrepHabits;
}

export interface PrepDeps {
  oneOnOnes: OneOnOneRepository;
  recognition: RecognitionReader;
  people: PeopleService;
  guidance: GuidanceSource;
  clock: Clock;
  goals?: GoalsReader;
  /** Coaching the coaches: habits of a report's own team, for someone above them. */
  leadership?: { prepHabits(viewerId: string, reportId: string, avoidItemId?: string): PrepHabits | undefined };
}

function firstName(p: Person): string {
  const name = displayName(p);
  return p.realName ? (p.realName.split(/\s+/)[0] ?? name) : name;
}

/**
 * Which guidance the card shows: `avoid` draws fresh items other than these (a new card, "Other questions");
 * `keep` shows these same items again (the card redrawn after an action on it, so its questions do not change).
 */
export type GuidanceChoice = { avoid: readonly string[] } | { keep: readonly string[] };

/** Builds the prep card for manager → report. Preparing records that the manager is managing (never a reporting line). */
export function buildPrepCard(deps: PrepDeps, manager: Person, report: Person, choice: GuidanceChoice = { avoid: [] }): PrepCard {
  const now = deps.clock.now();
  const { oneOnOnes } = deps;
  const today = localToday(now, manager.tz);
  const stats = oneOnOnes.pairStats(manager.id, report.id);
  const cadence = cadenceStatus(stats.lastHeldOn, today, manager.cadenceDays);
  const level = deps.people.level(manager.id);
  const situations = situationsFor({
    now,
    stats,
    cadence,
    managerBecameManagerAt: manager.becameManagerAt,
    reportManagesPeople: deps.people.reportsOf(report.id).length > 0,
  });
  const vars = { name: firstName(report), manager_name: firstName(manager), days_since_last: cadence.daysSince, cadence_days: cadence.cadenceDays };
  let picked;
  if ('keep' in choice) {
    picked = keepGuidance(deps.guidance, choice.keep, vars);
  } else {
    const avoid = [...new Set([...choice.avoid, ...oneOnOnes.lastPreparedItems(manager.id)])];
    picked = pickGuidance({ guidance: deps.guidance, managerId: manager.id, level: level.level, situations, vars, avoid });
    oneOnOnes.rememberPrepared(manager.id, report.id, picked?.itemIds ?? [], now);
    deps.people.repository.noteManaging(manager.id, now);
  }
  const open = oneOnOnes.openItems(manager.id, report.id, OPEN_ITEMS_SHOWN + 1);
  return {
    manager: { id: manager.id, name: displayName(manager), tz: manager.tz, level: level.level, levelSource: level.source, hasTeam: deps.people.reportsOf(manager.id).length > 0 },
    report: { id: report.id, name: displayName(report), managerId: report.managerId },
    cadence,
    today,
    situation: picked?.situation,
    guidance: picked ? { id: picked.guidance.id, title: picked.guidance.title, body: picked.guidance.body } : undefined,
    questions: picked?.questions ?? [],
    itemIds: picked?.itemIds ?? [],
    openItems: open.slice(0, OPEN_ITEMS_SHOWN),
    moreOpenItems: Math.max(0, open.length - OPEN_ITEMS_SHOWN),
    recognition: deps.recognition.receivedSince(report.id, now - RECOGNITION_DAYS * DAY, RECOGNITION_SHOWN),
    goals: deps.goals?.activeFor(report.id, manager.id),
    plan: deps.goals?.planFor?.(report.id, manager.id, {
      careerDue: situations.includes('career-conversation') && picked?.situation !== 'career-conversation',
      level: level.level,
    }),
    managerHabits: deps.leadership?.prepHabits(manager.id, report.id, picked?.guidance.id),
  };
}

export interface TeamRow {
  id: string;
  name: string;
  cadence: CadenceStatus;
}

/** The manager's reports with their cadence, most urgent first. */
export function buildTeam(deps: Pick<PrepDeps, 'oneOnOnes' | 'people' | 'clock'>, manager: Person): TeamRow[] {
  const today = localToday(deps.clock.now(), manager.tz);
  const last = deps.oneOnOnes.lastHeldByReport(manager.id);
  const rows = deps.people.reportsOf(manager.id).map((p) => ({
    id: p.id,
    name: displayName(p),
    cadence: cadenceStatus(last.get(p.id)?.heldOn, today, manager.cadenceDays),
  }));
  const rank = (r: TeamRow) => (r.cadence.state === 'overdue' ? 3000 + (r.cadence.overdueBy ?? 0) : r.cadence.state === 'first' ? 2000 : 1000 + (r.cadence.daysSince ?? 0));
  return rows.sort((a, b) => rank(b) - rank(a) || a.name.localeCompare(b.name));
}
