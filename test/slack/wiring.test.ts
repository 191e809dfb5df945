import { startHarness, type Harness } from '../helpers/harness';
import { loadManifest } from './manifest.test';

/** Every command, shortcut and event in manifest.yml reaches a registered listener and is acknowledged. */
describe('manifest ↔ listener wiring', () => {
  let h: Harness;
  const manifest = loadManifest();
  const ran = (name: string) => h.logs.some((l) => l.includes(`"listener":"${name}"`) && l.includes('listener done'));

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.stop();
  });

  const commands: string[] = manifest.features.slash_commands.map((c: { command: string }) => c.command);
  it.each(commands)('%s is acknowledged by its own listener', async (command) => {
    const started = Date.now();
    const res = await h.driver.command(h.people.manager, command, 'help');
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(2500);
    await h.emulator.waitFor(() => ran(`command:${command.slice(1)}`));
    expect(ran('command:unknown')).toBe(false);
  });

  const shortcuts: Array<{ callback_id: string; type: string }> = manifest.features.shortcuts;
  it.each(shortcuts.map((s) => [s.callback_id, s.type]))('shortcut %s (%s) is acknowledged by its listener', async (callbackId, type) => {
    const res =
      type === 'global'
        ? await h.driver.globalShortcut(h.people.manager, callbackId)
        : await (async () => {
            const channel = h.emulator.addChannel({ name: `wiring-${Date.now()}`, members: [h.people.manager, h.people.alice] });
            const msg = h.emulator.postAs(h.people.alice, channel.id, 'shipped the release notes');
            return h.driver.messageShortcut(h.people.manager, callbackId, { channel: channel.id, ts: msg.ts });
          })();
    expect(res.status).toBe(200);
    await h.emulator.waitFor(() => ran(`shortcut:${callbackId}`));
  });

  const events: string[] = manifest.settings.event_subscriptions.bot_events;
  const payloads: Record<string, (h: Harness) => Record<string, unknown>> = {
    app_home_opened: (x) => ({ user: x.people.alice, channel: 'D0ALICE', tab: 'home' }),
    user_change: (x) => ({ user: { id: x.people.bob, team_id: 'T0LEADWELL', name: 'bob', real_name: 'Bob Roe', tz: 'Asia/Tokyo', profile: { display_name: 'bobby' } } }),
    app_uninstalled: () => ({}),
    tokens_revoked: () => ({ tokens: { oauth: [], bot: ['U0LEADWELL'] } }),
  };
  it.each(events)('event %s reaches its listener', async (type) => {
    const make = payloads[type];
    expect(make).toBeDefined();
    const res = await h.driver.event(type, make!(h));
    expect(res.status).toBe(200);
    await h.emulator.waitFor(() => ran(`event:${type}`));
  });

  it('made no invalid Web API call along the way', () => {
    expect(h.emulator.violations()).toEqual([]);
  });
});
