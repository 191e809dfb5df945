import type { WebClient } from '@slack/web-api';
import { createKudosPoster } from '../../src/slack/kudos-poster';
import type { Kudos } from '../../src/domain/kudos';

/** A scripted Web API at the process edge: each method answers from a queue, and every call is recorded. */
function scriptedClient(script: Record<string, Array<unknown | ((args: Record<string, unknown>) => unknown)>>) {
  const calls: Array<{ method: string; args: Record<string, unknown> }> = [];
  const call = (method: string) => async (args: Record<string, unknown>) => {
    calls.push({ method, args });
    const queue = script[method] ?? [];
    const next = queue.length > 1 ? queue.shift() : queue[0];
    const answer = typeof next === 'function' ? (next as (a: Record<string, unknown>) => unknown)(args) : next;
    if (answer instanceof Error) throw answer;
    return { ok: true, ...(answer as object) };
  };
  const client = {
    chat: { postMessage: call('chat.postMessage') },
    conversations: { info: call('conversations.info'), join: call('conversations.join'), list: call('conversations.list'), open: call('conversations.open') },
  } as unknown as WebClient;
  return { client, calls, methods: () => calls.map((c) => c.method) };
}

const platformError = (error: string) => Object.assign(new Error(error), { code: 'slack_webapi_platform_error', data: { ok: false, error } });
const rateLimited = (retryAfter: number) => Object.assign(new Error('rate limited'), { code: 'slack_webapi_rate_limited_error', retryAfter });

const kudos: Kudos = {
  id: 7, giverId: 'UG', recipientIds: ['U1', 'U2'], value: 'Craft', message: 'Thanks for the review', postStatus: 'pending', idempotencyKey: 'k', createdAt: 1,
};

const member = { 'conversations.info': [{ channel: { id: 'C1', is_member: true } }] };

describe('kudos poster', () => {
  it('waits Retry-After on a 429 and posts exactly once', async () => {
    const waits: number[] = [];
    const api = scriptedClient({ ...member, 'chat.postMessage': [rateLimited(2), { channel: 'C1', ts: '100.1' }] });
    const poster = createKudosPoster({ client: api.client, channel: 'C1', sleep: async (ms) => void waits.push(ms) });
    expect(await poster.postToChannel(kudos)).toEqual({ status: 'posted', channel: 'C1', ts: '100.1' });
    expect(waits).toEqual([2000]);
    expect(api.methods()).toEqual(['conversations.info', 'chat.postMessage', 'chat.postMessage']);
  });

  it('gives up after two retries and reports a failure to record', async () => {
    const api = scriptedClient({ ...member, 'chat.postMessage': [rateLimited(1)] });
    const poster = createKudosPoster({ client: api.client, channel: 'C1', sleep: async () => undefined });
    expect(await poster.postToChannel(kudos)).toEqual({ status: 'failed', error: 'slack_webapi_rate_limited_error', channel: 'C1' });
    expect(api.methods().filter((m) => m === 'chat.postMessage')).toHaveLength(3);
  });

  it('joins a public channel it is not in before the first post, then trusts it', async () => {
    const api = scriptedClient({
      'conversations.info': [{ channel: { id: 'C1', is_private: false, is_archived: false, is_member: false } }],
      'conversations.join': [{ channel: { id: 'C1' } }],
      'chat.postMessage': [(args: Record<string, unknown>) => ({ channel: args.channel, ts: '1.1' })],
    });
    const poster = createKudosPoster({ client: api.client, channel: 'C1' });
    expect(await poster.postToChannel(kudos)).toMatchObject({ status: 'posted' });
    await poster.postToChannel(kudos);
    expect(api.methods()).toEqual(['conversations.info', 'conversations.join', 'chat.postMessage', 'chat.postMessage']);
  });

  it.each([
    [{ 'conversations.info': [{ channel: { id: 'G1', is_private: true, is_member: false } }] }, 'private_channel'],
    [{ 'conversations.info': [{ channel: { id: 'G1', is_archived: true, is_member: true } }] }, 'channel_archived'],
    [{ 'conversations.info': [platformError('channel_not_found')] }, 'channel_not_found'],
  ])('does not post or join %j and says why', async (script, reason) => {
    const api = scriptedClient(script);
    const poster = createKudosPoster({ client: api.client, channel: 'G1' });
    expect(await poster.postToChannel(kudos)).toEqual({ status: 'not_posted', reason, channel: 'G1' });
    expect(api.methods()).toEqual(['conversations.info']);
  });

  it('rejoins once when it was removed from the channel since', async () => {
    const api = scriptedClient({
      'conversations.info': [{ channel: { id: 'C1', is_member: true } }, { channel: { id: 'C1', is_member: false } }],
      'conversations.join': [{ channel: { id: 'C1' } }],
      'chat.postMessage': [{ channel: 'C1', ts: '1.1' }, platformError('not_in_channel'), { channel: 'C1', ts: '1.2' }],
    });
    const poster = createKudosPoster({ client: api.client, channel: 'C1' });
    await poster.postToChannel(kudos);
    expect(await poster.postToChannel(kudos)).toEqual({ status: 'posted', channel: 'C1', ts: '1.2' });
    expect(api.methods()).toEqual(['conversations.info', 'chat.postMessage', 'chat.postMessage', 'conversations.info', 'conversations.join', 'chat.postMessage']);
  });

  it('resolves a channel name through the pages of conversations.list once', async () => {
    const api = scriptedClient({
      'conversations.list': [
        { channels: [{ id: 'C0', name: 'general' }], response_metadata: { next_cursor: 'p2' } },
        { channels: [{ id: 'C9', name: 'kudos', is_member: true }], response_metadata: { next_cursor: '' } },
      ],
      'chat.postMessage': [(args: Record<string, unknown>) => ({ channel: args.channel, ts: '2.2' })],
    });
    const poster = createKudosPoster({ client: api.client, channel: '#Kudos' });
    await poster.postToChannel(kudos);
    await poster.postToChannel(kudos);
    expect(api.methods().filter((m) => m === 'conversations.list')).toHaveLength(2);
    expect(api.calls.filter((c) => c.method === 'chat.postMessage').map((c) => c.args.channel)).toEqual(['C9', 'C9']);
  });

  it('says so when a named channel cannot be found (private without the bot, or a typo)', async () => {
    const api = scriptedClient({ 'conversations.list': [{ channels: [], response_metadata: { next_cursor: '' } }] });
    const poster = createKudosPoster({ client: api.client, channel: '#secret' });
    expect(await poster.postToChannel(kudos)).toEqual({ status: 'not_posted', reason: 'channel_not_found', channel: undefined });
  });

  it('DMs every recipient and names those it could not reach', async () => {
    const api = scriptedClient({
      'conversations.open': [(args: Record<string, unknown>) => (args.users === 'U2' ? platformError('user_not_found') : { channel: { id: `D${String(args.users)}` } })],
      'chat.postMessage': [(args: Record<string, unknown>) => ({ channel: args.channel, ts: '3.3' })],
    });
    const poster = createKudosPoster({ client: api.client, channel: 'C1' });
    expect(await poster.notifyRecipients(kudos)).toEqual(['U2']);
    expect(api.calls.filter((c) => c.method === 'chat.postMessage').map((c) => c.args.channel)).toEqual(['DU1']);
  });
});
