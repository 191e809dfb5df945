import path from 'node:path';
import Mustache from 'mustache';
import { loadContent } from '../../src/content/loader';
import { projectRoot } from '../../src/project-root';
import { escapeMrkdwnValue, MAX_VALUE_LENGTH, placeholdersIn, renderTemplate } from '../../src/content/template';

const T = 'Ask {{name}} what would help. {{manager_name}} has waited {{days_since_last}} days.';

/** Text a value may render to: never an ASCII formatting character or a raw < > &. */
function assertInert(rendered: string): void {
  expect(rendered).not.toMatch(/[*_~`<>]/);
  expect(rendered.replace(/&(amp|lt|gt);/g, '')).not.toContain('&');
}

describe('renderTemplate', () => {
  it('fills known placeholders and leaves missing ones empty, never as {{x}}', () => {
    expect(renderTemplate(T, { name: 'Alice', manager_name: 'Bob', days_since_last: 21 })).toBe(
      'Ask Alice what would help. Bob has waited 21 days.',
    );
    expect(renderTemplate(T, { name: 'Alice', manager_name: 'Bob' })).toBe('Ask Alice what would help. Bob has waited days.');
    // A tip about no one in particular still reads: names fall back to a neutral phrase.
    expect(renderTemplate(T, { name: '  ', days_since_last: 3 })).toBe('Ask your report what would help. your manager has waited 3 days.');
    expect(renderTemplate('Hi {{unknown_thing}} and {{constructor}} and {{toString}}.', {})).toBe('Hi and and .');
    expect(renderTemplate('{{days_since_last}} days', { days_since_last: 0 })).toBe('0 days');
  });

  it.each([
    ['*bob*', '\uFF0Abob\uFF0A'],
    ['_ital_', '\uFF3Fital\uFF3F'],
    ['~strike~', '\uFF5Estrike\uFF5E'],
    ['`code`', '\uFF40code\uFF40'],
    ['<!channel>', '&lt;!channel&gt;'],
    ['<@U024BE7LH>', '&lt;@U024BE7LH&gt;'],
    ['<https://evil.example|click>', '&lt;https://evil.example|click&gt;'],
    ['Tom & Jerry', 'Tom &amp; Jerry'],
    ['&lt;', '&amp;lt;'],
  ])('neutralises the hostile name %j', (name, expected) => {
    const rendered = renderTemplate('Thanks {{name}}!', { name });
    expect(rendered).toBe(`Thanks ${expected}!`);
    assertInert(rendered.replace('Thanks ', '').replace('!', ''));
  });

  it('neutralises hostile values even in a triple-stache tag that would skip escaping', () => {
    expect(renderTemplate('{{{name}}} / {{&name}}', { name: '*<!here>*' })).toBe(
      '\uFF0A&lt;!here&gt;\uFF0A / \uFF0A&lt;!here&gt;\uFF0A',
    );
  });

  it('keeps emoji intact', () => {
    expect(renderTemplate('Hi {{name}}.', { name: 'Zoë 🚀👩🏽‍💻' })).toBe('Hi Zoë 🚀👩🏽‍💻.');
  });

  it('isolates right-to-left names so they cannot reorder the sentence, and strips bidi overrides', () => {
    expect(renderTemplate('Hi {{name}}, welcome.', { name: 'דנה' })).toBe('Hi \u2068דנה\u2069, welcome.');
    expect(renderTemplate('Hi {{name}}.', { name: 'مريم' })).toBe('Hi \u2068مريم\u2069.');
    // U+202E (right-to-left override) would flip everything after it.
    expect(renderTemplate('Hi {{name}}.', { name: 'evil\u202Egnp.exe' })).toBe('Hi evil gnp.exe.');
  });

  it('flattens newlines and control characters and caps very long values', () => {
    expect(renderTemplate('Hi {{name}}.', { name: 'a\n\n• b\u0000c' })).toBe('Hi a • b c.');
    const long = escapeMrkdwnValue('x'.repeat(5000));
    expect([...long].length).toBe(MAX_VALUE_LENGTH);
    expect(long.endsWith('…')).toBe(true);
  });

  it('leaves the authored text alone when there are no placeholders', () => {
    const body = 'Plain *bold* text with &amp; an entity.';
    expect(renderTemplate(body, { name: 'x' })).toBe(body);
  });
});

describe('placeholdersIn', () => {
  it('lists plain placeholders and rejects sections, partials and unescaped tags', () => {
    expect(placeholdersIn('{{name}} and {{ cadence_days }}')).toEqual({ names: ['name', 'cadence_days'], errors: [] });
    expect(placeholdersIn('{{#name}}x{{/name}}').errors).toHaveLength(1);
    expect(placeholdersIn('{{> partial}}').errors).toHaveLength(1);
    expect(placeholdersIn('{{{name}}}').errors[0]).toMatch(/found a "&" tag/);
    expect(placeholdersIn('{{name').errors[0]).toMatch(/malformed placeholder/);
  });
});

describe('parsed templates kept in memory', () => {
  // Mustache's default writer kept every template it parsed for the life of the process: the whole library,
  // each text token a rope of one-character strings (~6 MB of heap for the shipped library).
  const defaultCache = () => Object.keys((Mustache.templateCache as unknown as { _cache: Record<string, unknown> })._cache);

  it('checking and rendering the shipped library leave nothing in mustache`s process-wide cache', () => {
    Mustache.clearCache();
    const library = loadContent({ baseDir: path.join(projectRoot(), 'prompts') });
    for (const item of library.items) {
      placeholdersIn(item.body);
      renderTemplate(item.body, { name: 'Alice', manager_name: 'Bob', days_since_last: 3 });
    }
    expect(library.items.length).toBeGreaterThan(100);
    expect(defaultCache()).toEqual([]);
  });

  it('renders the same from its own cache, with text the flattening must not alter (lone surrogates, emoji, newlines)', () => {
    const template = 'Hi {{name}}\n\uD800 stays, 🎉 too; {{name}} again';
    const first = renderTemplate(template, { name: 'Ana' });
    expect(first).toBe('Hi Ana\n\uD800 stays, 🎉 too; Ana again');
    expect(renderTemplate(template, { name: 'Ana' })).toBe(first);
    expect(renderTemplate(template, { name: 'Bo' })).toBe('Hi Bo\n\uD800 stays, 🎉 too; Bo again');
  });
});
