import type { Job } from './job';

export interface KudosJobDeps {
  valuesSummary: { publishMonthlySummary(): Promise<unknown> };
}

/** The admin-enabled "values in action" summary of last month; a no-op when disabled or already posted. */
export const valuesSummaryJob: Job<KudosJobDeps> = {
  name: 'kudos-values-summary',
  schedule: '0 10 1-3 * *',
  run: async (deps) => {
    await deps.valuesSummary.publishMonthlySummary();
  },
};
