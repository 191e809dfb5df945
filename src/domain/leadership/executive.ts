import type { PulseResult } from '../pulse';
import type { GuidanceSource } from '../ports';
import { DAY_MS, RECOGNITION_DAYS, share, type LeadershipIndex, type ManagerHabits } from './habits';
import { teamReach, type GoalProgress } from './org-goals';
import type { TurnoverFigure } from './turnover';

/**
 * The executive's monthly digest: leadership health by level over their organisation, the biggest change
 * since the previous four weeks, culture signals, one suggested action with a content item behind it, and
 * progress on the organisation's goals. Aggregates only: no individual below the executive is named.
 */

export type HealthLevel = 'frontline' | 'mid-level';
export type HealthMetric = 'cadence' | 'recognition' | 'follow-through';

export interface LevelHealth {
  level: HealthLevel;
  managers: number;
  reports: number;
  /** Share of reports within cadence, now and four weeks ago. */
  cadence?: number;
  cadenceBefore?: number;
  /** Share of reports their manager recognised in the last four weeks, and in the four before. */
  recognition?: number;
  recognitionBefore?: number;
  followThrough?: number;
}

export interface BiggestChange {
  level: HealthLevel;
  metric: Exclude<HealthMetric, 'follow-through'>;
  from: number;
  to: number;
}

export interface CultureSignals {
  teams: number;
  /** Teams where someone was recognised (by anyone) in the last 30 days, and in the 30 before. */
  reached: number;
  reachedBefore: number;
  /** Of the recognition people in this organisation received in 30 days, the share from outside their own team. */
  crossTeamShare?: number;
  pulse: PulseResult;
}

export type ActionKind = 'cadence-frontline' | 'cadence-mid-level' | 'recognition-reach' | 'watch-decline' | 'sustain';

export interface SuggestedAction {
  kind: ActionKind;
  /** The figure behind it (0..1), for the wording. */
  value?: number;
  /** For 'watch-decline': the change it is about. */
  change?: BiggestChange;
  item?: { id: string; title: string; body: string };
}

export interface ExecutiveDigest {
  type: 'executive';
  nudgeId?: number;
  personId: string;
  /** The executive's local month, 'YYYY-MM': the digest's unique period. */
  period: string;
  people: number;
  levels: LevelHealth[];
  biggestChange?: BiggestChange;
  culture: CultureSignals;
  action: SuggestedAction;
  goals: GoalProgress[];
  turnover?: TurnoverFigure;
}

/** A change smaller than this (5 points) is not worth a headline. */
export const CHANGE_MIN = 0.05;
/** Below these the suggested action picks the habit; the biggest gap first. */
export const HEALTHY = { cadence: 0.8, reach: 0.8 } as const;

function levelHealth(habits: readonly ManagerHabits[], level: HealthLevel): LevelHealth {
  const mine = habits.filter((h) => h.level === level);
  const sum = (f: (h: ManagerHabits) => number) => mine.reduce((a, h) => a + f(h), 0);
  const reports = sum((h) => h.reports);
  return {
    level,
    managers: mine.length,
    reports,
    cadence: share(sum((h) => h.withinCadence), reports),
    cadenceBefore: share(sum((h) => h.withinCadenceBefore), reports),
    recognition: share(sum((h) => h.reportsRecognisedNow), reports),
    recognitionBefore: share(sum((h) => h.reportsRecognisedBefore), reports),
    followThrough: share(sum((h) => h.nudgesActed), sum((h) => h.nudgesSent)),
  };
}

/** The largest move (either way) of cadence or recognition at either level, when at least CHANGE_MIN. */
export function biggestChange(levels: readonly LevelHealth[]): BiggestChange | undefined {
  let best: BiggestChange | undefined;
  for (const l of levels) {
    const pairs: Array<[BiggestChange['metric'], number | undefined, number | undefined]> = [
      ['cadence', l.cadenceBefore, l.cadence],
      ['recognition', l.recognitionBefore, l.recognition],
    ];
    for (const [metric, from, to] of pairs) {
      if (from === undefined || to === undefined || Math.abs(to - from) < CHANGE_MIN - 1e-9) continue;
      if (!best || Math.abs(to - from) > Math.abs(best.to - best.from) + 1e-9) best = { level: l.level, metric, from, to };
    }
  }
  return best;
}

