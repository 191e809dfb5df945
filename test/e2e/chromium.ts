import fs from 'node:fs';

/** Where Chromium (or Chrome) usually lives on Linux and macOS, after `CHROMIUM_PATH`. Never downloaded. */
export const CHROMIUM_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/snap/bin/chromium',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

export type ChromiumLookup = { found: string } | { found: undefined; problem: string };

/**
 * `CHROMIUM_PATH` wins (and must exist: a wrong value is a mistake to report, not to skip past);
 * otherwise the first usual location that exists.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env, exists: (p: string) => boolean = fs.existsSync): ChromiumLookup {
  const explicit = env.CHROMIUM_PATH?.trim();
  if (explicit) return exists(explicit) ? { found: explicit } : { found: undefined, problem: `CHROMIUM_PATH is set to ${explicit}, which does not exist.` };
  const hit = CHROMIUM_CANDIDATES.find((p) => exists(p));
  return hit ? { found: hit } : { found: undefined, problem: `No Chromium found (looked in ${CHROMIUM_CANDIDATES.join(', ')}).` };
}

export const HOW_TO_ENABLE =
  'To run the browser tests, install Chromium (Debian/Ubuntu: `sudo apt-get install chromium`; macOS: install Chromium or Chrome) ' +
  'or point CHROMIUM_PATH at a Chromium/Chrome binary. Tests never download a browser.';

/**
 * What a browser suite should do here: run, be skipped with a loud notice, or (under CI, where a missing
 * browser means CI is broken) fail.
 */
export function browserSuitePlan(env: NodeJS.ProcessEnv = process.env, exists?: (p: string) => boolean): { run: true; path: string } | { run: false; fail: boolean; notice: string } {
  const lookup = findChromium(env, exists);
  if (!('problem' in lookup)) return { run: true, path: lookup.found };
  const fail = Boolean(env.CI);
  const notice = fail ? `${lookup.problem} CI is set, so a missing browser fails the run. ${HOW_TO_ENABLE}` : `SKIPPED browser tests: ${lookup.problem} ${HOW_TO_ENABLE}`;
  return { run: false, fail, notice };
}

/** A banner that stands out in the test output. */
export function loudNotice(text: string): string {
  const bar = '!'.repeat(78);
  return `\n${bar}\n!! ${text}\n${bar}\n\n`;
}
