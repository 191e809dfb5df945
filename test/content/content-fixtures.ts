import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import type { GuidanceItem } from '../../src/domain/ports';

/** Temp content folders and items for the content tests. */

export function tempDir(prefix = 'leadwell-content-'): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export const GOOD_BODY =
  'Open with their agenda, not yours. Ask what has been on their mind since you last spoke and let the silence work ' +
  'for a few seconds before you fill it. Take notes in front of them and read back the one thing you will do before ' +
  'next time. People judge a one-on-one by whether anything changed afterwards, so keep the promise small and real.';

const PREFIX: Record<string, string> = { frontline: 'fl', 'mid-level': 'ml', executive: 'ex', all: 'all' };

/** A valid v2 front matter; `ask` overrides carry their own ask_first (the first question) unless given. */
export function frontMatter(id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const level = (overrides.level as string | undefined) ?? levelOf(id);
  const tag = id.replace(/[^a-z0-9-]/gi, '');
  const ask = (overrides.ask as string[] | undefined) ?? [`What is on your mind this week, ${tag}?`, `What is slowing ${tag} down?`, `What should I know about ${tag}?`];
  return {
    id,
    level,
    topic: 'one-on-one',
    title: `A useful title for ${id}`,
    when: ['everyday'],
    ask,
    ask_first: ask[0] ?? null,
    sources: [],
    enabled: true,
    ...overrides,
  };
}

/** The first format (before content v2): what an operator's CONTENT_DIR may still hold. */
export function oldFrontMatter(id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    level: levelOf(id),
    topic: 'one-on-one',
    title: `An old-format title for ${id}`,
    questions: ['What is on your mind?', 'What is slowing you down?', 'What should I know?', 'What would help most?'],
    when: [],
    sources: ['Radical Candor (Kim Scott)'],
    enabled: true,
    ...overrides,
  };
}

function levelOf(id: string): string {
  const prefix = id.split('-')[0]!;
  return Object.entries(PREFIX).find(([, p]) => p === prefix)?.[0] ?? 'frontline';
}

/** Writes `<dir>/<rel>` with YAML front matter (null values drop the key) and a body. */
export function writeItem(dir: string, rel: string, fm: Record<string, unknown>, body = GOOD_BODY): string {
  const clean = Object.fromEntries(Object.entries(fm).filter(([, v]) => v !== null));
  return writeRaw(dir, rel, `---\n${YAML.stringify(clean)}---\n${body}\n`);
}

export function writeRaw(dir: string, rel: string, text: string): string {
  const file = path.join(dir, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

/** Writes a valid item where prompts/ expects it: `<level>/<id>.md`. */
export function writeBaseItem(dir: string, id: string, overrides: Record<string, unknown> = {}, body?: string): string {
  const fm = frontMatter(id, overrides);
  return writeItem(dir, `${fm.level as string}/${id}.md`, fm, body);
}

/** An in-memory item, for selection tests that do not need files. */
export function item(id: string, overrides: Partial<GuidanceItem> = {}): GuidanceItem {
  return {
    id,
    level: 'frontline',
    topic: 'one-on-one',
    title: `Title ${id}`,
    ask: ['What is on your mind?'],
    askFirst: 'What is on your mind?',
    reflect: [],
    when: ['everyday'],
    sources: [],
    enabled: true,
    body: `Body of ${id} for {{name}}.`,
    file: `mem/${id}.md`,
    ...overrides,
  };
}

/** Splits picks into cycles of the pool size and checks each has no repeat; no item twice in a row anywhere. */
export function expectRotation(ids: string[], poolSize: number): void {
  expect(poolSize).toBeGreaterThan(0);
  for (let start = 0; start < ids.length; start += poolSize) {
    const cycle = ids.slice(start, start + poolSize);
    expect(new Set(cycle).size).toBe(cycle.length);
  }
  if (poolSize > 1) ids.slice(1).forEach((id, i) => expect(id).not.toBe(ids[i]));
}
