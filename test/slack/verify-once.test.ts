import crypto from 'node:crypto';
import { startHarness, SIGNING_SECRET, type Harness } from '../helpers/harness';
import { sign, slashCommandBody } from '../helpers/signing';
import { globalShortcutPayload } from '../../tools/emulator/driver-payloads';
import { GIVE_KUDOS_SHORTCUT } from '../../src/slack/ui/shortcut-ids';

/**
 * The request guard is the only signature check (Bolt's own is off, so each request costs one HMAC, not three):
 * these keep that from opening a hole. Everything Bolt would take as an event passes the guard, and the one
 * unsigned kind Slack sends (ssl_check) is answered by the guard without reaching Bolt at all.
 */
let h: Harness | undefined;
afterEach(async () => {
  jest.restoreAllMocks();
  if (!h) return;
  expect(h.emulator.violations()).toEqual([]);
  await h.stop();
  h = undefined;
});

const post = (url: string, body: string, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers } }).then(async (r) => ({ status: r.status, text: await r.text() }));
const signed = (body: string, ts = Math.floor(Date.now() / 1000)) => ({ 'x-slack-request-timestamp': String(ts), 'x-slack-signature': sign(SIGNING_SECRET, ts, body) });
const apiCalls = (t: Harness) => t.emulator.calls.length;
const settle = () => new Promise((r) => setTimeout(r, 300));

describe('one signature check per request', () => {
  it('a signed command costs exactly one HMAC under the signing secret, and is answered', async () => {
    h = await startHarness();
    const body = slashCommandBody({ user_id: h.people.manager, command: '/oneonone', text: 'help' });
    const headers = signed(body); // signed before counting: the test's own HMAC is not the app's
    const hmac = jest.spyOn(crypto, 'createHmac');
    const res = await post(h.eventsUrl, body, headers);
    expect(res.status).toBe(200);
    expect(res.text).toContain('/oneonone');
    const underSecret = hmac.mock.calls.filter(([, key]) => key === SIGNING_SECRET);
    expect(underSecret).toHaveLength(1);
  });

  it('a bad signature is still refused on every spelling of the endpoint Bolt would take as an event', async () => {
    h = await startHarness();
    const body = slashCommandBody({ user_id: h.people.manager, command: '/coach', text: '' });
    const forged = { 'x-slack-request-timestamp': String(Math.floor(Date.now() / 1000)), 'x-slack-signature': `v0=${'0'.repeat(64)}` };
    const before = apiCalls(h);
    for (const suffix of ['', '?x=1', '#frag', '?ssl_check=1']) {
      expect((await post(`${h.eventsUrl}${suffix}`, body, forged)).status).toBe(401);
    }
    await settle();
    expect(apiCalls(h)).toBe(before);
    expect(h.logs.some((l) => l.includes('"listener":"command:coach"'))).toBe(false);
  });
});

describe('ssl_check', () => {
  it('is answered 200 with an empty body, unsigned, as Slack expects', async () => {
    h = await startHarness({ seed: false });
    const res = await post(h.eventsUrl, 'ssl_check=1&token=legacy');
    expect(res).toEqual({ status: 200, text: '' });
  });

  it('smuggling a payload beside ssl_check=1 runs nothing', async () => {
    h = await startHarness();
    const user = h.emulator.state.users.get(h.people.manager)!;
    const payload = globalShortcutPayload(h.emulator.state, user, GIVE_KUDOS_SHORTCUT, h.emulator.issueTrigger(user.id));
    const before = apiCalls(h);
    // Unsigned, and signed: neither reaches a listener (a signed one is simply an ssl_check too).
    const smuggled = `ssl_check=1&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    expect(await post(h.eventsUrl, smuggled)).toEqual({ status: 200, text: '' });
    expect(await post(h.eventsUrl, smuggled, signed(smuggled))).toEqual({ status: 200, text: '' });
    const commandFirst = `${slashCommandBody({ user_id: h.people.manager, command: '/coach', text: '' })}&ssl_check=1`;
    expect(await post(h.eventsUrl, commandFirst)).toEqual({ status: 200, text: '' });
    await settle();
    expect(apiCalls(h)).toBe(before);
    expect(h.logs.some((l) => /"listener":"(shortcut|command)/.test(l))).toBe(false);
  });

  it('a body whose ssl_check is not 1 is an ordinary request and must be signed', async () => {
    h = await startHarness();
    const body = `ssl_check=0&${slashCommandBody({ user_id: h.people.manager, command: '/coach', text: '' })}`;
    expect((await post(h.eventsUrl, body)).status).toBe(401);
  });
});
