import { createCipheriv, createDecipheriv, createPrivateKey, createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync, randomBytes, type KeyObject } from 'node:crypto';

/**
 * Sealing to an X25519 public key (ECIES: a fresh key pair per message, ECDH, HKDF-SHA256, AES-256-GCM), for the
 * pulse's pending pool: anyone may seal to the pool's public key (it is in the database); only an instance that
 * holds the private key in memory can open. Stored as base64: ephemeral public key (SPKI DER), IV, tag, ciphertext.
 */
const SPKI_LENGTH = 44;
const INFO = Buffer.from('leadwell pulse pool v1');

export interface KeyPair {
  publicKey: string;
  privateKey: KeyObject;
}

export function newKeyPair(): KeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('x25519');
  return { publicKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'), privateKey };
}

export const exportPrivate = (key: KeyObject): Buffer => key.export({ format: 'der', type: 'pkcs8' });
export const importPrivate = (der: Buffer): KeyObject => createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });

const keyFor = (shared: Buffer, ephemeral: Buffer) => Buffer.from(hkdfSync('sha256', shared, ephemeral, INFO, 32));

export function sealTo(publicKey: string, plaintext: Buffer): string {
  const ephemeral = generateKeyPairSync('x25519');
  const ephemeralDer = ephemeral.publicKey.export({ format: 'der', type: 'spki' });
  const recipient = createPublicKey({ key: Buffer.from(publicKey, 'base64'), format: 'der', type: 'spki' });
  const key = keyFor(diffieHellman({ privateKey: ephemeral.privateKey, publicKey: recipient }), ephemeralDer);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([ephemeralDer, iv, cipher.getAuthTag(), body]).toString('base64');
}

/** undefined when it was not sealed to this key (or was tampered with). */
export function openWith(privateKey: KeyObject, sealed: string): Buffer | undefined {
  try {
    const raw = Buffer.from(sealed, 'base64');
    const ephemeralDer = raw.subarray(0, SPKI_LENGTH);
    const ephemeral = createPublicKey({ key: ephemeralDer, format: 'der', type: 'spki' });
    const key = keyFor(diffieHellman({ privateKey, publicKey: ephemeral }), ephemeralDer);
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(SPKI_LENGTH, SPKI_LENGTH + 12));
    decipher.setAuthTag(raw.subarray(SPKI_LENGTH + 12, SPKI_LENGTH + 28));
    return Buffer.concat([decipher.update(raw.subarray(SPKI_LENGTH + 28)), decipher.final()]);
  } catch {
    return undefined;
  }
}

/**
 * A pending answer as fixed-size bytes, so every sealed answer has the same length and its size says nothing
 * about its comment: the receipt (32 bytes), the rating (1), the comment's UTF-8 length (2) and bytes, zero padding.
 * A comment of MAX_COMMENT (1000) UTF-16 units is at most 3000 UTF-8 bytes.
 */
const ANSWER_BYTES = 32 + 1 + 2 + 4000;

export interface PlainAnswer {
  receipt: string;
  rating: number;
  comment: string;
}

export function encodeAnswer(a: PlainAnswer): Buffer {
  const comment = Buffer.from(a.comment, 'utf8');
  if (!/^[0-9a-f]{64}$/.test(a.receipt)) throw new Error('pulse pool: a receipt is 64 hex characters');
  if (!Number.isInteger(a.rating) || a.rating < 1 || a.rating > 5) throw new Error('pulse pool: a rating is 1 to 5');
  if (comment.length > ANSWER_BYTES - 35) throw new Error('pulse pool: comment too long');
  const out = Buffer.alloc(ANSWER_BYTES);
  Buffer.from(a.receipt, 'hex').copy(out, 0);
  out.writeUInt8(a.rating, 32);
  out.writeUInt16BE(comment.length, 33);
  comment.copy(out, 35);
  return out;
}

export function decodeAnswer(b: Buffer): PlainAnswer {
  const length = b.readUInt16BE(33);
  return { receipt: b.subarray(0, 32).toString('hex'), rating: b.readUInt8(32), comment: b.subarray(35, 35 + length).toString('utf8') };
}
