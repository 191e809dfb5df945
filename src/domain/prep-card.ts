import type { Clock, GuidanceDraws, GuidanceParts, GuidanceSource, Level, TemplateVars } from './ports';
import { displayName, levelOf, type Person } from './people';
import { knownPeople, type KnownPeople, type PeopleService } from './people-service';
import type { ActionItem, OneOnOneRepository, ReceivedRecognition } from './one-on-ones';
import type { GoalsWithLatest } from './goal-ports';
import type { DevelopmentPlan } from './development-plan';
import { cadenceStatus, localToday, type CadenceStatus } from './cadence';
import { keepGuidance, pickGuidance, situationsFor, type PickedGuidance, type Situation } from './prep';
import { isChosenSituation, type ChosenSituation, type DetectedSituation } from './situations';
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
  /** Goals of personId that viewerId may see (viewerId defaults to the person: their own view); `read`: the person's goals, already read. */
  activeFor(personId: string, viewerId?: string, known?: KnownPeople, read?: GoalsWithLatest): Promise<GoalSummary[]>;
  /** The report's development plan as this manager may see it, and a career-conversation prompt when due; `read`: the plan, already read. */
  planFor?(personId: string, viewerId: string, opts: { careerDue: boolean; level: Level }, known?: KnownPeople, read?: DevelopmentPlan): Promise<PrepPlanSummary>;
}

export interface PrepCard {
  manager: { id: string; name: string; tz: string; level: Level; levelSource: 'inferred' | 'self' | 'admin'; /** False when nobody reports to them on record: the level is not "worked out from the team" then. */ hasTeam?: boolean };
  report: { id: string; name: string; managerId?: string };
  cadence: CadenceStatus;
  today: string;
  /** What the manager said this 1:1 is about (the card's menu or the command text). */
  chosen?: ChosenSituation;
  /** The situation the guidance was written for; undefined for everyday guidance. */
  situation?: Situation;
  /** The situation chosen for the last logged 1:1 of this pair: the card asks how it has gone since. */
  followUp?: { situation: ChosenSituation; heldOn: string };
  guidance?: { id: string; title: string; body: string } & GuidanceParts;
  /** A redrawn card whose guidance was all for a moment that has passed (e.g. the overdue 1:1 now logged). */
  guidancePassed?: boolean;
  /** Questions for the report, ask_first first: what the agenda sends. */
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
  people: PeopleService;
  guidance: GuidanceSource;
  clock: Clock;
  goals?: GoalsReader;
  /** Coaching the coaches: habits of a report's own team, for someone above them. */
  leadership?: { prepHabits(viewerId: string, reportId: string, avoidItemId?: string): Promise<PrepHabits | undefined> };
}

function firstName(p: Person): string {
  const name = displayName(p);
  return p.realName ? (p.realName.split(/\s+/)[0] ?? name) : name;
}

/** A new card: fresh items other than `avoid` (those the manager saw just now, "Other questions"). */
export interface PrepOptions {
  avoid?: readonly string[];
  /** What the manager said this 1:1 is about. */
  chosen?: ChosenSituation;
}

/**
 * Which guidance the card shows: fresh items (PrepOptions), or `keep`: the items it showed again (the card
 * redrawn after an action on it, so its questions do not change, except items whose moment has passed).
 */
export type GuidanceChoice = PrepOptions | { keep: readonly string[]; chosen?: ChosenSituation };

