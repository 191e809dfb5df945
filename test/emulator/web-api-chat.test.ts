import { rawCall, section, setup, slackError, type Setup } from './setup';
import { BOT_TOKEN } from './bolt-app';

describe('emulator Web API: chat.* and the checks every call goes through', () => {
  let s: Setup;
  let alice: string;
  beforeEach(async () => {
    s = await setup();
    alice = s.emulator.addUser({ name: 'alice', realName: 'Alice Doe' }).id;
  });
  afterEach(() => s.emulator.close());

  it('posts to a public channel the bot is not in (chat:write.public) and stores the message with a ts from the clock', async () => {
    const kudos = s.emulator.addChannel({ name: 'kudos' });
    const res = await s.client.chat.postMessage({ channel: kudos.id, text: 'well done', blocks: [section('*well* done')] });
    expect(res.ok).toBe(true);
    expect(res.channel).toBe(kudos.id);
    expect(res.ts).toMatch(/^1796029200\.\d{6}$/);
    expect(res.message?.bot_id).toBe(s.emulator.state.team.botId);
    const [stored] = s.emulator.messages(kudos.id);
    expect(stored?.text).toBe('well done');
    expect(stored?.blocks?.[0]?.block_id).toEqual(expect.any(String));
    expect(s.emulator.violations()).toEqual([]);
  });

  it('accepts a channel name and a user id (the DM), and refuses a bot user', async () => {
    const kudos = s.emulator.addChannel({ name: 'kudos' });
    expect((await s.client.chat.postMessage({ channel: '#kudos', text: 'by name' })).channel).toBe(kudos.id);
    await s.client.chat.postMessage({ channel: alice, text: 'hi alice' });
    expect(s.emulator.dms(alice).map((m) => m.text)).toEqual(['hi alice']);
    const bot = s.emulator.addBot({ name: 'deploybot' });
    expect(await slackError(s.client.chat.postMessage({ channel: bot.id, text: 'x' }))).toBe('cannot_dm_bot');
  });

  it('answers channel_not_found, not_in_channel (private), is_archived, and records each as a violation with its reason', async () => {
    const secret = s.emulator.addChannel({ name: 'secret', isPrivate: true });
    const old = s.emulator.addChannel({ name: 'old', isArchived: true });
    expect(await slackError(s.client.chat.postMessage({ channel: 'C0NOPE', text: 'x' }))).toBe('channel_not_found');
    expect(await slackError(s.client.chat.postMessage({ channel: secret.id, text: 'x' }))).toBe('not_in_channel');
    expect(await slackError(s.client.chat.postMessage({ channel: old.id, text: 'x' }))).toBe('is_archived');
    s.emulator.setBotMember(secret.id, true);
    expect((await s.client.chat.postMessage({ channel: secret.id, text: 'now ok' })).ok).toBe(true);
    // An app may meet these on purpose: recorded, listed only on request.
    expect(s.emulator.violations()).toEqual([]);
    expect(s.emulator.violations({ includeState: true }).map((v) => [v.method, v.error, v.rule])).toEqual([
      ['chat.postMessage', 'channel_not_found', 'state'],
      ['chat.postMessage', 'not_in_channel', 'state'],
      ['chat.postMessage', 'is_archived', 'state'],
    ]);
    expect(s.emulator.violations({ includeState: true })[1]?.detail).toMatch(/private channel #secret/);
  });

  it('rejects messages without text or blocks (no_text)', async () => {
    const c = s.emulator.addChannel({ name: 'general' });
    expect(await slackError(s.client.chat.postMessage({ channel: c.id } as never))).toBe('no_text');
  });

  it.each([
    ['a section text over 3000', [section('x'.repeat(3001))], /section.text/],
    ['51 blocks in a message', Array.from({ length: 51 }, () => ({ type: 'divider' })), /message.blocks.maxItems/],
    ['a mrkdwn header', [{ type: 'header', text: { type: 'mrkdwn', text: 'Hi' } }], /must be plain_text/],
    ['a header over 150', [{ type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } }], /header.text/],
    ['a button text over 75', [{ type: 'actions', elements: [{ type: 'button', action_id: 'a', text: { type: 'plain_text', text: 'b'.repeat(76) } }] }], /button.text.text/],
    ['an action_id over 255', [{ type: 'actions', elements: [{ type: 'button', action_id: 'a'.repeat(256), text: { type: 'plain_text', text: 'ok' } }] }], /action_id/],
    ['a block_id over 255', [{ ...section('x'), block_id: 'b'.repeat(256) }], /block_id/],
    ['a button value over 2000', [{ type: 'actions', elements: [{ type: 'button', action_id: 'a', value: 'v'.repeat(2001), text: { type: 'plain_text', text: 'ok' } }] }], /button.value/],
    ['duplicate block ids', [{ ...section('a'), block_id: 'same' }, { ...section('b'), block_id: 'same' }], /duplicate block_id/],
    ['an input block in a message', [{ type: 'input', label: { type: 'plain_text', text: 'L' }, element: { type: 'plain_text_input', action_id: 'a' } }], /only accepted in modals/],
    ['101 select options', [{ type: 'actions', elements: [{ type: 'static_select', action_id: 's', options: Array.from({ length: 101 }, (_, i) => ({ text: { type: 'plain_text', text: `o${i}` }, value: `v${i}` })) }] }], /static_select.options.maxItems/],
    ['6 overflow options', [{ ...section('x'), accessory: { type: 'overflow', action_id: 'o', options: Array.from({ length: 6 }, (_, i) => ({ text: { type: 'plain_text', text: `o${i}` }, value: `v${i}` })) } }], /overflow.options/],
    ['11 section fields', [{ type: 'section', fields: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'f' })) }], /section.fields.maxItems/],
    ['an empty text', [section('')], /at least 1 character/],
    ['an unknown block type', [{ type: 'sparkles' }], /unknown block type/],
    ['a video title of 200', [{ type: 'video', title: { type: 'plain_text', text: 'v'.repeat(200) }, alt_text: 'a', video_url: 'https://x', thumbnail_url: 'https://y' }], /video.title.text/],
    ['a table of 101 rows', [{ type: 'table', rows: Array.from({ length: 101 }, () => [{ type: 'raw_text', text: 'c' }]) }], /table.rows.maxItems/],
    ['a table row of 21 cells', [{ type: 'table', rows: [Array.from({ length: 21 }, () => ({ type: 'raw_text', text: 'c' }))] }], /table.row.cells.maxItems/],
    ['a rich text list indented 9', [{ type: 'rich_text', elements: [{ type: 'rich_text_list', style: 'bullet', indent: 9, elements: [] }] }], /rich_text_list.indent/],
    ['a confirm dialog title over 100', [{ type: 'actions', elements: [{ type: 'button', action_id: 'a', text: { type: 'plain_text', text: 'ok' }, confirm: { title: { type: 'plain_text', text: 't'.repeat(101) }, text: { type: 'mrkdwn', text: 'sure?' }, confirm: { type: 'plain_text', text: 'Yes' }, deny: { type: 'plain_text', text: 'No' } } }] }], /confirm.title.text/],
    ['an option value over 150', [{ type: 'actions', elements: [{ type: 'static_select', action_id: 's', options: [{ text: { type: 'plain_text', text: 'o' }, value: 'v'.repeat(151) }] }] }], /option.value/],
    ['an image without alt_text', [{ type: 'image', image_url: 'https://x/y.png' }], /alt_text is required/],
  ])('refuses %s with invalid_blocks and says which rule', async (_name, blocks, rule) => {
    const c = s.emulator.addChannel({ name: 'general' });
    expect(await slackError(s.client.chat.postMessage({ channel: c.id, text: 'fallback', blocks: blocks as never }))).toBe('invalid_blocks');
    const [v] = s.emulator.violations();
    expect(v).toMatchObject({ method: 'chat.postMessage', error: 'invalid_blocks', rule: 'block_kit', args: { channel: c.id, text: 'fallback', blocks: `[${blocks.length} blocks]` } });
    expect(v?.detail).toMatch(rule);
    expect(s.emulator.messages(c.id)).toEqual([]);
  });

  it('keeps 40,000 characters of text, refuses more than 100 attachments and markdown_text mixed with text', async () => {
    const c = s.emulator.addChannel({ name: 'general' });
    await s.client.chat.postMessage({ channel: c.id, text: 'x'.repeat(40_010) });
    expect(s.emulator.messages(c.id)[0]?.text).toHaveLength(40_000);
    const attachments = Array.from({ length: 101 }, () => ({ text: 'a' }));
    expect(await slackError(s.client.chat.postMessage({ channel: c.id, text: 'x', attachments }))).toBe('too_many_attachments');
    expect(await slackError(s.client.chat.postMessage({ channel: c.id, text: 'x', markdown_text: '**hi**' } as never))).toBe('markdown_text_conflict');
    expect((await s.client.chat.postMessage({ channel: c.id, markdown_text: '**hi**' } as never)).ok).toBe(true);
  });

  it('accepts the largest valid message: 50 blocks with 3000-character sections', async () => {
    const c = s.emulator.addChannel({ name: 'general' });
    const blocks = Array.from({ length: 50 }, () => section('y'.repeat(3000)));
    expect((await s.client.chat.postMessage({ channel: c.id, text: 'big', blocks })).ok).toBe(true);
  });

  it('posts ephemerals to a member only, per user and channel', async () => {
    const c = s.emulator.addChannel({ name: 'team', members: [alice] });
    const bob = s.emulator.addUser({ name: 'bob' }).id;
    const res = await s.client.chat.postEphemeral({ channel: c.id, user: alice, text: 'only you' });
    expect(res.message_ts).toEqual(expect.any(String));
    expect(s.emulator.ephemerals(alice, c.id).map((e) => e.text)).toEqual(['only you']);
    expect(s.emulator.ephemerals(bob)).toEqual([]);
    expect(await slackError(s.client.chat.postEphemeral({ channel: c.id, user: bob, text: 'x' }))).toBe('user_not_in_channel');
    expect(await slackError(s.client.chat.postEphemeral({ channel: c.id, user: 'U0OTHERTEAM', text: 'x' }))).toBe('user_not_found');
  });

  it('updates, links and deletes the bot\'s own messages; others are refused', async () => {
    const c = s.emulator.addChannel({ name: 'general' });
    const { ts } = await s.client.chat.postMessage({ channel: c.id, text: 'v1' });
    const updated = await s.client.chat.update({ channel: c.id, ts: ts!, text: 'v2' });
    expect(updated.text).toBe('v2');
    expect(s.emulator.messages(c.id)[0]?.text).toBe('v2');
    const link = await s.client.chat.getPermalink({ channel: c.id, message_ts: ts! });
    expect(link.permalink).toBe(`https://leadwell.slack.com/archives/${c.id}/p${ts!.replace('.', '')}`);
    const theirs = s.emulator.postAs(alice, c.id, 'mine');
    expect(await slackError(s.client.chat.update({ channel: c.id, ts: theirs.ts, text: 'x' }))).toBe('cant_update_message');
    expect(await slackError(s.client.chat.delete({ channel: c.id, ts: theirs.ts }))).toBe('cant_delete_message');
    expect((await s.client.chat.delete({ channel: c.id, ts: ts! })).ts).toBe(ts);
    expect(s.emulator.messages(c.id).map((m) => m.text)).toEqual(['mine']);
    expect(await slackError(s.client.chat.update({ channel: c.id, ts: ts!, text: 'x' }))).toBe('message_not_found');
    expect(await slackError(s.client.chat.getPermalink({ channel: c.id, message_ts: '1.2' }))).toBe('message_not_found');
  });

  it('checks the token: missing, app-level, unknown', async () => {
    expect((await rawCall(s.emulator, 'auth.test')).json).toMatchObject({ ok: false, error: 'not_authed' });
    expect((await rawCall(s.emulator, 'auth.test', { token: 'xapp-1-A0LEADWELL-1-emulator-test' })).json.error).toBe('not_allowed_token_type');
    expect((await rawCall(s.emulator, 'auth.test', { token: 'xoxp-user-token' })).json.error).toBe('not_allowed_token_type');
    expect((await rawCall(s.emulator, 'auth.test', { token: 'xoxb-someone-else' })).json.error).toBe('invalid_auth');
    expect(s.emulator.violations().map((v) => v.rule)).toEqual(['auth', 'auth', 'auth', 'auth']);
  });

  it('knows which methods exist (Slack\'s spec) and which are emulated', async () => {
    const made = await rawCall(s.emulator, 'chat.sendCarrierPigeon', { token: BOT_TOKEN });
    expect(made).toMatchObject({ status: 200, json: { ok: false, error: 'unknown_method' } });
    expect((await rawCall(s.emulator, 'reactions.add', { token: BOT_TOKEN })).json.error).toBe('unknown_method');
    expect(s.emulator.violations().map((v) => v.detail)).toEqual([expect.stringMatching(/not in Slack's Web API spec/), expect.stringMatching(/not emulated/)]);
  });

  it('requires what the spec requires, whatever the body encoding', async () => {
    const c = s.emulator.addChannel({ name: 'general' });
    const form = await rawCall(s.emulator, 'chat.postEphemeral', { token: BOT_TOKEN, contentType: 'application/x-www-form-urlencoded', body: `channel=${c.id}&text=hi` });
    expect(form.json).toMatchObject({ ok: false, error: 'invalid_arguments' });
    expect(s.emulator.violations()[0]?.detail).toMatch(/missing required argument\(s\) user/);
    const json = await rawCall(s.emulator, 'chat.postMessage', { token: BOT_TOKEN, contentType: 'application/json', body: JSON.stringify({ channel: c.id, text: 'json body', blocks: [section('b')] }) });
    expect(json.json.ok).toBe(true);
    const tokenParam = await rawCall(s.emulator, 'chat.postMessage', { contentType: 'application/x-www-form-urlencoded', body: `token=${BOT_TOKEN}&channel=${c.id}&text=param` });
    expect(tokenParam.json.ok).toBe(true);
    expect(s.emulator.messages(c.id).map((m) => [m.text, m.blocks?.length ?? 0])).toEqual([['json body', 1], ['param', 0]]);
  });

  it('records every call with its decoded arguments', async () => {
    const c = s.emulator.addChannel({ name: 'general' });
    await s.client.chat.postMessage({ channel: c.id, text: 't', blocks: [section('b')] });
    const call = s.emulator.calls.find((x) => x.method === 'chat.postMessage');
    expect(call).toMatchObject({ ok: true, token: BOT_TOKEN, args: { channel: c.id, blocks: [section('b')] } });
  });
});
