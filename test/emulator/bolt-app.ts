import { App, HTTPReceiver, LogLevel, type Logger } from '@slack/bolt';
import { freePort } from '../helpers/free-port';
import type { Emulator } from '../../tools/emulator';

export const SECRET = 'emulatortestsigningsecret0123456';
export const BOT_TOKEN = 'xoxb-1-emulator-test';
export const APP_TOKEN = 'xapp-1-A0LEADWELL-1-emulator-test';

/** Bolt's own logger, kept quiet but remembered (a test may assert nothing went wrong). */
export function quietLogger(lines: string[]): Logger {
  const push = (level: string) => (...msg: unknown[]) => void lines.push(`${level} ${msg.map(String).join(' ')}`);
  return { debug: () => undefined, info: push('info'), warn: push('warn'), error: push('error'), setLevel: () => undefined, getLevel: () => LogLevel.INFO, setName: () => undefined };
}

export const modal = (callbackId = 'greeting') => ({
  type: 'modal' as const,
  callback_id: callbackId,
  private_metadata: 'meta-1',
  title: { type: 'plain_text' as const, text: 'Say hello' },
  submit: { type: 'plain_text' as const, text: 'Send' },
  close: { type: 'plain_text' as const, text: 'Cancel' },
  blocks: [
    { type: 'input', block_id: 'name_block', label: { type: 'plain_text', text: 'Name' }, element: { type: 'plain_text_input', action_id: 'name' } },
    {
      type: 'input',
      block_id: 'mood_block',
      optional: true,
      label: { type: 'plain_text', text: 'Mood' },
      element: { type: 'static_select', action_id: 'mood', options: [{ text: { type: 'plain_text', text: 'Happy' }, value: 'happy' }, { text: { type: 'plain_text', text: 'Calm' }, value: 'calm' }] },
    },
  ],
});

/**
 * A tiny real Bolt app: /hello answers through respond(), the `open_greeting` shortcut opens a modal, the modal's
 * submission either returns field errors (name "bad") or closes and DMs the user, a button replaces its message.
 */
export async function startTinyApp(emulator: Emulator, mode: 'http' | 'socket'): Promise<{ app: App; url: string; logs: string[]; stop: () => Promise<void> }> {
  const logs: string[] = [];
  const logger = quietLogger(logs);
  const clientOptions = { slackApiUrl: emulator.url, retryConfig: { retries: 0 } };
  const port = await freePort();
  const app =
    mode === 'http'
      ? new App({ token: BOT_TOKEN, logger, clientOptions, receiver: new HTTPReceiver({ signingSecret: SECRET, logger }) })
      : new App({ token: BOT_TOKEN, appToken: APP_TOKEN, socketMode: true, logger, clientOptions });
  app.command('/hello', async ({ ack, command, respond }) => {
    await ack();
    await respond({
      text: `hello ${command.text}`,
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: `hello ${command.text}` } },
        { type: 'actions', block_id: 'acts', elements: [{ type: 'button', action_id: 'wave', text: { type: 'plain_text', text: 'Wave' }, value: 'w1' }] },
      ],
    });
  });
  app.command('/quick', async ({ ack, command }) => {
    await ack(command.text === 'public' ? { response_type: 'in_channel', text: 'for everyone' } : `only for you: ${command.text}`);
  });
  app.action('wave', async ({ ack, respond, body }) => {
    await ack();
    const value = (body as { actions: { value: string }[] }).actions[0]?.value;
    await respond({ replace_original: true, text: `waved ${value}` });
  });
  app.shortcut('open_greeting', async ({ ack, shortcut, client }) => {
    await ack();
    await client.views.open({ trigger_id: shortcut.trigger_id, view: modal() });
  });
  app.view('greeting', async ({ ack, view, body, client }) => {
    const name = view.state.values.name_block?.name?.value ?? '';
    if (name === 'bad') return void (await ack({ response_action: 'errors', errors: { name_block: 'Pick a real name' } }));
    await ack();
    const mood = view.state.values.mood_block?.mood?.selected_option?.value ?? 'none';
    await client.chat.postMessage({ channel: body.user.id, text: `Thanks ${name} (${mood}, ${view.private_metadata})` });
  });
  if (mode === 'http') await app.start(port);
  else await app.start();
  return { app, url: `http://127.0.0.1:${port}/slack/events`, logs, stop: () => app.stop() as Promise<void> };
}
