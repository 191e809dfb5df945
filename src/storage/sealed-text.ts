import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Encryption at rest for the most private text (1:1 notes; pulse comments once wired): AES-256-GCM under
 * LEADWELL_DATA_KEY. A stored value is self-describing, so no table needs a new column and a rotation can
 * run row by row while the app serves:
 *
 *   lw1:<key id>:<base64url(iv 12 bytes | tag 16 bytes | ciphertext)>
 *
 * The key id is derived from the key (its SHA-256, 8 hex digits): it tells which key wrote a value without
 * revealing it. The associated data is the column ("one_on_ones.notes"), so a value copied into another
 * column does not open. The empty string stays empty (nothing written is nothing to hide).
 */

export const SEALED_PREFIX = 'lw1:';
const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** 'k' and 8 hex digits. */
export const KEY_ID_LENGTH = 9;

export interface DataKeys {
  readonly current?: Buffer;
  readonly previous?: Buffer;
}

export type Opened = { ok: true; text: string } | { ok: false; keyId: string; reason: 'unknown_key' | 'corrupt' };

export interface TextSealer {
  /** Id of the key new text is sealed with; undefined when no LEADWELL_DATA_KEY is set. */
  readonly currentKeyId?: string;
  /** Ids of every key this sealer can open. */
  readonly knownKeyIds: readonly string[];
  /** Seals text for a column. Throws MissingDataKeyError when there is text and no key. */
  seal(text: string, column: string): string;
  /** Opens a stored value: plaintext from before encryption passes through; a value under an unknown key fails softly. */
  open(stored: string, column: string): Opened;
}

export class MissingDataKeyError extends Error {
  readonly code = 'data_key_missing';
  constructor() {
    super('LEADWELL_DATA_KEY is not set: private text cannot be stored');
  }
}

export function keyIdOf(key: Buffer): string {
  return `k${createHash('sha256').update(key).digest('hex').slice(0, 8)}`;
}

/** The key id a stored value was sealed with; undefined for plaintext (written before encryption). */
export function sealedKeyId(stored: string): string | undefined {
  if (!stored.startsWith(SEALED_PREFIX)) return undefined;
  const end = stored.indexOf(':', SEALED_PREFIX.length);
  return end > 0 ? stored.slice(SEALED_PREFIX.length, end) : undefined;
}

export function createTextSealer(keys: DataKeys): TextSealer {
  const byId = new Map<string, Buffer>();
  if (keys.previous) byId.set(keyIdOf(keys.previous), keys.previous);
  const currentKeyId = keys.current ? keyIdOf(keys.current) : undefined;
  if (keys.current && currentKeyId) byId.set(currentKeyId, keys.current);

  return {
    currentKeyId,
    knownKeyIds: [...byId.keys()],
    seal(text, column) {
      if (text === '') return '';
      if (!keys.current || !currentKeyId) throw new MissingDataKeyError();
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv(ALGORITHM, keys.current, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(Buffer.from(column, 'utf8'));
      const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
      return `${SEALED_PREFIX}${currentKeyId}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
    },
    open(stored, column) {
      const keyId = sealedKeyId(stored);
      if (keyId === undefined) return { ok: true, text: stored };
      const key = byId.get(keyId);
      if (!key) return { ok: false, keyId, reason: 'unknown_key' };
      try {
        const raw = Buffer.from(stored.slice(SEALED_PREFIX.length + keyId.length + 1), 'base64url');
        const decipher = createDecipheriv(ALGORITHM, key, raw.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
        decipher.setAAD(Buffer.from(column, 'utf8'));
        decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
        const text = Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
        return { ok: true, text };
      } catch {
        return { ok: false, keyId, reason: 'corrupt' };
      }
    },
  };
}
