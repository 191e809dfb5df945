import { checkInForm, goalForm, startGoalsApp, type GoalsApp } from './app';
import { eventually } from '../helpers/eventually';

/** Creating, updating and listing goals through Slack: /goal, its modals, /goal update, /goal list, App Home. */
describe('goals through the emulator (real app, signed requests)', () => {
  let app: GoalsApp;
  beforeEach(async () => {
    app = await startGoalsApp();
  });
  afterEach(async () => {
    await app.stop();
  });

  /** Reads through `app.query`, so the suite runs on SQLite and PostgreSQL alike. */
  const count = async (sql: string, ...p: unknown[]) => (await app.query<{ n: number }>(sql, ...p))[0]?.n;
  const one = async (sql: string, ...p: unknown[]) => (await app.query(sql, ...p))[0];
  const idOf = async (title: string) => (await app.query<{ id: number }>('SELECT id FROM goals WHERE title = ?', title))[0]!.id;
  const openModal = (userId: string) => app.emulator.waitFor(() => app.emulator.openView(userId));

  async function createGoal(userId: string, values: Parameters<typeof goalForm>[0]) {
    await app.driver.command(userId, '/goal', '');
    await openModal(userId);
    await app.driver.fillView(userId, goalForm(values));
    return app.driver.submitView(userId);
  }

  it('/goal opens the modal; bad input gets field errors; a good goal is stored once', async () => {
    const alice = app.ids.alice;
    await app.driver.command(alice, '/goal', '');
    const modal = await openModal(alice);
    expect(modal.callback_id).toBe('goal_modal');
    expect(JSON.stringify(modal.blocks)).not.toContain('goal_kind'); // Alice manages nobody: no team goals
    await app.driver.fillView(alice, goalForm({ title: '   ', due: '2020-01-01', why: 'w'.repeat(1001), visibility: 'manager' }));
    const bad = await app.driver.submitView(alice);
    expect(bad.errors).toEqual({
      goal_title: expect.stringMatching(/title/),
      goal_due: expect.stringMatching(/past/),
      goal_why: expect.stringMatching(/1000/),
    });
    expect(await count('SELECT COUNT(*) AS n FROM goals')).toBe(0);
    await app.driver.fillView(alice, goalForm({ title: 'Ship the billing migration', due: '2030-01-15', why: 'Customers wait on it', measure: 'All accounts moved' }));
    const ok = await app.driver.submitView(alice);
    expect(ok.errors).toBeUndefined();
    expect(JSON.stringify(app.emulator.openView(alice))).toContain('Goal created');
    expect(await app.query('SELECT owner_id, title, due_on, visibility, kind FROM goals')).toEqual([
      { owner_id: alice, title: 'Ship the billing migration', due_on: '2030-01-15', visibility: 'manager', kind: 'personal' },
    ]);
    expect(app.emulator.violations()).toEqual([]);
  });

  it('/goal update with one goal opens its check-in; progress out of range is refused; history is kept', async () => {
    const alice = app.ids.alice;
    await createGoal(alice, { title: 'Write the RFC', visibility: 'private' });
    await app.driver.closeView(alice);
    await app.driver.command(alice, '/goal', 'update');
    const modal = await app.emulator.waitFor(() => (app.emulator.openView(alice)?.callback_id === 'goal_check_in_modal' ? app.emulator.openView(alice) : undefined));
    expect(JSON.stringify(modal.blocks)).toContain('Write the RFC');
    await app.driver.fillView(alice, checkInForm({ status: 'at-risk', progress: '150', note: 'Blocked on review' }));
    expect((await app.driver.submitView(alice)).errors).toEqual({ check_in_progress: expect.stringMatching(/0 to 100/) });
    await app.driver.fillView(alice, checkInForm({ progress: '40' }));
    expect((await app.driver.submitView(alice)).errors).toBeUndefined();
    expect(await app.query('SELECT status, progress, note, author_id FROM goal_check_ins')).toEqual([{ status: 'at-risk', progress: 40, note: 'Blocked on review', author_id: alice }]);
    expect(await one('SELECT status, progress FROM goals')).toEqual({ status: 'at-risk', progress: 40 });
    expect(app.emulator.violations()).toEqual([]);
  });

  it('/goal update with several goals lists them with an Update button each; /goal list archives from its menu', async () => {
    const alice = app.ids.alice;
    for (const title of ['First goal', 'Second goal']) {
      await createGoal(alice, { title, visibility: 'manager' });
      await app.driver.closeView(alice);
    }
    const second = await idOf('Second goal');
    await app.driver.command(alice, '/goal', 'update');
    const picker = await app.emulator.waitFor(() => app.lastEphemeral(alice));
    expect(JSON.stringify(picker)).toContain('First goal');
    await app.driver.clickButton(alice, { actionId: 'goal_check_in_open', value: String(second), where: 'last-ephemeral' });
    await app.emulator.waitFor(() => app.emulator.openView(alice)?.callback_id === 'goal_check_in_modal');
    await app.driver.fillView(alice, checkInForm({ status: 'done' }));
    await app.driver.submitView(alice);
    expect(await one('SELECT status, progress FROM goals WHERE id = ?', second)).toEqual({ status: 'done', progress: 100 });
    await app.driver.closeView(alice);

    await app.driver.command(alice, '/goal', 'list');
    await app.emulator.waitFor(() => JSON.stringify(app.lastEphemeral(alice)).includes('Your goals'));
    await app.driver.clickButton(alice, { actionId: 'goal_menu', blockId: `goal_list_${second}`, value: `archive:${second}`, where: 'last-ephemeral' });
    await eventually(async () => (await count('SELECT COUNT(*) AS n FROM goals WHERE archived_at IS NOT NULL')) === 1);
    await app.emulator.waitFor(() => JSON.stringify(app.lastEphemeral(alice)).includes('Archived'));
    expect(await count('SELECT COUNT(*) AS n FROM goals')).toBe(2); // kept, not deleted
    const first = await idOf('First goal');
    await app.driver.clickButton(alice, { actionId: 'goal_menu', blockId: `goal_list_${first}`, value: `edit:${first}`, where: 'last-ephemeral' });
    const edit = await app.emulator.waitFor(() => (app.emulator.openView(alice)?.callback_id === 'goal_modal' ? app.emulator.openView(alice) : undefined));
    expect(JSON.stringify(edit.blocks)).toContain('First goal');
    await app.driver.fillView(alice, goalForm({ title: 'First goal, sharper', visibility: 'private' }));
    expect((await app.driver.submitView(alice)).errors).toBeUndefined();
    expect(await one('SELECT title, visibility FROM goals WHERE id = ?', first)).toEqual({ title: 'First goal, sharper', visibility: 'private' });
    await app.driver.closeView(alice);
    await app.driver.command(alice, '/goal', 'help');
    await app.emulator.waitFor(() => JSON.stringify(app.lastEphemeral(alice)).includes('/goal update'));
    expect(app.emulator.violations()).toEqual([]);
  });

  it('App Home: "New goal" and "Update" work from the tab, which is republished after each save', async () => {
    const maria = app.ids.maria;
    await app.driver.openHome(maria);
    await app.emulator.waitFor(() => JSON.stringify(app.emulator.home(maria) ?? '').includes('Goals and growth'));
    await app.driver.clickButton(maria, { actionId: 'goal_new', where: 'home' });
    const modal = await openModal(maria);
    expect(JSON.stringify(modal.blocks)).toContain('goal_kind'); // Maria manages a team
    await app.driver.fillView(maria, goalForm({ title: 'Halve on-call pages', kind: 'team', visibility: 'team', due: '2030-06-30' }));
    expect((await app.driver.submitView(maria)).errors).toBeUndefined();
    await app.emulator.waitFor(() => JSON.stringify(app.emulator.home(maria)).includes('Halve on-call pages'));
    await app.driver.closeView(maria);
    const id = (await app.query<{ id: number }>('SELECT id FROM goals'))[0]!.id;
    await app.driver.clickButton(maria, { actionId: 'goal_check_in_open', value: String(id), where: 'home' });
    await app.emulator.waitFor(() => app.emulator.openView(maria)?.callback_id === 'goal_check_in_modal');
    await app.driver.fillView(maria, checkInForm({ status: 'on-track', progress: '25', note: 'Alert review done' }));
    await app.driver.submitView(maria);
    await app.emulator.waitFor(() => JSON.stringify(app.emulator.home(maria)).includes('25%'));
    expect(await count('SELECT COUNT(*) AS n FROM goal_check_ins')).toBe(1);
    expect(app.emulator.violations()).toEqual([]);
  });
});
