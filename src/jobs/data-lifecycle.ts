import type { Job } from './job';
import type { PrivacyService } from '../domain/privacy/privacy-service';

export interface DataLifecycleJobDeps {
  privacy: Pick<PrivacyService, 'applyRetention'>;
  /** Undefined when BACKUP_DIR is not set. */
  backups?: { run(now: number): Promise<void> };
}

/** Daily, at night UTC: text and events past their retention go, leavers past theirs are anonymised. */
export const retentionJob: Job<DataLifecycleJobDeps> = {
  name: 'retention',
  schedule: '17 3 * * *',
  async run(deps, now) {
    await deps.privacy.applyRetention(now);
  },
};

/** Daily before retention, when BACKUP_DIR is set: a verified backup, the oldest beyond BACKUP_KEEP removed. */
export const backupJob: Job<DataLifecycleJobDeps> = {
  name: 'backup',
  schedule: '47 2 * * *',
  async run(deps, now) {
    await deps.backups?.run(now);
  },
};
