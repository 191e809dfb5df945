import { Writable } from 'node:stream';
import { createLogger } from '../../src/logger';
import { createShutdown } from '../../src/main';

function setup(stop: () => Promise<void>, timeoutMs = 50) {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _e, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  const exits: number[] = [];
  const shutdown = createShutdown({ stop, logger: createLogger({ level: 'info', destination: sink }), exit: (c) => exits.push(c), timeoutMs });
  return { lines, exits, shutdown };
}

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('SIGTERM handling', () => {
  it('exits 0 once everything has stopped', async () => {
    const s = setup(async () => undefined);
    s.shutdown('SIGTERM');
    await tick(100);
    expect(s.exits).toEqual([0]);
  });

  it('exits 1 when stopping hangs past the watchdog, and says so in the log', async () => {
    const s = setup(() => new Promise<void>(() => undefined), 50);
    s.shutdown('SIGTERM');
    await tick(20);
    expect(s.exits).toEqual([]);
    await tick(80);
    expect(s.exits).toEqual([1]);
    expect(s.lines.join('')).toContain('shutdown did not finish in time');
  });

  it('exits 1 at once on a second signal, and when stopping fails', async () => {
    const hang = setup(() => new Promise<void>(() => undefined), 10_000);
    hang.shutdown('SIGTERM');
    hang.shutdown('SIGINT');
    expect(hang.exits).toEqual([1]);
    const failing = setup(async () => {
      throw new Error('database busy');
    });
    failing.shutdown('SIGTERM');
    await tick(20);
    expect(failing.exits).toEqual([1]);
    expect(failing.lines.join('')).toContain('unclean shutdown');
  });
});
