import { DomainError } from './errors';
import type { Clock, EventLog, UnitOfWork } from './ports';
import { displayName, type Person } from './people';
import { personOf, type KnownPeople, type PeopleService } from './people-service';
import { localToday } from './cadence';
import {
  openSteps,
  PlanInputError,
  validatePlanDraft,
  type DevelopmentPlan,
  type DevelopmentPlanRepository,
  type NextStep,
  type PlanDraft,
  type RawPlanInput,
} from './development-plan';

export type PlanRole = 'owner' | 'manager';

export interface PlanAccess {
  plan: DevelopmentPlan;
  role: PlanRole;
  personName: string;
  /** The owner's local date: next-step dates are theirs. */
  today: string;
}

export interface SavePlanInput {
  actorId: string;
  personId: string;
  raw: RawPlanInput;
  expectedVersion: number;
  /** Suggestions the owner marked as handled. */
  resolvedSuggestionIds?: readonly number[];
  /** Stable per submission (the view id), so a double submit adds a suggestion once. */
  requestKey: string;
}

export interface DevelopmentPlanService {
  /** The plan as the viewer may see it: the person themself or their current manager, nobody else. */
  /** `read`: the plan, when the caller has just read it with other things (still only returned as the roles allow). */
  planFor(personId: string, viewerId: string, known?: KnownPeople, read?: DevelopmentPlan): Promise<PlanAccess>;
  canAccess(personId: string, viewerId: string, known?: KnownPeople): Promise<boolean>;
  save(input: SavePlanInput): Promise<{ plan: DevelopmentPlan; changed: boolean; suggested: boolean }>;
  /** Open next steps for the prep card; [] when the viewer may not see the plan. */
  openStepsFor(personId: string, viewerId: string): Promise<NextStep[]>;
}

const refused = () => new DomainError('plan_not_shared', 'A development plan is shared only between a person and their manager.');

function sameDraft(plan: DevelopmentPlan, draft: PlanDraft): boolean {
  return (
    plan.strengths === draft.strengths &&
    plan.areasToGrow === draft.areasToGrow &&
    plan.careerDirection === draft.careerDirection &&
    JSON.stringify(plan.nextSteps) === JSON.stringify(draft.nextSteps.map((s) => ({ text: s.text, targetOn: s.targetOn, status: s.status })))
  );
}

/** A plan save: the plan, its suggestions and the audit event together or not at all. */
export type PlanWork = UnitOfWork<{ plans: DevelopmentPlanRepository; events: EventLog }>;

export function createDevelopmentPlanService(deps: {
  plans: DevelopmentPlanRepository;
  uow: PlanWork;
  people: PeopleService;
  clock: Clock;
}): DevelopmentPlanService {
  const { plans, people, clock } = deps;

  /** The viewer's role on the person's plan, and the person's row (read once: from `known` when the request has it). */
  async function roleOf(personId: string, viewerId: string, known?: KnownPeople): Promise<{ role?: PlanRole; person?: Person }> {
    const person = await personOf(people, personId, known);
    if (!person || person.isBot) return { person };
    if (viewerId === personId) return { role: 'owner', person };
    if (person.deleted) return { person };
    const viewer = await personOf(people, viewerId, known);
    if (!viewer || viewer.deleted) return { person };
    return { role: person.managerId === viewerId ? 'manager' : undefined, person };
  }

  async function planFor(personId: string, viewerId: string, known?: KnownPeople, read?: DevelopmentPlan): Promise<PlanAccess> {
    const { role, person } = await roleOf(personId, viewerId, known);
    if (!role || !person) throw refused();
    return { plan: read?.personId === personId ? read : await plans.get(personId), role, personName: displayName(person), today: localToday(clock.now(), person.tz) };
  }

  return {
    planFor,
    canAccess: async (personId, viewerId, known) => (await roleOf(personId, viewerId, known)).role !== undefined,
    async save({ actorId, personId, raw, expectedVersion, resolvedSuggestionIds = [], requestKey }) {
      const { plan: current, role, today } = await planFor(personId, actorId);
      const keptDates = current.nextSteps.map((s) => s.targetOn).filter((d): d is string => d !== undefined);
      const { draft, suggestion } = validatePlanDraft(raw, { today, keptDates });
      if (suggestion && role !== 'manager') throw new PlanInputError({ suggestion: 'Suggestions are for the manager; edit your plan directly.' });
      const now = clock.now();
      const changes = !sameDraft(current, draft);
      if (changes && current.version !== expectedVersion) {
        const who = current.updatedBy ? await people.get(current.updatedBy) : undefined;
        throw new PlanInputError({
          strengths: `${who ? displayName(who) : 'Someone'} saved this plan while you were editing it. Copy your changes, close this window and open the plan again.`,
        });
      }
      // The versioned save, the suggestion and the audit event land together; a lost race changes nothing.
      return deps.uow.run(async ({ plans, events }) => {
        if (changes && !(await plans.save(personId, draft, expectedVersion, actorId, now))) {
          throw new PlanInputError({ strengths: 'The plan changed while you were editing it; open it again.' });
        }
        const suggested = suggestion ? await plans.addSuggestion(personId, actorId, suggestion, `${requestKey}:suggestion`, now) : false;
        if (role === 'owner' && resolvedSuggestionIds.length > 0) await plans.resolveSuggestions(personId, resolvedSuggestionIds, now);
        if (changes || suggested) {
          await events.append({ kind: 'plan.updated', actorId, subjectId: personId, data: { role, changed: changes, suggested } }, now);
        }
        return { plan: await plans.get(personId), changed: changes, suggested };
      });
    },
    async openStepsFor(personId, viewerId) {
      if (!(await roleOf(personId, viewerId)).role) return [];
      return openSteps(await plans.get(personId));
    },
  };
}
