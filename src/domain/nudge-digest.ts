import { cadenceStatus, daysBetween, localToday } from './cadence';
import type { TipOfWeekStore } from './home';
import { tipOfWeek as pickTipOfWeek } from './tip-of-week';
import type { NudgeDigest, NudgeTip, OverdueOneOnOne, PreparedPerson, Shortlist, UnrecognisedReport, OwnedActionItem } from './notifier';
import { MANAGING_WINDOW_DAYS, type NudgeReadModel, type TeamMemberReads } from './nudge-ports';
import { isoWeekOf } from './nudge-schedule';
import type { Person } from './people';
import type { Clock, GuidanceSource, Level } from './ports';
import type { MidLevelSection } from './leadership/mid-level';

const DAY_MS = 24 * 60 * 60 * 1000;
export const RECOGNITION_WINDOW_DAYS = 30;
/** Entries shown per list; the rest is a count pointing to /oneonone or App Home (Block Kit: 50 blocks a message). */
export const SHOWN_PER_LIST = 5;
export const ITEMS_SHOWN = 8;
/** The onboarding nudge ("add your team") comes this many weeks, then stops until a team appears. */
export const ONBOARDING_WEEKS = 3;
/** People listed with "Add to my team" in the onboarding nudge (each is a section with a button). */
export const PREPARED_SHOWN = 8;
export const STALE_GOALS_SHOWN = 3;
/**
 * Tip topics rotate by week. The same list and the same per-week store as App Home's tip of the week,
 * so the Home tab and the nudge show one tip, not two.
 */

export interface NudgeDigestDeps {
  reads: NudgeReadModel;
  guidance: GuidanceSource;
  tips: TipOfWeekStore;
  levelOf: (personId: string) => Promise<Level>;
  clock: Clock;
  /** The goals feature: the manager's own goals quiet for 14 days. */
  goals?: { staleGoals(ownerId: string, now?: number): Promise<Array<{ id: number; title: string; quietDays: number }>> };
  /** Coaching the coaches: the mid-level section for anyone whose reports manage people. */
  leadership?: { midLevelSection(personId: string): Promise<MidLevelSection | undefined> };
}

export interface NudgeDigests {
  /** The digest for this manager now; `nudgeId` ties its buttons to the queued nudge. */
  build(manager: Person, nudgeId?: number): Promise<NudgeDigest>;
  /**
   * False once someone without a team has had ONBOARDING_WEEKS onboarding nudges, unless it lists people they
   * prepared for lately (then it has something to act on): the weekly one is then skipped.
   */
  worthSending(digest: NudgeDigest): Promise<boolean>;
}

function shortlist<T>(all: T[], n: number): Shortlist<T> {
  return { shown: all.slice(0, n), more: Math.max(0, all.length - n) };
}

/** Overdue first (longest past target first), then reports with no 1:1 on record. */
function overdueOf(team: TeamMemberReads[], today: string, cadenceDays: number): OverdueOneOnOne[] {
  const rows: OverdueOneOnOne[] = [];
  for (const m of team) {
    const s = cadenceStatus(m.lastHeldOn, today, cadenceDays);
    if (s.state === 'overdue') rows.push({ reportId: m.id, name: m.name, lastHeldOn: m.lastHeldOn, daysSince: s.daysSince, overdueBy: s.overdueBy });
    else if (s.state === 'first') rows.push({ reportId: m.id, name: m.name });
  }
  return rows.sort((a, b) => (b.overdueBy ?? -1) - (a.overdueBy ?? -1) || a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }));
}

/** Never recognised first, then the longest ago. */
function unrecognisedOf(team: TeamMemberReads[], now: number): UnrecognisedReport[] {
  const since = now - RECOGNITION_WINDOW_DAYS * DAY_MS;
  return team
    .filter((m) => m.lastRecognisedAt === undefined || m.lastRecognisedAt < since)
    .map((m) => ({ reportId: m.id, name: m.name, lastRecognisedAt: m.lastRecognisedAt }))
    .sort((a, b) => (a.lastRecognisedAt ?? -1) - (b.lastRecognisedAt ?? -1) || a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }));
}

