/**
 * The cipher suites we can decrypt, as data: one row per IANA code point (TLS Cipher Suites registry). The key
 * exchange part of a TLS 1.2 name (RSA, DHE, ECDHE) does not matter here since the key log gives the master
 * secret; what matters is the record protection and the PRF hash. Suites that are named but not decryptable
 * (3DES, RC4, CCM, CAMELLIA, ARIA, ...) are listed in UNSUPPORTED_SUITE_NAMES only for messages.
 */
import { HASH_LENGTH, type HashName } from '../../core/hkdf.js';

export { HASH_LENGTH, type HashName };

export interface AeadSuite {
  kind: 'aead';
  name: string;
  /** node:crypto cipher name. */
  cipher: 'aes-128-gcm' | 'aes-256-gcm' | 'chacha20-poly1305';
  keyLength: number;
  /** TLS 1.2: the PRF hash; TLS 1.3: the HKDF hash. */
  hash: HashName;
}

export interface CbcSuite {
  kind: 'cbc';
  name: string;
  cipher: 'aes-128-cbc' | 'aes-256-cbc';
  keyLength: number;
  /** HMAC hash of the record MAC. */
  mac: HashName;
  /** PRF hash (SHA-256 for every CBC suite but the *_SHA384 ones, RFC 5246 §5). */
  hash: HashName;
}

export type CipherSuite = AeadSuite | CbcSuite;

/** AEAD tag length of every suite here (GCM and Poly1305). */
export const AEAD_TAG_BYTES = 16;
export const CBC_BLOCK_BYTES = 16;

const gcm128 = (name: string): AeadSuite => ({
  kind: 'aead',
  name,
  cipher: 'aes-128-gcm',
  keyLength: 16,
  hash: 'sha256',
});
const gcm256 = (name: string): AeadSuite => ({
  kind: 'aead',
  name,
  cipher: 'aes-256-gcm',
  keyLength: 32,
  hash: 'sha384',
});
const chacha = (name: string): AeadSuite => ({
  kind: 'aead',
  name,
  cipher: 'chacha20-poly1305',
  keyLength: 32,
  hash: 'sha256',
});
const cbc = (name: string, keyLength: 16 | 32, mac: HashName): CbcSuite => ({
  kind: 'cbc',
  name,
  cipher: keyLength === 16 ? 'aes-128-cbc' : 'aes-256-cbc',
  keyLength,
  mac,
  hash: mac === 'sha384' ? 'sha384' : 'sha256',
});

/** TLS 1.3 suites (RFC 8446 §B.4). */
export const TLS13_SUITES: ReadonlyMap<number, AeadSuite> = new Map([
  [0x1301, gcm128('TLS_AES_128_GCM_SHA256')],
  [0x1302, gcm256('TLS_AES_256_GCM_SHA384')],
  [0x1303, chacha('TLS_CHACHA20_POLY1305_SHA256')],
]);

