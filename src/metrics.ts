import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * Prometheus metrics for `GET /metrics`. Counts and timings only: never a user, a channel, a text or a token
 * in a label. Each app instance has its own registry (tests start several in one process); the Web API
 * counters are process-wide because every WebClient call is counted at one place.
 */
export interface Metrics {
  registry: Registry;
  /** One finished Slack request (command, action, view, shortcut, event, options) and how long it took. */
  observeRequest(kind: string, seconds: number): void;
  observeJob(job: string, seconds: number, ok: boolean): void;
  /** Reads the send queue when scraped. */
  setQueueReader(read: () => { depth: number; oldestAgeSeconds: number }): void;
}

const webApiCalls = new Counter({ name: 'leadwell_slack_api_calls_total', help: 'Slack Web API calls by method.', labelNames: ['method'], registers: [] });
const webApiErrors = new Counter({
  name: 'leadwell_slack_api_errors_total',
  help: 'Slack Web API calls that failed, by method and Slack error code (or the network error class).',
  labelNames: ['method', 'error'],
  registers: [],
});

/** Called by the Web API instrumentation (src/slack/web-api-metrics.ts). */
export function countWebApiCall(method: string, error?: string): void {
  webApiCalls.inc({ method });
  if (error) webApiErrors.inc({ method, error });
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'leadwell_' });
  registry.registerMetric(webApiCalls);
  registry.registerMetric(webApiErrors);
  const requests = new Counter({ name: 'leadwell_requests_total', help: 'Slack requests handled, by kind.', labelNames: ['kind'], registers: [registry] });
  const latency = new Histogram({
    name: 'leadwell_request_duration_seconds',
    help: 'Time from receiving a Slack request to its listener finishing, by kind.',
    labelNames: ['kind'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const jobs = new Histogram({
    name: 'leadwell_job_duration_seconds',
    help: 'Scheduled job runs, by job and outcome.',
    labelNames: ['job', 'outcome'],
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60],
    registers: [registry],
  });
  let readQueue: () => { depth: number; oldestAgeSeconds: number } = () => ({ depth: 0, oldestAgeSeconds: 0 });
  new Gauge({
    name: 'leadwell_send_queue_depth',
    help: 'Messages planned but not yet sent (nudges, pulse and reminder DMs, kudos posts).',
    registers: [registry],
    collect() {
      this.set(readQueue().depth);
    },
  });
  new Gauge({
    name: 'leadwell_send_queue_oldest_age_seconds',
    help: 'Age of the oldest unsent message, 0 when the queue is empty.',
    registers: [registry],
    collect() {
      this.set(readQueue().oldestAgeSeconds);
    },
  });
  return {
    registry,
    observeRequest(kind, seconds) {
      requests.inc({ kind });
      latency.observe({ kind }, seconds);
    },
    observeJob(job, seconds, ok) {
      jobs.observe({ job, outcome: ok ? 'ok' : 'failed' }, seconds);
    },
    setQueueReader(read) {
      readQueue = read;
    },
  };
}
