import type { Job } from './job';
import type { ReportingLineService } from '../domain/reporting-lines/reporting-line-service';

export interface ReportingLineJobDeps {
  reportingLines: Pick<ReportingLineService, 'expireDue'>;
}

/** Hourly: reporting-line requests nobody answered in time lapse, each recorded in the audit trail. */
export const reportingLineExpiryJob: Job<ReportingLineJobDeps> = {
  name: 'reporting-line-expiry',
  schedule: '23 * * * *',
  async run(deps, now) {
    await deps.reportingLines.expireDue(now);
  },
};
