import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { startEmulator, type Emulator } from './index';
import { createPlaygroundRoutes } from './playground-routes';
import { seedLeadwell, seedSlack, type DemoOrg } from './seed';
import type { RawRequest, RawResponse } from './server';
import { createAdjustableClock, type AdjustableClock } from '../../src/clock';
import { loadConfig, type Config } from '../../src/config';
import type { Logger } from '../../src/logger';
import { startLeadwell, type Leadwell } from '../../src/main';

export interface PlaygroundOptions {
  /** Port of the page and the emulator (0: any free port). */
  port: number;
  /** The dev database; it is deleted and seeded again on every start. */
  databasePath: string;
  logger: Logger;
  /** Real cron in `npm run dev`; tests run jobs through the clock control only. */
  schedulerEnabled?: boolean;
}

export interface Playground {
  /** The page: `http://localhost:<port>/`. */
  url: string;
  /** The app's web dashboard (its own port: the app's HTTP server). */
  dashboardUrl: string;
  emulator: Emulator;
  leadwell: Leadwell;
  /** The app's configuration (its secrets are the playground's own, made up at start). */
  config: Config;
  clock: AdjustableClock;
  org: DemoOrg;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function resetDatabase(file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
}

/**
 * The emulator (with the page on its server), the real Leadwell in HTTP mode with a fresh signing secret and
 * `SLACK_API_URL` at the emulator, a demo org, and the app on an adjustable clock the page can move.
 */
export async function startPlayground(options: PlaygroundOptions): Promise<Playground> {
  const signingSecret = crypto.randomBytes(16).toString('hex');
  const botToken = `xoxb-playground-${crypto.randomBytes(6).toString('hex')}`;
  let routes: ((req: RawRequest) => Promise<RawResponse | undefined>) | undefined;
  // One clock for the app and the emulator: after a jump, message times, ts and response_url ages follow the app's clock.
  const clock = createAdjustableClock();
  const emulator = await startEmulator({
    clock,
    signingSecret,
    botToken,
    port: options.port,
    extraRoutes: async (req) => (routes ? routes(req) : { status: 503, body: 'the playground is starting, reload in a second' }),
  });
  try {
    const org = seedSlack(emulator);
    resetDatabase(options.databasePath);
    const appPort = await freePort();
    const config = loadConfig({
      SLACK_BOT_TOKEN: botToken,
      SLACK_SIGNING_SECRET: signingSecret,
      LEADWELL_SECRET: 'playground-only-leadwell-secret-0123456789',
      PORT: String(appPort),
      SLACK_API_URL: emulator.url,
      DATABASE_PATH: options.databasePath,
      KUDOS_CHANNEL: '#kudos',
      ADMIN_USER_IDS: org.adminId,
      // The playground starts from an empty database every time: a fresh data key for its 1:1 notes.
      LEADWELL_DATA_KEY: crypto.randomBytes(32).toString('base64'),
      // One local emulator and a person waiting at the page: no need to pace nudges as for a real workspace.
      NUDGE_RATE_PER_MINUTE: '6000',
      // The web dashboard, signed in through the emulator's Sign in with Slack (the page's Dashboard link).
      SLACK_CLIENT_ID: emulator.oidcClient.clientId,
      SLACK_CLIENT_SECRET: emulator.oidcClient.clientSecret,
      DASHBOARD_URL: `http://127.0.0.1:${appPort}`,
    });
    const leadwell = await startLeadwell({ config, logger: options.logger, clock, schedulerEnabled: options.schedulerEnabled ?? false });
    await seedLeadwell(leadwell, org, clock);
    const driver = emulator.driver({ kind: 'http', url: `http://127.0.0.1:${appPort}/slack/events` });
    let version = 1;
    const bump = () => {
      version += 1;
    };
    emulator.onChange(bump);
    const dashboardUrl = `http://127.0.0.1:${appPort}/dashboard`;
    routes = createPlaygroundRoutes({ emulator, driver, leadwell, clock, org, bump, version: () => version, dashboardUrl });
    const port = Number(new URL(emulator.origin).port);
    return {
      url: `http://localhost:${port}/`,
      dashboardUrl,
      emulator,
      leadwell,
      config,
      clock,
      org,
      async stop() {
        await leadwell.stop();
        await emulator.close();
      },
    };
  } catch (err) {
    await emulator.close();
    throw err;
  }
}
