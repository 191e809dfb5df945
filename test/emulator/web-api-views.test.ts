import { modal } from './bolt-app';
import { section, setup, slackError, type Setup } from './setup';

describe('emulator Web API: views.* with triggers, stacks, hashes and App Home', () => {
  let s: Setup;
  let alice: string;
  beforeEach(async () => {
    s = await setup();
    alice = s.emulator.addUser({ name: 'alice' }).id;
  });
  afterEach(() => s.emulator.close());

  it('opens a modal for the trigger\'s user and returns the view as Slack does', async () => {
    const trigger = s.emulator.issueTrigger(alice);
    const res = await s.client.views.open({ trigger_id: trigger, view: modal() as never });
    expect(res.view).toMatchObject({ type: 'modal', callback_id: 'greeting', private_metadata: 'meta-1', root_view_id: res.view?.id, previous_view_id: null });
    expect(res.view?.id).toMatch(/^V/);
    expect(res.view?.hash).toEqual(expect.any(String));
    expect(s.emulator.openView(alice)?.id).toBe(res.view?.id);
  });

  it('takes a trigger once and for 3 seconds of the emulator clock', async () => {
    const fresh = s.emulator.issueTrigger(alice);
    s.clock.advance(3000);
    expect((await s.client.views.open({ trigger_id: fresh, view: modal() as never })).ok).toBe(true);
    expect(await slackError(s.client.views.open({ trigger_id: fresh, view: modal() as never }))).toBe('exchanged_trigger_id');
    const stale = s.emulator.issueTrigger(alice);
    s.clock.advance(3001);
    expect(await slackError(s.client.views.open({ trigger_id: stale, view: modal() as never }))).toBe('expired_trigger_id');
    expect(await slackError(s.client.views.open({ trigger_id: '123.456.made-up', view: modal() as never }))).toBe('invalid_trigger_id');
    expect(s.emulator.violations().map((v) => [v.error, v.rule])).toEqual([
      ['exchanged_trigger_id', 'trigger'],
      ['expired_trigger_id', 'trigger'],
      ['invalid_trigger_id', 'trigger'],
    ]);
  });

  it.each([
    ['a title over 24', { title: { type: 'plain_text', text: 't'.repeat(25) } }, '/view/title/text'],
    ['a mrkdwn title', { title: { type: 'mrkdwn', text: 'Title' } }, '/view/title/type'],
    ['a submit over 24', { submit: { type: 'plain_text', text: 's'.repeat(25) } }, '/view/submit/text'],
    ['a close over 24', { close: { type: 'plain_text', text: 'c'.repeat(25) } }, '/view/close/text'],
    ['inputs without submit', { submit: undefined }, '/view/submit'],
    ['private_metadata over 3000', { private_metadata: 'm'.repeat(3001) }, '/view/private_metadata'],
    ['callback_id over 255', { callback_id: 'c'.repeat(256) }, '/view/callback_id'],
    ['101 blocks', { blocks: Array.from({ length: 101 }, () => ({ type: 'divider' })) }, '/view/blocks'],
    ['an input label over 2000', { blocks: [{ type: 'input', label: { type: 'plain_text', text: 'l'.repeat(2001) }, element: { type: 'plain_text_input', action_id: 'x' } }] }, '/view/blocks/0/label/text'],
    ['a placeholder over 150', { blocks: [{ type: 'input', label: { type: 'plain_text', text: 'L' }, element: { type: 'plain_text_input', action_id: 'x', placeholder: { type: 'plain_text', text: 'p'.repeat(151) } } }] }, '/view/blocks/0/element/placeholder/text'],
    ['min_length over 3000', { blocks: [{ type: 'input', label: { type: 'plain_text', text: 'L' }, element: { type: 'plain_text_input', action_id: 'x', min_length: 3001 } }] }, '/view/blocks/0/element/min_length'],
    ['11 checkboxes', { blocks: [{ type: 'input', label: { type: 'plain_text', text: 'L' }, element: { type: 'checkboxes', action_id: 'x', options: Array.from({ length: 11 }, (_, i) => ({ text: { type: 'mrkdwn', text: `o${i}` }, value: `v${i}` })) } }] }, '/view/blocks/0/element/options'],
    ['an initial option not among the options', { blocks: [{ type: 'input', label: { type: 'plain_text', text: 'L' }, element: { type: 'static_select', action_id: 'x', options: [{ text: { type: 'plain_text', text: 'A' }, value: 'a' }], initial_option: { text: { type: 'plain_text', text: 'B' }, value: 'b' } } }] }, '/view/blocks/0/element/initial_option'],
  ])('refuses a modal with %s (invalid_arguments, Slack\'s json-pointer message)', async (_name, patch, pointer) => {
    const view = { ...modal(), ...patch };
    const err = await s.client.views.open({ trigger_id: s.emulator.issueTrigger(alice), view: view as never }).catch((e: { data: { error: string; response_metadata: { messages: string[] } } }) => e.data);
    expect(err).toMatchObject({ error: 'invalid_arguments' });
    expect((err as { response_metadata: { messages: string[] } }).response_metadata.messages.join('\n')).toContain(`[json-pointer:${pointer}]`);
    expect(s.emulator.violations()[0]).toMatchObject({ method: 'views.open', error: 'invalid_arguments', rule: 'block_kit' });
    expect(s.emulator.openView(alice)).toBeUndefined();
  });

  it('pushes up to three views, then push_limit_reached; updates by id or external_id with hash checks', async () => {
    const opened = await s.client.views.open({ trigger_id: s.emulator.issueTrigger(alice), view: { ...modal('one'), external_id: 'ext-1' } as never });
    const pushed = await s.client.views.push({ trigger_id: s.emulator.issueTrigger(alice), view: modal('two') as never });
    expect(pushed.view).toMatchObject({ previous_view_id: opened.view?.id, root_view_id: opened.view?.id });
    await s.client.views.push({ trigger_id: s.emulator.issueTrigger(alice), view: modal('three') as never });
    expect(await slackError(s.client.views.push({ trigger_id: s.emulator.issueTrigger(alice), view: modal('four') as never }))).toBe('push_limit_reached');
    expect(s.emulator.viewStack(alice).map((v) => v.callback_id)).toEqual(['one', 'two', 'three']);

    const byExternal = await s.client.views.update({ external_id: 'ext-1', view: { ...modal('one-b'), external_id: 'ext-1' } as never });
    expect(byExternal.view?.id).toBe(opened.view?.id);
    expect(s.emulator.viewStack(alice)[0]?.callback_id).toBe('one-b');
    expect(await slackError(s.client.views.update({ view_id: opened.view!.id!, hash: opened.view!.hash!, view: modal() as never }))).toBe('hash_conflict');
    const current = s.emulator.viewStack(alice)[0]!;
    expect((await s.client.views.update({ view_id: current.id, hash: current.hash, view: modal('one-c') as never })).ok).toBe(true);
    expect(await slackError(s.client.views.update({ view_id: 'V0NOPE', view: modal() as never }))).toBe('view_not_found');
  });

  it('keeps one App Home per user (views.publish), refuses users it does not know and inputs on a home', async () => {
    const bob = s.emulator.addUser({ name: 'bob' }).id;
    const home = { type: 'home' as const, blocks: [section('Welcome')] };
    const first = await s.client.views.publish({ user_id: alice, view: home as never });
    await s.client.views.publish({ user_id: alice, view: { ...home, blocks: [section('Again')] } as never });
    expect(s.emulator.home(alice)?.id).toBe(first.view?.id);
    expect(JSON.stringify(s.emulator.home(alice)?.blocks)).toContain('Again');
    expect(s.emulator.home(bob)).toBeUndefined();
    expect(await slackError(s.client.views.publish({ user_id: 'U0ELSEWHERE', view: home as never }))).toBe('user_not_found');
    const withInput = { type: 'home', blocks: [{ type: 'input', label: { type: 'plain_text', text: 'L' }, element: { type: 'plain_text_input', action_id: 'x' } }] };
    expect(await slackError(s.client.views.publish({ user_id: bob, view: withInput as never }))).toBe('invalid_arguments');
    expect(await slackError(s.client.views.publish({ user_id: bob, view: modal() as never }))).toBe('invalid_arguments');
    const tooMany = { type: 'home', blocks: Array.from({ length: 101 }, () => ({ type: 'divider' })) };
    expect(await slackError(s.client.views.publish({ user_id: bob, view: tooMany as never }))).toBe('invalid_arguments');
    expect((await s.client.views.publish({ user_id: bob, view: { type: 'home', blocks: Array.from({ length: 100 }, () => ({ type: 'divider' })) } as never })).ok).toBe(true);
  });
});
