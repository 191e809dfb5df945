import type { SealedColumn } from './sealed-columns';
import { columnContext } from './sealed-columns';
import type { TextSealer } from './sealed-text';

/**
 * Pulse comments, sealed like 1:1 notes. Kept apart so the pulse repository (being redesigned on another
 * branch) calls two functions: `seal` before it writes a comment, `open` when it reads one. Not wired yet:
 * a sealed 1000-character comment is longer than pulse_responses' CHECK (length(comment) <= 1000) allows,
 * so the pulse table must widen that check first. Then add PULSE_COMMENTS_COLUMN to SEALED_COLUMNS.
 */
export const PULSE_COMMENTS_COLUMN: SealedColumn = { table: 'pulse_responses', key: 'id', keyType: 'text', column: 'comment', label: 'pulse comments' };

/** The longest a sealed comment of `maxChars` characters can be (4 UTF-8 bytes each, base64url, prefix). */
export const sealedLengthFor = (maxChars: number): number => 4 + 9 + 1 + Math.ceil(((12 + 16 + maxChars * 4) * 4) / 3);

export function createPulseCommentCrypto(sealer: TextSealer): { seal(comment: string): string; open(stored: string): string } {
  const context = columnContext(PULSE_COMMENTS_COLUMN);
  return {
    seal: (comment) => sealer.seal(comment, context),
    // A comment under a key the app no longer holds is shown as nothing rather than ciphertext.
    open: (stored) => {
      const opened = sealer.open(stored, context);
      return opened.ok ? opened.text : '';
    },
  };
}
