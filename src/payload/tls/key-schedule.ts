/**
 * From logged secrets to record keys. TLS 1.3 (RFC 8446 §7.1, §7.3): key and iv by HKDF-Expand-Label from a
 * traffic secret, and the KeyUpdate step to the next secret. TLS 1.2 (RFC 5246 §5, §6.3): the key block by the
 * PRF from the master secret and both randoms. The writer uses the same functions to build fixtures.
 */
import { createHmac } from 'node:crypto';
import { HASH_LENGTH, type HashName, hkdfExpandLabel } from '../../core/hkdf.js';
import type { AeadSuite, CipherSuite } from './cipher-suites.js';

export { hkdfExpandLabel };

/** TLS 1.3 per-record nonce length (RFC 8446 §5.3) and TLS 1.2 GCM implicit salt / ChaCha20 iv lengths. */
export const TLS13_IV_BYTES = 12;
export const TLS12_GCM_SALT_BYTES = 4;
export const TLS12_CHACHA_IV_BYTES = 12;

export interface Tls13TrafficKey {
  key: Uint8Array;
  iv: Uint8Array;
}

export function tls13TrafficKey(suite: AeadSuite, secret: Uint8Array): Tls13TrafficKey {
  const empty = new Uint8Array(0);
  return {
    key: hkdfExpandLabel(suite.hash, secret, 'key', empty, suite.keyLength),
    iv: hkdfExpandLabel(suite.hash, secret, 'iv', empty, TLS13_IV_BYTES),
  };
}

/** application_traffic_secret_N+1 (RFC 8446 §7.2). */
export function tls13NextSecret(suite: AeadSuite, secret: Uint8Array): Uint8Array {
  return hkdfExpandLabel(suite.hash, secret, 'traffic upd', new Uint8Array(0), HASH_LENGTH[suite.hash]);
}

/** The TLS 1.2 PRF, P_hash(secret, label + seed) (RFC 5246 §5). */
export function tls12Prf(
  hash: HashName,
  secret: Uint8Array,
  label: string,
  seed: Uint8Array,
  length: number,
): Uint8Array {
  const labelSeed = Buffer.concat([Buffer.from(label, 'latin1'), seed]);
  const out = new Uint8Array(length);
  let a: Uint8Array = labelSeed; // A(0)
  for (let off = 0; off < length; ) {
    a = createHmac(hash, secret).update(a).digest();
    const block = createHmac(hash, secret).update(a).update(labelSeed).digest();
    out.set(block.subarray(0, Math.min(block.length, length - off)), off);
    off += block.length;
  }
  return out;
}

/** One direction's TLS 1.2 record keys: MAC key (CBC only), cipher key, and the implicit IV part (AEAD only). */
export interface Tls12DirectionKeys {
  macKey: Uint8Array;
  key: Uint8Array;
  iv: Uint8Array;
}

export interface Tls12Keys {
  client: Tls12DirectionKeys;
  server: Tls12DirectionKeys;
}

/** The key block cut into client and server keys (RFC 5246 §6.3; RFC 5288 §3 for GCM; RFC 7905 §2 for ChaCha). */
export function tls12Keys(
  suite: CipherSuite,
  masterSecret: Uint8Array,
  clientRandom: Uint8Array,
  serverRandom: Uint8Array,
): Tls12Keys {
  const macLength = suite.kind === 'cbc' ? HASH_LENGTH[suite.mac] : 0;
  const ivLength =
    suite.kind === 'cbc' ? 0 : suite.cipher === 'chacha20-poly1305' ? TLS12_CHACHA_IV_BYTES : TLS12_GCM_SALT_BYTES;
  const total = 2 * (macLength + suite.keyLength + ivLength);
  const seed = Buffer.concat([serverRandom, clientRandom]);
  const block = tls12Prf(suite.hash, masterSecret, 'key expansion', seed, total);
  let off = 0;
  const take = (n: number): Uint8Array => {
    const part = block.slice(off, off + n);
    off += n;
    return part;
  };
  const clientMac = take(macLength);
  const serverMac = take(macLength);
  const clientKey = take(suite.keyLength);
  const serverKey = take(suite.keyLength);
  const clientIv = take(ivLength);
  const serverIv = take(ivLength);
  return {
    client: { macKey: clientMac, key: clientKey, iv: clientIv },
    server: { macKey: serverMac, key: serverKey, iv: serverIv },
  };
}
