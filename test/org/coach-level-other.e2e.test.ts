import { setTeam, startHarness, type Harness } from '../helpers/harness';

/** An admin looks up someone else's level with `/coach level @person`. */
describe('/coach level @person', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    await setTeam(h, h.people.manager, [h.people.alice]);
  });
  afterAll(async () => {
    await h.stop();
  });

  async function ask(user: string, text: string): Promise<string> {
    const before = h.emulator.ephemerals(user).length;
    await h.driver.command(user, '/coach', text);
    const all = await h.emulator.waitFor(() => (h.emulator.ephemerals(user).length > before ? h.emulator.ephemerals(user) : undefined));
    return all[all.length - 1]!.text;
  }

  it('words the answer about that person, not about the admin', async () => {
    const manager = await ask(h.people.admin, `level <@${h.people.manager}|maria>`);
    expect(manager).toContain(`<@${h.people.manager}> is coached as a *`);
    expect(manager).not.toMatch(/You're|your org chart/);
    const report = await ask(h.people.admin, `level <@${h.people.alice}|alice>`);
    expect(report).toContain(`<@${h.people.alice}> doesn't manage anyone`);
    expect(h.emulator.violations()).toEqual([]);
  });
});
