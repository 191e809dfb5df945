import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../src/project-root';
import { readDockerfile } from './dockerfile-spec';

const root = projectRoot();

describe('Dockerfile', () => {
  const { args, stages } = readDockerfile();
  const build = stages[0]!;
  const runtime = stages[stages.length - 1]!;
  const ops = (stage: typeof build, op: string) => stage.instructions.filter((i) => i.op === op).map((i) => i.args);

  it('builds in one stage and runs from a second, on Node 24 LTS (Debian slim)', () => {
    expect(stages).toHaveLength(2);
    expect(args.NODE_VERSION).toBe('24');
    const engines = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).engines as { node: string };
    expect(engines.node).toBe('>=24');
    for (const s of stages) expect(s.from).toBe('node:${NODE_VERSION}-bookworm-slim');
  });

  it('installs without a compiler (prebuilt better-sqlite3), builds, and prunes dev dependencies', () => {
    const runs = ops(build, 'RUN').join('\n');
    expect(runs).not.toMatch(/apt-get|g\+\+|build-from-source|node-gyp/);
    expect(runs).toMatch(/^npm ci$/m);
    // npm 11 refuses unlisted install scripts; better-sqlite3's must stay off so nothing compiles.
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { allowScripts: Record<string, boolean> };
    expect(pkg.allowScripts['better-sqlite3']).toBe(false);
    expect(runs).toMatch(/npm run build && npm prune --omit=dev/);
  });

  it('runs as a non-root user with a /data volume, a health check and the compiled entry point', () => {
    expect(ops(runtime, 'USER')).toEqual(['node']);
    expect(ops(runtime, 'VOLUME').join(' ')).toContain('/data');
    expect(ops(runtime, 'ENV').join(' ')).toContain('DATABASE_PATH=/data/leadwell.db');
    expect(ops(runtime, 'HEALTHCHECK').join(' ')).toContain('/healthz');
    const cmd = JSON.parse(ops(runtime, 'CMD')[0] as string) as string[];
    expect(cmd).toEqual(['node', 'dist/src/main.js']);
    expect(JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).main).toBe('dist/src/main.js');
  });

  it('ships the product only: never the emulator, the playground, the tests or the vendored Slack reference', () => {
    const copied = stages.flatMap((s) => ops(s, 'COPY').filter((c) => !c.startsWith('--from')).flatMap((c) => c.split(/\s+/).slice(0, -1)));
    for (const src of copied) expect(src).not.toMatch(/^(\.\/)?(tools|test)(\/|$)/);
    const buildConfig = JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.build.json'), 'utf8')) as { include: string[] };
    expect(buildConfig.include).toEqual(['src/**/*.ts']);
  });

  it('copies only files that exist in the build context and are not docker-ignored', () => {
    const ignored = fs
      .readFileSync(path.join(root, '.dockerignore'), 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    for (const stage of stages) {
      for (const copy of ops(stage, 'COPY').filter((c) => !c.startsWith('--from'))) {
        const parts = copy.split(/\s+/);
        for (const src of parts.slice(0, -1)) {
          expect(fs.existsSync(path.join(root, src))).toBe(true);
          expect(ignored).not.toContain(src.replace(/\/$/, ''));
        }
      }
    }
  });
});
