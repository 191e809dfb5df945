import type { Executor } from './engine';
import type { TextSealer } from './sealed-text';
import { sealedCensus, type ColumnCensus } from './sealed-columns';

export class DataKeyError extends Error {
  readonly code = 'data_key_invalid';
}

const GENERATE = 'generate one with `openssl rand -base64 32` and keep it with your backups: without it the text cannot be read';

/**
 * Start-up check: once private text exists the key is required, and every sealed value must be under a key
 * the app holds (LEADWELL_DATA_KEY or, during a rotation, LEADWELL_DATA_KEY_PREVIOUS). One line each, naming
 * the variable; never the key. Returns whether plaintext from before encryption is waiting to be sealed.
 */
export async function checkDataKey(db: Executor, sealer: TextSealer): Promise<{ plaintextWaiting: number }> {
  const census = await sealedCensus(db);
  const stored = (c: ColumnCensus) => c.plaintext + [...c.byKey.values()].reduce((a, b) => a + b, 0);
  if (!sealer.currentKeyId) {
    const holding = census.filter((c) => stored(c) > 0);
    if (holding.length > 0) {
      const what = holding.map((c) => `${stored(c)} ${c.column.label}`).join(' and ');
      throw new DataKeyError(`LEADWELL_DATA_KEY: missing; this database holds ${what}, which Leadwell keeps encrypted: set LEADWELL_DATA_KEY (${GENERATE})`);
    }
    return { plaintextWaiting: 0 };
  }
  for (const c of census) {
    const unknown = [...c.byKey.entries()].filter(([id]) => !sealer.knownKeyIds.includes(id));
    if (unknown.length > 0) {
      const [id, n] = unknown[0]!;
      throw new DataKeyError(
        `LEADWELL_DATA_KEY: does not match this database: ${n} ${c.column.label} are encrypted under key id ${id}, and the keys given are ${sealer.knownKeyIds.join(', ')}; ` +
          'set LEADWELL_DATA_KEY to the key they were written with (during a rotation, the old one as LEADWELL_DATA_KEY_PREVIOUS)',
      );
    }
  }
  return { plaintextWaiting: census.reduce((a, c) => a + c.plaintext, 0) };
}