/** TLS 1.2 suites: AES-GCM (RFC 5288, 5289), ChaCha20-Poly1305 (RFC 7905), AES-CBC with HMAC (RFC 5246, 5289). */
export const TLS12_SUITES: ReadonlyMap<number, CipherSuite> = new Map<number, CipherSuite>([
  [0x009c, gcm128('TLS_RSA_WITH_AES_128_GCM_SHA256')],
  [0x009d, gcm256('TLS_RSA_WITH_AES_256_GCM_SHA384')],
  [0x009e, gcm128('TLS_DHE_RSA_WITH_AES_128_GCM_SHA256')],
  [0x009f, gcm256('TLS_DHE_RSA_WITH_AES_256_GCM_SHA384')],
  [0x00a2, gcm128('TLS_DHE_DSS_WITH_AES_128_GCM_SHA256')],
  [0x00a3, gcm256('TLS_DHE_DSS_WITH_AES_256_GCM_SHA384')],
  [0xc02b, gcm128('TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256')],
  [0xc02c, gcm256('TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384')],
  [0xc02d, gcm128('TLS_ECDH_ECDSA_WITH_AES_128_GCM_SHA256')],
  [0xc02e, gcm256('TLS_ECDH_ECDSA_WITH_AES_256_GCM_SHA384')],
  [0xc02f, gcm128('TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256')],
  [0xc030, gcm256('TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384')],
  [0xc031, gcm128('TLS_ECDH_RSA_WITH_AES_128_GCM_SHA256')],
  [0xc032, gcm256('TLS_ECDH_RSA_WITH_AES_256_GCM_SHA384')],
  [0xcca8, chacha('TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256')],
  [0xcca9, chacha('TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256')],
  [0xccaa, chacha('TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256')],
  [0x002f, cbc('TLS_RSA_WITH_AES_128_CBC_SHA', 16, 'sha1')],
  [0x0035, cbc('TLS_RSA_WITH_AES_256_CBC_SHA', 32, 'sha1')],
  [0x003c, cbc('TLS_RSA_WITH_AES_128_CBC_SHA256', 16, 'sha256')],
  [0x003d, cbc('TLS_RSA_WITH_AES_256_CBC_SHA256', 32, 'sha256')],
  [0x0033, cbc('TLS_DHE_RSA_WITH_AES_128_CBC_SHA', 16, 'sha1')],
  [0x0039, cbc('TLS_DHE_RSA_WITH_AES_256_CBC_SHA', 32, 'sha1')],
  [0x0067, cbc('TLS_DHE_RSA_WITH_AES_128_CBC_SHA256', 16, 'sha256')],
  [0x006b, cbc('TLS_DHE_RSA_WITH_AES_256_CBC_SHA256', 32, 'sha256')],
  [0xc009, cbc('TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA', 16, 'sha1')],
  [0xc00a, cbc('TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA', 32, 'sha1')],
  [0xc013, cbc('TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA', 16, 'sha1')],
  [0xc014, cbc('TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA', 32, 'sha1')],
  [0xc023, cbc('TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256', 16, 'sha256')],
  [0xc024, cbc('TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384', 32, 'sha384')],
  [0xc027, cbc('TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256', 16, 'sha256')],
  [0xc028, cbc('TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384', 32, 'sha384')],
]);

/** Names of common suites we cannot decrypt, so a reason can say what was negotiated. */
export const UNSUPPORTED_SUITE_NAMES: ReadonlyMap<number, string> = new Map([
  [0x0004, 'TLS_RSA_WITH_RC4_128_MD5'],
  [0x0005, 'TLS_RSA_WITH_RC4_128_SHA'],
  [0x000a, 'TLS_RSA_WITH_3DES_EDE_CBC_SHA'],
  [0x0016, 'TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA'],
  [0xc012, 'TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA'],
  [0xc011, 'TLS_ECDHE_RSA_WITH_RC4_128_SHA'],
  [0x0041, 'TLS_RSA_WITH_CAMELLIA_128_CBC_SHA'],
  [0x0084, 'TLS_RSA_WITH_CAMELLIA_256_CBC_SHA'],
  [0xc09c, 'TLS_RSA_WITH_AES_128_CCM'],
  [0xc09d, 'TLS_RSA_WITH_AES_256_CCM'],
  [0xc0ac, 'TLS_ECDHE_ECDSA_WITH_AES_128_CCM'],
  [0xc0ad, 'TLS_ECDHE_ECDSA_WITH_AES_256_CCM'],
  [0xc0ae, 'TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8'],
  [0x1304, 'TLS_AES_128_CCM_SHA256'],
  [0x1305, 'TLS_AES_128_CCM_8_SHA256'],
]);

/** "0x009c (TLS_RSA_WITH_AES_128_GCM_SHA256)" or "0x1234" for reasons. */
export function describeSuite(code: number): string {
  const hex = `0x${code.toString(16).padStart(4, '0')}`;
  const name = TLS13_SUITES.get(code)?.name ?? TLS12_SUITES.get(code)?.name ?? UNSUPPORTED_SUITE_NAMES.get(code);
  return name === undefined ? hex : `${hex} (${name})`;
}
