import type { AllMiddlewareArgs, MessageShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { ListenerDeps } from '../deps';
import { logOf } from '../named';
import { openKudosModal } from '../views/kudos-open';

type Args = SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs;

/** Slack's permalink; when that call fails, the documented archive URL shape built from the team domain. */
async function permalinkOf(client: WebClient, shortcut: MessageShortcut): Promise<string | undefined> {
  try {
    const res = await client.chat.getPermalink({ channel: shortcut.channel.id, message_ts: shortcut.message.ts });
    if (res.permalink) return res.permalink;
  } catch {
    // fall through to the constructed link
  }
  const domain = shortcut.team?.domain;
  return domain ? `https://${domain}.slack.com/archives/${shortcut.channel.id}/p${shortcut.message.ts.replace('.', '')}` : undefined;
}

/**
 * Message shortcut "Give kudos for this": the modal prefilled with the author, linked to the message.
 * Only the link travels to the kudos post, never the message text: the message may sit in a channel
 * the kudos channel's readers cannot see.
 */
export function kudosForMessageShortcut(deps: ListenerDeps) {
  return async ({ ack, shortcut, client, context }: Args): Promise<void> => {
    await ack();
    const author = shortcut.message.user;
    const giver = shortcut.user.id;
    let notice: string | undefined;
    if (!author) notice = 'That message was posted by an app, not a person; pick the people behind it.';
    else if (author === giver) notice = 'That is your own message; pick the people you want to recognise for it.';
    const permalink = await permalinkOf(client, shortcut);
    logOf(context)?.debug({ channel: shortcut.channel.id }, 'kudos for a message');
    await openKudosModal(deps, client, shortcut.trigger_id, {
      giverId: giver,
      recipientIds: author && author !== giver ? [author] : [],
      notice,
      source: { channelId: shortcut.channel.id, ts: shortcut.message.ts, permalink },
    });
  };
}
