/** What the bench's app children share: asking the child over IPC, and sampling its heap into a .heapprofile. */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';

/** The next message from the child that carries `key`, as its value. */
export function reply<T>(child: ChildProcess, key: string): Promise<T> {
  return new Promise((resolve) => {
    const on = (m: Record<string, unknown>) => {
      if (!(key in m)) return;
      child.off('message', on);
      resolve(m[key] as T);
    };
    child.on('message', on);
  });
}

/** Sends `message` and waits for the answer carrying `key`. */
export function ask<T>(child: ChildProcess, message: object, key: string): Promise<T> {
  const answer = reply<T>(child, key);
  child.send(message);
  return answer;
}

/**
 * V8's CPU profiler in this process from now until `stop` writes the .cpuprofile (Chrome DevTools → Performance →
 * Load): a measured phase only, where `--cpu-prof` would take in start-up too. `samplingInterval` in µs (V8's 1,000
 * when left out).
 */
export async function startCpuProfile(samplingInterval?: number): Promise<{ stop(file: string): Promise<object> }> {
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  if (samplingInterval !== undefined) await session.post('Profiler.setSamplingInterval', { interval: samplingInterval });
  await session.post('Profiler.start');
  return {
    async stop(file) {
      const { profile } = await session.post('Profiler.stop');
      fs.writeFileSync(file, JSON.stringify(profile));
      session.disconnect();
      return profile;
    },
  };
}

/**
 * V8's sampling heap profiler in this process, written as a .heapprofile (Chrome DevTools → Memory → Load) on stop.
 * `'all'`: every allocation, garbage included (what makes V8 grow its heap). `'survivors'`: only objects that outlived a
 * young-generation collection (live at the end, or freed only by a full one): what each scavenge had to copy.
 */
export async function startHeapSampling(keep: 'all' | 'survivors', samplingInterval: number): Promise<{ stop(file: string): Promise<void> }> {
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  session.connect();
  await session.post('HeapProfiler.startSampling', { samplingInterval, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: keep === 'all' });
  return {
    async stop(file) {
      const { profile } = await session.post('HeapProfiler.stopSampling');
      fs.writeFileSync(file, JSON.stringify(profile));
      session.disconnect();
    },
  };
}