function crossTeamShare(index: LeadershipIndex, inOrg: Set<string>, from: number, to: number): number | undefined {
  let all = 0;
  let cross = 0;
  for (const k of index.data.kudos) {
    if (k.at < from || k.at >= to || !inOrg.has(k.recipientId)) continue;
    all += 1;
    const giver = index.person(k.giverId);
    const recipient = index.person(k.recipientId);
    const sameTeam = giver?.managerId !== undefined && giver.managerId === recipient?.managerId;
    const line = recipient?.managerId === k.giverId || giver?.managerId === k.recipientId;
    if (!sameTeam && !line) cross += 1;
  }
  return share(cross, all);
}

/** A fall at least this big is worth an action even when every habit is above its healthy bar. */
export const DECLINE_ACTION = 0.1;

/**
 * The habit furthest below healthy picks the action; when all are healthy, a fall of DECLINE_ACTION or more
 * since last month does; otherwise keep it going.
 */
export function pickAction(levels: readonly LevelHealth[], culture: CultureSignals, change?: BiggestChange): Omit<SuggestedAction, 'item'> {
  const gaps: Array<{ kind: ActionKind; value?: number; gap: number }> = [];
  const at = (l: HealthLevel) => levels.find((x) => x.level === l);
  const fl = at('frontline')?.cadence;
  const ml = at('mid-level')?.cadence;
  if (fl !== undefined) gaps.push({ kind: 'cadence-frontline', value: fl, gap: HEALTHY.cadence - fl });
  if (ml !== undefined) gaps.push({ kind: 'cadence-mid-level', value: ml, gap: HEALTHY.cadence - ml });
  if (culture.teams > 0) gaps.push({ kind: 'recognition-reach', value: culture.reached / culture.teams, gap: HEALTHY.reach - culture.reached / culture.teams });
  const worst = gaps.filter((g) => g.gap > 1e-9).sort((a, b) => b.gap - a.gap)[0];
  if (worst) return { kind: worst.kind, value: worst.value };
  if (change && change.from - change.to >= DECLINE_ACTION - 1e-9) return { kind: 'watch-decline', value: change.to, change };
  return { kind: 'sustain' };
}

/** Topics tried in order for the item behind each action, at the executive level. */
export const ACTION_TOPICS: Record<ActionKind, string[]> = {
  'cadence-frontline': ['developing-managers', 'measuring-leadership', 'one-on-one'],
  'cadence-mid-level': ['developing-managers', 'one-on-one', 'measuring-leadership'],
  'recognition-reach': ['recognition', 'culture'],
  'watch-decline': ['developing-managers', 'measuring-leadership', 'coaching'],
  sustain: ['culture', 'measuring-leadership'],
};

export interface ExecutiveInputs {
  index: LeadershipIndex;
  guidance: GuidanceSource;
  execId: string;
  period: string;
  pulse: (managerIds: readonly string[]) => Promise<PulseResult>;
  goals: GoalProgress[];
  turnover?: TurnoverFigure;
}

export async function executiveDigest(i: ExecutiveInputs): Promise<ExecutiveDigest> {
  const { index, execId } = i;
  const now = index.data.now;
  const below = index.org.below(execId);
  const managers = index.org.managersUnder(execId, false);
  const habits = managers.map((m) => index.habits(m)).filter((h): h is ManagerHabits => h !== undefined);
  const levels = [levelHealth(habits, 'frontline'), levelHealth(habits, 'mid-level')];
  const window = RECOGNITION_DAYS * DAY_MS;
  const reach = teamReach(index, managers, now - window, now);
  const reachBefore = teamReach(index, managers, now - 2 * window, now - window);
  const culture: CultureSignals = {
    teams: reach.teams,
    reached: reach.reached,
    reachedBefore: reachBefore.reached,
    crossTeamShare: crossTeamShare(index, new Set([execId, ...below]), now - window, now),
    pulse: await i.pulse([execId, ...managers]),
  };
  const change = biggestChange(levels);
  const action = pickAction(levels, culture, change);
  let item: SuggestedAction['item'];
  for (const topic of ACTION_TOPICS[action.kind]) {
    const g = await i.guidance.next({ personId: execId, level: 'executive', topic });
    if (g) {
      item = { id: g.id, title: g.title, body: g.body };
      break;
    }
  }
  return {
    type: 'executive',
    personId: execId,
    period: i.period,
    people: below.length,
    levels,
    biggestChange: change,
    culture,
    action: { ...action, item },
    goals: i.goals,
    turnover: i.turnover,
  };
}
