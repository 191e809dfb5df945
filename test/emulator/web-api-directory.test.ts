import { WebClient } from '@slack/web-api';
import { readReference } from '../helpers/reference';
import { APP_TOKEN, quietLogger } from './bolt-app';
import { expectShape, setup, slackError, type Setup } from './setup';

describe('emulator Web API: users, team, conversations, files, apps.connections.open', () => {
  let s: Setup;
  beforeEach(async () => {
    s = await setup();
  });
  afterEach(() => s.emulator.close());

  it('auth.test and team.info answer with the shapes of Slack\'s responses', async () => {
    const auth = await s.client.auth.test();
    expect(auth).toMatchObject({ ok: true, team_id: 'T0LEADWELL', user_id: 'U0LEADWELL', bot_id: 'B0LEADWELL' });
    expectShape(auth, readReference('api-response-shapes/auth.test.json'));
    const team = await s.client.team.info();
    expect(team.team?.name).toBe('Leadwell');
    expectShape(team, readReference('api-response-shapes/team.info.json'));
  });

  it('users.info / lookupByEmail / profile.get show what was seeded, and strangers are user_not_found', async () => {
    const alice = s.emulator.addUser({ name: 'alice', realName: 'Alice Doe', displayName: 'ali', email: 'Alice@Example.com', tz: 'Europe/Paris' });
    s.emulator.setStatus(alice.id, 'On holiday', ':palm_tree:');
    const info = await s.client.users.info({ user: alice.id });
    expect(info.user).toMatchObject({ id: alice.id, name: 'alice', real_name: 'Alice Doe', tz: 'Europe/Paris', tz_offset: 3600, deleted: false, is_bot: false });
    expect(info.user?.profile).toMatchObject({ display_name: 'ali', email: 'Alice@Example.com', status_text: 'On holiday', status_emoji: ':palm_tree:' });
    expectShape(info, readReference('api-response-shapes/users.info.json'));
    expect((await s.client.users.lookupByEmail({ email: 'alice@example.com' })).user?.id).toBe(alice.id);
    expectShape(await s.client.users.lookupByEmail({ email: 'alice@example.com' }), readReference('api-response-shapes/users.lookupByEmail.json'));
    expect((await s.client.users.profile.get({ user: alice.id })).profile).toMatchObject({ status_text: 'On holiday', status_emoji: ':palm_tree:' });
    expect(await slackError(s.client.users.info({ user: 'U0OTHERTEAM' }))).toBe('user_not_found');
    expect(await slackError(s.client.users.lookupByEmail({ email: 'nobody@example.com' }))).toBe('users_not_found');
    s.emulator.deactivateUser(alice.id);
    expect((await s.client.users.info({ user: alice.id })).user?.deleted).toBe(true);
    expect(await slackError(s.client.users.lookupByEmail({ email: 'alice@example.com' }))).toBe('users_not_found');
  });

  it('users.list pages with cursors until every member is seen once', async () => {
    for (let i = 0; i < 7; i += 1) s.emulator.addUser({ name: `user${i}` });
    const first = await s.client.users.list({ limit: 3 });
    expect(first.members).toHaveLength(3);
    expect(first.response_metadata?.next_cursor).not.toBe('');
    expectShape({ ...first, response_metadata: undefined }, readReference('api-response-shapes/users.list.json'));
    const ids: string[] = [];
    for await (const page of s.client.paginate('users.list', { limit: 3 })) ids.push(...(((page as { members?: { id: string }[] }).members) ?? []).map((m) => m.id));
    expect(ids).toHaveLength(8); // seven people and the bot user
    expect(new Set(ids).size).toBe(8);
    expect(await slackError(s.client.users.list({ cursor: 'bm90LWEtdXNlcg==' }))).toBe('invalid_cursor');
  });

  it('conversations.open gives one D… per user and refuses bots, deactivated and unknown users', async () => {
    const alice = s.emulator.addUser({ name: 'alice' }).id;
    const first = await s.client.conversations.open({ users: alice });
    expect(first.channel?.id).toMatch(/^D/);
    const again = await s.client.conversations.open({ users: alice });
    expect(again).toMatchObject({ channel: { id: first.channel?.id }, already_open: true });
    expect(await slackError(s.client.conversations.open({ users: s.emulator.addBot({ name: 'b' }).id }))).toBe('cannot_dm_bot');
    const gone = s.emulator.addUser({ name: 'gone', deleted: true }).id;
    expect(await slackError(s.client.conversations.open({ users: gone }))).toBe('user_disabled');
    expect(await slackError(s.client.conversations.open({ users: 'U0NOPE' }))).toBe('user_not_found');
    await s.client.chat.postMessage({ channel: first.channel!.id!, text: 'hello' });
    expect(s.emulator.dms(alice).map((m) => m.text)).toEqual(['hello']);
  });

  it('conversations.join joins public channels only; conversations.info hides private channels the bot is not in', async () => {
    const pub = s.emulator.addChannel({ name: 'kudos' });
    const priv = s.emulator.addChannel({ name: 'hr', isPrivate: true });
    const old = s.emulator.addChannel({ name: 'old', isArchived: true });
    expect((await s.client.conversations.info({ channel: pub.id })).channel).toMatchObject({ name: 'kudos', is_member: false, is_private: false });
    expect((await s.client.conversations.join({ channel: pub.id })).channel).toMatchObject({ id: pub.id, is_member: true });
    expect(s.emulator.state.channels.get(pub.id)?.botMember).toBe(true);
    expect((await s.client.conversations.join({ channel: pub.id })).warning).toBe('already_in_channel');
    expect(await slackError(s.client.conversations.join({ channel: priv.id }))).toBe('method_not_supported_for_channel_type');
    expect(await slackError(s.client.conversations.join({ channel: old.id }))).toBe('is_archived');
    expect(await slackError(s.client.conversations.join({ channel: 'C0NOPE' }))).toBe('channel_not_found');
    expect(await slackError(s.client.conversations.info({ channel: priv.id }))).toBe('channel_not_found');
    s.emulator.setBotMember(priv.id, true);
    expect((await s.client.conversations.info({ channel: priv.id })).channel).toMatchObject({ is_private: true, is_member: true });
    expect((await s.client.conversations.info({ channel: old.id })).channel?.is_archived).toBe(true);
  });

  it('uploads a file the way WebClient.filesUploadV2 does (URL, bytes, complete) and shares it in a channel', async () => {
    const c = s.emulator.addChannel({ name: 'reports', botMember: true });
    const res = await s.client.filesUploadV2({ channel_id: c.id, filename: 'report.csv', content: 'a,b\n1,2\n', title: 'Report', initial_comment: 'Here it is' });
    expect(res.ok).toBe(true);
    const [file] = s.emulator.files();
    expect(file).toMatchObject({ filename: 'report.csv', title: 'Report', completed: true, channels: [c.id], initialComment: 'Here it is' });
    expect(file?.bytes?.toString('utf8')).toBe('a,b\n1,2\n');
    expect(s.emulator.messages(c.id)[0]?.files?.[0]).toMatchObject({ id: file?.id, name: 'report.csv' });
    expectShape((await s.client.files.getUploadURLExternal({ filename: 'x.txt', length: 3 })), readReference('api-response-shapes/files.getUploadURLExternal.json'));
    expect(await slackError(s.client.files.completeUploadExternal({ files: [{ id: 'F0NOPE' }] }))).toBe('file_not_found');
  });

  it('apps.connections.open takes only the app-level token and returns a ws:// link', async () => {
    const appClient = new WebClient(APP_TOKEN, { slackApiUrl: s.emulator.url, retryConfig: { retries: 0 }, logger: quietLogger([]) });
    const res = await appClient.apps.connections.open();
    expect(res.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/link\/\?ticket=/);
    expect(await slackError(s.client.apps.connections.open())).toBe('not_allowed_token_type');
    expect(await slackError(appClient.chat.postMessage({ channel: 'C1', text: 'x' }))).toBe('not_allowed_token_type');
  });
});

