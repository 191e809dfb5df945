import type { Job } from './job';

export interface KudosJobDeps {
  kudosPosts: { retryFailedPosts(): Promise<number> };
  valuesSummary: { publishMonthlySummary(): Promise<unknown> };
}

/**
 * A kudos whose channel post failed (Slack down, rate limited past our patience) is stored and was DMed;
 * this puts it in the channel once Slack answers again. A post with a ts is never posted twice.
 */
export const kudosRetryJob: Job<KudosJobDeps> = {
  name: 'kudos-retry',
  schedule: '*/10 * * * *',
  run: async (deps) => {
    await deps.kudosPosts.retryFailedPosts();
  },
};

/** The admin-enabled "values in action" summary of last month; a no-op when disabled or already posted. */
export const valuesSummaryJob: Job<KudosJobDeps> = {
  name: 'kudos-values-summary',
  schedule: '0 10 1-3 * *',
  run: async (deps) => {
    await deps.valuesSummary.publishMonthlySummary();
  },
};
