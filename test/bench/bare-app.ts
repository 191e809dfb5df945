import { App, HTTPReceiver, LogLevel } from '@slack/bolt';

/**
 * The yardstick: a bare Bolt app whose /oneonone handler only acknowledges, with an empty body or, given `ackWith`,
 * with that message (the same bytes Leadwell answers with, so what is left between the two is Leadwell's machinery).
 */
export async function startBareApp(o: { port: number; signingSecret: string; apiUrl: string; ackWith?: Record<string, unknown> }): Promise<{ stop(): Promise<void> }> {
  const app = new App({
    token: 'xoxb-bench-bare',
    botUserId: 'U0BAREBOT',
    botId: 'B0BAREBOT',
    tokenVerificationEnabled: false,
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl: o.apiUrl, retryConfig: { retries: 0 } },
    receiver: new HTTPReceiver({ signingSecret: o.signingSecret, endpoints: '/slack/events', logLevel: LogLevel.ERROR }),
  });
  const message = o.ackWith;
  app.command('/oneonone', async ({ ack }) => {
    await (message ? ack(message) : ack());
  });
  await app.start(o.port);
  return { stop: () => app.stop() as Promise<void> };
}
