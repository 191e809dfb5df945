import { checkInForm, goalForm, startGoalsApp, type GoalsApp } from './app';
import { eventually } from '../helpers/eventually';

/**
 * One set of goals, seen from every side: the owner (Alice), her manager (Maria), a teammate (Bob),
 * an admin (Adam) and a stranger from another team (Carol), across prep card, App Home and /goal.
 */
describe('goal visibility from each viewer, through Slack', () => {
  let app: GoalsApp;
  const ids: Record<string, number> = {};

  async function createGoal(userId: string, values: Parameters<typeof goalForm>[0]) {
    await app.driver.command(userId, '/goal', '');
    await app.emulator.waitFor(() => app.emulator.openView(userId));
    await app.driver.fillView(userId, goalForm(values));
    const res = await app.driver.submitView(userId);
    expect(res.errors).toBeUndefined();
    await app.driver.closeView(userId);
    ids[values.title as string] = (await app.query<{ id: number }>('SELECT id FROM goals WHERE title = ?', values.title))[0]!.id;
  }

  beforeAll(async () => {
    app = await startGoalsApp();
    await createGoal(app.ids.alice, { title: 'SECRET-private-goal', visibility: 'private' });
    await createGoal(app.ids.alice, { title: 'SHARED-manager-goal', visibility: 'manager' });
    await createGoal(app.ids.alice, { title: 'TEAM-visible-goal', visibility: 'team' });
    await createGoal(app.ids.maria, { title: 'MARIA-team-goal', kind: 'team', visibility: 'team' });
  });
  afterAll(async () => {
    await app.stop();
  });

  it('manager: the prep card shows shared goals (never the private one) and records a check-in from it', async () => {
    const { maria, alice } = app.ids;
    await app.driver.command(maria, '/oneonone', '@alice');
    const card = await app.emulator.waitFor(() => app.emulator.ephemerals(maria).find((e) => JSON.stringify(e).includes('1:1 prep')));
    const text = JSON.stringify(card);
    expect(text).toContain('SHARED-manager-goal');
    expect(text).toContain('TEAM-visible-goal');
    expect(text).not.toContain('SECRET-private-goal');
    await app.driver.clickButton(maria, { actionId: 'goal_check_in_open', value: String(ids['SHARED-manager-goal']), where: 'last-ephemeral' });
    await app.emulator.waitFor(() => app.emulator.openView(maria)?.callback_id === 'goal_check_in_modal');
    await app.driver.fillView(maria, checkInForm({ status: 'at-risk', note: 'Discussed in our 1:1: needs a second reviewer' }));
    expect((await app.driver.submitView(maria)).errors).toBeUndefined();
    expect(await app.query('SELECT author_id, status FROM goal_check_ins WHERE goal_id = ?', ids['SHARED-manager-goal'])).toEqual([{ author_id: maria, status: 'at-risk' }]);
    await app.driver.closeView(maria);
    await app.driver.openHome(maria);
    const home = await app.emulator.waitFor(() => {
      const h = JSON.stringify(app.emulator.home(maria) ?? '');
      return h.includes('SHARED-manager-goal') ? h : undefined;
    });
    expect(home).toContain('needs a second reviewer');
    expect(home).toContain(`<@${alice}>`);
    expect(app.seenBy(maria)).not.toContain('SECRET-private-goal');
    expect(app.emulator.violations()).toEqual([]);
  });

  it('owner: sees every goal of theirs, and the team goal of their manager', async () => {
    const { alice } = app.ids;
    await app.driver.openHome(alice);
    const home = await app.emulator.waitFor(() => {
      const h = JSON.stringify(app.emulator.home(alice) ?? '');
      return h.includes('Goals and growth') ? h : undefined;
    });
    for (const t of ['SECRET-private-goal', 'SHARED-manager-goal', 'TEAM-visible-goal', 'MARIA-team-goal']) expect(home).toContain(t);
    expect(app.emulator.violations()).toEqual([]);
  });

  it('teammate: sees team goals only, never private or manager-only ones', async () => {
    const { bob } = app.ids;
    await app.driver.openHome(bob);
    await app.emulator.waitFor(() => JSON.stringify(app.emulator.home(bob) ?? '').includes('Goals and growth'));
    await app.driver.command(bob, '/goal', 'list');
    await app.emulator.waitFor(() => app.lastEphemeral(bob));
    const seen = app.seenBy(bob);
    expect(seen).toContain('TEAM-visible-goal');
    expect(seen).toContain('MARIA-team-goal');
    expect(seen).not.toContain('SECRET-private-goal');
    expect(seen).not.toContain('SHARED-manager-goal');
    expect(app.emulator.violations()).toEqual([]);
  });

  it('admin and stranger: no goal text anywhere; the admin gets counts from /goal report, the stranger is refused', async () => {
    const { adam, carol } = app.ids;
    for (const who of [adam, carol]) {
      await app.driver.openHome(who);
      await app.emulator.waitFor(() => app.emulator.home(who));
      await app.driver.command(who, '/goal', 'report');
      await app.emulator.waitFor(() => app.lastEphemeral(who));
      await app.driver.command(who, '/goal', 'list');
      await app.emulator.waitFor(() => app.emulator.ephemerals(who).length >= 2);
      const seen = app.seenBy(who);
      for (const t of ['SECRET', 'SHARED', 'TEAM-visible', 'MARIA-team']) expect(seen).not.toContain(t);
    }
    expect(JSON.stringify(app.emulator.ephemerals(adam)[0])).toMatch(/Open and done goals: \*4\* held by \*2\* people/);
    expect(JSON.stringify(app.emulator.ephemerals(carol)[0])).toContain('Only a Leadwell admin');
    expect(app.emulator.violations()).toEqual([]);
  });

  it('a deactivated person\'s goals are kept but leave the manager\'s views', async () => {
    const { maria, alice } = app.ids;
    app.emulator.deactivateUser(alice);
    await app.driver.event('user_change', { type: 'user_change', user: { id: alice, team_id: app.emulator.state.team.id, name: 'alice', real_name: 'Alice Doe', deleted: true, is_bot: false, tz: 'Europe/Paris', profile: { real_name: 'Alice Doe', display_name: '' } } });
    await eventually(async () => (await app.query<{ deleted: number }>('SELECT deleted FROM people WHERE id = ?', alice))[0]?.deleted === 1);
    const publishes = () => app.emulator.calls.filter((c) => c.method === 'views.publish' && c.args.user_id === maria).length;
    const before = publishes();
    await app.driver.openHome(maria);
    await app.emulator.waitFor(() => publishes() > before);
    const home = JSON.stringify(app.emulator.home(maria));
    expect(home).not.toContain('SHARED-manager-goal');
    expect(home).toContain('MARIA-team-goal');
    expect(await app.query('SELECT COUNT(*) AS n FROM goals WHERE owner_id = ?', alice)).toEqual([{ n: 3 }]);
    expect(app.emulator.violations()).toEqual([]);
  });
});
