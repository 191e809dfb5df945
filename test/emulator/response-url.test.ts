import { setup, section, type Setup } from './setup';

describe('emulator response_url', () => {
  let s: Setup;
  let alice: string;
  let channel: string;
  beforeEach(async () => {
    s = await setup();
    alice = s.emulator.addUser({ name: 'alice' }).id;
    channel = s.emulator.addChannel({ name: 'general', botMember: true }).id;
  });
  afterEach(() => s.emulator.close());

  const post = (url: string, body: unknown) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('is ephemeral to the user by default and in_channel on request', async () => {
    const url = s.emulator.issueResponseUrl({ userId: alice, channelId: channel });
    expect(url).toMatch(new RegExp(`^${s.emulator.origin}/response/`));
    expect((await post(url, { text: 'just you' })).status).toBe(200);
    expect((await post(url, { response_type: 'in_channel', text: 'everyone', blocks: [section('everyone')] })).status).toBe(200);
    expect(s.emulator.ephemerals(alice, channel).map((e) => e.text)).toEqual(['just you']);
    expect(s.emulator.messages(channel).map((m) => m.text)).toEqual(['everyone']);
  });

  it('replaces and deletes the original message', async () => {
    const { ts } = await s.client.chat.postMessage({ channel, text: 'original' });
    const url = s.emulator.issueResponseUrl({ userId: alice, channelId: channel, messageTs: ts });
    await post(url, { replace_original: true, text: 'replaced' });
    expect(s.emulator.messages(channel).map((m) => m.text)).toEqual(['replaced']);
    await post(url, { delete_original: true });
    expect(s.emulator.messages(channel)).toEqual([]);
    const eph = await s.client.chat.postEphemeral({ channel, user: alice, text: 'eph' });
    const ephUrl = s.emulator.issueResponseUrl({ userId: alice, channelId: channel, messageTs: eph.message_ts, isEphemeral: true });
    await post(ephUrl, { replace_original: true, text: 'eph v2' });
    expect(s.emulator.ephemerals(alice).map((e) => e.text)).toEqual(['eph v2']);
    await post(ephUrl, { delete_original: 'true' });
    expect(s.emulator.ephemerals(alice)).toEqual([]);
  });

  it('replaces the earlier answer of a slash command (its response_url had no original until it posted one)', async () => {
    const url = s.emulator.issueResponseUrl({ userId: alice, channelId: channel });
    await post(url, { text: 'working on it…' });
    await post(url, { replace_original: true, text: 'done' });
    expect(s.emulator.ephemerals(alice).map((e) => e.text)).toEqual(['done']);
    await post(url, { delete_original: true });
    expect(s.emulator.ephemerals(alice)).toEqual([]);
  });

  it('works 5 times, then 404 used_up', async () => {
    const url = s.emulator.issueResponseUrl({ userId: alice, channelId: channel });
    for (let i = 0; i < 5; i += 1) expect((await post(url, { text: `n${i}` })).status).toBe(200);
    const sixth = await post(url, { text: 'n5' });
    expect(sixth.status).toBe(404);
    expect(await sixth.text()).toBe('used_up');
    expect(s.emulator.ephemerals(alice)).toHaveLength(5);
    expect(s.emulator.violations().map((v) => [v.method, v.error])).toEqual([['response_url', 'used_up']]);
  });

  it('expires after 30 minutes of the emulator clock', async () => {
    const url = s.emulator.issueResponseUrl({ userId: alice, channelId: channel });
    s.clock.advance(30 * 60 * 1000);
    expect((await post(url, { text: 'just in time' })).status).toBe(200);
    s.clock.advance(1);
    const late = await post(url, { text: 'too late' });
    expect([late.status, await late.text()]).toEqual([404, 'expired']);
  });

  it('checks Block Kit like chat.postMessage', async () => {
    const url = s.emulator.issueResponseUrl({ userId: alice, channelId: channel });
    const res = await post(url, { text: 'x', blocks: [section('z'.repeat(3001))] });
    expect(res.status).toBe(400);
    expect(s.emulator.violations()[0]).toMatchObject({ method: 'response_url', error: 'invalid_blocks', rule: 'block_kit' });
    expect(s.emulator.ephemerals(alice)).toEqual([]);
  });
});
