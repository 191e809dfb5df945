import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../src/project-root';
import { startEmulator, type Emulator } from '../../tools/emulator';
import { freePort } from '../helpers/free-port';
import { signedPost, slashCommandBody } from '../helpers/signing';
import { readDockerfile } from './dockerfile-spec';

const root = projectRoot();
const SECRET = 'imagereplaysecret0123456789';
const TOKEN = 'xoxb-image-replay';

/**
 * No Docker engine here: replay the image instead. Compile as the build stage does, lay out /app exactly as
 * the runtime stage's COPY lines say (node_modules from this checkout), then run the image's CMD and
 * HEALTHCHECK with the image's ENV: `npm start` without variables, and in HTTP mode against the emulator.
 */
describe('the container image, replayed without Docker', () => {
  const { stages } = readDockerfile();
  const runtime = stages[stages.length - 1]!;
  let app: string;
  let emulator: Emulator;

  beforeAll(() => {
    app = fs.mkdtempSync(path.join(os.tmpdir(), 'leadwell-image-'));
    const built = path.join(app, '.build');
    execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json'), '--outDir', built], {
      stdio: 'pipe',
    });
    // `npm run build`'s second step: the dashboard's static files, uPlot included, into the compiled tree.
    execFileSync(process.execPath, [path.join(root, 'scripts', 'copy-web-assets.js'), built], { stdio: 'pipe' });
    for (const copy of runtime.instructions.filter((i) => i.op === 'COPY')) {
      const parts = copy.args.split(/\s+/);
      const fromBuild = parts[0]?.startsWith('--from=');
      const srcs = parts.slice(fromBuild ? 1 : 0, -1);
      const dest = parts[parts.length - 1] as string;
      for (const src of srcs) {
        const rel = src.replace(/^\/app\//, '');
        const target = dest.endsWith('/') && !dest.startsWith('./') ? path.join(app, dest, path.basename(rel)) : path.join(app, dest === './' ? rel : dest);
        if (fromBuild && rel === 'dist') fs.cpSync(built, target, { recursive: true });
        else if (fromBuild && rel === 'node_modules') fs.symlinkSync(path.join(root, 'node_modules'), target);
        else fs.cpSync(path.join(root, rel), target, { recursive: true });
      }
    }
  }, 120_000);

  afterAll(async () => {
    await emulator?.close();
    fs.rmSync(app, { recursive: true, force: true });
  });

  const imageEnv = () => {
    const env: Record<string, string> = { PATH: process.env.PATH ?? '' };
    for (const e of runtime.instructions.filter((i) => i.op === 'ENV')) {
      for (const m of e.args.matchAll(/(\w+)=(\S+)/g)) env[m[1] as string] = (m[2] as string).replace('/data/', `${app}/data/`);
    }
    return env;
  };
  const cmd = () => JSON.parse(runtime.instructions.find((i) => i.op === 'CMD')!.args) as string[];

  it('without Slack variables, prints the clear config error and exits non-zero', () => {
    const [bin, ...args] = cmd();
    const out = spawnSync(bin === 'node' ? process.execPath : (bin as string), args, { cwd: app, env: imageEnv(), encoding: 'utf8', timeout: 20_000 });
    expect(out.status).not.toBe(0);
    expect(out.stderr).toContain('SLACK_BOT_TOKEN: missing');
    expect(out.stderr).toContain('npm run dev');
    expect(out.stderr).not.toMatch(/\n\s+at /); // no stack trace for a config problem
  });

  it('runs the operator CLIs as `node dist/...` (no tsx in the image) and refuses unknown flags', () => {
    const env = { ...imageEnv(), DATABASE_PATH: path.join(app, 'data', 'cli.db') };
    const help = spawnSync(process.execPath, ['dist/src/cli/report.js', '--help'], { cwd: app, env, encoding: 'utf8', timeout: 20_000 });
    expect(help.status).toBe(0);
    expect(help.stderr).toContain('node dist/src/cli/report.js');
    const typo = spawnSync(process.execPath, ['dist/src/cli/report.js', '--csv', '--maneger', 'U1'], { cwd: app, env, encoding: 'utf8', timeout: 20_000 });
    expect(typo.status).toBe(2);
    expect(typo.stderr).toContain("Unknown option '--maneger'");
    expect(typo.stdout).toBe('');
    const importHelp = spawnSync(process.execPath, ['dist/src/cli/org-import.js', '--help'], { cwd: app, env, encoding: 'utf8', timeout: 20_000 });
    expect(importHelp.status).toBe(0);
    expect(importHelp.stdout).toContain('node dist/src/cli/org-import.js');
  });

  it('in HTTP mode serves /healthz (the HEALTHCHECK passes) and answers a signed /oneonone', async () => {
    emulator = await startEmulator({ signingSecret: SECRET, botToken: TOKEN });
    const user = emulator.addUser({ name: 'pat', realName: 'Pat Doe', tz: 'UTC' });
    const port = await freePort();
    const env = { ...imageEnv(), PORT: String(port), SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: SECRET, LEADWELL_SECRET: 'image-replay-leadwell-secret-0123456789', SLACK_API_URL: emulator.url, LOG_LEVEL: 'warn' };
    const [, ...args] = cmd();
    const child = spawn(process.execPath, args, { cwd: app, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += String(d)));
    try {
      const health = runtime.instructions.find((i) => i.op === 'HEALTHCHECK')!.args;
      const check = JSON.parse(health.slice(health.indexOf('['))) as string[];
      let healthy = false;
      for (let i = 0; i < 100 && !healthy; i += 1) {
        await new Promise((r) => setTimeout(r, 150));
        healthy = spawnSync(process.execPath, check.slice(1), { env, timeout: 5000 }).status === 0;
      }
      expect({ healthy, stderr }).toEqual({ healthy: true, stderr: '' });
      expect(fs.existsSync(path.join(app, 'data', 'leadwell.db'))).toBe(true);
      // The dashboard's chart library ships inside dist (no CDN, no node_modules lookup at run time).
      for (const asset of ['uPlot.iife.min.js', 'uPlot.min.css', 'dashboard.js', 'dashboard.css']) {
        expect(fs.existsSync(path.join(app, 'dist', 'src', 'web', 'dashboard', 'static', asset))).toBe(true);
      }
      const responseUrl = emulator.issueResponseUrl({ userId: user.id, channelId: 'C0GENERAL' });
      const res = await signedPost(`http://127.0.0.1:${port}/slack/events`, slashCommandBody({ user_id: user.id, command: '/oneonone', text: 'help', response_url: responseUrl }), {
        secret: SECRET,
      });
      expect(res.status).toBe(200);
      // Help is answered in the ack itself.
      expect(JSON.parse(res.text)).toMatchObject({ response_type: 'ephemeral' });
      expect(res.text).toContain('/oneonone');
      expect(emulator.calls.some((c) => c.method === 'auth.test')).toBe(true);
      expect(emulator.violations()).toEqual([]);
    } finally {
      const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
      child.kill('SIGTERM');
      // Graceful shutdown: SIGTERM stops jobs, the app and the database, then exits 0.
      expect(await exited).toBe(0);
    }
  }, 60_000);
});
