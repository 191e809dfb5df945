import type { WebClient } from '@slack/web-api';
import type { ListenerDeps } from '../deps';
import { homeView } from '../../ui/home-view';
import { readHomeMetadata } from '../../ui/home-ids';

/** Renders and publishes this person's Home tab; every settings or team change calls it so the tab is current at once. */
export async function publishHome(deps: ListenerDeps, client: WebClient, userId: string, page = 0, opened = false): Promise<void> {
  const model = await deps.home.homeFor(userId, { page, opened });
  if (!model) return;
  // Admins also see what is kept and for how long (issue 19): configuration, not a figure the domain computes.
  // And what Leadwell is sending on its own, with its failures (issue 18): read fresh on every publish.
  const withRetention = model.admin ? { ...model, admin: { ...model.admin, retention: deps.retentionLines, outbox: await deps.outbox.status(userId) } } : model;
  await client.views.publish({ user_id: userId, view: homeView(withRetention, { page: model.team?.page ?? 0 }) });
}

/** The team page on screen, read back from the Home view an action came from. */
export function pageOf(body: { view?: { private_metadata?: string } }): number {
  return readHomeMetadata(body.view?.private_metadata).page;
}
