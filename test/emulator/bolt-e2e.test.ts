import { startEmulator, type Emulator } from '../../tools/emulator';
import { APP_TOKEN, BOT_TOKEN, SECRET, startTinyApp } from './bolt-app';

describe.each(['http', 'socket'] as const)('a real Bolt app through the emulator (%s)', (mode) => {
  let emulator: Emulator;
  let tiny: Awaited<ReturnType<typeof startTinyApp>>;
  let alice: string;

  beforeEach(async () => {
    emulator = await startEmulator({ signingSecret: SECRET, botToken: BOT_TOKEN, appToken: APP_TOKEN });
    alice = emulator.addUser({ name: 'alice', realName: 'Alice Doe', email: 'alice@example.com' }).id;
    emulator.addUser({ name: 'bob', realName: 'Bob Roe' });
    tiny = await startTinyApp(emulator, mode);
    if (mode === 'socket') await emulator.waitForSocket();
  });
  afterEach(async () => {
    await tiny.stop();
    await emulator.close();
  });

  const driverFor = () => emulator.driver(mode === 'http' ? { kind: 'http', url: tiny.url } : { kind: 'socket' });

  it('answers a slash command through respond(), with the mention escaped like Slack, and a button replaces it', async () => {
    const driver = driverFor();
    const res = await driver.command(alice, '/hello', '@bob');
    expect(res.status).toBe(200);
    const [eph] = await emulator.waitFor(() => (emulator.ephemerals(alice).length > 0 ? emulator.ephemerals(alice) : undefined));
    expect(eph?.text).toMatch(/^hello <@U[0-9A-Z]+\|bob>$/);
    expect(eph?.source).toBe('response_url');
    await driver.clickButton(alice, { actionId: 'wave', where: 'last-ephemeral' });
    await emulator.waitFor(() => emulator.ephemerals(alice)[0]?.text === 'waved w1');
    expect(emulator.ephemerals(alice)).toHaveLength(1);
    expect(emulator.violations()).toEqual([]);
  });

  it('passes Slack\'s url_verification (HTTP only)', async () => {
    if (mode === 'socket') return void expect(emulator.socketConnected()).toBe(true);
    const res = await driverFor().urlVerification();
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ challenge: res.challenge });
    expect(emulator.violations()).toEqual([]);
  });

  it('turns an ack body into an ephemeral or in-channel message', async () => {
    const driver = driverFor();
    const general = emulator.addChannel({ name: 'general', botMember: true });
    await driver.command(alice, '/quick', 'psst', { channelId: general.id });
    expect(emulator.ephemerals(alice, general.id).map((e) => e.text)).toEqual(['only for you: psst']);
    await driver.command(alice, '/quick', 'public', { channelId: general.id });
    expect(emulator.messages(general.id).map((m) => m.text)).toEqual(['for everyone']);
  });

  it('opens a modal from a shortcut, shows field errors, then closes on a good submission', async () => {
    const driver = driverFor();
    expect((await driver.globalShortcut(alice, 'open_greeting')).status).toBe(200);
    const view = await emulator.waitFor(() => emulator.openView(alice));
    expect(view.callback_id).toBe('greeting');

    const missing = await driver.submitView(alice);
    expect(missing.errors).toEqual({ name_block: expect.any(String) });

    driver.fillView(alice, { name_block: { name: 'bad' } });
    const rejected = await driver.submitView(alice);
    expect(rejected.errors).toEqual({ name_block: 'Pick a real name' });
    expect(emulator.openView(alice)?.errors).toEqual({ name_block: 'Pick a real name' });

    driver.fillView(alice, { name_block: { name: 'Alice' }, mood_block: { mood: 'calm' } });
    const accepted = await driver.submitView(alice);
    expect(accepted.status).toBe(200);
    expect(emulator.openView(alice)).toBeUndefined();
    const [dm] = await emulator.waitFor(() => (emulator.dms(alice).length ? emulator.dms(alice) : undefined));
    expect(dm?.text).toBe('Thanks Alice (calm, meta-1)');
    expect(emulator.violations()).toEqual([]);
    expect(tiny.logs.filter((l) => l.startsWith('error'))).toEqual([]);
  });
});
