import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const CHILD = path.join(__dirname, 'pglite-wasm-code-gc-child.ts');

/**
 * The test PGlites run with V8's wasm code GC off (test/helpers/pglite.ts says why: Node 24's V8 can free an import
 * wrapper twice and kill the jest worker with SIGTRAP). The crash is a rare race this machine has not reproduced, so
 * this proves the mitigation instead: under V8's own GC trace, with the GC stressed to run at every chance, PGlites
 * started through the helper free no wasm code piece by piece, while the same work started without it does.
 */
async function wasmGcTrace(mode: 'helper' | 'raw'): Promise<{ events: number; stdout: string }> {
  const { stdout } = await run(
    process.execPath,
    ['--trace-wasm-code-gc', '--stress-wasm-code-gc', '--require', 'tsx/cjs', CHILD, mode],
    { cwd: path.join(__dirname, '../..'), maxBuffer: 64 * 1024 * 1024 },
  );
  return { events: stdout.split('\n').filter((line) => line.startsWith('[wasm-gc]')).length, stdout };
}

it('PGlites started by the test helper never run wasm code GC; the same work without it does', async () => {
  const [helper, raw] = await Promise.all([wasmGcTrace('helper'), wasmGcTrace('raw')]);
  expect(raw.stdout).toContain('child done');
  expect(helper.stdout).toContain('child done');
  expect(raw.events).toBeGreaterThan(0);
  expect(helper.events).toBe(0);
}, 90_000);
