import { Writable } from 'node:stream';
import { createLogger } from '../../src/logger';
import { startLeadwell, type Leadwell } from '../../src/main';
import type { Clock } from '../../src/domain/ports';
import type { Harness } from './harness';
import { freePort } from './free-port';
import { sameDatabase } from './same-database';

export interface SecondInstance {
  leadwell: Leadwell;
  eventsUrl: string;
  logs: string[];
  stop(): Promise<void>;
}

/** Another Leadwell process on the same database and the same Slack, as a second replica behind a load balancer. */
export async function startSecondInstance(h: Harness, options: { requestClock?: Clock } = {}): Promise<SecondInstance> {
  const port = await freePort();
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      logs.push(String(chunk));
      cb();
    },
  });
  const logger = createLogger({ level: h.config.logLevel, destination: sink });
  const leadwell = await startLeadwell({ config: { ...h.config, port }, logger, clock: h.clock, requestClock: options.requestClock, schedulerEnabled: false, storage: sameDatabase(h) });
  return { leadwell, eventsUrl: `http://127.0.0.1:${port}/slack/events`, logs, stop: () => leadwell.stop() };
}
