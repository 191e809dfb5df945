import type { WebClient } from '@slack/web-api';
import type { ListenerDeps } from '../deps';
import type { RequestLog } from '../../request-log';
import { publishHome } from '../actions/home-publish';

/**
 * After a goal or plan changes from App Home, the tab is republished so the person does not act on a
 * stale view (other people's tabs re-render when they open them). A failed refresh is logged, never
 * shown: the save itself succeeded.
 */
export async function refreshAfterGoalChange(deps: ListenerDeps, client: WebClient, userIds: readonly string[], log?: RequestLog): Promise<void> {
  for (const id of new Set(userIds)) {
    try {
      await publishHome(deps, client, id);
    } catch (err) {
      log?.warn({ err, userId: id }, 'could not refresh App Home after a goal change');
    }
  }
}
