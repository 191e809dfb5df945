import path from 'node:path';
import { ContentError, displayPath, inspectContent, loadContent } from '../../src/content/loader';
import { GOOD_BODY, frontMatter, tempDir, writeBaseItem, writeItem, writeRaw } from './content-fixtures';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

/** The problems loadContent throws, asserting it throws a ContentError. */
function problemsOf(baseDir: string, overrideDir?: string): string[] {
  try {
    loadContent({ baseDir, overrideDir });
  } catch (err) {
    expect(err).toBeInstanceOf(ContentError);
    expect((err as ContentError).code).toBe('content_invalid');
    return (err as ContentError).problems;
  }
  throw new Error('expected loadContent to throw');
}

const rel = displayPath;

describe('loadContent', () => {
  it('loads valid items, unwraps hard-wrapped lines and escapes & < > for mrkdwn', () => {
    writeBaseItem(dir, 'fl-one', {}, 'First line of the tip\nwraps here & goes on <3 with more words to read.');
    writeBaseItem(dir, 'all-two', { topic: 'wellbeing', ask: [] });
    writeRaw(dir, 'README.md', '# not an item');
    const library = loadContent({ baseDir: dir });
    expect(library.items.map((i) => i.id)).toEqual(['all-two', 'fl-one']);
    const one = library.items.find((i) => i.id === 'fl-one')!;
    expect(one.body).toBe('First line of the tip wraps here &amp; goes on &lt;3 with more words to read.');
    expect(one.file).toBe(rel(path.join(dir, 'frontline/fl-one.md')));
    expect(one.enabled).toBe(true);
    expect(library.items.find((i) => i.id === 'all-two')).toMatchObject({ ask: [], reflect: [], when: ['everyday'], sources: [] });
    expect(library.items.find((i) => i.id === 'all-two')!.askFirst).toBeUndefined();
  });

  it('names the file and the field in every schema error', () => {
    const file = writeBaseItem(dir, 'fl-bad', { title: 'x'.repeat(81), topic: 'synergy', ask: ['Too short'] });
    const problems = problemsOf(dir);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`^${escape(rel(file))}: title: must be at most 80 characters`)),
        expect.stringMatching(new RegExp(`^${escape(rel(file))}: topic: must be one of one-on-one, `)),
        expect.stringMatching(new RegExp(`^${escape(rel(file))}: ask\\[0\\]: must be a question ending in "\\?"`)),
      ]),
    );
  });

  it('reports every problem in every file at once', () => {
    const a = writeBaseItem(dir, 'fl-a', { level: 'frontline', ask: ['What now?'] });
    const b = writeBaseItem(dir, 'ml-b', { title: 'Use *bold* here' });
    const c = writeRaw(dir, 'executive/ex-c.md', 'no front matter at all\n');
    const d = writeRaw(dir, 'executive/ex-d.md', '---\nid: ex-d\ntitle: [unclosed\n---\nbody\n');
    writeBaseItem(dir, 'ex-fine');
    const problems = problemsOf(dir);
    // Files in path order, each with all of its problems.
    expect(problems).toEqual([
      expect.stringMatching(new RegExp(`^${escape(rel(c))}: front matter: missing`)),
      expect.stringMatching(new RegExp(`^${escape(rel(d))}: front matter: invalid YAML at line \\d+ of the file: Flow sequence`)),
      `${rel(a)}: ask: one-on-one items need 3–5 questions (found 1)`,
      `${rel(b)}: title: the title is plain text: no *, _, ~, \`, \\, < or >`,
    ]);
  });

  it('rejects unknown fields, wrong types and bad ids by name', () => {
    const file = writeItem(dir, 'frontline/Bad_Id.md', { ...frontMatter('Bad_Id'), question: 'typo', enabled: 'yes', when: ['monday'] });
    const problems = problemsOf(dir).map((p) => p.slice(rel(file).length + 2));
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^question: unknown field/),
        expect.stringMatching(/^id: must match/),
        expect.stringMatching(/^enabled: must be true or false/),
        expect.stringMatching(/^when\[0\]: must be one of everyday, first-1:1, /),
      ]),
    );
  });

  it('checks the body for Slack hazards', () => {
    const hazards: Array<[string, RegExp]> = [
      ['Say hi to <!channel> today.', /body: must not ping a channel/],
      ['Tell <!here> about it.', /body: must not ping a channel/],
      ['Loop in <!everyone> now.', /body: must not ping a channel/],
      ['Ask <@U0123ABC> for help.', /body: must not mention users/],
      ['Read https://example.com first.', /body: must not contain links/],
      ['Celebrate :tada: together.', /body: must not use emoji shortcodes/],
      ['Hi {{nmae}}, welcome.', /body: unknown placeholder \{\{nmae\}\}/],
      ['Hi {{{name}}}, welcome.', /body: only plain \{\{name\}\} placeholders are allowed/],
      ['Hi {{#name}}x{{/name}}.', /body: only plain \{\{name\}\} placeholders are allowed/],
      ['Intro line\n• first point\n• second point', /body: must be one paragraph, not a list/],
      ['', /body: is empty/],
      ['x'.repeat(1501), /body: must be at most 1500 characters \(found 1501\)/],
    ];
    hazards.forEach(([body], i) => writeBaseItem(dir, `fl-hazard-${i}`, {}, body));
    const problems = problemsOf(dir);
    hazards.forEach(([, pattern], i) => {
      const file = escape(rel(path.join(dir, `frontline/fl-hazard-${i}.md`)));
      expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^${file}: ${pattern.source}`))]));
    });
  });

  it('warns, without failing, about unbalanced formatting, length and paragraphs', () => {
    writeBaseItem(dir, 'fl-style', { when: ['overdue'] }, `An *unclosed bold for {{days_since_last}} days. ${GOOD_BODY}\n\nA second paragraph.`);
    writeBaseItem(dir, 'fl-short', {}, 'Too short to help.');
    const { library, problems } = inspectContent({ baseDir: dir });
    expect(problems).toEqual([]);
    const w = library.warnings.join('\n');
    expect(w).toMatch(/fl-style\.md: body: has an odd number of "\*"/);
    expect(w).not.toMatch(/odd number of "_"/); // {{days_since_last}} does not count
    expect(w).toMatch(/fl-style\.md: body: has more than one paragraph/);
    expect(w).toMatch(/fl-short\.md: body: 18 characters; aim for 250–700/);
  });

  it('enforces the prompts/ layout: level folder, file name and id prefix', () => {
    writeItem(dir, 'frontline/fl-misplaced.md', frontMatter('fl-misplaced', { level: 'executive' }));
    writeItem(dir, 'frontline/other-name.md', frontMatter('fl-named'));
    writeItem(dir, 'loose.md', frontMatter('fl-loose'));
    writeItem(dir, 'mid-level/team-x.md', frontMatter('team-x', { level: 'mid-level' }));
    const problems = problemsOf(dir).join('\n');
    expect(problems).toMatch(/fl-misplaced\.md: id: the prefix "fl-" is for level frontline, but level is executive/);
    expect(problems).toMatch(/other-name\.md: id: the file must be named fl-named\.md/);
    expect(problems).toMatch(/loose\.md: level: the file must be in a level folder/);
    expect(problems).toMatch(/team-x\.md: id: must start with "ml-" for level mid-level/);
  });

  it('rejects a duplicate id within one folder, naming both files', () => {
    const second = writeItem(dir, 'frontline/fl-twice.md', frontMatter('fl-twice'));
    const first = writeItem(dir, 'frontline/extra/fl-twice.md', frontMatter('fl-twice')); // extra/ sorts first
    expect(problemsOf(dir)).toEqual([`${rel(second)}: id: duplicate id "fl-twice" (also in ${rel(first)})`]);
  });

  it('gives a clear error when the folder is missing', () => {
    expect(problemsOf(path.join(dir, 'nope'))[0]).toMatch(/nope: prompts: folder not found$/);
  });

  it('hides items with enabled: false in prompts/', () => {
    writeBaseItem(dir, 'fl-on');
    writeBaseItem(dir, 'fl-off', { enabled: false });
    const library = loadContent({ baseDir: dir });
    expect(library.items.map((i) => i.id)).toEqual(['fl-on']);
    expect(library.disabled).toEqual(['fl-off']);
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('v2 field rules, each named by file and field', () => {
  let d: string;
  let clean: () => void;
  beforeEach(() => ({ dir: d, cleanup: clean } = tempDir()));
  afterEach(() => clean());
  const problemsFor = (over: Record<string, unknown>, body?: string) => {
    writeBaseItem(d, 'fl-rule', over, body);
    return inspectContent({ baseDir: d }).problems.map((p) => p.replace(/^.*fl-rule\.md: /, ''));
  };

  it('holds reflect, say, if_pushback and hr_check to their limits', () => {
    expect(problemsFor({ reflect: ['One?', 'Two?', 'Three?', 'Four?'], say: 's'.repeat(241) })).toEqual(
      expect.arrayContaining(['reflect: at most 3 questions', 'say: must be at most 240 characters']),
    );
    // Rules across fields run once every field is readable on its own.
    const problems = problemsFor({ if_pushback: 'First. Second. Third.', hr_check: 'Be careful before you act on this.' });
    expect(problems).toEqual(
      expect.arrayContaining([
        'if_pushback: must be one or two sentences (found 3)',
        'hr_check: must say what to check with HR or legal (name HR or legal)',
      ]),
    );
  });

  it('needs 3–5 questions and say + hr_check on an item written for a sensitive moment', () => {
    const problems = problemsFor({ topic: 'coaching', when: ['resignation'], ask: ['What happened?'] });
    expect(problems).toEqual(
      expect.arrayContaining([
        'ask: items written for a moment need 3–5 questions (found 1)',
        'say: is required for when: resignation: the words the manager can open with',
        'hr_check: is required for when: resignation: what to check with HR or legal first',
      ]),
    );
  });

  it('keeps everyday alone, late-only placeholders in late items, and ask apart from reflect', () => {
    const problems = problemsFor({ when: ['everyday', 'overdue'], reflect: ['What is slowing fl-rule down?'] }, `It has been {{days_since_last}} days. ${GOOD_BODY}`);
    expect(problems).toEqual(
      expect.arrayContaining([
        'when: everyday means no particular moment: list the moments, or only [everyday]',
        'reflect[0]: is also in ask: a question is either for them (ask) or for you (reflect)',
      ]),
    );
    expect(problemsFor({ when: ['everyday'] }, `It has been {{cadence_days}} days. ${GOOD_BODY}`)).toContain('body: {{cadence_days}} only has a value in overdue or after-missed items');
  });

  it('suggests the right name for a misspelt field', () => {
    expect(problemsFor({ askFirst: 'What?' })).toContain('askFirst: unknown field; did you mean ask_first?');
  });
});
