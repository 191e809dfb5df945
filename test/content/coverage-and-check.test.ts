import { cellsUnderMinimum, countCell, MINIMUMS } from '../../src/content/coverage';
import { runContentCheck } from '../../src/content/check-cli';
import type { GuidanceItem, Level } from '../../src/domain/ports';
import { item, tempDir, writeBaseItem, writeItem, frontMatter } from './content-fixtures';

/** Exactly the minimum number of items for every cell. */
function minimalLibrary(): GuidanceItem[] {
  return MINIMUMS.flatMap((m) =>
    Array.from({ length: m.min }, (_, n) =>
      item(`${m.level}-${m.topic}-${m.situation ?? 'general'}-${n}`, {
        level: m.level,
        topic: m.topic,
        when: m.situation ? [m.situation] : [],
      }),
    ),
  );
}

describe('coverage', () => {
  it('is complete for a library at exactly the minimums', () => {
    expect(cellsUnderMinimum(minimalLibrary())).toEqual([]);
  });

  it('names each cell under its minimum, counting only enabled items', () => {
    const items = minimalLibrary();
    const goals = items.find((i) => i.level === 'mid-level' && i.topic === 'goals')!;
    goals.enabled = false;
    const withoutOverdue = items.filter((i) => !(i.level === 'executive' && i.when.includes('overdue')));
    expect(cellsUnderMinimum(withoutOverdue)).toEqual([
      { level: 'mid-level', topic: 'goals', min: 5, count: 4 },
      { level: 'executive', topic: 'one-on-one', situation: 'overdue', min: 1, count: 0 },
    ]);
  });

  it('counts situational one-on-one items in their situation rows, not in the general one-on-one cell', () => {
    const items = [item('a'), item('b', { when: ['overdue'] }), item('c', { when: ['overdue', 'first-1:1'] }), item('d', { topic: 'goals', when: ['new-manager'] })];
    const level: Level = 'frontline';
    expect(countCell(items, level, { topic: 'one-on-one' })).toBe(1);
    expect(countCell(items, level, { topic: 'one-on-one', situation: 'overdue' })).toBe(2);
    expect(countCell(items, level, { topic: 'one-on-one', situation: 'first-1:1' })).toBe(1);
    expect(countCell(items, level, { topic: 'goals' })).toBe(1);
  });

  it('has the minimums from the content brief', () => {
    const min = (level: Level, topic: string, situation?: string) =>
      MINIMUMS.find((m) => m.level === level && m.topic === topic && m.situation === situation)?.min;
    expect([min('frontline', 'one-on-one'), min('mid-level', 'recognition'), min('executive', 'goals')]).toEqual([15, 6, 5]);
    expect([min('frontline', 'delegation'), min('mid-level', 'cross-functional'), min('executive', 'measuring-leadership')]).toEqual([3, 3, 3]);
    expect(min('frontline', 'culture')).toBeUndefined();
    expect(MINIMUMS.filter((m) => m.situation !== undefined)).toHaveLength(18);
  });
});

describe('npm run content:check', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = tempDir()));
  afterEach(() => cleanup());

  function run(overrideDir?: string): { code: number; out: string } {
    const lines: string[] = [];
    const code = runContentCheck({ baseDir: dir, overrideDir, write: (l) => lines.push(l) });
    return { code, out: lines.join('\n') };
  }

  it('prints every problem at once and the coverage table, and fails', () => {
    writeBaseItem(dir, 'fl-one', { title: '' });
    writeBaseItem(dir, 'ml-two', { topic: 'nope' });
    const { code, out } = run();
    expect(code).toBe(1);
    expect(out).toMatch(/2 problem\(s\):/);
    expect(out).toMatch(/✗ .*fl-one\.md: title: must not be empty/);
    expect(out).toMatch(/✗ .*ml-two\.md: topic: must be one of/);
    expect(out).toMatch(/^topic +frontline +mid-level +executive +all$/m);
    expect(out).toMatch(/^recognition +0\/6 ✗ +0\/6 ✗ +0\/6 ✗ +0$/m);
    expect(out).toMatch(/✗ coverage: executive culture: 0 of at least 3/);
    expect(out).toMatch(/Content check FAILED\.$/);
  });

  it('fails on coverage alone, and passes when every cell is at its minimum', () => {
    for (const i of minimalLibrary()) {
      const prefix = { frontline: 'fl', 'mid-level': 'ml', executive: 'ex', all: 'all' }[i.level];
      const id = `${prefix}-${i.id.replace(/[^a-z0-9-]/g, '')}`.slice(0, 60);
      writeBaseItem(dir, id, { level: i.level, topic: i.topic, when: i.when });
    }
    expect(run()).toMatchObject({ code: 0, out: expect.stringMatching(/Content check passed\.$/) });
    const off = tempDir('leadwell-check-override-');
    try {
      writeItem(off.dir, 'hide.md', { id: 'fl-frontline-delegation-general-0', enabled: false });
      const { code, out } = run(off.dir);
      expect(code).toBe(1);
      expect(out).toMatch(/Disabled: fl-frontline-delegation-general-0/);
      expect(out).toMatch(/^delegation +2\/3 ✗ +0 +0 +0$/m);
      writeItem(off.dir, 'fl-extra.md', frontMatter('fl-extra-delegation', { topic: 'delegation', questions: [] }));
      expect(run(off.dir).code).toBe(0);
    } finally {
      off.cleanup();
    }
  });
});
