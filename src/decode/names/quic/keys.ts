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
import {
  hkdfExpand as coreExpand,
  hkdfExpandLabel as coreExpandLabel,
  hkdfExtract as coreExtract,
} from '../../../core/hkdf.js';
import type { QuicVersionInfo } from './header.js';

const HASH = 'sha256' as const;
const HASH_LEN = 32;
const EMPTY = new Uint8Array(0);

/** AEAD_AES_128_GCM key, 96-bit IV and AES-128 header protection key for one direction. */
export interface InitialKeys {
  key: Uint8Array;
  iv: Uint8Array;
  hp: Uint8Array;
}

/** The SHA-256 HKDF that Initial protection uses (core/hkdf.ts), for callers and tests that need it alone. */
export const hkdfExtract = (salt: Uint8Array, ikm: Uint8Array): Uint8Array => coreExtract(HASH, salt, ikm);
export const hkdfExpand = (prk: Uint8Array, info: Uint8Array, length: number): Uint8Array =>
  coreExpand(HASH, prk, info, length);
export const hkdfExpandLabel = (secret: Uint8Array, label: string, context: Uint8Array, length: number): Uint8Array =>
  coreExpandLabel(HASH, secret, label, context, length);

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
