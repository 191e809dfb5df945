import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../deps';

type Uninstalled = SlackEventMiddlewareArgs<'app_uninstalled'> & AllMiddlewareArgs;
type Revoked = SlackEventMiddlewareArgs<'tokens_revoked'> & AllMiddlewareArgs;

/** Stop all sending for the workspace; the data stays for a reinstall or an export. */
export function appUninstalled(deps: ListenerDeps) {
  return async ({ body }: Uninstalled): Promise<void> => {
    await deps.workspaces.stopSending(body.team_id, 'uninstalled');
    await deps.events.append({ kind: 'workspace.uninstalled', subjectId: body.team_id }, deps.clock.now());
  };
}

export function tokensRevoked(deps: ListenerDeps) {
  return async ({ body, event }: Revoked): Promise<void> => {
    // Only the bot token matters to us; a revoked user token changes nothing.
    if (!event.tokens.bot || event.tokens.bot.length === 0) return;
    await deps.workspaces.stopSending(body.team_id, 'revoked');
    await deps.events.append({ kind: 'workspace.tokens_revoked', subjectId: body.team_id }, deps.clock.now());
  };
}
