import type { WebClient } from '@slack/web-api';
import type { ListenerDeps } from '../deps';
import { displayName } from '../../../domain/people';
import { goalModal, type GoalModalMetadata } from '../../ui/goal-modal';
import { checkInModal, type CheckInModalMetadata } from '../../ui/goal-check-in-modal';

/** Opens the create (or, with goalId, edit) goal modal for this person. */
export async function openGoalModal(deps: ListenerDeps, client: WebClient, triggerId: string, userId: string, metadata: GoalModalMetadata): Promise<void> {
  const person = await deps.people.ensure(userId);
  const goal = metadata.goalId !== undefined ? await deps.goals.forEdit(userId, metadata.goalId) : undefined;
  await client.views.open({
    trigger_id: triggerId,
    view: goalModal({
      goal,
      canTeam: await deps.goals.canCreateTeamGoal(userId),
      today: await deps.goals.todayFor(userId),
      hasManager: Boolean(person?.managerId),
      metadata,
    }),
  });
}

/** Opens the check-in modal: the owner, or their manager on a shared goal (the domain refuses anyone else). */
export async function openCheckInModal(deps: ListenerDeps, client: WebClient, triggerId: string, userId: string, metadata: CheckInModalMetadata): Promise<void> {
  const goal = await deps.goals.forCheckIn(userId, metadata.goalId);
  const { checkIns } = await deps.goals.history(userId, metadata.goalId, 5);
  const authorNames: Record<string, string> = {};
  for (const c of checkIns) {
    const p = await deps.people.get(c.authorId);
    if (p) authorNames[c.authorId] = displayName(p);
  }
  const tz = (await deps.people.get(userId))?.tz ?? 'UTC';
  await client.views.open({ trigger_id: triggerId, view: checkInModal({ goal, history: checkIns, authorNames, viewerId: userId, metadata }, tz) });
}
