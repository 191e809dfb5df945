import { DateTime } from 'luxon';
import { DomainError } from './errors';
import type { Clock } from './ports';
import type { PeopleService } from './people-service';
import { localMonth, type Kudos, type KudosRepository } from './kudos';
import { valuesInActionSummary, type ValuesInActionSummary } from './kudos-summary';
import type { KudosDelivery, PostOutcome } from './kudos-service';

/** A person's own recognition this month: what they gave and received. No comparison with anyone else. */
export interface KudosStats {
  label: string;
  given: { kudos: number; people: number };
  received: { kudos: number; givers: number; values: Array<{ value: string; count: number }> };
}

export interface KudosInsights {
  stats(personId: string): KudosStats;
  summaryEnabled(): boolean;
  /** Admins only (ADMIN_USER_IDS). */
  setSummaryEnabled(actorId: string, on: boolean): void;
  /** The calendar month (UTC) that contains `at`. */
  summaryFor(at: number): ValuesInActionSummary;
  /** For the monthly job: posts last month's summary in the kudos channel when an admin turned it on; once per month. */
  publishMonthlySummary(): Promise<{ status: 'disabled' | 'already_posted' } | PostOutcome>;
}

export function createKudosInsights(deps: {
  kudos: KudosRepository;
  people: PeopleService;
  clock: Clock;
  delivery: KudosDelivery;
  companyValues: readonly string[];
  adminUserIds: readonly string[];
}): KudosInsights {
  const { kudos: repo, people, clock, delivery, companyValues, adminUserIds } = deps;

  function stats(personId: string): KudosStats {
    const now = clock.now();
    const month = localMonth(now, people.get(personId)?.tz ?? 'UTC');
    const given = repo.givenBetween(personId, month.start, month.end);
    const received = repo.receivedBetween(personId, month.start, month.end);
    return {
      label: month.label,
      given: { kudos: given.length, people: new Set(given.flatMap((k) => k.recipientIds)).size },
      received: { kudos: received.length, givers: new Set(received.map((k) => k.giverId)).size, values: countValues(received) },
    };
  }

  function summaryFor(at: number): ValuesInActionSummary {
    const month = localMonth(at, 'UTC');
    return valuesInActionSummary({
      kudos: repo.allBetween(month.start, month.end),
      companyValues,
      label: month.label,
      activePeople: people.repository.count(),
    });
  }

  return {
    stats,
    summaryEnabled: () => repo.summaryEnabled(),
    setSummaryEnabled(actorId, on) {
      if (!adminUserIds.includes(actorId)) {
        throw new DomainError('kudos_admin_only', 'Only a Leadwell admin (ADMIN_USER_IDS) can switch the monthly values summary.');
      }
      repo.setSummaryEnabled(on, clock.now());
    },
    summaryFor,
    async publishMonthlySummary() {
      if (!repo.summaryEnabled()) return { status: 'disabled' };
      const lastMonth = DateTime.fromMillis(clock.now(), { zone: 'UTC' }).startOf('month').minus({ days: 1 }).toMillis();
      const summary = summaryFor(lastMonth);
      if (repo.lastSummaryPosted() === summary.label) return { status: 'already_posted' };
      const outcome = await delivery.postSummary(summary);
      if (outcome.status === 'posted') repo.recordSummaryPosted(summary.label, clock.now());
      return outcome;
    },
  };
}

function countValues(kudos: readonly Kudos[]): Array<{ value: string; count: number }> {
  const counts = new Map<string, number>();
  for (const k of kudos) counts.set(k.value, (counts.get(k.value) ?? 0) + 1);
  return [...counts.entries()].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}
