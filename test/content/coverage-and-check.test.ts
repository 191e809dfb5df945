import path from 'node:path';
import { runContentCheck } from '../../src/content/check-cli';
import { BUSY_SITUATIONS, MIN_ITEMS_PER_LEVEL, MIN_ONE_ON_ONE_PER_LEVEL, MOMENTS, shortfalls, situationMinimum } from '../../src/content/coverage';
import { REQUIRED_SUBJECTS } from '../../src/content/subjects';
import { LEVELS, type GuidanceItem, type Level } from '../../src/domain/ports';
import { item } from './content-fixtures';

const FIXTURES = path.join(__dirname, 'fixtures');

/** Runs the real check on a fixture library; the minimums are for the shipped library only, so off here unless asked. */
function check(name: string, opts: { minimums?: boolean; overrideDir?: string } = {}): { code: number; out: string } {
  const lines: string[] = [];
  const code = runContentCheck({ baseDir: path.join(FIXTURES, name), overrideDir: opts.overrideDir, minimums: opts.minimums ?? false, write: (l) => lines.push(l) });
  return { code, out: lines.join('\n') };
}

describe('content:check gates, each failing on its own bad fixture library', () => {
  it('fails on a question asked twice in a level, whatever its case or punctuation', () => {
    const { code, out } = check('gate-duplicate');
    expect(code).toBe(1);
    expect(out).toMatch(/✗ .*gate-duplicate\/frontline\/fl-b\.md: ask\[0\]: the same question as .*fl-a\.md \(ask\[0\]\)/);
  });

  it('fails on a near-duplicate question (one word apart)', () => {
    const { code, out } = check('gate-near-duplicate');
    expect(code).toBe(1);
    expect(out).toMatch(/✗ .*fl-b\.md: ask\[0\]: nearly the same question as .*fl-a\.md \(ask\[0\]\)/);
  });

  it('fails on banned filler anywhere, naming the field and the phrase', () => {
    const { code, out } = check('gate-banned');
    expect(code).toBe(1);
    expect(out).toMatch(/fl-filler\.md: title: uses the filler phrase "touch base"/);
    expect(out).toMatch(/fl-filler\.md: ask\[0\]: uses the filler phrase "move the needle"/);
    expect(out).toMatch(/fl-filler\.md: body: uses the filler phrase "going forward"/);
  });

  it('fails on a when value nobody knows', () => {
    const { code, out } = check('gate-when');
    expect(code).toBe(1);
    expect(out).toMatch(/fl-when\.md: when\[0\]: must be one of everyday, first-1:1/);
  });

  it('fails on sources that are not {author, work, year}', () => {
    const { code, out } = check('gate-sources-malformed');
    expect(code).toBe(1);
    expect(out).toMatch(/fl-src\.md: sources\[0\]: must be \{author, work, year\}/);
    expect(out).toMatch(/fl-src\.md: sources\[1\]\.year: must be a year/);
  });

  it('fails when a work is credited two ways, or a canonical work is misspelt', () => {
    const { code, out } = check('gate-sources-inconsistent');
    expect(code).toBe(1);
    expect(out).toMatch(/fl-two\.md: sources\[0\]: "A Book Nobody Else Wrote" is credited as \{author: "Jane Doe", .*year: 2010\} in .*fl-one\.md/);
    expect(out).toMatch(/fl-three\.md: sources\[0\]: write it as \{author: "Kim Scott", work: "Radical Candor", year: 2017\}/);
  });

  it('fails when 10% or more of a level share a question with another level, and prints the shares', () => {
    const { code, out } = check('gate-distinct');
    expect(code).toBe(1);
    expect(out).toMatch(/frontline: 3 of 11 \(27%\)/);
    expect(out).toMatch(/✗ frontline: ask: 3 of 11 items \(27%\) share a question with another level/);
    expect(out).toMatch(/✗ mid-level: ask: 3 of 3 items \(100%\)/);
  });

  it('fails on a sensitive item without say and hr_check', () => {
    const { code, out } = check('gate-sensitive');
    expect(code).toBe(1);
    expect(out).toMatch(/fl-perf\.md: say: is required for topic performance/);
    expect(out).toMatch(/fl-perf\.md: hr_check: is required for topic performance/);
  });

  it('fails on closed questions, naming each', () => {
    const { code, out } = check('gate-closed');
    expect(code).toBe(1);
    expect(out).toMatch(/fl-closed\.md: ask\[0\]: is a closed question \(starts with "is"\)/);
    expect(out).toMatch(/fl-closed\.md: ask\[1\]: is a closed question \(starts with "did"\)/);
    expect(out).not.toMatch(/ask\[2\]/);
  });

  it('fails when ask_first is not one of the ask questions', () => {
    const { code, out } = check('gate-ask-first');
    expect(code).toBe(1);
    expect(out).toMatch(/fl-askfirst\.md: ask_first: must be an exact copy of one of the ask questions/);
  });

  it('fails on the minimums for a small library and prints the coverage tables', () => {
    const { code, out } = check('prep-library', { minimums: true });
    expect(code).toBe(1);
    expect(out).toMatch(/✗ coverage: total enabled items: 20 of at least 300/);
    expect(out).toMatch(/✗ coverage: frontline: enabled items: 17 of at least 90/);
    expect(out).toMatch(/✗ coverage: frontline @ overdue: 0 of at least 2/);
    expect(out).toMatch(/✗ coverage: frontline @ performance: 1 of at least 3/);
    expect(out).toMatch(/✗ coverage: executive: subject "working with the board": 0 of at least 2/);
    expect(out).toMatch(/^topic +frontline +mid-level +executive +all$/m);
    expect(out).toMatch(/^one-on-one +4\/12 ✗ +1\/12 ✗ +1\/12 ✗ +0$/m);
    expect(out).toMatch(/^performance +1\/3 ✗ +0\/3 ✗ +0\/3 ✗ +0$/m);
    expect(out).toMatch(/^ {2}performance +1 — performance 1$/m);
  });

  it('passes a clean library when the minimums are off', () => {
    expect(check('prep-library')).toMatchObject({ code: 0, out: expect.stringMatching(/Content check passed\.$/) });
  });
});

