import type { OutboxRow, OutboxStore, PlannedMessage } from './ports';
import type { PeopleRepository, Person } from './people';
import type { NudgeQueue } from './nudge-ports';
import type { PlannedNudge } from './nudge-planner';
import type { OutboxKind, Prepared } from './outbox/delivery';
import { isAway } from './nudge-schedule';
import { digestSummary, type NudgeDigests } from './nudge-digest';

/**
 * The period messages kept in `nudges` (weekly and executive digests, the pulse, goal reminders) go out through
 * the outbox: the nudges row stays the record of the period (planned once per person, kind and period), the
 * outbox row is its delivery. The dedupe key is the record's own key, so a rerun plans nothing new.
 */
export const nudgeDedupeKey = (kind: string, personId: string, period: string) => `nudge:${kind}:${personId}:${period}`;

export function periodMessage(m: { kind: string; personId: string; period: string; dueAt: number; payload?: Record<string, unknown> }): PlannedMessage {
  return {
    kind: m.kind,
    recipient: m.personId,
    dedupeKey: nudgeDedupeKey(m.kind, m.personId, m.period),
    dueAt: m.dueAt,
    payload: { period: m.period, ...m.payload },
    ledger: { personId: m.personId, kind: m.kind, period: m.period, payload: m.payload },
  };
}

/** Planned rows go to the outbox (with their record); skipped ones are only recorded, which uses up the period. */
export async function planPeriodMessages(due: readonly PlannedNudge[], o: { queue: Pick<NudgeQueue, 'plan'>; outbox: Pick<OutboxStore, 'plan'> }, now: number): Promise<number> {
  const skipped = due.filter((d) => d.status === 'skipped');
  const planned = due.filter((d) => d.status === 'planned');
  return (await o.queue.plan(skipped, now)) + (await o.outbox.plan(planned.map(periodMessage), now));
}

export interface PersonGate {
  people: Pick<PeopleRepository, 'get'>;
  workspaces: { canSend(teamId: string): Promise<boolean> };
}

/** Why a DM planned minutes or hours ago must not go out now: the freshest state (a pause, a status, a departure) wins. */
export async function personSkipReason(person: Person | undefined, gate: PersonGate, notBefore: number): Promise<string | undefined> {
  if (!person || person.deleted || person.isBot) return 'person_inactive';
  if (!(await gate.workspaces.canSend(person.teamId))) return 'workspace_inactive';
  if (person.nudgesPaused) return 'paused';
  if (person.snoozedUntil !== undefined && person.snoozedUntil > notBefore) return 'snoozed';
  if (isAway(person)) return 'away';
  return undefined;
}

/** A digest not sent this long after its slot is stale: skipped. */
export const DIGEST_MAX_AGE_MS = 24 * 60 * 60_000;

/** The checks every digest kind shares, then the kind's own build. */
export function digestKind(gate: PersonGate, build: (person: Person, row: OutboxRow) => Promise<Prepared>): OutboxKind {
  return {
    async prepare(row, now) {
      const person = await gate.people.get(row.recipient);
      const skip = await personSkipReason(person, gate, row.dueAt);
      if (skip) return { skip };
      if (now > row.dueAt + DIGEST_MAX_AGE_MS) return { skip: 'expired' };
      return build(person!, row);
    },
  };
}

/** The weekly digest, built at send time from the freshest data; its buttons log against the period's record. */
export function weeklyNudgeKind(gate: PersonGate, digests: NudgeDigests): OutboxKind {
  return digestKind(gate, async (person, row) => {
    const digest = await digests.build(person, row.nudgeId);
    if (!(await digests.worthSending(digest))) return { skip: 'onboarding_done' };
    return { model: digest, summary: digestSummary(digest) };
  });
}
