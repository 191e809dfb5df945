import type { KnownBlock } from '@slack/types';
import type { CoachContext, CoachSubcommand } from './coach-types';
import { splitSubcommand } from '../../command-text';
import { nudgePreviewMessage, nudgeStatusMessage, nudgeUsageMessage } from '../../ui/nudge-replies';

type Message = { text: string; blocks: KnownBlock[] };

async function answer({ deps, command, args }: CoachContext): Promise<Message> {
  const userId = command.user_id;
  const [word, rest] = splitSubcommand(args);
  switch (word) {
    case '':
    case 'status':
      return nudgeStatusMessage(await deps.nudges.schedule(userId));
    case 'off':
    case 'pause':
    case 'stop':
      return nudgeStatusMessage(await deps.nudges.pause(userId), 'Weekly nudges paused.');
    case 'on':
    case 'resume':
    case 'start':
      return nudgeStatusMessage(await deps.nudges.resume(userId), 'Weekly nudges are on.');
    case 'snooze':
      return nudgeStatusMessage(await deps.nudges.snooze(userId), 'Snoozed for a week.');
    case 'day':
      return nudgeStatusMessage(await deps.nudges.setDay(userId, rest), 'Saved.');
    case 'time':
    case 'hour':
    case 'at':
      return nudgeStatusMessage(await deps.nudges.setHour(userId, rest), 'Saved.');
    case 'preview': {
      const { digest, schedule } = await deps.nudges.preview(userId);
      return nudgePreviewMessage(digest, schedule, deps.clock.now());
    }
    default:
      return nudgeUsageMessage(`I don't know \`/coach nudges ${word.slice(0, 30)}\`.`);
  }
}

/**
 * `/coach nudges [off|on|day tuesday 8|time 8|preview|snooze]` and `/coach nudge preview` (both words reach here).
 * A bad day or hour comes back from the service as a DomainError, which the /coach table shows.
 */
export const coachNudges: CoachSubcommand = async (ctx) => {
  await ctx.deps.people.ensure(ctx.command.user_id);
  await ctx.respond({ response_type: 'ephemeral', ...(await answer(ctx)) });
};
