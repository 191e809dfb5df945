import path from 'node:path';
import type { Config } from './config';
import type { Logger } from './logger';
import type { Db } from './storage/database';
import type { Executor } from './storage/engine';
import { createUnitOfWork } from './storage/unit-of-work';
import { createEventLog } from './storage/event-log';
import type { Clock, EventLog } from './domain/ports';
import { createAuditService, type AuditService } from './domain/audit';
import { createPrivacyService, type PrivacyService } from './domain/privacy/privacy-service';
import { retentionLines } from './domain/retention';
import { createAuditReader } from './storage/audit-reader';
import { backupDatabase } from './storage/backup';
import { createPersonDataReader } from './storage/person-data-reader';
import { createPersonEraser } from './storage/person-eraser';
import { createRetentionStore } from './storage/retention-repository';
import type { TextSealer } from './storage/sealed-text';
import type { DataLifecycleJobDeps } from './jobs/data-lifecycle';

export interface DataLifecycle {
  audit: AuditService;
  privacy: PrivacyService;
  /** What is kept and for how long, in words (App Home's admin section). */
  retentionLines: string[];
  jobDeps: DataLifecycleJobDeps;
}

/** The audit and privacy services over one database: the app and the `npm run privacy` CLI wire them alike. */
export function composePrivacy(options: { config: Pick<Config, 'retention'>; store: Executor; events: EventLog; clock: Clock; sealer: TextSealer; isAdmin: (id: string) => boolean }): { audit: AuditService; privacy: PrivacyService } {
  const { config, store: db, events, clock, sealer } = options;
  const audit = createAuditService({ reader: createAuditReader(db), events, clock, isAdmin: options.isAdmin });
  const eraser = createPersonEraser(db, { sealer });
  const privacy = createPrivacyService({
    reader: createPersonDataReader(db, { sealer }),
    eraser,
    uow: createUnitOfWork(options.store, (trx) => ({ eraser: createPersonEraser(trx, { sealer }), events: createEventLog(trx) })),
    retention: createRetentionStore(db),
    policy: config.retention,
    audit,
    clock,
  });
  return { audit, privacy };
}

/** Issue 19's services, wired apart from compose.ts so the product's wiring stays readable. */
/**
 * Backups copy the SQLite file (`sqlite`); on PostgreSQL they are the operator's (docs/postgres.md, "Backups on
 * PostgreSQL"), so BACKUP_DIR with DATABASE_URL is refused by the config check and no backup job runs.
 */
export function composeDataLifecycle(options: { config: Config; sqlite?: Db; store: Executor; events: EventLog; clock: Clock; sealer: TextSealer; logger: Logger; isAdmin: (id: string) => boolean }): DataLifecycle {
  const { config, sqlite: db } = options;
  const { audit, privacy } = composePrivacy(options);
  const dir = config.backup.dir;
  const log = options.logger.child({ area: 'backup' });
  const backups = dir && db
    ? {
        async run(now: number) {
          const r = await backupDatabase(db, dir, now, config.backup.keep);
          await audit.record('backup.created', 'scheduler', undefined, { file: path.basename(r.file), bytes: r.bytes, removed: r.removed.length });
          log.info({ file: r.file, bytes: r.bytes, removed: r.removed.length }, 'backup written and verified');
        },
      }
    : undefined;
  return { audit, privacy, retentionLines: retentionLines(config.retention, config.backup), jobDeps: { privacy, backups } };
}
