import { setTeam, startHarness, type Harness } from '../helpers/harness';

/** An unexpected failure inside a listener: the user gets a friendly private message with a reference id, the log has the same id. */
describe('global error handler', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    await setTeam(h, h.people.manager, [h.people.alice]);
  });
  afterAll(async () => {
    await h.stop();
  });

  it('tells the user with a reference id that is also in the log, and keeps serving', async () => {
    h.emulator.inject('views.open', { type: 'error', error: 'internal_error' });
    const res = await h.driver.command(h.people.manager, '/oneonone', `log <@${h.people.alice}|alice>`);
    expect(res.status).toBe(200);
    const msg = await h.emulator.waitFor(() => h.emulator.ephemerals(h.people.manager).find((m) => /reference/i.test(JSON.stringify(m))));
    const ref = /`([0-9a-f]{8})`/.exec(JSON.stringify(msg.blocks))?.[1];
    expect(ref).toMatch(/^[0-9a-f]{8}$/);
    expect(msg.text).not.toMatch(/internal_error|Error:|at \//);
    const logged = h.logs.find((l) => l.includes(`"ref":"${ref}"`));
    expect(logged).toContain('listener failed');
    // Still serving.
    const next = await h.driver.command(h.people.manager, '/oneonone', 'help');
    expect(next.status).toBe(200);
  });
});
