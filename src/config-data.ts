import { z } from 'zod';
import type { RetentionPolicy } from './domain/retention';

/**
 * The data-lifecycle part of the environment (issue 19): the data key, retention and backups.
 * config.ts folds these into its one schema; nothing here reads process.env.
 */

const KEY_HINT = 'expected 32 random bytes as base64 (44 characters, `openssl rand -base64 32`) or hex (64 characters, `openssl rand -hex 32`)';

/** A 256-bit key from base64 (standard or URL-safe) or hex; undefined when it is not exactly 32 bytes. */
export function parseDataKey(raw: string): Buffer | undefined {
  const text = raw.trim();
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, 'hex');
  if (!/^[A-Za-z0-9+/_-]{43}={0,1}$/.test(text)) return undefined;
  const bytes = Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  return bytes.length === 32 ? bytes : undefined;
}

const dataKey = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v.trim() === '') return undefined;
    const key = parseDataKey(v);
    if (!key) {
      // Never echo the value: it is a secret, even when malformed.
      ctx.addIssue({ code: 'custom', message: `${KEY_HINT}; the value given is ${v.trim().length} characters and not such a key` });
      return z.NEVER;
    }
    return key;
  });

/** Days, or off when unset/empty/"off". The minimum keeps what the product itself needs (reports look back 12 weeks). */
const days = (min: number, why: string) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      const t = v?.trim().toLowerCase();
      if (t === undefined || t === '' || t === 'off') return undefined;
      const n = Number(t);
      if (!Number.isInteger(n) || n < min || n > 36500) {
        ctx.addIssue({ code: 'custom', message: `expected a number of days from ${min} to 36500 (${why}), or "off"; got "${v}"` });
        return z.NEVER;
      }
      return n;
    });

export const dataLifecycleEnv = {
  LEADWELL_DATA_KEY: dataKey,
  LEADWELL_DATA_KEY_PREVIOUS: dataKey,
  RETENTION_NOTES_DAYS: days(1, 'how long 1:1 note text is kept'),
  RETENTION_PULSE_COMMENTS_DAYS: days(31, 'a pulse period must close before its comments go'),
  RETENTION_EVENTS_DAYS: days(90, 'reports look back 12 weeks'),
  RETENTION_LEAVERS_DAYS: days(1, 'how long after someone leaves Slack they are anonymised'),
  BACKUP_DIR: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim())),
  BACKUP_KEEP: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return 7;
      const n = Number(v.trim());
      if (!Number.isInteger(n) || n < 1 || n > 365) {
        ctx.addIssue({ code: 'custom', message: `expected how many daily backups to keep, from 1 to 365; got "${v}"` });
        return z.NEVER;
      }
      return n;
    }),
};

export interface DataLifecycleConfig {
  /** LEADWELL_DATA_KEY (current) and LEADWELL_DATA_KEY_PREVIOUS (still read during a rotation). */
  readonly dataKeys: { readonly current?: Buffer; readonly previous?: Buffer };
  readonly retention: RetentionPolicy;
  readonly backup: { readonly dir?: string; readonly keep: number };
}

type Parsed = { [K in keyof typeof dataLifecycleEnv]: z.output<(typeof dataLifecycleEnv)[K]> };

export function dataLifecycleConfig(e: Parsed, problems: string[]): DataLifecycleConfig {
  if (e.LEADWELL_DATA_KEY_PREVIOUS && !e.LEADWELL_DATA_KEY) {
    problems.push('LEADWELL_DATA_KEY_PREVIOUS: set only during a rotation, next to the new LEADWELL_DATA_KEY; LEADWELL_DATA_KEY is missing');
  }
  if (e.LEADWELL_DATA_KEY && e.LEADWELL_DATA_KEY_PREVIOUS?.equals(e.LEADWELL_DATA_KEY)) {
    problems.push('LEADWELL_DATA_KEY_PREVIOUS: is the same key as LEADWELL_DATA_KEY; give the old key, or remove it once the rotation is done');
  }
  return {
    dataKeys: { current: e.LEADWELL_DATA_KEY, previous: e.LEADWELL_DATA_KEY_PREVIOUS },
    retention: {
      notesDays: e.RETENTION_NOTES_DAYS,
      pulseCommentsDays: e.RETENTION_PULSE_COMMENTS_DAYS,
      eventsDays: e.RETENTION_EVENTS_DAYS,
      leaversDays: e.RETENTION_LEAVERS_DAYS,
    },
    backup: { dir: e.BACKUP_DIR, keep: e.BACKUP_KEEP },
  };
}
