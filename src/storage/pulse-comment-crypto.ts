import { columnContext, PULSE_COMMENTS_COLUMN } from './sealed-columns';
import type { TextSealer } from './sealed-text';

/**
 * Pulse comments, sealed like 1:1 notes: the pulse repository calls `seal` when it releases a batch and
 * `open` when reports read the comments. A sealed 1000-character comment is up to sealedLengthFor(1000)
 * characters, which migration 0013 allows; the 1000-character limit itself is the domain's (MAX_COMMENT).
 * PULSE_COMMENTS_COLUMN is in SEALED_COLUMNS: the start-up key check counts it, and the start-up sealing and
 * `npm run keys:rotate` seal comments from before encryption and re-encrypt the rest.
 */
export { PULSE_COMMENTS_COLUMN };

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
