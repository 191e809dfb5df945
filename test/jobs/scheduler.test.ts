import { createFixedClock } from '../../src/clock';
import { createLogger } from '../../src/logger';
import { startScheduler } from '../../src/jobs/scheduler';
import type { Job } from '../../src/jobs/job';

describe('scheduler.runNow', () => {
  it('runs again with the current time when a run that read an older time is still in flight', async () => {
    const clock = createFixedClock(1_000);
    const seen: number[] = [];
    let release: () => void = () => undefined;
    const job: Job<object> = {
      name: 'probe',
      schedule: '0 0 1 1 *',
      run: async (_deps, now) => {
        seen.push(now);
        if (seen.length === 1) await new Promise<void>((r) => (release = r));
      },
    };
    const scheduler = startScheduler({ jobs: [job], deps: {}, clock, logger: createLogger({ level: 'silent' }), enabled: false });
    const first = scheduler.runNow('probe');
    clock.set(2_000);
    const second = scheduler.runNow('probe');
    release();
    await Promise.all([first, second]);
    expect(seen).toEqual([1_000, 2_000]);
    await scheduler.stop();
  });

  it('refuses an unknown job name', async () => {
    const scheduler = startScheduler({ jobs: [], deps: {}, clock: createFixedClock(0), logger: createLogger({ level: 'silent' }), enabled: false });
    await expect(scheduler.runNow('nope')).rejects.toThrow('no job named nope');
  });
});
