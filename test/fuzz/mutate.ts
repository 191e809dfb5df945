import type { Json } from '../../tools/emulator';
import { HOSTILE, type Base, type Ctx, type Kind } from './inputs';
import type { Rng } from './rng';

export type Expect = 'handled' | 'refused' | 'ignored';
export type Signing = 'good' | 'none' | 'wrong_secret' | 'future' | 'stale' | 'garbled';
export type Strategy = 'valid' | 'hostile' | 'broken' | 'unknown' | 'junk' | 'auth';

export interface FuzzInput {
  label: string;
  strategy: Strategy;
  expect: Expect;
  /** The HTTP status the app must answer with (handled inputs: 200). */
  status: number;
  body: string;
  contentType: string;
  signing: Signing;
  /** For Socket Mode: the envelope, when the input can be one. */
  envelope?: { type: 'slash_commands' | 'interactive' | 'events_api'; payload: Json };
}

const FORM = 'application/x-www-form-urlencoded';
const JSON_CT = 'application/json';

function encode(base: Base): Pick<FuzzInput, 'body' | 'contentType' | 'envelope'> {
  if (base.form) return { body: new URLSearchParams(base.form).toString(), contentType: FORM, envelope: { type: 'slash_commands', payload: base.form } };
  const json = base.json as Json;
  if (base.kind === 'event' || base.kind === 'url_verification') {
    return { body: JSON.stringify(json), contentType: JSON_CT, envelope: base.kind === 'event' ? { type: 'events_api', payload: json } : undefined };
  }
  return { body: `payload=${encodeURIComponent(JSON.stringify(json))}`, contentType: FORM, envelope: { type: 'interactive', payload: json } };
}

/** Replaces string leaves with hostile strings, keeping every structural key (`type`, `command`) and every type. */
function hostile(rng: Rng, value: unknown, key = '', parent = ''): unknown {
  if (typeof value === 'string') return key === 'type' || key === 'command' || !rng.chance(0.3) ? value : rng.pick(HOSTILE);
  if (Array.isArray(value)) return value.map((v) => hostile(rng, v, key, parent));
  if (value && typeof value === 'object') {
    const out: Json = {};
    for (const [k, v] of Object.entries(value)) out[k] = hostile(rng, v, k, key);
    // view.state.values is a map of maps of element states: an extra scalar there is a broken structure, not hostile text.
    if (key !== 'values' && parent !== 'values' && rng.chance(0.2)) out[rng.pick(['__proto__', 'constructor', 'extra', 'is_enterprise_install'])] = rng.pick([...HOSTILE, { deep: { deeper: [1, 2, { x: null }] } }]);
    return out;
  }
  return value;
}

type Break = (j: Json, rng: Rng) => void;
const DELETE = Symbol('delete');
const NOT_OBJECT = [null, 5, 'x', [], true];
const NOT_STRING = [null, 5, [], {}, true];

function setPath(j: Json, path: string[], value: unknown): void {
  let at: Json = j;
  for (const k of path.slice(0, -1)) at = (at[k] ??= {}) as Json;
  const last = path.at(-1) as string;
  if (value === DELETE) delete at[last];
  else at[last] = value;
}
const at = (path: string[], values: unknown[]): Break => (j, rng) => setPath(j, path, rng.pick(values));

/** Structure-breaking changes at the fields Bolt and the router dereference: each must be refused with 400. */
const BREAKS: Record<Exclude<Kind, 'command'>, Break[]> = {
  block_actions: [
    at(['actions'], [null, 5, 'x', {}, true, [], [null], [{}], [{ action_id: 5 }]]),
    at(['user'], [...NOT_OBJECT, {}, { id: 5 }, DELETE]),
    at(['channel'], [...NOT_OBJECT, {}]),
    at(['view'], [...NOT_OBJECT, { callback_id: 5 }]),
    at(['message'], [...NOT_OBJECT, { ts: 5 }]),
  ],
  view_submission: [
    at(['view'], [...NOT_OBJECT, {}, { id: 'V1' }, { id: 'V1', callback_id: 5 }, DELETE]),
    at(['view', 'state'], [...NOT_OBJECT, {}]),
    at(['view', 'state', 'values'], [null, 5, 'x', true, { b: 'x' }, { b: { a: null } }, { b: { a: 5 } }]),
    at(['user'], [...NOT_OBJECT, {}, DELETE]),
  ],
  view_closed: [at(['view'], [...NOT_OBJECT, {}, { callback_id: 'x' }, DELETE]), at(['user'], [...NOT_OBJECT, {}, DELETE]), at(['response_urls'], [null, 5, 'x', [null], [{}]])],
  shortcut: [at(['callback_id'], [...NOT_STRING, DELETE]), at(['user'], [...NOT_OBJECT, {}, DELETE]), at(['trigger_id'], [...NOT_STRING, DELETE])],
  message_action: [at(['channel'], [...NOT_OBJECT, {}, DELETE]), at(['message'], [...NOT_OBJECT, {}, { ts: 5 }, DELETE]), at(['callback_id'], [...NOT_STRING, DELETE])],
  event: [
    at(['event'], [null, 5, 'x', [], true, {}, { type: 5 }, { type: '' }]),
    at(['event', 'user'], [null, 5, true]),
    at(['event', 'channel'], [null, 5, true]),
    at(['event', 'item'], [null, 5, 'x', true]),
    at(['authorizations'], [null, 5, 'x', {}, [null], [5]]),
    at(['type'], ['event_callbackx', 5, null]),
  ],
  url_verification: [at(['challenge'], [...NOT_STRING, DELETE])],
};