describe('emulator Web API: responses have the fields and types of Slack\'s', () => {
  let s: Setup;
  beforeEach(async () => {
    s = await setup();
  });
  afterEach(() => s.emulator.close());

  it('chat.postMessage / postEphemeral / delete, views.open, files.completeUploadExternal, apps.connections.open', async () => {
    const alice = s.emulator.addUser({ name: 'alice' }).id;
    const c = s.emulator.addChannel({ name: 'general', botMember: true });
    const posted = await s.client.chat.postMessage({ channel: c.id, text: 'hi' });
    // The docs example is a legacy bot_message; today's bot messages also carry user/app_id/team, so compare what it shows.
    const example = readReference<{ message: Record<string, unknown> }>('fixtures/docs-examples/chat.postMessage.response.success.json');
    expectShape({ ...posted, message: {} }, { ...example, message: {} });
    for (const key of ['type', 'text', 'ts', 'bot_id']) expect(typeof (posted.message as Record<string, unknown>)[key]).toBe(typeof example.message[key]);
    expectShape(await s.client.chat.postEphemeral({ channel: c.id, user: alice, text: 'eph' }), readReference('api-response-shapes/chat.postEphemeral.json'));
    expectShape(await s.client.chat.delete({ channel: c.id, ts: posted.ts! }), readReference('api-response-shapes/chat.delete.json'));
    const view = { type: 'modal', title: { type: 'plain_text', text: 'T' }, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'x' } }] };
    const opened = await s.client.views.open({ trigger_id: s.emulator.issueTrigger(alice), view: view as never });
    expectShape(opened, readReference('api-response-shapes/views.open.json'));
    expectShape(await s.client.views.publish({ user_id: alice, view: { type: 'home', blocks: view.blocks } as never }), readReference('api-response-shapes/views.open.json'));
    const { file_id, upload_url } = await s.client.files.getUploadURLExternal({ filename: 'a.txt', length: 2 });
    await fetch(upload_url!, { method: 'POST', body: 'hi', headers: { 'content-type': 'text/plain' } });
    expect(s.emulator.files().find((f) => f.id === file_id)?.bytes?.toString('utf8')).toBe('hi');
    expectShape(await s.client.files.completeUploadExternal({ files: [{ id: file_id! }], channel_id: c.id }), readReference('api-response-shapes/files.completeUploadExternal.json'));
    const appClient = new WebClient(APP_TOKEN, { slackApiUrl: s.emulator.url, retryConfig: { retries: 0 }, logger: quietLogger([]) });
    expectShape(await appClient.apps.connections.open(), readReference('api-response-shapes/apps.connections.open.json'));
    expectShape(await s.client.conversations.open({ users: alice }), { ok: true, channel: { id: '' }, no_op: true, already_open: true });
  });
});
