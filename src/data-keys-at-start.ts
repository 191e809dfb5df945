import type { Config } from './config';
import type { Logger } from './logger';
import type { Executor } from './storage/engine';
import { checkDataKey } from './storage/data-key-check';
import { rekeyAll } from './storage/sealed-columns';
import { createTextSealer, type TextSealer } from './storage/sealed-text';

export interface DataKeysAtStart {
  sealer: TextSealer;
  plaintextWaiting: number;
}

/** Refuses to start without the right LEADWELL_DATA_KEY once private text exists (one line, see data-key-check). */
export async function checkDataKeyAtStart(db: Executor, config: Config): Promise<DataKeysAtStart> {
  const sealer = createTextSealer(config.dataKeys);
  return { sealer, plaintextWaiting: (await checkDataKey(db, sealer)).plaintextWaiting };
}

/** Notes and pulse comments written before encryption existed are sealed in the background, in small batches, once a key is set. */
export function sealLegacyText(db: Executor, keys: DataKeysAtStart, logger: Logger): void {
  if (keys.plaintextWaiting === 0 || !keys.sealer.currentKeyId) return;
  rekeyAll(db, keys.sealer, { batchSize: 100, pauseMs: 20 })
    .then((totals) => logger.info({ sealed: Object.fromEntries([...totals].map(([k, v]) => [k, v.resealed])) }, 'private text from before encryption is now sealed'))
    .catch((err: unknown) => logger.error({ err }, 'sealing private text from before encryption stopped; it is retried at the next start'));
}