function breakCommand(form: Record<string, string>, rng: Rng): Record<string, string> {
  const out = { ...form };
  if (rng.chance(0.5)) delete out[rng.pick(['user_id', 'team_id', 'channel_id', 'trigger_id', 'response_url'])];
  else out.command = rng.pick(['kudos', '', '/', '/two words', `/${'x'.repeat(80)}`]);
  return out;
}

const UNKNOWN: Array<(c: Ctx) => { json: Json; asEvent?: boolean }> = [
  (c) => ({ json: { type: 'block_suggestion', action_id: 'x', value: 'y', user: { id: c.users[0] }, team: { id: 'T' } } }),
  (c) => ({ json: { type: 'interactive_message', callback_id: 'legacy', actions: [{ name: 'x', value: 'y' }], user: { id: c.users[0] } } }),
  () => ({ json: { type: 'dialog_submission', callback_id: 'legacy', submission: { a: 'b' } } }),
  () => ({ json: { name: 'legacy_options', value: 'x', type: 'dialog_suggestion' } }),
  () => ({ json: { type: 'app_rate_limited', minute_rate_limited: 1, team_id: 'T', api_app_id: 'A' }, asEvent: true }),
  (c) => ({ json: { type: c.rng.pick(HOSTILE), whatever: [1, 2, 3] } }),
];

const JUNK: Array<[string, string]> = [
  ['', JSON_CT], ['', FORM], ['null', JSON_CT], ['[]', JSON_CT], ['42', JSON_CT], ['"x"', JSON_CT], ['true', JSON_CT], ['{', JSON_CT], ['{"type":', JSON_CT],
  ['payload=null', FORM], ['payload=', FORM], ['payload=%7B', FORM], ['payload=%5B%5D', FORM], ['payload=42', FORM], ['payload=%22x%22', FORM], ['payload=true', FORM],
  ['{"type":"event_callback","event":{"type":"app_home_opened"}}', FORM], ['a=b&c=d', JSON_CT], ['type=block_actions', 'text/plain'],
  ['[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]', JSON_CT],
  ['\u0000\uffff\ud800', JSON_CT], ['payload=%7B%22type%22%3A%22view_submission%22%2C%22view%22%3Anull%7D', FORM],
];

/** One fuzz input: a base request of a random kind, changed by one strategy, with the answer the app owes. */
export function fuzzInput(c: Ctx, base: Base, n: number): FuzzInput {
  const { rng } = c;
  const roll = rng.next();
  const label = (s: string) => `#${n} ${base.kind} ${s}`;
  const clone = (): Base => ({ kind: base.kind, form: base.form && { ...base.form }, json: base.json && (JSON.parse(JSON.stringify(base.json)) as Json) });
  if (roll < 0.2) return { label: label('valid'), strategy: 'valid', expect: 'handled', status: 200, signing: 'good', ...encode(base) };
  if (roll < 0.45) {
    const b = clone();
    if (b.form) b.form = hostile(rng, b.form) as Record<string, string>;
    else b.json = hostile(rng, b.json) as Json;
    return { label: label('hostile'), strategy: 'hostile', expect: 'handled', status: 200, signing: 'good', ...encode(b) };
  }
  if (roll < 0.7) {
    const b = clone();
    if (b.form) b.form = breakCommand(b.form, rng);
    else rng.pick(BREAKS[b.kind as Exclude<Kind, 'command'>])(b.json as Json, rng);
    return { label: label(`broken ${JSON.stringify(b.form ?? b.json).length}`), strategy: 'broken', expect: 'refused', status: 400, signing: 'good', ...encode(b) };
  }
  if (roll < 0.78) {
    const u = rng.pick(UNKNOWN)(c);
    const body = u.asEvent ? JSON.stringify(u.json) : `payload=${encodeURIComponent(JSON.stringify(u.json))}`;
    const envelope = u.asEvent ? undefined : { type: 'interactive' as const, payload: u.json };
    return { label: `#${n} unknown ${String(u.json.type)}`.slice(0, 80), strategy: 'unknown', expect: 'ignored', status: 200, signing: 'good', body, contentType: u.asEvent ? JSON_CT : FORM, envelope };
  }
  if (roll < 0.9) {
    const [body, contentType] = rng.chance(0.002) ? ['x'.repeat(4 * 1024 * 1024 + 10), JSON_CT] : rng.pick(JUNK);
    return { label: `#${n} junk ${body.slice(0, 30)}`, strategy: 'junk', expect: 'refused', status: body.length > 4 * 1024 * 1024 ? 413 : 400, signing: 'good', body, contentType };
  }
  const signing = rng.pick<Signing>(['none', 'wrong_secret', 'future', 'stale', 'garbled']);
  return { label: label(`auth ${signing}`), strategy: 'auth', expect: 'refused', status: 401, signing, ...encode(base) };
}
