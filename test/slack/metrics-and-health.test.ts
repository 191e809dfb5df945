import { Writable } from 'node:stream';
import { createLogger } from '../../src/logger';
import { cronLogger } from '../../src/jobs/scheduler';
import { signedPost, slashCommandBody } from '../helpers/signing';
import { BOT_TOKEN, SIGNING_SECRET, startHarness, type Harness } from '../helpers/harness';
import { freePort } from '../helpers/free-port';

const metricValue = (text: string, series: string): number | undefined => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

describe('GET /metrics', () => {
  let h: Harness;
  afterEach(async () => h?.stop());

  it('counts requests by kind, Web API calls by method, job runs and the send queue — and names nobody', async () => {
    h = await startHarness();
    const base = h.eventsUrl.replace('/slack/events', '');
    const responseUrl = h.emulator.issueResponseUrl({ userId: h.people.manager, channelId: 'C0GENERAL' });
    const body = slashCommandBody({ user_id: h.people.manager, command: '/oneonone', text: 'help', response_url: responseUrl });
    expect((await signedPost(h.eventsUrl, body, { secret: SIGNING_SECRET })).status).toBe(200);
    await h.leadwell.scheduler.runNow('weekly-nudges');
    // The listener finishes just after its ack; wait for the histogram to see it.
    let text = '';
    for (let i = 0; i < 40; i += 1) {
      const res = await fetch(`${base}/metrics`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/plain');
      text = await res.text();
      if (metricValue(text, 'leadwell_requests_total{kind="command"}') === 1) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(metricValue(text, 'leadwell_requests_total{kind="command"}')).toBe(1);
    expect(metricValue(text, 'leadwell_request_duration_seconds_count{kind="command"}')).toBe(1);
    expect(metricValue(text, 'leadwell_slack_api_calls_total{method="auth.test"}')).toBeGreaterThanOrEqual(1);
    expect(metricValue(text, 'leadwell_job_duration_seconds_count{job="weekly-nudges",outcome="ok"}')).toBe(1);
    expect(metricValue(text, 'leadwell_send_queue_depth')).toEqual(expect.any(Number));
    expect(metricValue(text, 'leadwell_send_queue_oldest_age_seconds')).toEqual(expect.any(Number));
    expect(text).toContain('leadwell_process_resident_memory_bytes');
    for (const secret of [BOT_TOKEN, SIGNING_SECRET, h.people.manager, h.people.alice, 'maria']) expect(text).not.toContain(secret);
    expect(h.emulator.violations()).toEqual([]);
  });
});

describe('/healthz in Socket Mode follows the connection', () => {
  it('is ok while connected, degraded (503) while Slack refuses to reconnect, and ok again once it is back', async () => {
    const port = await freePort();
    const h = await startHarness({ mode: 'socket', env: { PORT: String(port) } });
    const health = async () => {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    const until = async (want: number) => {
      let last = await health();
      for (let i = 0; i < 200 && last.status !== want; i += 1) {
        await new Promise((r) => setTimeout(r, 50));
        last = await health();
      }
      return last;
    };
    try {
      expect(await health()).toMatchObject({ status: 200, body: { status: 'ok', slack: 'connected' } });
      // Slack drops the socket and refuses new connections for a while.
      h.emulator.inject('apps.connections.open', { type: 'http_error', status: 503 }, 1000);
      h.emulator.disconnectSocket('refresh_requested');
      const down = await until(503);
      expect(down).toMatchObject({ status: 503, body: { ok: false, status: 'degraded' } });
      expect(['reconnecting', 'disconnected']).toContain(down.body.slack);
      h.emulator.clearFaults();
      expect(await until(200)).toMatchObject({ status: 200, body: { status: 'ok', slack: 'connected' } });
    } finally {
      await h.stop();
    }
  }, 60_000);
});

describe("node-cron's own messages", () => {
  it('go to the JSON log through pino, not as coloured text', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _e, cb) {
        lines.push(String(chunk));
        cb();
      },
    });
    const log = cronLogger(createLogger({ level: 'debug', destination: sink }));
    log.warn('missed execution at 09:00! Possible blocking IO');
    log.error(new Error('task blew up'));
    const parsed = lines.map((l) => JSON.parse(l) as { component: string; msg: string; level: number; err?: { message: string } });
    expect(parsed[0]).toMatchObject({ component: 'node-cron', msg: 'missed execution at 09:00! Possible blocking IO', level: 40 });
    expect(parsed[1]).toMatchObject({ component: 'node-cron', msg: 'task blew up', level: 50, err: { message: 'task blew up' } });
    expect(lines.join('')).not.toContain(String.fromCharCode(27)); // no ANSI colour codes
  });
});
