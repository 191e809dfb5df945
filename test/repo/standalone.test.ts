import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../src/project-root';

/**
 * A clone is all a user has: nothing in the repository may read a file outside it. Walks every file a
 * clone holds (not installed or generated folders) and fails on a path that leaves the repository.
 */
const root = projectRoot();
const SKIP = new Set(['node_modules', 'dist', 'data', 'test-results', 'coverage', '.git']);
const TEXT = /\.(ts|js|mjs|cjs|json|md|yml|yaml|sh|html|css|sql|txt|example)$|^(Dockerfile|run|\.env\.example|\.dockerignore|\.gitignore)$/;

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (SKIP.has(e.name)) return [];
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : TEXT.test(e.name) ? [p] : [];
  });
}

const files = walk(root).filter((f) => !f.includes(`${path.sep}slack-reference${path.sep}`) || f.endsWith('README.md'));
/**
 * Generic escape checks, naming no outside folder: the absolute path of the folder that holds this checkout
 * (a path written on a developer's machine), and a relative path literal that climbs above the repository
 * from the file that holds it.
 */
const parent = path.dirname(root);
const RELATIVE_LITERAL = /['"`]((?:\.\.\/)+[^'"`\s]*)['"`]/g;
const PROJECT_ROOT_PARENT = /projectRoot\(\)\s*,\s*['"]\.\.['"]/;

function escapes(file: string, line: string): boolean {
  if (parent !== path.sep && line.includes(`${parent}${path.sep}`)) return true;
  if (PROJECT_ROOT_PARENT.test(line)) return true;
  for (const m of line.matchAll(RELATIVE_LITERAL)) {
    const fromFile = path.resolve(path.dirname(file), m[1] as string);
    const fromRoot = path.resolve(root, m[1] as string);
    if (path.relative(root, fromFile).startsWith('..') && path.relative(root, fromRoot).startsWith('..')) return true;
  }
  return false;
}

describe('the repository stands alone', () => {
  it('finds the files it checks', () => {
    expect(files.length).toBeGreaterThan(200);
    expect(files.some((f) => f.endsWith(path.join('tools', 'emulator', 'spec.ts')))).toBe(true);
  });

  it('no file names a folder outside the repository', () => {
    const hits: string[] = [];
    for (const f of files) {
      const lines = fs.readFileSync(f, 'utf8').split('\n');
      lines.forEach((line, i) => {
        if (escapes(f, line)) hits.push(`${path.relative(root, f)}:${i + 1}: ${line.trim().slice(0, 120)}`);
      });
    }
    expect(hits).toEqual([]);
  });

  it('the check catches what it is for', () => {
    const here = path.join(root, 'test', 'repo', 'x.ts');
    expect(escapes(here, `const f = '${['..', '..', '..', 'elsewhere', 'x.json'].join('/')}';`)).toBe(true);
    expect(escapes(here, `path.resolve(${['projectRoot()', "'..'", "'elsewhere'"].join(', ')})`)).toBe(true);
    expect(escapes(here, `readFileSync('${path.join(parent, 'elsewhere', 'x.json')}')`)).toBe(true);
    expect(escapes(here, `import { x } from '../helpers/db';`)).toBe(false);
  });

  it('every relative import resolves inside the repository', () => {
    const hits: string[] = [];
    for (const f of files.filter((x) => /\.(ts|js)$/.test(x))) {
      const text = fs.readFileSync(f, 'utf8');
      for (const m of text.matchAll(/(?:from\s+|require\(|import\()['"](\.{1,2}\/[^'"]+)['"]/g)) {
        const target = path.resolve(path.dirname(f), m[1] as string);
        if (path.relative(root, target).startsWith('..')) hits.push(`${path.relative(root, f)} imports ${m[1]}`);
      }
    }
    expect(hits).toEqual([]);
  });

  it('the vendored Slack reference holds every file the emulator and the tests read', () => {
    for (const rel of ['web-api/slack_web_openapi_v2.json', 'block-kit/limits.json', 'rate-limits/method_tiers.json', 'signing/test_vector.json', 'manifest/manifest.schema.local.json']) {
      expect(fs.existsSync(path.join(root, 'tools', 'slack-reference', rel))).toBe(true);
    }
    expect(fs.readFileSync(path.join(root, 'tools', 'slack-reference', 'README.md'), 'utf8')).toContain('slackapi/slack-api-specs');
  });
});
