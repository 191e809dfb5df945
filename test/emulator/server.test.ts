import { startEmulator } from '../../tools/emulator';
import { APP_TOKEN, BOT_TOKEN, SECRET } from './bolt-app';

describe('emulator HTTP server', () => {
  it('serves the Web API by GET with a query string, answers malformed JSON like Slack, and leaves other paths to extraRoutes', async () => {
    const emulator = await startEmulator({
      signingSecret: SECRET,
      botToken: BOT_TOKEN,
      appToken: APP_TOKEN,
      extraRoutes: async (req) => (req.path === '/' ? { status: 200, headers: { 'content-type': 'text/html' }, body: '<h1>playground</h1>' } : undefined),
    });
    try {
      const alice = emulator.addUser({ name: 'alice' }).id;
      const got = await fetch(`${emulator.url}users.info?user=${alice}`, { headers: { authorization: `Bearer ${BOT_TOKEN}` } });
      expect(((await got.json()) as { user: { id: string } }).user.id).toBe(alice);
      const bad = await fetch(`${emulator.url}chat.postMessage`, { method: 'POST', headers: { authorization: `Bearer ${BOT_TOKEN}`, 'content-type': 'application/json' }, body: '{"channel":' });
      expect(await bad.json()).toEqual({ ok: false, error: 'invalid_json' });
      expect(emulator.violations()).toEqual([expect.objectContaining({ method: 'chat.postMessage', error: 'invalid_json' })]);
      expect(await (await fetch(`${emulator.origin}/`)).text()).toBe('<h1>playground</h1>');
      expect((await fetch(`${emulator.origin}/nothing-here`)).status).toBe(404);
      expect((await fetch(`${emulator.origin}/response/nope`, { method: 'POST', body: '{}' })).status).toBe(404);
      expect((await fetch(`${emulator.origin}/upload/F0NOPE`, { method: 'POST', body: 'x' })).status).toBe(404);
    } finally {
      await emulator.close();
    }
  });

  it('finds Slack\'s reference beside the project, or where it is told', async () => {
    await expect(startEmulator({ signingSecret: SECRET, botToken: BOT_TOKEN, referenceDir: '/nonexistent/reference' })).rejects.toThrow(/ENOENT/);
  });
});
