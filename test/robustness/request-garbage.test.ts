import { Session } from 'node:inspector/promises';
import { startHarness, SIGNING_SECRET, type Harness } from '../helpers/harness';
import { sign, slashCommandBody } from '../helpers/signing';

/**
 * What a request leaves for the garbage collector to copy. V8's young-generation collector copies every object still
 * reachable, and treats references from old objects (even dead ones, until the next full collection) as reachable.
 * A request's objects should die young: when something old points into each request (a hidden class of its own
 * per request, a chain from one request to the next), every request's context, body and closures are copied and
 * promoted instead, and each collection pauses every ack for several times longer (docs/performance.md,
 * "Young-generation collections"). Measured with V8's sampling heap profiler keeping only objects that outlived a
 * young-generation collection; counted only where our code or Bolt allocated them.
 */
const REQUESTS = 1_500;
/** Before the fix: ~9 KB per help ack survived; after: under 1 KB (only requests in flight during a collection). */
const MAX_SURVIVING_BYTES_PER_REQUEST = 3_000;

interface HeapNode {
  callFrame: { url: string };
  selfSize: number;
  children?: HeapNode[];
}

/** Bytes allocated with a frame of the app (src/) or Bolt on the stack. */
function requestPathBytes(node: HeapNode, onPath = false): number {
  const here = onPath || node.callFrame.url.includes('/src/') || node.callFrame.url.includes('@slack/bolt');
  return (here ? node.selfSize : 0) + (node.children ?? []).reduce((sum, c) => sum + requestPathBytes(c, here), 0);
}

let h: Harness | undefined;
afterAll(async () => {
  await h?.stop();
});

it('a help ack leaves nothing that outlives a young-generation collection', async () => {
  // The production default level: at debug every request builds its child logger, and the harness keeps each line.
  h = await startHarness({ env: { LOG_LEVEL: 'info' } });
  const harness = h;
  let n = 0;
  let failures = 0;
  const ack = async () => {
    n += 1;
    const body = slashCommandBody({ user_id: harness.people.manager, command: '/oneonone', text: 'help', trigger_id: `${n}.garbage` });
    const ts = Math.floor(Date.now() / 1000);
    const res = await fetch(harness.eventsUrl, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': sign(SIGNING_SECRET, ts, body) },
    });
    await res.text();
    if (res.status !== 200) failures += 1;
  };
  const burst = async (count: number) => {
    for (let i = 0; i < count; i += 4) await Promise.all([ack(), ack(), ack(), ack()]);
  };
  await burst(200); // warm: compiled code, pools, caches
  const session = new Session();
  session.connect();
  await session.post('HeapProfiler.startSampling', { samplingInterval: 1024, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: false });
  await burst(REQUESTS);
  const { profile } = await session.post('HeapProfiler.stopSampling');
  session.disconnect();
  const perRequest = requestPathBytes(profile.head as unknown as HeapNode) / REQUESTS;
  expect(failures).toBe(0);
  expect(perRequest).toBeLessThan(MAX_SURVIVING_BYTES_PER_REQUEST);
  expect(h.emulator.violations()).toEqual([]);
}, 120_000);
