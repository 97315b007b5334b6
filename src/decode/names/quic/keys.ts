/**
 * Initial packet protection keys (RFC 9001 §5.2, RFC 9369 §3.3): HKDF-SHA256 (RFC 5869) with the TLS 1.3
 * HKDF-Expand-Label wrapper (RFC 8446 §7.1), built from node:crypto HMAC.
 *
 *   initial_secret = HKDF-Extract(initial_salt, client_dst_connection_id)
 *   client_initial_secret = HKDF-Expand-Label(initial_secret, "client in", "", 32)
 *   key = HKDF-Expand-Label(client_initial_secret, "quic key", "", 16)   ("quicv2 key" in v2)
 *   iv  = HKDF-Expand-Label(client_initial_secret, "quic iv", "", 12)
 *   hp  = HKDF-Expand-Label(client_initial_secret, "quic hp", "", 16)
 */
import { createHmac } from 'node:crypto';
import type { QuicVersionInfo } from './header.js';

const HASH = 'sha256';
const HASH_LEN = 32;
const EMPTY = new Uint8Array(0);

/** AEAD_AES_128_GCM key, 96-bit IV and AES-128 header protection key for one direction. */
export interface InitialKeys {
  key: Uint8Array;
  iv: Uint8Array;
  hp: Uint8Array;
}

/** HKDF-Extract (RFC 5869 §2.2): PRK = HMAC-Hash(salt, IKM). */
export function hkdfExtract(salt: Uint8Array, ikm: Uint8Array): Uint8Array {
  return createHmac(HASH, salt).update(ikm).digest();
}

/** HKDF-Expand (RFC 5869 §2.3): T(i) = HMAC(PRK, T(i-1) | info | i), output truncated to `length`. */
export function hkdfExpand(prk: Uint8Array, info: Uint8Array, length: number): Uint8Array {
  if (length > 255 * HASH_LEN) throw new RangeError('HKDF-Expand length too large');
  const out = Buffer.alloc(length);
  let previous: Uint8Array = Buffer.alloc(0);
  for (let i = 1, filled = 0; filled < length; i++) {
    previous = createHmac(HASH, prk).update(previous).update(info).update(Buffer.of(i)).digest();
    out.set(previous.subarray(0, Math.min(HASH_LEN, length - filled)), filled);
    filled += HASH_LEN;
  }
  return out;
}

/**
 * HKDF-Expand-Label (RFC 8446 §7.1) with the info structure
 *   uint16 length | opaque label<7..255> = "tls13 " + Label | opaque context<0..255>
 */
export function hkdfExpandLabel(secret: Uint8Array, label: string, context: Uint8Array, length: number): Uint8Array {
  const fullLabel = Buffer.from(`tls13 ${label}`, 'ascii');
  const info = Buffer.concat([
    Buffer.of(length >> 8, length & 0xff, fullLabel.length),
    fullLabel,
    Buffer.of(context.length),
    context,
  ]);
  return hkdfExpand(secret, info, length);
}

/** Derives the Initial keys of one side for a version and the client's Destination Connection ID. */
export function deriveInitialKeys(
  version: QuicVersionInfo,
  dcid: Uint8Array,
  side: 'client' | 'server' = 'client',
): InitialKeys {
  const initialSecret = hkdfExtract(version.salt, dcid);
  const secret = hkdfExpandLabel(initialSecret, side === 'client' ? 'client in' : 'server in', EMPTY, HASH_LEN);
  return {
    key: hkdfExpandLabel(secret, version.keyLabel, EMPTY, 16),
    iv: hkdfExpandLabel(secret, version.ivLabel, EMPTY, 12),
    hp: hkdfExpandLabel(secret, version.hpLabel, EMPTY, 16),
  };
}
