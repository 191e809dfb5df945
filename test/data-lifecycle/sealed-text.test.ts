import { createTextSealer, keyIdOf, MissingDataKeyError, sealedKeyId } from '../../src/storage/sealed-text';
import { createPulseCommentCrypto, sealedLengthFor } from '../../src/storage/pulse-comment-crypto';
import { parseDataKey } from '../../src/config-data';
import { OTHER_DATA_KEY, TEST_DATA_KEY } from '../helpers/data-key';

const key = Buffer.from(TEST_DATA_KEY, 'base64');
const other = Buffer.from(OTHER_DATA_KEY, 'base64');

describe('sealed text (AES-256-GCM)', () => {
  it('round-trips, names its key, and never repeats a ciphertext', () => {
    const s = createTextSealer({ current: key });
    const a = s.seal('héllo 🌍', 'one_on_ones.notes');
    expect(sealedKeyId(a)).toBe(keyIdOf(key));
    expect(s.seal('héllo 🌍', 'one_on_ones.notes')).not.toBe(a);
    expect(s.open(a, 'one_on_ones.notes')).toEqual({ ok: true, text: 'héllo 🌍' });
    expect(s.seal('', 'one_on_ones.notes')).toBe('');
    expect(s.open('written before encryption', 'one_on_ones.notes')).toEqual({ ok: true, text: 'written before encryption' });
  });

  it('refuses a value moved to another column, a tampered value and an unknown key, softly', () => {
    const s = createTextSealer({ current: key });
    const a = s.seal('secret', 'one_on_ones.notes');
    expect(s.open(a, 'pulse_responses.comment')).toMatchObject({ ok: false, reason: 'corrupt' });
    const flipped = a.slice(0, -3) + (a.at(-3) === 'A' ? 'B' : 'A') + a.slice(-2);
    expect(s.open(flipped, 'one_on_ones.notes')).toMatchObject({ ok: false, reason: 'corrupt' });
    expect(createTextSealer({ current: other }).open(a, 'one_on_ones.notes')).toEqual({ ok: false, keyId: keyIdOf(key), reason: 'unknown_key' });
    expect(createTextSealer({ current: other, previous: key }).open(a, 'one_on_ones.notes')).toEqual({ ok: true, text: 'secret' });
    expect(() => createTextSealer({}).seal('x', 'one_on_ones.notes')).toThrow(MissingDataKeyError);
  });

  it('parses keys as base64, URL-safe base64 or hex, exactly 32 bytes', () => {
    expect(parseDataKey(TEST_DATA_KEY)?.equals(key)).toBe(true);
    expect(parseDataKey(key.toString('hex'))?.equals(key)).toBe(true);
    expect(parseDataKey(key.toString('base64url'))?.equals(key)).toBe(true);
    expect(parseDataKey(Buffer.alloc(16).toString('base64'))).toBeUndefined();
    expect(parseDataKey('correct horse battery staple')).toBeUndefined();
  });

  it('pulse comments: the helper the pulse repository will call (and why the table must widen first)', () => {
    const c = createPulseCommentCrypto(createTextSealer({ current: key }));
    expect(c.open(c.seal('more 1:1s please'))).toBe('more 1:1s please');
    expect(c.open('plain from before')).toBe('plain from before');
    const worst = c.seal('🌍'.repeat(1000));
    expect(worst.length).toBeLessThanOrEqual(sealedLengthFor(1000));
    expect(worst.length).toBeGreaterThan(1000);
  });
});
