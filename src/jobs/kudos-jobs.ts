import type { Job } from './job';
import type { OutboxDispatcherDeps } from './outbox-dispatcher';

export interface KudosJobDeps extends OutboxDispatcherDeps {
  valuesSummary: { publishMonthlySummary(): Promise<{ status: string }> };
}

/** The admin-enabled "values in action" summary of last month, planned once per month and sent by the outbox. */
export const valuesSummaryJob: Job<KudosJobDeps> = {
  name: 'kudos-values-summary',
  schedule: '0 10 1-3 * *',
  run: async (deps) => {
    if ((await deps.valuesSummary.publishMonthlySummary()).status === 'planned') await deps.outboxDispatcher.drain();
  },
};