/** Exactly the minimums, in memory: every situation, one-on-one count, subject cell and total. */
function minimalLibrary(): GuidanceItem[] {
  const out: GuidanceItem[] = [];
  const add = (level: Level, over: Partial<GuidanceItem>) => out.push(item(`${level}-${out.length}`, { level, ...over }));
  for (const level of LEVELS) {
    for (const s of MOMENTS) for (let n = 0; n < situationMinimum(s); n += 1) add(level, { topic: 'coaching', when: [s] });
    for (let n = 0; n < MIN_ONE_ON_ONE_PER_LEVEL; n += 1) add(level, { topic: 'one-on-one' });
  }
  for (const subject of REQUIRED_SUBJECTS) {
    for (const cell of subject.cells) {
      for (let n = 0; n < (cell.min ?? 1); n += 1) {
        const words = cell.words ? { title: 'counter-offer not promoted knows more than you former peer player-coach mental health tears layoff span of control' } : {};
        add(cell.level, { topic: cell.topics?.[0] ?? 'coaching', when: [cell.situations?.[0] ?? 'everyday'], ...words });
      }
    }
  }
  for (const level of LEVELS) while (out.filter((i) => i.level === level).length < MIN_ITEMS_PER_LEVEL) add(level, { topic: 'goals' });
  while (out.length < 300) out.push(item(`all-${out.length}`, { level: 'all', topic: 'recognition' }));
  return out;
}

describe('coverage minimums', () => {
  it('has the numbers of issue #14 and the spec', () => {
    expect([MIN_ITEMS_PER_LEVEL, MIN_ONE_ON_ONE_PER_LEVEL]).toEqual([90, 12]);
    expect(BUSY_SITUATIONS).toEqual({ performance: 3, resignation: 3, wellbeing: 3, 'first-1:1': 3, 'new-report': 3 });
    expect(situationMinimum('conflict')).toBe(2);
    expect(MOMENTS).toHaveLength(18);
  });

  it('are met by a library at exactly the minimums, and each missing item is named', () => {
    const items = minimalLibrary();
    expect(shortfalls(items)).toEqual([]);
    const one = items.find((x) => x.level === 'executive' && x.when.includes('overdue'));
    const withoutOne = items.map((i) => (i === one ? { ...i, when: ['everyday'] } : i));
    expect(shortfalls(withoutOne)).toEqual([{ cell: 'executive @ overdue', count: 1, min: 2 }]);
    const disabled = items.map((i) => (i.level === 'mid-level' && i.topic === 'one-on-one' ? { ...i, enabled: false } : i));
    expect(shortfalls(disabled).map((s) => s.cell)).toContain('mid-level: topic one-on-one');
  });

  it('needs 300 in total even when each level has 90', () => {
    const items = minimalLibrary();
    expect(items).toHaveLength(300);
    expect(shortfalls(items.slice(0, -1))).toEqual([{ cell: 'total enabled items', count: 299, min: 300 }]);
  });
});
