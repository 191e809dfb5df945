import fs from 'node:fs';
import path from 'node:path';
import { inspectContent, loadContent, ContentError } from '../../src/content/loader';
import { startHarness, type Harness } from '../helpers/harness';
import { tempDir, writeItem, oldFrontMatter } from './content-fixtures';

const FIXTURES = path.join(__dirname, 'fixtures');
const PREP_LIBRARY = path.join(FIXTURES, 'prep-library');
const OLD_DIR = path.join(FIXTURES, 'old-content-dir');

describe("an operator's CONTENT_DIR in the first format", () => {
  it('loads, migrated on read: questions → ask, ask_first = the first, empty when → everyday, text sources dropped', () => {
    const { library, problems } = inspectContent({ baseDir: PREP_LIBRARY, overrideDir: OLD_DIR });
    expect(problems).toEqual([]);
    const acme = library.items.find((i) => i.id === 'acme-kickoff')!;
    expect(acme).toMatchObject({
      ask: ['What do you want to have finished by the end of the quarter?', 'Is there anything blocking you?', 'What would make this quarter a good one for you?'],
      askFirst: 'What do you want to have finished by the end of the quarter?',
      reflect: [],
      when: ['everyday'],
      sources: [],
    });
    // The override of a shipped id replaces it, and six old questions become v2's five.
    expect(library.overridden).toEqual(['fl-everyday-1']);
    expect(library.items.find((i) => i.id === 'fl-everyday-1')!.ask).toHaveLength(5);
  });

  it('warns once per file how to update it, names dropped sources, and reports v2 rules as warnings', () => {
    const { library } = inspectContent({ baseDir: PREP_LIBRARY, overrideDir: OLD_DIR });
    const acme = library.warnings.filter((w) => w.includes('acme-kickoff.md'));
    expect(acme.filter((w) => /old content format, migrated on read\. To update the file: rename questions to ask/.test(w))).toHaveLength(1);
    expect(acme).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/acme-kickoff\.md: sources: dropped 1 source written as text \(Radical Candor \(Kim Scott\)\); write each as \{author, work, year\}/),
        expect.stringMatching(/acme-kickoff\.md: ask\[1\]: is a closed question \(starts with "is"\)/),
      ]),
    );
    expect(library.warnings).toEqual(expect.arrayContaining([expect.stringMatching(/fl-everyday-1\.md: questions: kept the first 5 of 6/)]));
  });

  it('still fails on what cannot be migrated: a broken field is an error, not a warning', () => {
    const { dir, cleanup } = tempDir();
    try {
      writeItem(dir, 'broken.md', oldFrontMatter('acme-broken', { topic: 'synergy', questions: ['No question mark'] }));
      const { problems } = inspectContent({ baseDir: PREP_LIBRARY, overrideDir: dir });
      expect(problems).toEqual(
        expect.arrayContaining([expect.stringMatching(/broken\.md: topic: must be one of/), expect.stringMatching(/broken\.md: ask\[0\]: must be a question ending in "\?"/)]),
      );
    } finally {
      cleanup();
    }
  });

  it('is refused in the shipped library: prompts/ must be v2, with a message per field saying what changed', () => {
    const { dir, cleanup } = tempDir();
    try {
      fs.mkdirSync(path.join(dir, 'frontline'));
      writeItem(dir, 'frontline/fl-old.md', oldFrontMatter('fl-old'));
      expect(() => loadContent({ baseDir: dir })).toThrow(ContentError);
      const { problems } = inspectContent({ baseDir: dir });
      expect(problems).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/fl-old\.md: questions: the old field: v2 calls the questions for the other person `ask`/),
          expect.stringMatching(/fl-old\.md: when: must name at least one situation; everyday items say \[everyday\]/),
          expect.stringMatching(/fl-old\.md: sources\[0\]: must be \{author, work, year\}/),
        ]),
      );
    } finally {
      cleanup();
    }
  });
});

describe('Leadwell started with an old-format CONTENT_DIR', () => {
  let t: Harness;
  beforeAll(async () => {
    t = await startHarness({ contentBaseDir: PREP_LIBRARY, env: { CONTENT_DIR: OLD_DIR } });
  });
  afterAll(async () => {
    expect(t.emulator.violations()).toEqual([]);
    await t.stop();
  });

  it('starts, logs one warning per old file, and serves the migrated item through /coach tip', async () => {
    const warned = t.logs.filter((l) => l.includes('old content format'));
    expect(warned.length).toBeGreaterThanOrEqual(1);
    const res = await t.driver.command(t.people.manager, '/coach', 'tip goals');
    expect(res.status).toBe(200);
    const eph = await t.emulator.waitFor(() => t.emulator.ephemerals(t.people.manager).find((e) => JSON.stringify(e.blocks).includes('Kick off the quarter')), { timeoutMs: 4000 });
    expect(JSON.stringify(eph.blocks)).toContain('Try asking:* What do you want to have finished by the end of the quarter?');
  });
});
