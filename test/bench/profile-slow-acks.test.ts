import { inWindows, stretches } from './profile-slow-acks';
import type { CpuProfile } from './profile-summary';

/**
 * The slow-ack profiler's arithmetic on a hand-made V8 profile: samples become stretches of time named by the
 * deepest frame of our own on the stack, and an ack's window (sent → answered, on the profile's clock) sums what
 * the app's thread ran inside it, idle left out, garbage collection counted apart.
 */
const frame = (functionName: string, url: string) => ({ functionName, url, lineNumber: 0 });
const profile: CpuProfile = {
  nodes: [
    { id: 1, callFrame: frame('(root)', ''), children: [2, 3, 4, 5] },
    { id: 2, callFrame: frame('(idle)', '') },
    { id: 3, callFrame: frame('(garbage collector)', '') },
    { id: 4, callFrame: frame('onRequest', 'file:///app/node_modules/@slack/bolt/dist/receivers/HTTPReceiver.js'), children: [6] },
    { id: 5, callFrame: frame('buildPrepCard', 'file:///app/src/domain/prep-card.ts'), children: [7] },
    { id: 6, callFrame: frame('firstSeen', 'file:///app/src/storage/seen-requests.ts') },
    { id: 7, callFrame: frame('compile', 'file:///app/node_modules/kysely/dist/cjs/query-compiler.js') },
  ],
  startTime: 1_000_000,
  endTime: 1_001_000,
  // Every 100 µs: card, card, GC, idle, receiver → replay key, idle, card, card, idle, idle.
  samples: [5, 7, 3, 2, 6, 2, 5, 7, 2, 2],
  timeDeltas: [0, 100, 100, 100, 100, 100, 100, 100, 100, 100],
};

describe('profile-slow-acks: lining up acks with the app thread`s samples', () => {
  const all = stretches(profile);

  it('names each stretch by the deepest frame from src/, and knows idle, collection and the receiver apart', () => {
    expect(all).toHaveLength(10);
    expect(all[0]).toMatchObject({ from: 1_000_000, to: 1_000_100, what: 'buildPrepCard src/domain/prep-card', idle: false, gc: false });
    // A package's frame (Kysely's compiler) under our own is counted to ours.
    expect(all[1]!.what).toBe('buildPrepCard src/domain/prep-card');
    expect(all[2]).toMatchObject({ gc: true });
    expect(all[3]).toMatchObject({ idle: true });
    expect(all[4]).toMatchObject({ what: 'firstSeen src/storage/seen-requests', receiver: true });
    expect(all[0]!.receiver).toBe(false);
    expect(all[9]).toMatchObject({ from: 1_000_900, to: 1_001_000 });
  });

  it('sums what ran inside each window, cutting stretches at its edges and leaving idle out', () => {
    // Sent at 50 µs, answered 0.5 ms later: half of the first card sample, the second whole, the collection, idle
    // (left out), the receiver's whole, and idle again.
    const w = inWindows([{ sentUs: 1_000_050, ms: 0.5 }], all);
    expect(w.ms).toBeCloseTo(0.5);
    expect(w.busyMs).toBeCloseTo(0.05 + 0.1 + 0.1 + 0.1);
    expect(w.gcMs).toBeCloseTo(0.1);
    expect(w).toMatchObject({ acks: 1, withGc: 1, withReceiver: 1 });
    expect(w.by.get('buildPrepCard src/domain/prep-card')).toBeCloseTo(0.15);
    expect(w.by.get('firstSeen src/storage/seen-requests')).toBeCloseTo(0.1);
    // A window over idle time only: nothing busy, and two windows add up.
    const idle = inWindows([{ sentUs: 1_000_800, ms: 0.2 }], all);
    expect(idle).toMatchObject({ busyMs: 0, withGc: 0, withReceiver: 0 });
    expect(inWindows([{ sentUs: 1_000_050, ms: 0.5 }, { sentUs: 1_000_600, ms: 0.2 }], all).busyMs).toBeCloseTo(0.35 + 0.2);
    // Before the profile began and after it ended, nothing is found.
    expect(inWindows([{ sentUs: 10, ms: 1 }, { sentUs: 2_000_000, ms: 1 }], all).busyMs).toBe(0);
  });
});
