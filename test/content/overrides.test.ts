import path from 'node:path';
import { ContentError, displayPath, inspectContent, loadContent } from '../../src/content/loader';
import { frontMatter, tempDir, writeBaseItem, writeItem, writeRaw } from './content-fixtures';

let base: string;
let over: string;
const cleanups: Array<() => void> = [];
beforeEach(() => {
  const a = tempDir('leadwell-base-');
  const b = tempDir('leadwell-override-');
  base = a.dir;
  over = b.dir;
  cleanups.push(a.cleanup, b.cleanup);
  writeBaseItem(base, 'fl-keep');
  writeBaseItem(base, 'fl-replace');
  writeBaseItem(base, 'fl-hide');
});
afterEach(() => cleanups.splice(0).forEach((c) => c()));

describe('CONTENT_DIR overrides', () => {
  it('replaces base items by id, adds new ones and hides items with an enabled: false stub', () => {
    // Any layout and file name in CONTENT_DIR.
    writeItem(over, 'ours/replacement.md', frontMatter('fl-replace', { title: 'Our own wording' }));
    writeItem(over, 'acme-kickoff.md', frontMatter('acme-kickoff', { level: 'frontline', topic: 'goals', ask: [] }));
    writeRaw(over, 'off/hide.md', '---\nid: fl-hide\nenabled: false\n---\n');
    const library = loadContent({ baseDir: base, overrideDir: over });
    expect(library.items.map((i) => i.id)).toEqual(['acme-kickoff', 'fl-keep', 'fl-replace']);
    const replaced = library.items.find((i) => i.id === 'fl-replace')!;
    expect(replaced.title).toBe('Our own wording');
    expect(replaced.file).toBe(displayPath(path.join(over, 'ours/replacement.md')));
    expect(library.overridden).toEqual(['fl-replace']);
    expect(library.disabled).toEqual(['fl-hide']);
  });

  it('can re-enable an item that prompts/ disables, by replacing it', () => {
    writeBaseItem(base, 'fl-dormant', { enabled: false });
    writeItem(over, 'fl-dormant.md', frontMatter('fl-dormant'));
    const library = loadContent({ baseDir: base, overrideDir: over });
    expect(library.items.map((i) => i.id)).toContain('fl-dormant');
    expect(library.disabled).toEqual([]);
  });

  it('warns when a stub disables an id that does not exist, and needs an id', () => {
    writeRaw(over, 'typo.md', '---\nid: fl-hdie\nenabled: false\n---\n');
    const { library, problems } = inspectContent({ baseDir: base, overrideDir: over });
    expect(problems).toEqual([]);
    expect(library.warnings).toEqual([`${displayPath(path.join(over, 'typo.md'))}: id: disables "fl-hdie" but prompts/ has no item with that id`]);
    writeRaw(over, 'no-id.md', '---\nenabled: false\n---\n');
    expect(inspectContent({ baseDir: base, overrideDir: over }).problems).toEqual([
      `${displayPath(path.join(over, 'no-id.md'))}: id: an "enabled: false" file needs the id of the item to hide`,
    ]);
  });

  it('validates override items like base items and reports problems from both folders together', () => {
    writeBaseItem(base, 'fl-broken', { title: '' });
    writeItem(over, 'bad.md', frontMatter('fl-bad', { level: 'executive' }));
    writeItem(over, 'a/dup.md', frontMatter('acme-dup', { level: 'frontline' }));
    writeItem(over, 'b/dup.md', frontMatter('acme-dup', { level: 'frontline' }));
    let problems: string[] = [];
    try {
      loadContent({ baseDir: base, overrideDir: over });
    } catch (err) {
      problems = (err as ContentError).problems;
    }
    expect(problems).toEqual([
      `${displayPath(path.join(base, 'frontline/fl-broken.md'))}: title: must not be empty`,
      `${displayPath(path.join(over, 'b/dup.md'))}: id: duplicate id "acme-dup" (also in ${displayPath(path.join(over, 'a/dup.md'))})`,
      `${displayPath(path.join(over, 'bad.md'))}: id: the prefix "fl-" is for level frontline, but level is executive`,
    ]);
  });

  it('reports a missing CONTENT_DIR by name', () => {
    const { problems } = inspectContent({ baseDir: base, overrideDir: path.join(over, 'missing') });
    expect(problems).toEqual([expect.stringMatching(/missing: CONTENT_DIR: folder not found$/)]);
  });
});
