/**
 * The TLS 1.3 cipher suites QUIC packets can be protected with (RFC 9001 §5.3, §5.4): the AEAD for payloads, the
 * header protection cipher and the hash of the key schedule. TLS_AES_128_CCM_SHA256 (0x1304) is allowed by
 * RFC 9001 but node:crypto's CCM needs the message length up front and no QUIC stack we know offers it; it and
 * anything else are reported as unsupported.
 */
import { HASH_LENGTH, type HashName } from '../../core/hkdf.js';

export interface QuicCipherSuite {
  id: number;
  name: string;
  hash: HashName;
  /** AEAD and header protection key length (RFC 9001 §5.4.3-5.4.4: the hp key has the AEAD key's length). */
  keyLength: 16 | 32;
  aead: 'aes-128-gcm' | 'aes-256-gcm' | 'chacha20-poly1305';
  /** Header protection: AES in ECB mode over one block (§5.4.3), or raw ChaCha20 (§5.4.4). */
  hp: 'aes-128-ecb' | 'aes-256-ecb' | 'chacha20';
}

export const TLS_AES_128_GCM_SHA256 = 0x1301;
export const TLS_AES_256_GCM_SHA384 = 0x1302;
export const TLS_CHACHA20_POLY1305_SHA256 = 0x1303;

const SUITES: readonly QuicCipherSuite[] = [
  {
    id: TLS_AES_128_GCM_SHA256,
    name: 'TLS_AES_128_GCM_SHA256',
    hash: 'sha256',
    keyLength: 16,
    aead: 'aes-128-gcm',
    hp: 'aes-128-ecb',
  },
  {
    id: TLS_AES_256_GCM_SHA384,
    name: 'TLS_AES_256_GCM_SHA384',
    hash: 'sha384',
    keyLength: 32,
    aead: 'aes-256-gcm',
    hp: 'aes-256-ecb',
  },
  {
    id: TLS_CHACHA20_POLY1305_SHA256,
    name: 'TLS_CHACHA20_POLY1305_SHA256',
    hash: 'sha256',
    keyLength: 32,
    aead: 'chacha20-poly1305',
    hp: 'chacha20',
  },
];

/** The suite with this TLS code point, or undefined when QUIC decryption does not support it. */
export function quicCipherSuite(id: number): QuicCipherSuite | undefined {
  return SUITES.find((s) => s.id === id);
}

/** Initial packets always use AEAD_AES_128_GCM with SHA-256 (RFC 9001 §5.2). */
export const INITIAL_SUITE: QuicCipherSuite = SUITES[0] as QuicCipherSuite;

/**
 * The suites a traffic secret of this length can belong to, most common first: what to try when the ServerHello
 * was not seen (capture started late, server Initial lost). The AEAD tag tells which one is right.
 */
export function suitesForSecretLength(length: number): readonly QuicCipherSuite[] {
  return SUITES.filter((s) => HASH_LENGTH[s.hash] === length);
}

export function suiteName(id: number): string {
  return quicCipherSuite(id)?.name ?? `0x${id.toString(16).padStart(4, '0')}`;
}
