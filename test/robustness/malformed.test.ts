import { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';
import { startHarness, SIGNING_SECRET, type Harness } from '../helpers/harness';
import { signedPost } from '../helpers/signing';
import { createLogger } from '../../src/logger';
import { installLastResort } from '../../src/last-resort';
import { KUDOS_FOR_MESSAGE_SHORTCUT } from '../../src/slack/ui/shortcut-ids';
import { tableCounts } from '../fuzz/run';

/**
 * Issue 15, item 7: the attacks that killed the process or went unanswered, each performed through the real
 * receiver: a signed `payload=null`, `event: null`, non-array `actions`, kinds nobody handles.
 */
let h: Harness | undefined;
afterEach(async () => {
  if (!h) return;
  expect(h.emulator.violations()).toEqual([]);
  await h.stop();
  h = undefined;
});

const form = (payload: unknown) => `payload=${encodeURIComponent(JSON.stringify(payload))}`;
const timed = async (p: Promise<{ status: number; text: string }>) => {
  const started = Date.now();
  const res = await p;
  return { ...res, ms: Date.now() - started };
};

async function stillServes(t: Harness): Promise<void> {
  expect((await fetch(t.eventsUrl.replace('/slack/events', '/healthz'))).status).toBe(200);
  const before = t.emulator.ephemerals(t.people.manager).length;
  expect((await t.driver.command(t.people.manager, '/coach', 'help')).status).toBe(200);
  await t.emulator.waitFor(() => t.emulator.ephemerals(t.people.manager).length > before);
}

describe('malformed bodies are refused with 400, and the process keeps serving', () => {
  it.each([
    ['payload=null', 'payload=null', 'application/x-www-form-urlencoded'],
    ['payload=[]', 'payload=%5B%5D', 'application/x-www-form-urlencoded'],
    ['payload="text"', 'payload=%22text%22', 'application/x-www-form-urlencoded'],
    ['payload=42', 'payload=42', 'application/x-www-form-urlencoded'],
    ['a JSON null', 'null', 'application/json'],
    ['a JSON array', '[1,2]', 'application/json'],
    ['broken JSON', '{"type":"event_callback","event":', 'application/json'],
    ['an empty body', '', 'application/json'],
    ['an empty form', '', 'application/x-www-form-urlencoded'],
    ['event: null', JSON.stringify({ type: 'event_callback', event: null, event_id: 'Ev1' }), 'application/json'],
    ['event: "text"', JSON.stringify({ type: 'event_callback', event: 'app_home_opened', event_id: 'Ev2' }), 'application/json'],
    ['event without a type', JSON.stringify({ type: 'event_callback', event: { user: 'U1' }, event_id: 'Ev3' }), 'application/json'],
    ['event.user: null', JSON.stringify({ type: 'event_callback', event: { type: 'app_home_opened', user: null }, event_id: 'Ev4' }), 'application/json'],
    ['actions: {} (not an array)', form({ type: 'block_actions', user: { id: 'U1' }, actions: { action_id: 'home_prep' } }), 'application/x-www-form-urlencoded'],
    ['actions: []', form({ type: 'block_actions', user: { id: 'U1' }, actions: [] }), 'application/x-www-form-urlencoded'],
    ['actions: [null]', form({ type: 'block_actions', user: { id: 'U1' }, actions: [null] }), 'application/x-www-form-urlencoded'],
    ['user: null', form({ type: 'block_actions', user: null, actions: [{ action_id: 'home_prep' }] }), 'application/x-www-form-urlencoded'],
    ['view: null', form({ type: 'view_submission', user: { id: 'U1' }, view: null }), 'application/x-www-form-urlencoded'],
    ['view state values of the wrong type', form({ type: 'view_submission', user: { id: 'U1' }, view: { id: 'V1', callback_id: 'kudos_modal', state: { values: { b: 'x' } } } }), 'application/x-www-form-urlencoded'],
    ['message shortcut with channel: null', form({ type: 'message_action', callback_id: 'kudos_for_message', trigger_id: 't', user: { id: 'U1' }, channel: null, message: { ts: '1.2' } }), 'application/x-www-form-urlencoded'],
    ['a command without user_id', 'command=%2Fkudos&text=hi&team_id=T&channel_id=C&trigger_id=t&response_url=http%3A%2F%2Fx', 'application/x-www-form-urlencoded'],
    ['a body with no type at all', JSON.stringify({ hello: 'world' }), 'application/json'],
  ])('%s → 400 at once, nothing written', async (_label, body, contentType) => {
    h = await startHarness();
    const before = await tableCounts(h);
    const res = await timed(signedPost(h.eventsUrl, body, { secret: SIGNING_SECRET, contentType }));
    expect(res.status).toBe(400);
    expect(res.ms).toBeLessThan(1000);
    expect(res.text).not.toContain('at ');
    expect(await tableCounts(h)).toEqual(before);
    expect(h.logs.some((l) => l.includes('request refused'))).toBe(true);
    // The refusal log says why, never what the body held.
    expect(h.logs.filter((l) => l.includes('request refused')).join('')).not.toContain(body.slice(0, 20) || '\u0000');
    await stillServes(h);
  });
});

describe('what nobody handles is acknowledged at once (no 404 after 3 s)', () => {
  it.each([
    ['block_suggestion', form({ type: 'block_suggestion', action_id: 'x', value: 'a', user: { id: 'U1' } })],
    ['a legacy interactive_message', form({ type: 'interactive_message', callback_id: 'old', actions: [{ name: 'x' }], user: { id: 'U1' } })],
    ['a dialog_submission', form({ type: 'dialog_submission', callback_id: 'old', submission: {} })],
    ['a type Slack adds later', form({ type: 'some_future_type', user: { id: 'U1' } })],
    ['app_rate_limited', JSON.stringify({ type: 'app_rate_limited', minute_rate_limited: 1, team_id: 'T0LEADWELL' })],
  ])('%s → 200 in well under 3 s, nothing written', async (_label, body) => {
    h = await startHarness();
    const before = await tableCounts(h);
    const res = await timed(signedPost(h.eventsUrl, body, { secret: SIGNING_SECRET }));
    expect(res.status).toBe(200);
    expect(res.ms).toBeLessThan(1000);
    expect(await tableCounts(h)).toEqual(before);
  });

  it('a global shortcut payload under the message shortcut id is acked and runs no message listener', async () => {
    h = await startHarness();
    const res = await h.driver.globalShortcut(h.people.manager, KUDOS_FOR_MESSAGE_SHORTCUT);
    expect(res.status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    expect(h.logs.some((l) => l.includes('listener failed'))).toBe(false);
  });

  it('Socket Mode: a malformed interactive envelope is acked and dropped', async () => {
    h = await startHarness({ mode: 'socket' });
    const before = await tableCounts(h);
    const started = Date.now();
    const ack = await h.emulator.sendEnvelope('interactive', { type: 'block_actions', user: { id: h.people.manager }, actions: 'not-an-array' });
    expect(ack.envelope_id).toBeDefined();
    expect(Date.now() - started).toBeLessThan(1000);
    const nullView = await h.emulator.sendEnvelope('interactive', { type: 'view_submission', user: { id: h.people.manager }, view: null });
    expect(nullView.envelope_id).toBeDefined();
    expect(await tableCounts(h)).toEqual(before);
    expect(h.logs.some((l) => l.includes('request ignored: not a kind or structure Leadwell takes'))).toBe(true);
  });
});

describe('the process-level last resort', () => {
  it('logs an escaped error by kind and place, never its message, and keeps the process', () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'info', destination: new Writable({ write: (c, _e, cb) => (lines.push(String(c)), cb()) }) });
    const emitter = new EventEmitter();
    const uninstall = installLastResort(logger, emitter as unknown as NodeJS.Process);
    emitter.emit('unhandledRejection', new TypeError('Cannot read properties of null, body: secret note text'));
    emitter.emit('uncaughtException', new RangeError('payload held private text'));
    uninstall();
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('unhandled rejection; kept serving');
    expect(lines[0]).toContain('TypeError');
    expect(lines.join('')).not.toMatch(/secret note text|private text/);
    expect(emitter.listenerCount('unhandledRejection')).toBe(0);
  });
});
