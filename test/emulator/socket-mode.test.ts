import WebSocket from 'ws';
import { WebClient } from '@slack/web-api';
import { startEmulator, type Emulator } from '../../tools/emulator';
import { readReference } from '../helpers/reference';
import { APP_TOKEN, BOT_TOKEN, quietLogger, SECRET, startTinyApp } from './bolt-app';

describe('emulator Socket Mode', () => {
  let emulator: Emulator;
  beforeEach(async () => {
    emulator = await startEmulator({ signingSecret: SECRET, botToken: BOT_TOKEN, appToken: APP_TOKEN });
  });
  afterEach(() => emulator.close());

  async function connectRaw(): Promise<{ ws: WebSocket; frames: Record<string, unknown>[] }> {
    const client = new WebClient(APP_TOKEN, { slackApiUrl: emulator.url, retryConfig: { retries: 0 }, logger: quietLogger([]) });
    const { url } = await client.apps.connections.open();
    const ws = new WebSocket(url!);
    const frames: Record<string, unknown>[] = [];
    ws.on('message', (d) => frames.push(JSON.parse(String(d)) as Record<string, unknown>));
    await new Promise((r) => ws.once('open', r));
    return { ws, frames };
  }
  const until = async (fn: () => boolean) => {
    for (let i = 0; i < 200 && !fn(); i += 1) await new Promise((r) => setTimeout(r, 10));
    expect(fn()).toBe(true);
  };

  it('says hello like Slack, sends envelopes and resolves with the ack payload', async () => {
    const { ws, frames } = await connectRaw();
    await until(() => frames.length === 1);
    const helloKeys = Object.keys(readReference<object>('fixtures/socket-mode/java-sdk.hello.json')).sort();
    expect(Object.keys(frames[0] ?? {}).sort()).toEqual(helloKeys);
    expect(frames[0]).toMatchObject({ type: 'hello', connection_info: { app_id: 'A0LEADWELL' } });

    const alice = emulator.addUser({ name: 'alice' }).id;
    ws.on('message', (d) => {
      const env = JSON.parse(String(d)) as { envelope_id?: string; type: string };
      if (env.envelope_id) ws.send(JSON.stringify({ envelope_id: env.envelope_id, payload: env.type === 'slash_commands' ? { text: 'from the ack' } : {} }));
    });
    const driver = emulator.driver({ kind: 'socket' });
    const res = await driver.command(alice, '/hello', 'there');
    expect(res).toEqual({ status: 200, body: { text: 'from the ack' } });
    const envelope = frames[1] as { type: string; accepts_response_payload: boolean; payload: Record<string, unknown> };
    const fixture = readReference<{ type: string; accepts_response_payload: boolean }>('fixtures/socket-mode/java-sdk.envelope_slash_commands.json');
    expect([envelope.type, envelope.accepts_response_payload]).toEqual([fixture.type, fixture.accepts_response_payload]);
    expect(envelope.payload).toMatchObject({ command: '/hello', text: 'there', user_id: alice });
    expect(emulator.ephemerals(alice).map((e) => e.text)).toEqual(['from the ack']);

    const ev = await driver.event('app_home_opened', { user: alice, channel: 'D1', tab: 'home' });
    await ev.retry(2, 'timeout');
    const [first, retried] = frames.slice(2) as { type: string; retry_attempt: number; retry_reason: string; accepts_response_payload: boolean; payload: { event_id: string } }[];
    expect(first).toMatchObject({ type: 'events_api', retry_attempt: 0, retry_reason: '', accepts_response_payload: false });
    expect(retried).toMatchObject({ retry_attempt: 2, retry_reason: 'timeout', payload: { event_id: first?.payload.event_id } });
    ws.close();
  });

  it('refuses a connection without a fresh ticket', async () => {
    const ws = new WebSocket(emulator.url.replace(/^http/, 'ws').replace('/api/', '/link/?ticket=made-up'));
    const status = await new Promise<number>((resolve) =>
      ws.on('unexpected-response', (req, res) => {
        resolve(res.statusCode ?? 0);
        req.destroy();
      }),
    );
    expect(status).toBe(401);
  });

  // @slack/socket-mode waits clientPingTimeout (5 s) before it reconnects.
  it('asks a Bolt app to reconnect with disconnect, and the app comes back through apps.connections.open', async () => {
    const tiny = await startTinyApp(emulator, 'socket');
    try {
      await emulator.waitForSocket();
      const opens = () => emulator.calls.filter((c) => c.method === 'apps.connections.open').length;
      expect(opens()).toBe(1);
      emulator.disconnectSocket('refresh_requested');
      await emulator.waitFor(() => opens() === 2, { timeoutMs: 9000 });
      await emulator.waitFor(() => emulator.socketConnected(), { timeoutMs: 5000 });
      const alice = emulator.addUser({ name: 'alice' }).id;
      await emulator.driver({ kind: 'socket' }).command(alice, '/quick', 'still here');
      expect(emulator.ephemerals(alice).map((e) => e.text)).toEqual(['only for you: still here']);
      expect(emulator.violations()).toEqual([]);
    } finally {
      await tiny.stop();
    }
  });
});
