import { modal } from './bolt-app';
import { startCaptureApp } from './capture-app';
import { section, setup, type Setup } from './setup';

describe('driver: what Slack does around the requests', () => {
  let s: Setup;
  let app: Awaited<ReturnType<typeof startCaptureApp>>;
  let delayMs = 0;
  let alice: string;
  beforeEach(async () => {
    s = await setup();
    alice = s.emulator.addUser({ name: 'alice' }).id;
    delayMs = 0;
    app = await startCaptureApp(() => ({}));
  });
  afterEach(async () => {
    await app.close();
    await s.emulator.close();
  });

  it('records an app that acks after Slack\'s 3-second deadline', async () => {
    const slow = await startCaptureApp(() => {
      const until = Date.now() + delayMs;
      while (Date.now() < until) {
        // a listener that blocks before it acks
      }
      return {};
    });
    try {
      delayMs = 3100;
      await s.emulator.driver({ kind: 'http', url: slow.url }).command(alice, '/slow');
      expect(s.emulator.violations()).toEqual([expect.objectContaining({ method: 'ack:command', error: 'operation_timeout', rule: 'ack' })]);
    } finally {
      await slow.close();
    }
  });

  it('keeps a select picked inside a modal for the submission, and gives response_urls for response_url_enabled inputs', async () => {
    const kudos = s.emulator.addChannel({ name: 'kudos' });
    const view = {
      ...modal('pick'),
      blocks: [
        { type: 'actions', block_id: 'level_block', elements: [{ type: 'static_select', action_id: 'level', options: [{ text: { type: 'plain_text', text: 'Frontline' }, value: 'frontline' }, { text: { type: 'plain_text', text: 'Executive' }, value: 'executive' }] }] },
        { type: 'input', block_id: 'where', label: { type: 'plain_text', text: 'Where' }, element: { type: 'conversations_select', action_id: 'c', response_url_enabled: true } },
      ],
    };
    await s.client.views.open({ trigger_id: s.emulator.issueTrigger(alice), view: view as never });
    const driver = s.emulator.driver({ kind: 'http', url: app.url });
    await driver.clickButton(alice, { actionId: 'level', value: 'executive' });
    const action = app.received[0]?.body as { container: { type: string }; view: { id: string; state: { values: Record<string, Record<string, { selected_option?: { value: string } }>> } } };
    expect(action.container.type).toBe('view');
    expect(action.view.state.values.level_block?.level?.selected_option?.value).toBe('executive');
    driver.fillView(alice, { where: { c: kudos.id } });
    await driver.submitView(alice);
    const sub = app.received[1]?.body as { view: { state: { values: Record<string, Record<string, unknown>> } }; response_urls: { block_id: string; channel_id: string; response_url: string }[] };
    expect(sub.view.state.values.level_block).toEqual({ level: { type: 'static_select', selected_option: { text: { type: 'plain_text', text: 'Executive' }, value: 'executive' } } });
    expect(sub.response_urls).toEqual([{ block_id: 'where', action_id: 'c', channel_id: kudos.id, response_url: expect.stringContaining('/response/') }]);
    await fetch(sub.response_urls[0]!.response_url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ response_type: 'in_channel', text: 'posted from the modal' }) });
    expect(s.emulator.messages(kudos.id).map((m) => m.text)).toEqual(['posted from the modal']);
  });

  it('finds a button in the home tab and the last DM, and says so when it is nowhere', async () => {
    const driver = s.emulator.driver({ kind: 'http', url: app.url });
    const btn = (id: string) => ({ type: 'actions', elements: [{ type: 'button', action_id: id, text: { type: 'plain_text', text: id }, value: `${id}-v` }] });
    await s.client.views.publish({ user_id: alice, view: { type: 'home', blocks: [section('Home'), btn('home_btn')] } as never });
    await s.client.chat.postMessage({ channel: alice, text: 'nudge', blocks: [section('Nudge'), btn('dm_btn')] });
    await driver.clickButton(alice, { actionId: 'home_btn' });
    await driver.clickButton(alice, { actionId: 'dm_btn', where: 'last-dm' });
    const [home, dm] = app.received.map((r) => r.body);
    expect(home).toMatchObject({ container: { type: 'view' }, view: { type: 'home' }, actions: [{ value: 'home_btn-v' }] });
    expect(home?.response_url).toBeUndefined();
    expect(dm).toMatchObject({ container: { type: 'message', is_ephemeral: false }, channel: { name: 'directmessage' }, message: { text: 'nudge' } });
    await expect(driver.clickButton(alice, { actionId: 'missing' })).rejects.toThrow(/no element with action_id missing/);
  });

  it('lets neither deactivated people nor bots act, but tells the app when someone is deactivated', async () => {
    const driver = s.emulator.driver({ kind: 'http', url: app.url });
    const gone = s.emulator.addUser({ name: 'gus' }).id;
    s.emulator.deactivateUser(gone);
    await expect(driver.command(gone, '/oneonone')).rejects.toThrow(/deactivated/);
    await expect(driver.globalShortcut(s.emulator.addBot({ name: 'b' }).id, 'x')).rejects.toThrow(/a bot/);
    await driver.userChange(gone);
    expect(app.received[0]?.body).toMatchObject({ event: { type: 'user_change', user: { id: gone, deleted: true } } });
  });

  it('tells listeners about changes and reads DMs without opening one', async () => {
    let changes = 0;
    const off = s.emulator.onChange(() => {
      changes += 1;
    });
    expect(s.emulator.dms(alice)).toEqual([]);
    expect([...s.emulator.state.channels.values()].filter((c) => c.isIm)).toEqual([]);
    await s.client.auth.test();
    await s.emulator.driver({ kind: 'http', url: app.url }).globalShortcut(alice, 'x');
    expect(changes).toBe(2);
    off();
    await s.client.auth.test();
    expect(changes).toBe(2);
  });
});