/** Builds the prep card for manager → report. Preparing records that the manager is managing (never a reporting line). */
export async function buildPrepCard(deps: PrepDeps, manager: Person, report: Person, choice: GuidanceChoice = {}): Promise<PrepCard> {
  const now = deps.clock.now();
  const { oneOnOnes } = deps;
  const today = localToday(now, manager.tz);
  const known = knownPeople(manager, report);
  // One read for all the pair decides (PrepFacts): on PostgreSQL each statement is a round trip whose protocol work
  // the app pays for, and the seven reads this replaces were most of a card's. The manager's and report's rows were
  // read by this request already: they are handed down, not read again.
  const facts = await oneOnOnes.prepFacts(manager.id, report.id, { since: now - RECOGNITION_DAYS * DAY, openItems: OPEN_ITEMS_SHOWN + 1, recognition: RECOGNITION_SHOWN });
  const { stats } = facts;
  // A redraw keeps its items: it ignores the last card's.
  const lastPrepared = 'keep' in choice ? [] : facts.lastPrepared;
  const level = levelOf(manager, facts.managerDepth);
  const cadence = cadenceStatus(stats.lastHeldOn, today, manager.cadenceDays);
  const situations = situationsFor({
    now,
    stats,
    cadence,
    managerBecameManagerAt: manager.becameManagerAt,
    reportManagesPeople: facts.reportDepth > 0,
  });
  // The report's goals as the manager may see them, from the goals read with the facts; awaited with the rest.
  const goalsShown = deps.goals?.activeFor(report.id, manager.id, known, facts.reportGoals);
  goalsShown?.catch(() => undefined); // awaited below; should a step before fail first, never an unhandled rejection
  const vars = { name: firstName(report), manager_name: firstName(manager), days_since_last: cadence.daysSince, cadence_days: cadence.cadenceDays };
  const picked = await chooseGuidance(deps, { manager, reportId: report.id, level: level.level, situations, vars, now, lastPrepared }, choice);
  const [goals, plan, managerHabits] = await Promise.all([
    goalsShown,
    deps.goals?.planFor?.(report.id, manager.id, {
      careerDue: situations.includes('career-conversation') && picked?.situation !== 'career-conversation',
      level: level.level,
    }, known, facts.reportPlan),
    deps.leadership?.prepHabits(manager.id, report.id, picked?.guidance.id),
  ]);
  const open = facts.openItems;
  return {
    manager: { id: manager.id, name: displayName(manager), tz: manager.tz, level: level.level, levelSource: level.source, hasTeam: facts.managerDepth > 0 },
    report: { id: report.id, name: displayName(report), managerId: report.managerId },
    cadence,
    today,
    ...(choice.chosen ? { chosen: choice.chosen } : {}),
    situation: picked?.situation,
    ...(isChosenSituation(stats.lastSituation) && stats.lastHeldOn ? { followUp: { situation: stats.lastSituation, heldOn: stats.lastHeldOn } } : {}),
    guidance: picked ? guidanceParts(picked.guidance, picked.questions) : undefined,
    ...('keep' in choice && choice.keep.length > 0 && !picked ? { guidancePassed: true } : {}),
    questions: picked?.questions ?? [],
    itemIds: picked?.itemIds ?? [],
    openItems: open.slice(0, OPEN_ITEMS_SHOWN),
    moreOpenItems: Math.max(0, open.length - OPEN_ITEMS_SHOWN),
    recognition: facts.recognition,
    goals,
    plan,
    managerHabits,
  };
}

interface GuidanceContext {
  manager: Person;
  reportId: string;
  level: Level;
  situations: readonly DetectedSituation[];
  vars: TemplateVars;
  now: number;
  /** The items of the manager's last prep card (lastPreparedItems), read with the card's first reads. */
  lastPrepared: readonly string[];
}

/** A redraw keeps what the card showed; anything else draws fresh items and records the prep. */
async function chooseGuidance(deps: PrepDeps, ctx: GuidanceContext, choice: GuidanceChoice): Promise<PickedGuidance | undefined> {
  const chosen = choice.chosen === 'everyday' ? undefined : choice.chosen;
  if ('keep' in choice) return keepGuidance(deps.guidance, choice.keep, ctx.vars, [...(chosen ? [chosen] : []), ...ctx.situations]);
  const { manager, now } = ctx;
  const avoid = [...new Set([...(choice.avoid ?? []), ...ctx.lastPrepared])];
  // The card's guidance picks are recorded with the card, not one by one as they are drawn.
  const draws: GuidanceDraws = [];
  const picked = await pickGuidance({ guidance: deps.guidance, managerId: manager.id, level: ctx.level, chosen, situations: ctx.situations, vars: ctx.vars, avoid, draws });
  // The picks, the prepared items and the manager's managing mark: one statement on PostgreSQL, where each is a round trip.
  await deps.oneOnOnes.recordPrep(manager.id, ctx.reportId, picked?.itemIds ?? [], now, draws);
  return picked;
}

function guidanceParts(g: PickedGuidanceView, questions: readonly string[]): PrepCard['guidance'] {
  const [first, ...others] = questions;
  return {
    id: g.id,
    title: g.title,
    body: g.body,
    ask: others,
    ...(first !== undefined ? { askFirst: first } : {}),
    reflect: g.reflect,
    ...(g.say !== undefined ? { say: g.say } : {}),
    ...(g.ifPushback !== undefined ? { ifPushback: g.ifPushback } : {}),
    ...(g.hrCheck !== undefined ? { hrCheck: g.hrCheck } : {}),
  };
}
type PickedGuidanceView = { id: string; title: string; body: string } & GuidanceParts;

export interface TeamRow {
  id: string;
  name: string;
  cadence: CadenceStatus;
}

/** The manager's reports with their cadence, most urgent first. */
export async function buildTeam(deps: Pick<PrepDeps, 'oneOnOnes' | 'people' | 'clock'>, manager: Person): Promise<TeamRow[]> {
  const today = localToday(deps.clock.now(), manager.tz);
  const last = await deps.oneOnOnes.lastHeldByReport(manager.id);
  const rows = (await deps.people.reportsOf(manager.id)).map((p) => ({
    id: p.id,
    name: displayName(p),
    cadence: cadenceStatus(last.get(p.id)?.heldOn, today, manager.cadenceDays),
  }));
  const rank = (r: TeamRow) => (r.cadence.state === 'overdue' ? 3000 + (r.cadence.overdueBy ?? 0) : r.cadence.state === 'first' ? 2000 : 1000 + (r.cadence.daysSince ?? 0));
  return rows.sort((a, b) => rank(b) - rank(a) || a.name.localeCompare(b.name));
}
