/**
 * Packet protection keys from a TLS traffic secret (RFC 9001 §5.1, §6; RFC 9369 §3.3.2):
 *
 *   key = HKDF-Expand-Label(secret, "quic key", "", key_length)     ("quicv2 key" in v2)
 *   iv  = HKDF-Expand-Label(secret, "quic iv", "", 12)
 *   hp  = HKDF-Expand-Label(secret, "quic hp", "", key_length)
 *   next secret = HKDF-Expand-Label(secret, "quic ku", "", hash_length)   (key update; "quicv2 ku" in v2)
 *
 * Drafts up to 23 updated keys with TLS 1.3's own label, "traffic upd" (draft-ietf-quic-tls-23 §6 points to
 * RFC 8446 §7.2); draft-24 introduced "quic ku". The draft versions used the v1 key/iv/hp labels throughout.
 */

import { HASH_LENGTH, hkdfExpandLabel } from '../../core/hkdf.js';
import type { QuicVersionInfo } from '../../decode/names/quic/versions.js';
import type { QuicCipherSuite } from './cipher-suites.js';

const EMPTY = new Uint8Array(0);
const IV_LENGTH = 12;
/** Last IETF draft whose key update used the TLS "traffic upd" label. */
const LAST_TRAFFIC_UPD_DRAFT = 23;
/** Facebook mvfst's draft-22-based version (versions.ts). */
const MVFST_DRAFT_22 = 0xfaceb001;

/** The AEAD key and IV of one key phase. The header protection key stays with the first secret. */
export interface AeadKeys {
  key: Uint8Array;
  iv: Uint8Array;
}

export interface PacketKeys extends AeadKeys {
  suite: QuicCipherSuite;
  hp: Uint8Array;
}

/** Which labels a version uses for key, iv and hp (from the version table) and for key updates. */
export interface QuicLabels {
  keyLabel: string;
  ivLabel: string;
  hpLabel: string;
  kuLabel: string;
}

export function quicLabels(version: QuicVersionInfo): QuicLabels {
  return {
    keyLabel: version.keyLabel,
    ivLabel: version.ivLabel,
    hpLabel: version.hpLabel,
    kuLabel: keyUpdateLabel(version),
  };
}

function keyUpdateLabel(version: QuicVersionInfo): string {
  if (version.keyLabel === 'quicv2 key') return 'quicv2 ku';
  const v = version.version >>> 0;
  const draft = (v & 0xffffff00) >>> 0 === 0xff000000 ? v & 0xff : null;
  if ((draft !== null && draft <= LAST_TRAFFIC_UPD_DRAFT) || v === MVFST_DRAFT_22) return 'traffic upd';
  return 'quic ku';
}

export function deriveAeadKeys(suite: QuicCipherSuite, secret: Uint8Array, labels: QuicLabels): AeadKeys {
  return {
    key: hkdfExpandLabel(suite.hash, secret, labels.keyLabel, EMPTY, suite.keyLength),
    iv: hkdfExpandLabel(suite.hash, secret, labels.ivLabel, EMPTY, IV_LENGTH),
  };
}

export function derivePacketKeys(suite: QuicCipherSuite, secret: Uint8Array, labels: QuicLabels): PacketKeys {
  return {
    suite,
    ...deriveAeadKeys(suite, secret, labels),
    hp: hkdfExpandLabel(suite.hash, secret, labels.hpLabel, EMPTY, suite.keyLength),
  };
}

/** The secret of the next key phase (RFC 9001 §6.1). */
export function nextTrafficSecret(suite: QuicCipherSuite, secret: Uint8Array, labels: QuicLabels): Uint8Array {
  return hkdfExpandLabel(suite.hash, secret, labels.kuLabel, EMPTY, HASH_LENGTH[suite.hash]);
}
