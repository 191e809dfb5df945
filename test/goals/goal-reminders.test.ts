import { sqliteKysely } from '../../src/storage/sqlite-kysely';
import { freshDb } from '../helpers/db';
import { createGoalReminders, goalReminderKind, GOAL_REMINDER_KIND } from '../../src/domain/goal-reminders';
import { createGoalReminderPrefs } from '../../src/storage/goal-repository';
import { goalRemindersJob } from '../../src/jobs/goal-reminders';
import type { GoalView } from '../../src/domain/goal';
import { outboxWorld, slackFailure } from '../helpers/outbox';
import { DAY, goalInput, goalsWorld, key, ORG } from './fixtures';

/** Fri 11 Dec 2026 18:00 UTC = 10:00 in Los Angeles (Alice), 14 days after the fixtures' NOW. */
const DUE = Date.UTC(2026, 11, 11, 18, 0);

async function setup(failWith?: { code: string; times: number; retryAfterMs?: number }, canSend = true) {
  const t = freshDb();
  const w = await goalsWorld(t.db);
  const prefs = createGoalReminderPrefs(sqliteKysely(t.db));
  const workspaces = { canSend: async () => canSend };
  const outbox = outboxWorld(t.db, w.clock, { [GOAL_REMINDER_KIND]: goalReminderKind({ gate: { people: w.peopleRepo, workspaces }, goalService: w.goals, prefs }) });
  let failures = failWith?.times ?? 0;
  outbox.transport.fail = () => (failures-- > 0 ? slackFailure(failWith!.code, failWith!.retryAfterMs) : undefined);
  const reminders = createGoalReminders({ goals: w.goalRepo, goalService: w.goals, prefs, people: w.peopleRepo, outbox: outbox.store, events: w.events, clock: w.clock, workspaces });
  const run = async (at: number) => {
    w.clock.set(at);
    await goalRemindersJob.run({ goalReminders: reminders, outboxDispatcher: outbox.dispatcher }, at);
    await outbox.dispatcher.drain(); // what the dispatcher's own tick would send
  };
  const sent = () => outbox.transport.sent.map((m) => ({ personId: m.recipient, goals: m.model as GoalView[] }));
  return { ...t, ...w, get sent() { return sent(); }, run, reminders };
}

describe('monthly goal reminder (job → domain → nudges table, fake Slack edge)', () => {
  it('reminds a non-manager once a month about goals quiet for 14 days, at their hour on a weekday', async () => {
    const w = await setup();
    try {
      await w.goals.create({ actorId: ORG.owner, raw: goalInput({ title: 'Quiet goal', visibility: 'private' }), requestKey: key() });
      await w.goals.create({ actorId: ORG.teammate, raw: goalInput({ title: 'Bob goal' }), requestKey: key() });
      await w.run(DUE - 13 * DAY);
      expect(w.sent).toEqual([]); // not stale yet
      await w.run(Date.UTC(2026, 11, 12, 18, 0)); // Saturday 10:00 in LA: no reminders at weekends
      await w.run(Date.UTC(2026, 11, 14, 15, 0)); // Monday 07:00 in LA: before Alice's nudge hour (09:00)
      expect(w.sent.map((s) => s.personId)).toEqual([ORG.teammate]); // 16:00 on Monday in Paris: Bob's is due
      await w.run(DUE + 3 * DAY); // Monday 10:00 in LA
      await w.run(DUE + 3 * DAY + 60 * 60 * 1000);
      await w.run(DUE + 5 * DAY);
      const alice = w.sent.filter((s) => s.personId === ORG.owner);
      expect(alice).toHaveLength(1);
      expect(alice[0]!.goals.map((g) => g.title)).toEqual(['Quiet goal']);
      expect(w.db.prepare("SELECT kind, period, status, attempts FROM nudges WHERE person_id = ?").all(ORG.owner)).toEqual([
        { kind: 'goal-reminder', period: '2026-12', status: 'sent', attempts: 1 },
      ]);
      await w.run(Date.UTC(2027, 0, 4, 18, 0)); // Monday 4 Jan 2027, 10:00 in LA: a new month
      expect(w.sent.filter((s) => s.personId === ORG.owner)).toHaveLength(2);
    } finally {
      w.cleanup();
    }
  });

  it('leaves out managers (weekly nudge), opted-out, paused and deactivated people, and goals with a recent check-in', async () => {
    const w = await setup();
    try {
      for (const who of [ORG.manager, ORG.owner, ORG.teammate, ORG.stranger]) {
        await w.goals.create({ actorId: who, raw: goalInput({ title: `goal of ${who}` }), requestKey: key() });
      }
      const { goal } = await w.goals.create({ actorId: ORG.otherManager, raw: goalInput(), requestKey: key() });
      await w.goals.setReminders(ORG.owner, false);
      await w.peopleRepo.updateSettings(ORG.teammate, { nudgesPaused: true }, w.clock.now());
      await w.people.applyProfile({ id: ORG.stranger, teamId: 'T1', name: 'Carol', realName: 'Carol Example', isBot: false, deleted: true });
      w.clock.set(DUE - 2 * DAY);
      await w.goals.checkIn({ actorId: ORG.otherManager, goalId: goal.id, raw: { status: 'on-track' }, requestKey: key() });
      await w.run(DUE);
      expect(w.sent).toEqual([]);
      expect(w.db.prepare("SELECT COUNT(*) AS n FROM nudges WHERE kind = 'goal-reminder'").get()).toEqual({ n: 0 });
      await w.goals.setReminders(ORG.owner, true);
      await w.run(DUE + 60 * 60 * 1000);
      expect(w.sent.map((s) => s.personId)).toEqual([ORG.owner]);
    } finally {
      w.cleanup();
    }
  });

  it('sends nothing to a workspace that uninstalled the app or revoked its token', async () => {
    const w = await setup(undefined, false);
    try {
      await w.goals.create({ actorId: ORG.owner, raw: goalInput(), requestKey: key() });
      await w.run(DUE + 3 * DAY);
      expect(w.sent).toEqual([]);
      expect(w.db.prepare("SELECT COUNT(*) AS n FROM nudges").get()).toEqual({ n: 0 });
    } finally {
      w.cleanup();
    }
  });

  it('waits out a 429 without using up an attempt; a permanent failure is not retried', async () => {
    const limited = await setup({ code: 'ratelimited', times: 1, retryAfterMs: 10 * 60 * 1000 });
    try {
      await limited.goals.create({ actorId: ORG.owner, raw: goalInput(), requestKey: key() });
      await limited.run(DUE);
      await limited.run(DUE + 5 * 60 * 1000);
      expect(limited.sent).toHaveLength(0);
      await limited.run(DUE + 11 * 60 * 1000);
      expect(limited.sent).toHaveLength(1);
      expect(limited.db.prepare("SELECT status, attempts FROM nudges WHERE kind = 'goal-reminder'").get()).toEqual({ status: 'sent', attempts: 1 });
    } finally {
      limited.cleanup();
    }
    const permanent = await setup({ code: 'account_inactive', times: 5 });
    try {
      await permanent.goals.create({ actorId: ORG.owner, raw: goalInput(), requestKey: key() });
      for (let h = 0; h < 6; h += 1) await permanent.run(DUE + h * 2 * 60 * 60 * 1000);
      expect(permanent.db.prepare("SELECT status, reason, attempts FROM nudges WHERE kind = 'goal-reminder'").get()).toEqual({ status: 'failed', reason: 'account_inactive', attempts: 1 });
      expect(permanent.sent).toEqual([]);
    } finally {
      permanent.cleanup();
    }
  });
});
