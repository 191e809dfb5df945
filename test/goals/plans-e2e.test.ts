import { DateTime } from 'luxon';
import { goalForm, startGoalsApp, type GoalsApp } from './app';
import { goalRemindersJob } from '../../src/jobs/goal-reminders';
import { eventually } from '../helpers/eventually';

/** Development plans from App Home and the prep card, and the stale-goal reminder, through Slack. */
describe('development plans and the stale-goal reminder, through the emulator', () => {
  let app: GoalsApp;
  beforeEach(async () => {
    app = await startGoalsApp();
  });
  afterEach(async () => {
    await app.stop();
  });

  const homeOf = (userId: string) => JSON.stringify(app.emulator.home(userId) ?? '');
  async function openHome(userId: string) {
    await app.driver.openHome(userId);
    return app.emulator.waitFor(() => (homeOf(userId).includes('Goals and growth') ? homeOf(userId) : undefined));
  }
  const step = (i: number, text: string, date?: string, status?: string) => ({
    [`plan_step_text_${i}`]: { value: text },
    ...(date ? { [`plan_step_date_${i}`]: { value: date } } : {}),
    ...(status ? { [`plan_step_status_${i}`]: { value: status } } : {}),
  });

  it('one plan, co-owned: the person writes it, the manager sees the same plan and suggests, the prep card shows open steps', async () => {
    const { alice, maria, bob } = app.ids;
    await openHome(alice);
    await app.driver.clickButton(alice, { actionId: 'plan_open', value: alice, where: 'home' });
    await app.emulator.waitFor(() => app.emulator.openView(alice)?.callback_id === 'plan_modal');
    await app.driver.fillView(alice, { plan_strengths: { value: 'Clear writing' }, plan_direction: { value: 'Staff engineer' }, ...step(0, 'Lead an incident review', '2020-01-01', 'in-progress') });
    expect((await app.driver.submitView(alice)).errors).toEqual({ plan_step_date_0: expect.stringMatching(/past/) });
    await app.driver.fillView(alice, step(0, 'Lead an incident review', '2030-03-01', 'in-progress'));
    expect((await app.driver.submitView(alice)).errors).toBeUndefined();
    await app.emulator.waitFor(() => homeOf(alice).includes('Staff engineer'));
    await app.driver.closeView(alice);

    await openHome(maria);
    await app.driver.clickButton(maria, { actionId: 'plan_open', value: alice, where: 'home' });
    const managerView = await app.emulator.waitFor(() => (app.emulator.openView(maria)?.callback_id === 'plan_modal' ? app.emulator.openView(maria) : undefined));
    expect(JSON.stringify(managerView.blocks)).toContain('Clear writing');
    expect(JSON.stringify(managerView.blocks)).toContain('Last updated');
    await app.driver.fillView(maria, { plan_suggestion: { value: 'Present the review at the eng all-hands' } });
    expect((await app.driver.submitView(maria)).errors).toBeUndefined();
    expect(await app.query('SELECT author_id, text FROM plan_suggestions')).toEqual([{ author_id: maria, text: 'Present the review at the eng all-hands' }]);
    await app.driver.closeView(maria);

    await openHome(alice);
    await app.emulator.waitFor(() => homeOf(alice).includes('1 suggestion waiting'));
    await app.driver.command(maria, '/oneonone', '@alice');
    const card = await app.emulator.waitFor(() => app.emulator.ephemerals(maria).find((e) => JSON.stringify(e).includes('1:1 prep')));
    expect(JSON.stringify(card)).toContain('Lead an incident review');
    // A teammate never gets the plan: not in their Home, not in anything they were sent.
    await openHome(bob);
    expect(app.seenBy(bob)).not.toContain('Staff engineer');
    expect(app.emulator.violations()).toEqual([]);
  });

  it('/goal plan @name: the manager opens a report\'s plan, a teammate or stranger is refused', async () => {
    const { alice, maria, bob, carol } = app.ids;
    await app.driver.command(maria, '/goal', 'plan @alice');
    const view = await app.emulator.waitFor(() => (app.emulator.openView(maria)?.callback_id === 'plan_modal' ? app.emulator.openView(maria) : undefined));
    expect(JSON.parse(view.private_metadata ?? '{}')).toMatchObject({ personId: alice });
    for (const who of [bob, carol]) {
      await app.driver.command(who, '/goal', 'plan @alice');
      const reply = await app.emulator.waitFor(() => app.lastEphemeral(who));
      expect(JSON.stringify(reply)).toContain('shared only between a person and their manager');
      expect(app.emulator.openView(who)).toBeUndefined();
    }
    expect(app.emulator.violations()).toEqual([]);
  });

  it('prep card: a career conversation prompt after 90 days without one, with level questions, and the plan opened from the card', async () => {
    const { alice, maria } = app.ids;
    const held = DateTime.fromMillis(app.clock.now(), { zone: 'Europe/Paris' }).minus({ days: 100 }).set({ hour: 12 });
    await app.query(
      'INSERT INTO one_on_ones (manager_id, report_id, held_on, held_at, notes, career_talk, idempotency_key, created_at) VALUES (?, ?, ?, ?, \'\', 0, \'seed-1\', ?)',
      maria, alice, held.toISODate(), held.toMillis(), held.toMillis(),
    );
    await app.driver.command(maria, '/oneonone', '@alice');
    const card = JSON.stringify(await app.emulator.waitFor(() => app.emulator.ephemerals(maria).find((e) => JSON.stringify(e).includes('1:1 prep'))));
    expect(card).toContain('Time for a career conversation');
    // The frontline career item's questions, from prompts/ (Maria manages individual contributors).
    expect(card).toMatch(/Time for a career conversation\*[^"]*?\\n• [^"]+\?\\n• [^"]+\?/);
    await app.driver.clickButton(maria, { actionId: 'plan_open', value: alice, where: 'last-ephemeral' });
    const view = await app.emulator.waitFor(() => (app.emulator.openView(maria)?.callback_id === 'plan_modal' ? app.emulator.openView(maria) : undefined));
    expect(JSON.stringify(view.blocks)).toContain('plan_suggestion'); // opened as her manager
    await app.driver.fillView(maria, { plan_direction: { value: 'Team lead within two years' } });
    expect((await app.driver.submitView(maria)).errors).toBeUndefined();
    expect(await app.query('SELECT career_direction, updated_by FROM development_plans WHERE person_id = ?', alice)).toEqual([{ career_direction: 'Team lead within two years', updated_by: maria }]);
    expect(app.emulator.violations()).toEqual([]);
  });

  it('stale goals in a manager\'s weekly nudge, with an Update button that records the check-in', async () => {
    const { maria } = app.ids;
    await app.driver.command(maria, '/goal', '');
    await app.emulator.waitFor(() => app.emulator.openView(maria));
    await app.driver.fillView(maria, goalForm({ title: 'Hire two engineers', kind: 'team', visibility: 'team' }));
    await app.driver.submitView(maria);
    await app.driver.closeView(maria);
    // Maria's weekly slot (Monday 09:00 in Paris), at least 15 days on.
    let at = DateTime.fromMillis(app.clock.now(), { zone: 'Europe/Paris' }).plus({ days: 15 }).set({ hour: 9, minute: 30 });
    while (at.weekday !== 1) at = at.plus({ days: 1 });
    app.clock.set(at.toMillis());
    await app.leadwell.scheduler.runNow('weekly-nudges');
    // The dispatcher paces sends (a shared rate slot): give it a few turns.
    for (let i = 0; i < 5 && !app.emulator.dms(maria).length; i += 1) {
      await app.leadwell.scheduler.runNow('outbox-dispatcher');
      app.clock.advance(60_000);
    }
    const nudge = await app.emulator.waitFor(() => app.emulator.dms(maria).find((m) => JSON.stringify(m).includes('Hire two engineers')));
    expect(JSON.stringify(nudge)).toContain('no check-in for two weeks');
    const id = (await app.query<{ id: number }>("SELECT id FROM goals WHERE title = 'Hire two engineers'"))[0]!.id;
    await app.driver.clickButton(maria, { actionId: 'goal_check_in_open', value: String(id), where: 'last-dm' });
    await app.emulator.waitFor(() => app.emulator.openView(maria)?.callback_id === 'goal_check_in_modal');
    await app.driver.fillView(maria, { check_in_status: { status: 'on-track' }, check_in_note: { note: 'One offer out' } });
    expect((await app.driver.submitView(maria)).errors).toBeUndefined();
    expect(await app.query('SELECT author_id, note FROM goal_check_ins WHERE goal_id = ?', id)).toEqual([{ author_id: maria, note: 'One offer out' }]);
    expect(app.emulator.violations()).toEqual([]);
  });

  it('stale goals: a monthly DM for a non-manager (once), with Update and an opt-out that sticks; managers are left to the weekly nudge', async () => {
    const { alice, maria } = app.ids;
    for (const [who, title] of [[alice, 'Quiet goal of Alice'], [maria, 'Quiet goal of Maria']] as const) {
      await app.driver.command(who, '/goal', '');
      await app.emulator.waitFor(() => app.emulator.openView(who));
      await app.driver.fillView(who, goalForm({ title, visibility: 'manager' }));
      await app.driver.submitView(who);
      await app.driver.closeView(who);
    }
    // The next weekday at 10:00 in Paris at least 15 days on: due for a reminder.
    let at = DateTime.fromMillis(app.clock.now(), { zone: 'Europe/Paris' }).plus({ days: 15 }).set({ hour: 10, minute: 0 });
    while (at.weekday > 5) at = at.plus({ days: 1 });
    app.clock.set(at.toMillis());
    await app.leadwell.scheduler.runNow(goalRemindersJob.name);
    await app.leadwell.scheduler.runNow(goalRemindersJob.name);
    const reminders = () => app.emulator.dms(alice).filter((m) => JSON.stringify(m).includes('Quiet goal of Alice'));
    await app.emulator.waitFor(() => reminders().length > 0);
    expect(reminders()).toHaveLength(1);
    expect(JSON.stringify(app.emulator.dms(maria))).not.toContain('monthly nudge');
    expect(await app.query("SELECT person_id, status FROM nudges WHERE kind = 'goal-reminder'")).toEqual([{ person_id: alice, status: 'sent' }]);
    await app.driver.clickButton(alice, { actionId: 'goal_reminders_off', where: 'last-dm' });
    await eventually(async () => (await app.query('SELECT 1 FROM goal_reminder_opt_outs WHERE person_id = ?', alice)).length > 0);
    // The reminder is replaced by the confirmation; a month on, no new reminder arrives.
    await app.emulator.waitFor(() => reminders().length === 0 && app.emulator.dms(alice).some((m) => m.text.includes('no more monthly goal reminders')));
    app.clock.set(at.plus({ months: 1 }).toMillis() + (at.plus({ months: 1 }).weekday > 5 ? 2 * 86_400_000 : 0));
    await app.leadwell.scheduler.runNow(goalRemindersJob.name);
    expect(reminders()).toHaveLength(0);
    expect(await app.query("SELECT COUNT(*) AS n FROM nudges WHERE kind = 'goal-reminder'")).toEqual([{ n: 1 }]);
    expect(app.emulator.violations()).toEqual([]);
  });
});
