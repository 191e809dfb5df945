import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { DateTime } from 'luxon';
import { createLogger } from '../../src/logger';
import { startPlayground, type Playground } from '../../tools/emulator/playground';
import { nextMondayNine } from '../../tools/emulator/playground-actions';
import { GIVE_KUDOS_SHORTCUT } from '../../src/slack/ui/shortcut-ids';
import { SAVED_FOR_LATER } from '../../src/slack/listeners/views/kudos-submit';
import {
  KUDOS_MESSAGE_ACTION, KUDOS_MESSAGE_BLOCK, KUDOS_POST_ACTION, KUDOS_POST_BLOCK, KUDOS_RECIPIENTS_ACTION, KUDOS_RECIPIENTS_BLOCK,
  KUDOS_VALUE_ACTION, KUDOS_VALUE_BLOCK,
} from '../../src/slack/ui/kudos-modal';

describe('nextMondayNine (the clock control)', () => {
  const at = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toMillis();
  const show = (ms: number, zone: string) => DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true });

  it('is the coming Monday 09:00 in the person’s zone', () => {
    expect(show(nextMondayNine(at('2026-11-29T00:19', 'America/Chicago'), 'America/Chicago'), 'America/Chicago')).toBe('2026-11-30T09:00:00-06:00');
    expect(show(nextMondayNine(at('2026-11-30T08:59', 'Asia/Kolkata'), 'Asia/Kolkata'), 'Asia/Kolkata')).toBe('2026-11-30T09:00:00+05:30');
  });

  it('moves a week on when Monday 09:00 has come', () => {
    expect(show(nextMondayNine(at('2026-11-30T09:00', 'Europe/Berlin'), 'Europe/Berlin'), 'Europe/Berlin')).toBe('2026-12-07T09:00:00+01:00');
    expect(show(nextMondayNine(at('2026-12-02T15:00', 'Asia/Tokyo'), 'Asia/Tokyo'), 'Asia/Tokyo')).toBe('2026-12-07T09:00:00+09:00');
  });
});

