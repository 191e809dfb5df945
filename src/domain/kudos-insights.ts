import { DateTime } from 'luxon';
import { DomainError } from './errors';
import type { Clock, OutboxStore } from './ports';
import type { PeopleService } from './people-service';
import { localMonth, type Kudos, type KudosRepository } from './kudos';
import { valuesInActionSummary, type ValuesInActionSummary } from './kudos-summary';
import { KUDOS_SUMMARY } from './kudos-outbox';

/** A person's own recognition this month: what they gave and received. No comparison with anyone else. */
export interface KudosStats {
  label: string;
  given: { kudos: number; people: number };
  received: { kudos: number; givers: number; values: Array<{ value: string; count: number }> };
}

export interface KudosInsights {
  stats(personId: string): Promise<KudosStats>;
  summaryEnabled(): Promise<boolean>;
  /** Admins only (ADMIN_USER_IDS). */
  setSummaryEnabled(actorId: string, on: boolean): Promise<void>;
  /** The calendar month (UTC) that contains `at`. */
  summaryFor(at: number): Promise<ValuesInActionSummary>;
  /** For the monthly job: plans last month's summary for the kudos channel when an admin turned it on; once per month. */
  publishMonthlySummary(): Promise<{ status: 'disabled' | 'no_channel' | 'already_planned' | 'planned' }>;
}

export function createKudosInsights(deps: {
  kudos: KudosRepository;
  people: PeopleService;
  clock: Clock;
  outbox: Pick<OutboxStore, 'plan'>;
  /** KUDOS_CHANNEL: where the summary goes. */
  channel?: string;
  companyValues: readonly string[];
  adminUserIds: readonly string[];
}): KudosInsights {
  const { kudos: repo, people, clock, outbox, companyValues, adminUserIds } = deps;

  async function stats(personId: string): Promise<KudosStats> {
    const now = clock.now();
    const month = localMonth(now, (await people.get(personId))?.tz ?? 'UTC');
    const given = await repo.givenBetween(personId, month.start, month.end);
    const received = await repo.receivedBetween(personId, month.start, month.end);
    return {
      label: month.label,
      given: { kudos: given.length, people: new Set(given.flatMap((k) => k.recipientIds)).size },
      received: { kudos: received.length, givers: new Set(received.map((k) => k.giverId)).size, values: countValues(received) },
    };
  }

  async function summaryFor(at: number): Promise<ValuesInActionSummary> {
    const month = localMonth(at, 'UTC');
    return valuesInActionSummary({
      kudos: await repo.allBetween(month.start, month.end),
      companyValues,
      label: month.label,
      activePeople: await people.repository.count(),
    });
  }

  return {
    stats,
    summaryEnabled: () => repo.summaryEnabled(),
    async setSummaryEnabled(actorId, on) {
      if (!adminUserIds.includes(actorId)) {
        throw new DomainError('kudos_admin_only', 'Only a Leadwell admin (ADMIN_USER_IDS) can switch the monthly values summary.');
      }
      await repo.setSummaryEnabled(on, clock.now());
    },
    summaryFor,
    async publishMonthlySummary() {
      if (!(await repo.summaryEnabled())) return { status: 'disabled' };
      if (!deps.channel) return { status: 'no_channel' };
      const now = clock.now();
      const lastMonth = DateTime.fromMillis(now, { zone: 'UTC' }).startOf('month').minus({ days: 1 }).toMillis();
      const summary = await summaryFor(lastMonth);
      // The month's label is the dedupe key: a rerun, a restart or a second instance plans nothing new.
      const planned = await outbox.plan([{ kind: KUDOS_SUMMARY, recipient: deps.channel, dedupeKey: `kudos-summary:${summary.label}`, dueAt: now, payload: { ...summary } }], now);
      if (planned === 0) return { status: 'already_planned' };
      await repo.recordSummaryPosted(summary.label, now);
      return { status: 'planned' };
    },
  };
}

function countValues(kudos: readonly Kudos[]): Array<{ value: string; count: number }> {
  const counts = new Map<string, number>();
  for (const k of kudos) counts.set(k.value, (counts.get(k.value) ?? 0) + 1);
  return [...counts.entries()].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}
