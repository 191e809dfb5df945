import fs from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { CONFIG_VARIABLES, ConfigError, loadConfig } from '../../src/config';
import { projectRoot } from '../../src/project-root';

const root = projectRoot();
const example = fs.readFileSync(path.join(root, '.env.example'), 'utf8');
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
const named = (text: string) => [...text.matchAll(/^#?\s?([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1] as string);

describe('.env.example, the file operators copy', () => {
  it('names only variables Leadwell reads, each once', () => {
    const names = named(example);
    expect(names.length).toBeGreaterThan(10);
    expect(names.filter((n) => !CONFIG_VARIABLES.includes(n))).toEqual([]);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  });

  it('works once the operator sets the one secret only they can choose, and says so by name', () => {
    const env = parseEnv(example);
    let problems: string[] = [];
    try {
      loadConfig(env);
    } catch (err) {
      problems = (err as ConfigError).message.split('\n').filter((l) => /^\s*-?\s*[A-Z_]+:/.test(l));
    }
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('LEADWELL_SECRET');
    expect(() => loadConfig({ ...env, LEADWELL_SECRET: 'a'.repeat(64) })).not.toThrow();
    // Docker keeps the database on its volume: the example must not pin a path that overrides it.
    expect(env.DATABASE_PATH).toBeUndefined();
  });

  it('every variable Leadwell reads is documented in the README', () => {
    expect(CONFIG_VARIABLES.filter((v) => !readme.includes(`\`${v}\``))).toEqual([]);
  });
});
