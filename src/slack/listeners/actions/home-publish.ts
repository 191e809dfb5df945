import type { WebClient } from '@slack/web-api';
import type { ListenerDeps } from '../deps';
import { homeView } from '../../ui/home-view';
import { readHomeMetadata } from '../../ui/home-ids';

/** Renders and publishes this person's Home tab; every settings or team change calls it so the tab is current at once. */
export async function publishHome(deps: ListenerDeps, client: WebClient, userId: string, page = 0): Promise<void> {
  const model = await deps.home.homeFor(userId, { page });
  if (!model) return;
  await client.views.publish({ user_id: userId, view: homeView(model, { page: model.team?.page ?? 0 }) });
}

/** The team page on screen, read back from the Home view an action came from. */
export function pageOf(body: { view?: { private_metadata?: string } }): number {
  return readHomeMetadata(body.view?.private_metadata).page;
}
