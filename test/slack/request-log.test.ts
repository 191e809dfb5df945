import { Writable } from 'node:stream';
import { createLogger } from '../../src/logger';
import { requestContext } from '../../src/slack/middleware';
import { named } from '../../src/slack/listeners/named';
import { RequestLog, logOf } from '../../src/slack/request-log';

/**
 * The request logger on `context.log`. Its lines carry the request's bindings (team, user, kind, listener), while a
 * request that logs nothing builds no child logger. It is a plain value on the context: the accessor property with
 * two fresh closures per request that it used to be kept every help ack's context, body and closures alive through
 * young-generation collections (measured with `SURVIVOR_PROFILE` in test/bench/profile-ack.ts: 227 MB outlived a
 * scavenge over ~20,000 acks, 22 MB after; scavenges ~5× bare Bolt's; docs/performance.md, "Young-generation
 * collections"). The survivor figure itself swings with the machine's load, so the check here is on the shape.
 */
function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  return { lines, logger: createLogger({ level: 'info', destination }) };
}

const noReplays = {
  deliveries: { firstSeen: () => Promise.resolve(true) },
  seen: { firstSeen: () => Promise.resolve(true) },
  clock: { now: () => 0 },
  requestClock: { now: () => 0 },
};

/** One request through the real middleware and a named listener, as Bolt hands them: the context it leaves. */
async function oneRequest(logger: ReturnType<typeof createLogger>, user: string, listener: (context: Record<string, unknown>) => void) {
  const middleware = requestContext({ logger, ...noReplays } as never);
  const context: Record<string, unknown> = { teamId: 'T1', requestKey: `sig:${user}`, requestKeyExpiresAt: 1 };
  const handler = named('command:oneonone', async (args: { context: Record<string, unknown> }) => listener(args.context));
  await middleware({ body: { command: '/oneonone', user_id: user }, context, next: () => handler({ context }) } as never);
  return context;
}

describe('the request logger', () => {
  it('writes the request and listener bindings, and builds no child for a request that logs nothing', async () => {
    const { lines, logger } = capture();
    const child = jest.spyOn(logger, 'child');
    await oneRequest(logger, 'U1', () => undefined);
    expect(child).not.toHaveBeenCalled();
    await oneRequest(logger, 'U2', (context) => logOf(context)?.info({ n: 1 }, 'did a thing'));
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] as string)).toMatchObject({ team: 'T1', user: 'U2', kind: '/oneonone', listener: 'command:oneonone', n: 1, msg: 'did a thing' });
  });

  it('is a plain value on the context of each request and each listener, never an accessor', async () => {
    const { logger } = capture();
    const seen: Array<PropertyDescriptor | undefined> = [];
    const context = await oneRequest(logger, 'U1', (c) => seen.push(Object.getOwnPropertyDescriptor(c, 'log')));
    for (const d of [...seen, Object.getOwnPropertyDescriptor(context, 'log')]) {
      expect(d?.get).toBeUndefined();
      expect(d?.value).toBeInstanceOf(RequestLog);
    }
  });
});