export function createNudgeDigests(deps: NudgeDigestDeps): NudgeDigests {
  const { reads, guidance, tips, clock } = deps;

  /** This week's tip: the same one App Home shows this week. */
  async function tipOfWeek(manager: Person, level: Level, week: string): Promise<NudgeTip | undefined> {
    const tip = await pickTipOfWeek({ guidance, tips, now: clock.now() }, manager, level, week);
    if (!tip) return undefined;
    return { id: tip.id, title: tip.title, body: tip.body, level: tip.level, ...(tip.askFirst ? { askFirst: tip.askFirst } : {}), ...(tip.say ? { say: tip.say } : {}) };
  }

  async function preparedBy(managerId: string, now: number): Promise<PreparedPerson[]> {
    return (await reads.preparedFor(managerId, now - MANAGING_WINDOW_DAYS * DAY_MS, PREPARED_SHOWN)).map((p) => ({ reportId: p.id, name: p.name, ...(p.managerId ? { managerId: p.managerId } : {}) }));
  }

  return {
    worthSending: async (d) => d.type !== 'onboarding' || d.prepared.length > 0 || (await reads.onboardingSent(d.personId)) < ONBOARDING_WEEKS,
    async build(manager, nudgeId) {
      const now = clock.now();
      const week = isoWeekOf(now, manager.tz);
      const tip = await tipOfWeek(manager, await deps.levelOf(manager.id), week);
      const team = (await reads.team(manager.id)).map((m) => ({ ...m, name: m.name || m.id }));
      if (team.length === 0) return { type: 'onboarding', nudgeId, personId: manager.id, week, prepared: await preparedBy(manager.id, now), tip };
      const today = localToday(now, manager.tz);
      const owned = await reads.openItemsOwnedBy(manager.id, ITEMS_SHOWN);
      const actionItems: Shortlist<OwnedActionItem> = {
        shown: owned.items.map((i) => ({ id: i.id, text: i.text, reportId: i.reportId, ageDays: Math.max(0, daysBetween(i.heldOn, today)) })),
        more: Math.max(0, owned.total - owned.items.length),
      };
      return {
        type: 'weekly',
        nudgeId,
        personId: manager.id,
        week,
        cadenceDays: manager.cadenceDays,
        teamSize: team.length,
        overdue: shortlist(overdueOf(team, today, manager.cadenceDays), SHOWN_PER_LIST),
        unrecognised: shortlist(unrecognisedOf(team, now), SHOWN_PER_LIST),
        actionItems,
        staleGoals: deps.goals
          ? shortlist((await deps.goals.staleGoals(manager.id, now)).map((g) => ({ id: g.id, title: g.title, quietDays: g.quietDays })), STALE_GOALS_SHOWN)
          : undefined,
        tip,
        managersBelow: await deps.leadership?.midLevelSection(manager.id),
      };
    },
  };
}

/** A small summary kept in nudges.payload for the follow-through report (no text, no names). */
export function digestSummary(d: NudgeDigest): Record<string, unknown> {
  if (d.type === 'onboarding') return { type: 'onboarding', week: d.week, prepared: d.prepared.length, tipId: d.tip?.id };
  const count = (l: Shortlist<unknown>) => l.shown.length + l.more;
  return {
    type: 'weekly',
    week: d.week,
    teamSize: d.teamSize,
    overdue: count(d.overdue),
    unrecognised: count(d.unrecognised),
    actionItems: count(d.actionItems),
    staleGoals: d.staleGoals ? count(d.staleGoals) : 0,
    reportIds: [...d.overdue.shown.map((o) => o.reportId), ...d.unrecognised.shown.map((u) => u.reportId)],
    tipId: d.tip?.id,
    ...(d.managersBelow ? { managersBelow: d.managersBelow.managers.length + d.managersBelow.more, focusId: d.managersBelow.focus?.id, questionItemId: d.managersBelow.question?.itemId } : {}),
  };
}
