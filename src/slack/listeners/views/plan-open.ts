import type { WebClient } from '@slack/web-api';
import type { ListenerDeps } from '../deps';
import { displayName } from '../../../domain/people';
import { localToday } from '../../../domain/cadence';
import { planModal, type PlanModalMetadata } from '../../ui/plan-modal';

/** Opens the development plan of `personId` for the viewer (the person or their manager; the domain refuses others). */
export async function openPlanModal(
  deps: ListenerDeps,
  client: WebClient,
  triggerId: string,
  viewerId: string,
  personId: string,
  origin?: PlanModalMetadata['origin'],
): Promise<void> {
  await deps.people.ensure(viewerId);
  const access = await deps.plans.planFor(personId, viewerId);
  const { plan } = access;
  const names: Record<string, string> = {};
  for (const id of new Set([plan.updatedBy, ...plan.suggestions.map((s) => s.authorId)])) {
    const p = id ? await deps.people.get(id) : undefined;
    if (p && id) names[id] = displayName(p);
  }
  const tz = (await deps.people.get(personId))?.tz ?? 'UTC';
  await client.views.open({
    trigger_id: triggerId,
    view: planModal({
      plan,
      role: access.role,
      personName: access.personName,
      names,
      today: access.today,
      updatedOn: plan.updatedAt !== undefined ? localToday(plan.updatedAt, tz) : undefined,
      origin,
    }),
  });
}
