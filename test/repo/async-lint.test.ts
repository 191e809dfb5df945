import { spawnSync } from 'node:child_process';
import path from 'node:path';

/**
 * Repository ports return promises: a forgotten `await` must fail `npm test` (which runs `eslint .`), not
 * pass quietly. The probe file holds one of each mistake; the project's own configuration must flag them.
 * (ESLint runs as its own process: its config loader needs native dynamic import, which jest's VM lacks.)
 */
describe('type-aware lint catches promises nobody awaits', () => {
  it('rejects a floating promise and async functions where a void one is expected', () => {
    const root = path.resolve(__dirname, '..', '..');
    const probe = path.join(__dirname, 'lint-probe', 'forgotten-await.ts');
    const run = spawnSync(process.execPath, [path.join(root, 'node_modules', 'eslint', 'bin', 'eslint.js'), '--no-ignore', '--format', 'json', probe], { cwd: root, encoding: 'utf8' });
    expect(run.status).toBe(1);
    const [result] = JSON.parse(run.stdout) as Array<{ messages: Array<{ line: number; ruleId: string }> }>;
    expect((result?.messages ?? []).map((m) => `${m.line}:${m.ruleId}`)).toEqual([
      '8:@typescript-eslint/no-floating-promises',
      '12:@typescript-eslint/no-misused-promises',
      '16:@typescript-eslint/no-misused-promises',
    ]);
  }, 60_000);
});
