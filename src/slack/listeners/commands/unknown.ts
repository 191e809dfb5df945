import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';

type Args = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

export function unknownCommand() {
  return async ({ ack, command }: Args): Promise<void> => {
    await ack({
      response_type: 'ephemeral',
      text: `Leadwell does not know \`${command.command}\` (yet). Try \`/coach\` for everything it can do.`,
    });
  };
}
