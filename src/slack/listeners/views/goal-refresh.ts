import type { WebClient } from '@slack/web-api';
import type { ListenerDeps } from '../deps';
import type { Logger } from '../../../logger';

/**
 * After a goal or plan changes, App Home of the people concerned shows stale data until reopened.
 * The Home feature may provide `refreshHome`; without it this does nothing. A failed refresh is
 * logged, never shown: the save itself succeeded.
 */
export async function refreshAfterGoalChange(deps: ListenerDeps, client: WebClient, userIds: readonly string[], log?: Logger): Promise<void> {
  const refresh = (deps as ListenerDeps & { refreshHome?: (client: WebClient, userId: string) => Promise<void> }).refreshHome;
  if (!refresh) return;
  for (const id of new Set(userIds)) {
    try {
      await refresh(client, id);
    } catch (err) {
      log?.warn({ err, userId: id }, 'could not refresh App Home after a goal change');
    }
  }
}
