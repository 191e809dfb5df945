import { sqliteKysely } from '../../src/storage/sqlite-kysely';
import path from 'node:path';
import { loadContent, type ContentLibrary } from '../../src/content/loader';
import { MOMENTS, shortfalls } from '../../src/content/coverage';
import { libraryProblems } from '../../src/content/gates';
import { createGuidanceSource } from '../../src/content/guidance-source';
import { ID_PREFIXES, LIMITS } from '../../src/content/schema';
import { KNOWN_PLACEHOLDERS, MAX_VALUE_LENGTH, renderTemplate } from '../../src/content/template';
import { createFixedClock } from '../../src/clock';
import { LEVELS, type GuidanceSource } from '../../src/domain/ports';
import { createGuidanceSeenRepository } from '../../src/storage/guidance-seen-repository';
import { projectRoot } from '../../src/project-root';
import { freshDb } from '../helpers/db';
import { expectRotation } from './content-fixtures';
import { readReference } from '../helpers/reference';

/** The shipped library in prompts/, exactly as start-up loads it. */
const library: ContentLibrary = loadContent({ baseDir: path.join(projectRoot(), 'prompts') });

const limits = readReference<{ blocks: Record<string, { max: number }> }>('block-kit/limits.json');
const SECTION_TEXT = limits.blocks['section.text']!.max;
const HEADER_TEXT = limits.blocks['header.text']!.max;

// The longest values a template can receive, with every character that needs escaping.
const WORST_VARS = Object.fromEntries(KNOWN_PLACEHOLDERS.map((p) => [p, '<&>'.repeat(MAX_VALUE_LENGTH)]));

describe('the shipped content library (prompts/)', () => {
  it('loads without problems and has content for every level', () => {
    expect(library.items.length).toBeGreaterThan(0);
    for (const level of [...LEVELS, 'all']) expect(library.items.filter((i) => i.level === level).length).toBeGreaterThan(0);
  });

  it('has unique ids, each with its level prefix, in its level folder', () => {
    expect(new Set(library.items.map((i) => i.id)).size).toBe(library.items.length);
    for (const i of library.items) {
      expect(i.id.startsWith(ID_PREFIXES[i.level])).toBe(true);
      expect(i.file.split(path.sep).slice(-2)).toEqual([i.level, `${i.id}.md`]);
    }
  });

  it('does not repeat a title or a body anywhere: every item is its own advice', () => {
    const titles = library.items.map((i) => `${i.level}:${i.title.toLowerCase()}`);
    expect(titles.length - new Set(titles).size).toBe(0);
    expect(new Set(library.items.map((i) => i.body)).size).toBe(library.items.length);
  });

  it('fits Block Kit limits even with the longest, most escaped variable values', () => {
    for (const i of library.items) {
      expect(i.title.length).toBeLessThanOrEqual(Math.min(LIMITS.title, HEADER_TEXT));
      const body = renderTemplate(i.body, WORST_VARS);
      expect(body.length).toBeLessThanOrEqual(SECTION_TEXT);
      expect(body).not.toMatch(/\{\{|\}\}/);
      for (const q of [...i.ask, ...i.reflect]) expect(q.length).toBeLessThanOrEqual(HEADER_TEXT);
      expect(i.ask.map((q) => `• ${q}`).join('\n').length).toBeLessThanOrEqual(SECTION_TEXT);
    }
  });

  it('meets the coverage minimums for every level, topic and situation', () => {
    // Lists the missing cells by name when it fails, e.g. { level: 'mid-level', topic: 'goals', count: 2, min: 5 }.
    expect(shortfalls(library.items)).toEqual([]);
    expect(libraryProblems(library.items)).toEqual([]);
  });

  it('has the level-independent recognition hints for the kudos modal', () => {
    const hints = library.items.filter((i) => i.level === 'all' && i.topic === 'recognition');
    expect(hints.length).toBeGreaterThanOrEqual(5);
  });
});

describe('rotation over the shipped library', () => {
  let cleanup: () => void;
  let source: GuidanceSource;
  beforeEach(() => {
    const fresh = freshDb();
    cleanup = fresh.cleanup;
    source = createGuidanceSource({ library, seen: createGuidanceSeenRepository(sqliteKysely(fresh.db)), clock: createFixedClock(Date.UTC(2026, 0, 5)) });
  });
  afterEach(() => cleanup());

  const general = (level: string, topic?: string) =>
    library.items.filter((i) => i.level === level && i.when.includes('everyday') && (topic === undefined || i.topic === topic)).length;

  it.each(LEVELS)('gives %s managers a year of weekly tips without a repeat while the pool lasts', async (level) => {
    const ids: string[] = [];
    for (let i = 0; i < 52; i += 1) ids.push((await source.next({ personId: 'U1', level }))!.id);
    expectRotation(ids, general(level));
    expect(ids.every((id) => id.startsWith(ID_PREFIXES[level]))).toBe(true);
    if (general(level) >= 52) expect(new Set(ids).size).toBe(52);
  });

  it.each(LEVELS)('rotates %s one-on-one prep guidance through every general item before repeating', async (level) => {
    const ids: string[] = [];
    for (let i = 0; i < 52; i += 1) ids.push((await source.next({ personId: 'U1', level, topic: 'one-on-one' }))!.id);
    expectRotation(ids, general(level, 'one-on-one'));
  });

  it.each(LEVELS)('has guidance for %s managers in every situation, any topic', async (level) => {
    for (const situation of MOMENTS) {
      const g = await source.next({ personId: 'U1', level, situation, exact: true });
      expect({ situation, got: g?.situation, level: g?.level }).toEqual({ situation, got: situation, level });
    }
  });
});
