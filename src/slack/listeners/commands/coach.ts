import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../deps';
import { coachHelp } from '../../ui/coach-help';

type Args = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

export function coachCommand(_deps: ListenerDeps) {
  return async ({ ack }: Args): Promise<void> => {
    await ack({ response_type: 'ephemeral', ...coachHelp() });
  };
}
