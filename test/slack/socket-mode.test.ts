import { setTeam, startHarness, type Harness } from '../helpers/harness';

/** The real Leadwell in Socket Mode: apps.connections.open with the app token, hello, envelopes, acks. */
describe('Socket Mode', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ mode: 'socket' });
  });
  afterAll(async () => {
    await h.stop();
  });

  it('connects with the app token through SLACK_API_URL', () => {
    const open = h.emulator.calls.filter((c) => c.method === 'apps.connections.open');
    expect(open.length).toBeGreaterThanOrEqual(1);
    expect(open[0]!.token).toMatch(/^xapp-/);
    expect(h.emulator.socketConnected()).toBe(true);
  });

  it('answers a slash command envelope with the same prep card as over HTTP', async () => {
    await setTeam(h, h.people.manager, [h.people.alice]);
    const res = await h.driver.command(h.people.manager, '/oneonone', `<@${h.people.alice}|alice>`);
    expect(res.status).toBe(200);
    const card = await h.emulator.waitFor(() => h.emulator.ephemerals(h.people.manager).find((m) => m.text.includes('Alice')));
    expect(JSON.stringify(card.blocks)).toContain('Log this 1:1');
  });

  it('acks help in the envelope payload', async () => {
    const res = await h.driver.command(h.people.manager, '/oneonone', 'help');
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body)).toContain('oneonone');
  });

  it('handles events and interactivity over the socket, and retries only once', async () => {
    const first = await h.driver.event('app_home_opened', { user: h.people.alice, channel: 'D0ALICE', tab: 'home' });
    await h.emulator.waitFor(() => h.emulator.home(h.people.alice));
    const publishes = h.emulator.calls.filter((c) => c.method === 'views.publish').length;
    await first.retry(1, 'timeout');
    await new Promise((r) => setTimeout(r, 300));
    expect(h.emulator.calls.filter((c) => c.method === 'views.publish').length).toBe(publishes);
    await h.driver.globalShortcut(h.people.manager, 'give_kudos');
    const view = await h.emulator.waitFor(() => h.emulator.openView(h.people.manager));
    expect(view.type).toBe('modal');
  });

  it('reconnects after Slack asks it to refresh the connection', async () => {
    const opens = () => h.emulator.calls.filter((c) => c.method === 'apps.connections.open').length;
    const before = opens();
    await h.emulator.disconnectSocket('refresh_requested');
    await h.emulator.waitFor(() => opens() > before && h.emulator.socketConnected(), { timeoutMs: 10_000 });
    const res = await h.driver.command(h.people.manager, '/oneonone', 'help');
    expect(res.status).toBe(200);
    expect(h.emulator.violations()).toEqual([]);
  });
});