describe('the playground server (no browser)', () => {
  let p: Playground;
  let dir: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadwell-play-'));
    const sink = new Writable({ write: (_c, _e, cb) => cb() });
    p = await startPlayground({ port: 0, databasePath: path.join(dir, 'dev.db'), logger: createLogger({ level: 'warn', destination: sink }) });
  }, 30_000);
  afterAll(async () => {
    await p?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const post = (body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
    fetch(new URL('/play/do', p.url), { method: 'POST', headers, body: JSON.stringify(body) });

  it('seeds about 15 people with an org chart, past 1:1s and kudos in #kudos', async () => {
    const { org, leadwell, emulator } = p;
    expect(org.people).toHaveLength(15);
    expect(new Set(org.people.map((x) => x.tz)).size).toBeGreaterThanOrEqual(6);
    const { levels } = leadwell.slack.deps;
    const levelOf = new Map<string, string>();
    for (const x of org.people) levelOf.set(x.id, (await levels.levelOf(x.id)).level);
    const count = (level: string) => org.people.filter((x) => levelOf.get(x.id) === level && org.people.some((r) => r.managerId === x.id)).length;
    expect([count('executive'), count('mid-level'), count('frontline')]).toEqual([1, 2, 4]);
    const n = (sql: string) => (leadwell.db!.prepare(sql).get() as { n: number }).n;
    // Four recent 1:1s for the prep cards, and half a year of older ones (35+ days back) for the dashboard's charts.
    const monthAgo = p.clock.now() - 30 * 86_400_000;
    expect(n(`SELECT COUNT(*) AS n FROM one_on_ones WHERE held_at >= ${monthAgo}`)).toBe(4);
    expect(n(`SELECT COUNT(*) AS n FROM one_on_ones WHERE held_at < ${monthAgo - 4 * 86_400_000}`)).toBeGreaterThan(50);
    expect(n('SELECT COUNT(*) AS n FROM kudos')).toBe(3);
    expect(emulator.messages(org.kudosChannel)).toHaveLength(3);
    expect(emulator.violations()).toEqual([]);
  });

  it('serves the page and the commands and shortcuts of manifest.yml', async () => {
    const page = await fetch(p.url);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('<title>Leadwell playground</title>');
    const manifest = (await (await fetch(new URL('/play/manifest', p.url))).json()) as { commands: Array<{ command: string }>; shortcuts: Array<{ callback_id: string }> };
    expect(manifest.commands.map((c) => c.command)).toEqual(['/oneonone', '/kudos', '/coach', '/goal']);
    expect(manifest.shortcuts.map((s) => s.callback_id)).toEqual(['give_kudos', 'kudos_for_message']);
    expect((await fetch(new URL('/web/..%2Fseed.ts', p.url))).status).toBe(404);
  });

  it('refuses actions that are not JSON, malformed, or for a Host other than localhost', async () => {
    const me = p.org.defaultUserId;
    expect((await post({ user: me, kind: 'openHome' }, { 'content-type': 'text/plain' })).status).toBe(415);
    const bad = await post({ user: me, kind: 'command', command: 'oneonone', text: '' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toContain('command');
    // fetch may not set Host; a raw request can, as a DNS-rebinding page's would arrive.
    const rebound = await new Promise<number>((resolve, reject) => {
      const { port } = new URL(p.url);
      http.get({ host: '127.0.0.1', port, path: '/play/state', headers: { host: 'evil.example:3000' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      }).on('error', reject);
    });
    expect(rebound).toBe(403);
    const unknownElement = await post({ user: me, kind: 'click', actionId: 'nope', where: 'home' });
    expect(unknownElement.status).toBe(409);
  });

  it('drives the app like Slack: a command answers in the snapshot, which is only re-sent when something changed', async () => {
    const me = p.org.defaultUserId;
    const liam = p.org.people.find((x) => x.name === 'liam')!;
    const first = (await (await fetch(new URL(`/play/state?user=${me}`, p.url))).json()) as { version: number };
    const again = (await (await fetch(new URL(`/play/state?user=${me}&since=${first.version}`, p.url))).json()) as { unchanged?: boolean };
    expect(again.unchanged).toBe(true);
    expect((await post({ user: me, kind: 'command', command: '/oneonone', text: `@${liam.name}`, channelId: p.org.generalChannel })).status).toBe(200);
    await p.emulator.waitFor(() => p.emulator.ephemerals(me, p.org.generalChannel).length > 0, { timeoutMs: 5000 });
    const snap = (await (await fetch(new URL(`/play/state?user=${me}&since=${first.version}`, p.url))).json()) as {
      conversations: Array<{ id: string; messages: Array<{ ephemeral: boolean; blocks?: unknown[] }> }>;
    };
    const general = snap.conversations.find((c) => c.id === p.org.generalChannel)!;
    const card = general.messages.find((m) => m.ephemeral);
    expect(JSON.stringify(card?.blocks)).toContain('Log this 1:1');
    expect(p.emulator.violations()).toEqual([]);
  });

  it('"Slack down" during a kudos: the modal says it is saved for when Slack is back; "Slack back" posts it once and DMs the giver', async () => {
    const me = p.org.defaultUserId;
    const liam = p.org.people.find((x) => x.name === 'liam')!;
    expect((await post({ user: me, kind: 'globalShortcut', callbackId: GIVE_KUDOS_SHORTCUT })).status).toBe(200);
    await p.emulator.waitFor(() => p.emulator.openView(me), { timeoutMs: 5000 });
    expect(await (await post({ user: me, kind: 'slack', state: 'down' })).json()).toMatchObject({ ok: true });
    const values = {
      [KUDOS_RECIPIENTS_BLOCK]: { [KUDOS_RECIPIENTS_ACTION]: [liam.id] },
      [KUDOS_VALUE_BLOCK]: { [KUDOS_VALUE_ACTION]: p.leadwell.slack.deps.settings.companyValues[0]! },
      [KUDOS_MESSAGE_BLOCK]: { [KUDOS_MESSAGE_ACTION]: 'Stayed late to get the outage playbook right.' },
      [KUDOS_POST_BLOCK]: { [KUDOS_POST_ACTION]: ['post'] },
    };
    expect(await (await post({ user: me, kind: 'submit', values })).json()).toMatchObject({ ok: true });
    expect(JSON.stringify(p.emulator.openView(me)?.blocks)).toContain(SAVED_FOR_LATER);
    const posted = () => p.emulator.messages(p.org.kudosChannel).filter((m) => JSON.stringify(m).includes('outage playbook'));
    expect(posted()).toEqual([]);
    expect(await (await post({ user: me, kind: 'slack', state: 'up' })).json()).toMatchObject({ ok: true });
    expect(posted()).toHaveLength(1);
    expect(p.emulator.dms(me).filter((m) => JSON.stringify(m).includes('Kudos sent to'))).toHaveLength(1);
    await post({ user: me, kind: 'close' });
    expect(p.emulator.violations()).toEqual([]);
  });
});

