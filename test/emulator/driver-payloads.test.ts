import { signRequest } from '../../tools/emulator';
import { readReference } from '../helpers/reference';
import { modal } from './bolt-app';
import { startCaptureApp } from './capture-app';
import { section, setup, type Setup } from './setup';

interface Vector {
  signing_secret: string;
  headers: Record<string, string>;
  raw_body: string;
  expected_signature: string;
  negative_cases: { name: string; raw_body: string; timestamp: string; signature: string; valid: boolean }[];
}

const keysOf = (rel: string, extra: string[] = []) => new Set([...Object.keys(readReference<Record<string, unknown>>(rel)), ...extra]);

describe('signing', () => {
  const v = readReference<Vector>('signing/test_vector.json');
  it('matches Slack\'s official v0 test vector', () => {
    expect(signRequest(v.signing_secret, Number(v.headers['X-Slack-Request-Timestamp']), v.raw_body)).toBe(v.expected_signature);
  });
  it('differs for a tampered body', () => {
    const tampered = v.negative_cases.find((c) => c.name === 'tampered_body');
    expect(signRequest(v.signing_secret, Number(tampered?.timestamp), tampered?.raw_body ?? '')).not.toBe(v.expected_signature);
  });
});

describe('driver: what the app receives', () => {
  let s: Setup;
  let app: Awaited<ReturnType<typeof startCaptureApp>>;
  let reply: { status?: number; body?: string } = {};
  let alice: string;
  beforeEach(async () => {
    s = await setup();
    alice = s.emulator.addUser({ name: 'alice', realName: 'Alice Doe' }).id;
    s.emulator.addUser({ name: 'bob.roe' });
    reply = {};
    app = await startCaptureApp(() => reply);
  });
  afterEach(async () => {
    await app.close();
    await s.emulator.close();
  });

  it('signs every request over its raw body with the emulator clock\'s timestamp', async () => {
    await s.emulator.driver({ kind: 'http', url: app.url }).command(alice, '/oneonone', 'hi');
    const [req] = app.received;
    const ts = Math.floor(s.clock.now() / 1000);
    expect(req?.headers['x-slack-request-timestamp']).toBe(String(ts));
    expect(req?.headers['x-slack-signature']).toBe(signRequest('emulatortestsigningsecret0123456', ts, req?.raw ?? ''));
    expect(req?.headers['content-type']).toBe('application/x-www-form-urlencoded');
  });

  it('sends slash commands form-encoded with Slack\'s fields and escaped mentions, and registers the trigger', async () => {
    const kudos = s.emulator.addChannel({ name: 'kudos' });
    await s.emulator.driver({ kind: 'http', url: app.url }).command(alice, '/kudos', '@bob.roe thanks in #kudos, @nobody', { channelId: kudos.id });
    const body = app.received[0]?.body as Record<string, string>;
    const bob = [...s.emulator.state.users.values()].find((u) => u.name === 'bob.roe');
    expect(body.text).toBe(`<@${bob?.id}|bob.roe> thanks in <#${kudos.id}|kudos>, @nobody`);
    expect(body).toMatchObject({ command: '/kudos', user_id: alice, user_name: 'alice', channel_id: kudos.id, channel_name: 'kudos', team_id: 'T0LEADWELL' });
    const known = keysOf('payload-shapes/SlashCommandPayload.json');
    expect(Object.keys(body).filter((k) => !known.has(k))).toEqual([]);
    expect(s.emulator.state.triggers.get(body.trigger_id ?? '')).toMatchObject({ userId: alice, used: false });
    expect(body.response_url).toMatch(new RegExp(`^${s.emulator.origin}/response/`));
  });

  it('turns a text reply into an ephemeral and a JSON in_channel reply into a channel message', async () => {
    const driver = s.emulator.driver({ kind: 'http', url: app.url });
    reply = { body: 'plain words' };
    await driver.command(alice, '/x');
    expect(s.emulator.ephemerals(alice).map((e) => [e.text, e.source])).toEqual([['plain words', 'command_response']]);
    const general = s.emulator.addChannel({ name: 'general' });
    reply = { body: JSON.stringify({ response_type: 'in_channel', text: 'all of you' }) };
    await driver.command(alice, '/x', '', { channelId: general.id });
    expect(s.emulator.messages(general.id).map((m) => m.text)).toEqual(['all of you']);
  });

  it('builds shortcuts, message shortcuts and block actions with the fixtures\' fields', async () => {
    const driver = s.emulator.driver({ kind: 'http', url: app.url });
    await driver.globalShortcut(alice, 'give_kudos');
    const shortcut = app.received[0]?.body;
    expect(shortcut).toMatchObject({ type: 'shortcut', callback_id: 'give_kudos', user: { id: alice } });
    const fixtureKeys = keysOf('fixtures/http/global_shortcut.json', ['is_enterprise_install', 'enterprise']);
    expect(Object.keys(shortcut ?? {}).filter((k) => !fixtureKeys.has(k))).toEqual([]);

    const c = s.emulator.addChannel({ name: 'general' });
    const msg = s.emulator.postAs(alice, c.id, 'great demo');
    await driver.messageShortcut(alice, 'kudos_for_message', { channel: c.id, ts: msg.ts });
    const ms = app.received[1]?.body ?? {};
    expect(ms).toMatchObject({ type: 'message_action', callback_id: 'kudos_for_message', message_ts: msg.ts, message: { text: 'great demo', user: alice }, channel: { id: c.id } });
    const msKeys = keysOf('payload-shapes/MessageShortcutPayload.json');
    expect(Object.keys(ms).filter((k) => !msKeys.has(k))).toEqual([]);

    const posted = await s.client.chat.postMessage({
      channel: c.id,
      text: 'pick',
      blocks: [section('pick'), { type: 'actions', block_id: 'acts', elements: [{ type: 'button', action_id: 'go', text: { type: 'plain_text', text: 'Go' }, value: 'v1' }, { type: 'static_select', action_id: 'level', options: [{ text: { type: 'plain_text', text: 'Mid' }, value: 'mid' }] }] }],
    });
    await driver.clickButton(alice, { actionId: 'go', where: { channel: c.id, ts: posted.ts! } });
    await driver.clickButton(alice, { actionId: 'level', value: 'mid', where: { channel: c.id, ts: posted.ts! } });
    const [click, pick] = [app.received[2]?.body ?? {}, app.received[3]?.body ?? {}];
    expect(click).toMatchObject({ type: 'block_actions', container: { type: 'message', message_ts: posted.ts, channel_id: c.id, is_ephemeral: false }, message: { ts: posted.ts }, actions: [{ action_id: 'go', block_id: 'acts', value: 'v1', type: 'button' }] });
    expect(pick).toMatchObject({ actions: [{ action_id: 'level', type: 'static_select', selected_option: { value: 'mid', text: { text: 'Mid' } } }] });
    const baKeys = keysOf('payload-shapes/BlockActionPayload.json');
    expect(Object.keys(click).filter((k) => !baKeys.has(k))).toEqual([]);
    const actionKeys = new Set(Object.keys((readReference<{ actions: object[] }>('payload-shapes/BlockActionPayload.json').actions[0]) ?? {}));
    expect(Object.keys((click.actions as object[])[0] ?? {}).filter((k) => !actionKeys.has(k))).toEqual([]);
    expect(typeof click.response_url).toBe('string');
  });

  it('fills and submits a modal: state.values by element type; errors, update, push and clear act on the stack', async () => {
    const driver = s.emulator.driver({ kind: 'http', url: app.url });
    const bob = [...s.emulator.state.users.values()].find((u) => u.name === 'bob.roe')!.id;
    const view = {
      ...modal('full'),
      notify_on_close: true,
      blocks: [
        ...modal().blocks,
        { type: 'input', block_id: 'who', label: { type: 'plain_text', text: 'Who' }, element: { type: 'users_select', action_id: 'u' } },
        { type: 'input', block_id: 'when', optional: true, label: { type: 'plain_text', text: 'When' }, element: { type: 'datepicker', action_id: 'd', initial_date: '2026-12-01' } },
        { type: 'input', block_id: 'tags', optional: true, label: { type: 'plain_text', text: 'Tags' }, element: { type: 'checkboxes', action_id: 'c', options: [{ text: { type: 'mrkdwn', text: '*a*' }, value: 'a' }, { text: { type: 'plain_text', text: 'b' }, value: 'b' }] } },
      ],
    };
    await s.client.views.open({ trigger_id: s.emulator.issueTrigger(alice), view: view as never });
    driver.fillView(alice, { name_block: { name: 'Ada' }, who: { u: bob }, tags: { c: ['a', 'b'] } });
    expect(() => driver.fillView(alice, { mood_block: { mood: 'furious' } })).toThrow(/no option with value "furious"/);
    expect(() => driver.fillView(alice, { nope: { x: 'y' } })).toThrow(/no element nope\/x/);

    reply = { body: JSON.stringify({ response_action: 'errors', errors: { who: 'Not yourself' } }) };
    const res = await driver.submitView(alice);
    expect(res.errors).toEqual({ who: 'Not yourself' });
    const sub = app.received[0]?.body as { type: string; view: { state: { values: Record<string, Record<string, unknown>> } }; response_urls: unknown[] };
    expect(sub.type).toBe('view_submission');
    expect(sub.response_urls).toEqual([]);
    expect(sub.view.state.values).toEqual({
      name_block: { name: { type: 'plain_text_input', value: 'Ada' } },
      mood_block: { mood: { type: 'static_select', selected_option: null } },
      who: { u: { type: 'users_select', selected_user: bob } },
      when: { d: { type: 'datepicker', selected_date: '2026-12-01' } },
      tags: { c: { type: 'checkboxes', selected_options: [{ text: { type: 'mrkdwn', text: '*a*' }, value: 'a' }, { text: { type: 'plain_text', text: 'b' }, value: 'b' }] } },
    });

    reply = { body: JSON.stringify({ response_action: 'push', view: modal('second') }) };
    await driver.submitView(alice);
    expect(s.emulator.viewStack(alice).map((v) => v.callback_id)).toEqual(['full', 'second']);
    reply = { body: JSON.stringify({ response_action: 'update', view: modal('second-b') }) };
    driver.fillView(alice, { name_block: { name: 'x' } });
    await driver.submitView(alice);
    expect(s.emulator.openView(alice)?.callback_id).toBe('second-b');
    reply = {};
    driver.fillView(alice, { name_block: { name: 'y' } });
    await driver.submitView(alice);
    expect(s.emulator.openView(alice)?.callback_id).toBe('full');
    reply = { body: JSON.stringify({ response_action: 'update', view: { ...modal(), title: { type: 'plain_text', text: 'far too long for a modal title' } } }) };
    await driver.submitView(alice);
    expect(s.emulator.violations()).toEqual([expect.objectContaining({ method: 'view_submission_response', error: 'invalid_arguments' })]);
    s.emulator.clearViolations();

    const closed = await driver.closeView(alice);
    expect(closed?.status).toBe(200);
    expect(app.received.at(-1)?.body).toMatchObject({ type: 'view_closed', view: { callback_id: 'full' } });
    const closedKeys = keysOf('payload-shapes/ViewClosedPayload.json');
    expect(Object.keys(app.received.at(-1)?.body ?? {}).filter((k) => !closedKeys.has(k))).toEqual([]);
    expect(s.emulator.openView(alice)).toBeUndefined();

    await s.client.views.open({ trigger_id: s.emulator.issueTrigger(alice), view: modal() as never });
    await s.client.views.push({ trigger_id: s.emulator.issueTrigger(alice), view: modal('two') as never });
    reply = { body: JSON.stringify({ response_action: 'clear' }) };
    driver.fillView(alice, { name_block: { name: 'z' } });
    await driver.submitView(alice);
    expect(s.emulator.viewStack(alice)).toEqual([]);
  });

  it('sends events as event_callback JSON and re-sends the same event_id with retry headers', async () => {
    const driver = s.emulator.driver({ kind: 'http', url: app.url });
    reply = { status: 500 };
    const first = await driver.event('app_home_opened', { user: alice, channel: 'D1', tab: 'home' });
    expect(first.status).toBe(500);
    reply = {};
    const second = await first.retry();
    const [a, b] = app.received;
    expect(a?.body).toMatchObject({ type: 'event_callback', event_id: first.eventId, team_id: 'T0LEADWELL', event: { type: 'app_home_opened', user: alice }, authorizations: [{ user_id: 'U0LEADWELL', is_bot: true }] });
    expect(a?.headers['x-slack-retry-num']).toBeUndefined();
    expect(b?.body.event_id).toBe(first.eventId);
    expect([b?.headers['x-slack-retry-num'], b?.headers['x-slack-retry-reason']]).toEqual(['1', 'http_timeout']);
    await second.retry(3, 'http_error');
    expect([app.received[2]?.headers['x-slack-retry-num'], app.received[2]?.headers['x-slack-retry-reason']]).toEqual(['3', 'http_error']);
    const keys = keysOf('fixtures/http/event_callback_app_home_opened.json', ['event_context']);
    expect(Object.keys(a?.body ?? {}).filter((k) => !keys.has(k))).toEqual([]);
    await driver.event('tokens_revoked', { tokens: { oauth: [], bot: ['U0LEADWELL'] } });
    expect((app.received[3]?.body.event as Record<string, unknown>).event_ts).toBeUndefined();
  });
});
