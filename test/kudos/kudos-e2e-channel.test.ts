import { startHarness, type Harness, type HarnessOptions } from '../helpers/harness';
import { kudosSteps } from './e2e-helpers';

let t: Harness | undefined;
let k: ReturnType<typeof kudosSteps>;
async function start(options: HarnessOptions = {}): Promise<Harness> {
  t = await startHarness(options);
  k = kudosSteps(t);
  return t;
}
afterEach(async () => {
  if (!t) return;
  expect(t.emulator.violations()).toEqual([]);
  await t.stop();
  t = undefined;
});

const GIVE = '@alice thanks for the crisp release notes #craft';

describe('the kudos channel', () => {
  it('a private channel without the bot: stored and DMed, and the giver is told how to fix it', async () => {
    const h = await start({ kudosChannel: { name: 'kudos', isPrivate: true } });
    const { manager: maria, alice } = h.people;
    const reply = await k.command(maria, GIVE);
    expect(reply?.text).toContain('Kudos sent to');
    expect(JSON.stringify(reply?.blocks)).toMatch(/I cannot find #kudos: it may be private without me in it\. Ask someone in it to `\/invite @Leadwell`/);
    expect(k.posts()).toEqual([]);
    expect(h.emulator.calls.map((c) => c.method)).not.toContain('conversations.join');
    await h.emulator.waitFor(() => h.emulator.dms(alice).length > 0);
    expect((await k.kudosRows())[0]).toMatchObject({ post_status: 'not_posted', post_error: 'channel_not_found', post_ts: null });
  });

  it('a private channel the bot was invited to: posts there without trying to join', async () => {
    const h = await start({ kudosChannel: { name: 'kudos', isPrivate: true, botMember: true } });
    await k.command(h.people.manager, GIVE);
    expect(k.posts()).toHaveLength(1);
    expect(h.emulator.calls.map((c) => c.method)).not.toContain('conversations.join');
    expect((await k.kudosRows())[0]).toMatchObject({ post_status: 'posted', post_channel: h.kudosChannel });
  });

  it('an archived channel: stored and DMed, and the giver is told', async () => {
    const h = await start({ kudosChannel: { name: 'kudos', isArchived: true } });
    const reply = await k.command(h.people.manager, GIVE);
    expect(JSON.stringify(reply?.blocks)).toContain('#kudos is archived');
    expect((await k.kudosRows())[0]).toMatchObject({ post_status: 'not_posted', post_error: 'channel_archived' });
    await h.emulator.waitFor(() => h.emulator.dms(h.people.alice).length > 0);
  });

  it('a public channel given by id that the bot is not in: joins once, then just posts', async () => {
    const channel = { name: 'kudos', id: 'C0KUDOSID' };
    const h = await start({ kudosChannel: channel, env: { KUDOS_CHANNEL: 'C0KUDOSID' } });
    await k.command(h.people.manager, GIVE);
    await k.command(h.people.bob, '@carol thanks for the patient onboarding #teamwork');
    const methods = h.emulator.calls.map((c) => c.method).filter((m) => m.startsWith('conversations.') && m !== 'conversations.open');
    expect(methods).toEqual(['conversations.info', 'conversations.join']);
    expect(k.posts()).toHaveLength(2);
  });
});

describe('a 429 from chat.postMessage', () => {
  it('the reply says it waits for Slack; after Retry-After it is posted once and the giver is told by DM', async () => {
    const h = await start();
    h.emulator.inject('chat.postMessage', { type: 'rate_limited', retryAfter: 1 });
    const reply = await k.command(h.people.manager, GIVE);
    expect(JSON.stringify(reply?.blocks)).toContain('it is saved and will be posted in #kudos when Slack is back');
    expect(k.posts()).toEqual([]);
    // Still inside Retry-After: the dispatcher makes no call at all (the hold covers the workspace's posts).
    const calls = h.emulator.calls.length;
    await h.leadwell.scheduler.runNow('outbox-dispatcher');
    expect(h.emulator.calls.length).toBe(calls);
    h.clock.advance(1000);
    await h.leadwell.scheduler.runNow('outbox-dispatcher');
    await h.leadwell.scheduler.runNow('outbox-dispatcher');
    expect(k.posts()).toHaveLength(1);
    expect(h.emulator.dms(h.people.alice)).toHaveLength(1);
    const posts = h.emulator.calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === h.kudosChannel);
    expect(posts.map((c) => c.ok)).toEqual([false, true]);
    expect((await k.kudosRows())[0]).toMatchObject({ post_status: 'posted', post_error: null, post_ts: k.posts()[0]?.ts });
    const confirmation = h.emulator.dms(h.people.manager).map((m) => m.text).join('\n');
    expect(confirmation).toContain('Kudos sent to');
    expect(h.emulator.dms(h.people.manager)).toHaveLength(1);
  });
});

describe('values in action summary', () => {
  it('is off by default, only an admin switches it, and it shows values and spread, never names', async () => {
    const h = await start();
    const { manager: maria, admin } = h.people;
    expect((await k.command(maria, 'summary on'))?.text).toMatch(/Only a Leadwell admin/);
    expect(await h.leadwell.slack.deps.kudosInsights.summaryEnabled()).toBe(false);
    expect((await k.command(admin, 'summary on'))?.text).toMatch(/summary is on/);
    expect(await h.query("SELECT value FROM settings WHERE key = 'kudos.values_in_action_summary'")).toEqual([{ value: 'on' }]);
    await k.command(maria, GIVE);
    const preview = await k.command(admin, 'summary');
    const shown = JSON.stringify(preview?.blocks);
    expect(shown).toContain('*Craft* · 1');
    expect(shown).not.toMatch(/<@U/);
    expect((await k.command(admin, 'summary off'))?.text).toMatch(/summary is off/);
  });

  it('is posted by the monthly job once, for last month, only when switched on', async () => {
    const h = await start();
    const { manager: maria, admin } = h.people;
    await k.command(maria, GIVE);
    const postsBefore = k.posts().length;
    h.clock.set(Date.UTC(2026, 11, 1, 10, 0));
    await h.leadwell.scheduler.runNow('kudos-values-summary');
    expect(k.posts()).toHaveLength(postsBefore);
    await k.command(admin, 'summary on');
    await h.leadwell.scheduler.runNow('kudos-values-summary');
    await h.leadwell.scheduler.runNow('kudos-values-summary');
    expect(k.posts()).toHaveLength(postsBefore + 1);
    const summary = JSON.stringify(k.posts()[k.posts().length - 1]);
    expect(summary).toContain('Craft');
    expect(summary).not.toMatch(/<@U/);
    expect(h.emulator.violations()).toEqual([]);
  });
});
