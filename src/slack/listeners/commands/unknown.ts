import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';

type Args = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/** Matches every slash command except the known ones (Bolt runs every matching listener, so they must not overlap). */
export function unknownCommandPattern(known: readonly string[]): RegExp {
  const escaped = known.map((c) => c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
  return new RegExp(`^(?!(?:${escaped.join('|')})$)/`);
}

export function unknownCommand() {
  return async ({ ack, command }: Args): Promise<void> => {
    await ack({
      response_type: 'ephemeral',
      text: `Leadwell does not know \`${command.command}\` (yet). Try \`/coach\` for everything it can do.`,
    });
  };
}
