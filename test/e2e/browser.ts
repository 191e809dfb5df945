import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { createLogger } from '../../src/logger';
import { startPlayground, type Playground } from '../../tools/emulator/playground';
import { findChromium } from './chromium';

export const SHOTS = path.join(__dirname, '..', '..', 'test-results', 'e2e');

export interface BrowserSession {
  playground: Playground;
  browser: BrowserContext;
  page: Page;
  /** What the page printed to its console as errors, and uncaught page errors. */
  pageErrors: string[];
  logs: string[];
  shot(name: string): Promise<void>;
  stop(): Promise<void>;
}

/** The playground (real app + emulator + page) and Debian's Chromium, headless, with a throwaway profile. */
export async function startBrowserSession(): Promise<BrowserSession> {
  const lookup = findChromium();
  if ('problem' in lookup) throw new Error(lookup.problem);
  const executablePath = lookup.found;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadwell-e2e-'));
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      logs.push(String(chunk));
      cb();
    },
  });
  const playground = await startPlayground({ port: 0, databasePath: path.join(dir, 'dev.db'), logger: createLogger({ level: 'warn', destination: sink }) });
  // A persistent context is how Playwright takes a fresh --user-data-dir (it refuses the raw flag).
  const browser = await chromium.launchPersistentContext(path.join(dir, 'profile'), {
    executablePath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    viewport: { width: 1280, height: 860 },
  });
  const page = browser.pages()[0] ?? (await browser.newPage());
  page.setDefaultTimeout(10_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error') pageErrors.push(msg.text());
  });
  fs.mkdirSync(SHOTS, { recursive: true });
  return {
    playground,
    browser,
    page,
    pageErrors,
    logs,
    shot: async (name) => {
      await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
    },
    async stop() {
      await browser.close();
      await playground.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
