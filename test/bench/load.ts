import autocannon from 'autocannon';
import { sign } from '../helpers/signing';

export interface LoadFigures {
  rps: number;
  p50_ms: number;
  p99_ms: number;
  errors: number;
  non2xx: number;
  /** Requests completed in the run. */
  total: number;
}

export interface LoadOptions {
  url: string;
  secret: string;
  /** A body per request; signed at send time so the 5-minute window never lapses. */
  body: () => string;
  connections: number;
  durationSeconds: number;
}

/** Drives signed Slack requests at an app on loopback for a bounded time and reports throughput and latency. */
export async function signedLoad(o: LoadOptions): Promise<LoadFigures> {
  const result = await autocannon({
    url: o.url,
    method: 'POST',
    connections: o.connections,
    duration: o.durationSeconds,
    pipelining: 1,
    timeout: 10,
    requests: [
      {
        setupRequest: (req) => {
          const body = o.body();
          const ts = Math.floor(Date.now() / 1000);
          return {
            ...req,
            method: 'POST',
            body,
            headers: {
              'content-type': 'application/x-www-form-urlencoded',
              'x-slack-request-timestamp': String(ts),
              'x-slack-signature': sign(o.secret, ts, body),
            },
          };
        },
      },
    ],
  });
  return {
    rps: round(result.requests.average),
    p50_ms: round(result.latency.p50),
    p99_ms: round(result.latency.p99),
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    total: result.requests.total,
  };
}

export function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
