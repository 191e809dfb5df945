import { freshDb } from '../helpers/db';
import { createGoalReminders, type GoalReminderNotifier } from '../../src/domain/goal-reminders';
import { createGoalReminderClaims } from '../../src/storage/goal-reminder-repository';
import { createGoalReminderPrefs } from '../../src/storage/goal-repository';
import { goalRemindersJob } from '../../src/jobs/goal-reminders';
import type { GoalView } from '../../src/domain/goal';
import { DAY, goalInput, goalsWorld, key, ORG } from './fixtures';

/** Fri 11 Dec 2026 18:00 UTC = 10:00 in Los Angeles (Alice), 14 days after the fixtures' NOW. */
const DUE = Date.UTC(2026, 11, 11, 18, 0);

function setup(failWith?: { code: string; times: number }, canSend = true) {
  const t = freshDb();
  const w = goalsWorld(t.db);
  const sent: Array<{ personId: string; goals: GoalView[] }> = [];
  let failures = failWith?.times ?? 0;
  const notifier: GoalReminderNotifier = {
    async sendGoalReminder(personId, goals) {
      if (failures > 0) {
        failures -= 1;
        throw Object.assign(new Error('slack said no'), { data: { error: failWith?.code } });
      }
      sent.push({ personId, goals });
      return { channel: `D${personId}`, ts: String(sent.length) };
    },
  };
  const reminders = createGoalReminders({
    goals: w.goalRepo,
    goalService: w.goals,
    prefs: createGoalReminderPrefs(t.db),
    people: w.peopleRepo,
    claims: createGoalReminderClaims(t.db),
    notifier,
    events: w.events,
    clock: w.clock,
    workspaces: { canSend: () => canSend },
  });
  const run = async (at: number) => {
    w.clock.set(at);
    await goalRemindersJob.run({ goalReminders: reminders }, at);
  };
  return { ...t, ...w, sent, run, reminders };
}

describe('monthly goal reminder (job → domain → nudges table, fake Slack edge)', () => {
  it('reminds a non-manager once a month about goals quiet for 14 days, at their hour on a weekday', async () => {
    const w = setup();
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
    const w = setup();
    try {
      for (const who of [ORG.manager, ORG.owner, ORG.teammate, ORG.stranger]) {
        await w.goals.create({ actorId: who, raw: goalInput({ title: `goal of ${who}` }), requestKey: key() });
      }
      const { goal } = await w.goals.create({ actorId: ORG.otherManager, raw: goalInput(), requestKey: key() });
      w.goals.setReminders(ORG.owner, false);
      w.peopleRepo.updateSettings(ORG.teammate, { nudgesPaused: true }, w.clock.now());
      w.people.applyProfile({ id: ORG.stranger, teamId: 'T1', name: 'Carol', realName: 'Carol Example', isBot: false, deleted: true });
      w.clock.set(DUE - 2 * DAY);
      w.goals.checkIn({ actorId: ORG.otherManager, goalId: goal.id, raw: { status: 'on-track' }, requestKey: key() });
      await w.run(DUE);
      expect(w.sent).toEqual([]);
      expect(w.db.prepare("SELECT COUNT(*) AS n FROM nudges WHERE kind = 'goal-reminder'").get()).toEqual({ n: 0 });
      w.goals.setReminders(ORG.owner, true);
      await w.run(DUE + 60 * 60 * 1000);
      expect(w.sent.map((s) => s.personId)).toEqual([ORG.owner]);
    } finally {
      w.cleanup();
    }
  });

  it('sends nothing to a workspace that uninstalled the app or revoked its token', async () => {
    const w = setup(undefined, false);
    try {
      await w.goals.create({ actorId: ORG.owner, raw: goalInput(), requestKey: key() });
      await w.run(DUE + 3 * DAY);
      expect(w.sent).toEqual([]);
      expect(w.db.prepare("SELECT COUNT(*) AS n FROM nudges").get()).toEqual({ n: 0 });
    } finally {
      w.cleanup();
    }
  });

  it('retries a transient failure an hour later, at most three attempts; a permanent one is not retried', async () => {
    const transient = setup({ code: 'ratelimited', times: 1 });
    try {
      await transient.goals.create({ actorId: ORG.owner, raw: goalInput(), requestKey: key() });
      await transient.run(DUE);
      await transient.run(DUE + 30 * 60 * 1000);
      expect(transient.sent).toHaveLength(0);
      await transient.run(DUE + 61 * 60 * 1000);
      expect(transient.sent).toHaveLength(1);
      expect(transient.db.prepare("SELECT status, attempts FROM nudges WHERE kind = 'goal-reminder'").get()).toEqual({ status: 'sent', attempts: 2 });
    } finally {
      transient.cleanup();
    }
    const permanent = setup({ code: 'account_inactive', times: 5 });
    try {
      await permanent.goals.create({ actorId: ORG.owner, raw: goalInput(), requestKey: key() });
      for (let h = 0; h < 6; h += 1) await permanent.run(DUE + h * 2 * 60 * 60 * 1000);
      expect(permanent.db.prepare("SELECT status, reason, attempts FROM nudges WHERE kind = 'goal-reminder'").get()).toEqual({ status: 'failed', reason: 'account_inactive', attempts: 3 });
      expect(permanent.sent).toEqual([]);
    } finally {
      permanent.cleanup();
    }
  });
});
