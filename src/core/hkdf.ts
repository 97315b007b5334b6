/**
 * HKDF (RFC 5869) and TLS 1.3's HKDF-Expand-Label (RFC 8446 §7.1) over a chosen hash, on node:crypto's HMAC:
 * the one implementation behind QUIC Initial keys (naming), QUIC packet keys and TLS 1.3 record keys
 * (decryption) and the writers that build their fixtures. node:crypto's hkdfSync always extracts first, so it
 * cannot expand a secret that is already a pseudorandom key (every traffic secret of a key log is one).
 */
import { createHmac } from 'node:crypto';

export type HashName = 'sha1' | 'sha256' | 'sha384';

/** Output length of each hash (for TLS 1.3 and QUIC suites also the length of their traffic secrets). */
export const HASH_LENGTH: Readonly<Record<HashName, number>> = { sha1: 20, sha256: 32, sha384: 48 };

const EMPTY = new Uint8Array(0);
/** RFC 5869 §2.3: at most 255 blocks of output. */
const MAX_EXPAND_BLOCKS = 255;

/** HKDF-Extract (RFC 5869 §2.2): PRK = HMAC-Hash(salt, IKM). */
export function hkdfExtract(hash: HashName, salt: Uint8Array, ikm: Uint8Array): Uint8Array {
  return createHmac(hash, salt).update(ikm).digest();
}

/** HKDF-Expand (RFC 5869 §2.3): T(i) = HMAC(PRK, T(i-1) | info | i), truncated to `length`. */
export function hkdfExpand(hash: HashName, prk: Uint8Array, info: Uint8Array, length: number): Uint8Array {
  const hashLen = HASH_LENGTH[hash];
  if (length > MAX_EXPAND_BLOCKS * hashLen) throw new RangeError('HKDF-Expand length too large');
  const out = Buffer.alloc(length);
  let previous: Uint8Array = EMPTY;
  for (let i = 1, filled = 0; filled < length; i++) {
    previous = createHmac(hash, prk).update(previous).update(info).update(Buffer.of(i)).digest();
    out.set(previous.subarray(0, Math.min(hashLen, length - filled)), filled);
    filled += hashLen;
  }
  return out;
}

/**
 * HKDF-Expand-Label(Secret, Label, Context, Length) with the info structure
 *   uint16 length | opaque label<7..255> = "tls13 " + Label | opaque context<0..255>
 */
export function hkdfExpandLabel(
  hash: HashName,
  secret: Uint8Array,
  label: string,
  context: Uint8Array,
  length: number,
): Uint8Array {
  const fullLabel = Buffer.from(`tls13 ${label}`, 'latin1');
  const info = Buffer.concat([
    Buffer.of(length >> 8, length & 0xff, fullLabel.length),
    fullLabel,
    Buffer.of(context.length),
    context,
  ]);
  return hkdfExpand(hash, secret, info, length);
}
