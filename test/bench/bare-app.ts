import { App, HTTPReceiver, LogLevel } from '@slack/bolt';

/** The yardstick: a bare Bolt app whose /oneonone handler only acknowledges. */
export async function startBareApp(o: { port: number; signingSecret: string; apiUrl: string }): Promise<{ stop(): Promise<void> }> {
  const app = new App({
    token: 'xoxb-bench-bare',
    botUserId: 'U0BAREBOT',
    botId: 'B0BAREBOT',
    tokenVerificationEnabled: false,
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl: o.apiUrl, retryConfig: { retries: 0 } },
    receiver: new HTTPReceiver({ signingSecret: o.signingSecret, endpoints: '/slack/events', logLevel: LogLevel.ERROR }),
  });
  app.command('/oneonone', async ({ ack }) => {
    await ack();
  });
  await app.start(o.port);
  return { stop: () => app.stop() as Promise<void> };
}
