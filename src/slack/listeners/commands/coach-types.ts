import type { RespondFn, SlashCommand } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { ListenerDeps } from '../deps';

/** What every `/coach …` subcommand receives; it answers through `respond` (ephemeral) or opens a view. */
export interface CoachContext {
  deps: ListenerDeps;
  client: WebClient;
  command: SlashCommand;
  /** The text after the subcommand word, as Slack sent it (mentions escaped). */
  args: string;
  respond: RespondFn;
}

export type CoachSubcommand = (ctx: CoachContext) => Promise<void>;
