/**
 * Record decryption, one object per direction and key, each keeping its own sequence number (counted only for
 * records that open, so a caller may try a record under several keys):
 *
 * - TLS 1.3 (RFC 8446 §5.2-5.4): nonce = iv XOR seq, AAD = the record header, inner plaintext = content,
 *   content type, zero padding.
 * - TLS 1.2 AEAD: AES-GCM (RFC 5288 §3: nonce = 4-byte salt + 8-byte explicit nonce from the record) and
 *   ChaCha20-Poly1305 (RFC 7905 §2: nonce = iv XOR seq); AAD = seq, type, version, plaintext length
 *   (RFC 5246 §6.2.3.3).
 * - TLS 1.2 AES-CBC with HMAC (RFC 5246 §6.2.3.2, explicit IV per record): MAC-then-encrypt, or
 *   encrypt-then-MAC when negotiated (RFC 7366 §3).
 *
 * open() returns null when a record fails authentication or is malformed; it never throws.
 */
import { createDecipheriv, createHmac, type DecipherGCM, timingSafeEqual } from 'node:crypto';
import { AEAD_TAG_BYTES, type AeadSuite, CBC_BLOCK_BYTES, type CbcSuite, HASH_LENGTH } from './cipher-suites.js';
import { type Tls12DirectionKeys, tls13NextSecret, tls13TrafficKey } from './key-schedule.js';
import { RECORD_HEADER_BYTES } from './record-reader.js';

export interface OpenedRecord {
  /** Content type: the record's for TLS 1.2, the inner one for TLS 1.3. */
  type: number;
  /** The plaintext, in a buffer of its own (the receiver may keep it). */
  content: Uint8Array;
}

export interface RecordOpener {
  open(type: number, version: number, fragment: Uint8Array): OpenedRecord | null;
  /** Records opened so far (the next sequence number). */
  readonly seq: number;
}

const TLS12_EXPLICIT_NONCE_BYTES = 8;
/** The longest protected TLS 1.3 record fragment (RFC 8446 §5.2: 2^14 + 256). */
const MAX_TLS13_CIPHERTEXT_BYTES = (1 << 14) + 256;

/** The 8-byte big-endian sequence number (sequence numbers stay far below 2^53 in any capture). */
export function seqBytes(seq: number): Uint8Array {
  const b = new Uint8Array(8);
  const high = Math.floor(seq / 0x1_0000_0000);
  const low = seq >>> 0;
  b[0] = high >>> 24;
  b[1] = (high >>> 16) & 0xff;
  b[2] = (high >>> 8) & 0xff;
  b[3] = high & 0xff;
  b[4] = low >>> 24;
  b[5] = (low >>> 16) & 0xff;
  b[6] = (low >>> 8) & 0xff;
  b[7] = low & 0xff;
  return b;
}

/** iv XOR the sequence number left-padded to the iv's length (RFC 8446 §5.3, RFC 7905 §2). */
export function xorNonce(iv: Uint8Array, seq: number): Uint8Array {
  const nonce = Uint8Array.from(iv);
  const s = seqBytes(seq);
  for (let i = 0; i < 8; i++) {
    const at = nonce.length - 8 + i;
    nonce[at] = (nonce[at] ?? 0) ^ (s[i] ?? 0);
  }
  return nonce;
}

/** Authenticated decryption; null when the tag does not verify. */
export function aeadOpen(
  cipher: AeadSuite['cipher'],
  key: Uint8Array,
  nonce: Uint8Array,
  aad: Uint8Array,
  sealed: Uint8Array,
): Uint8Array | null {
  if (sealed.length < AEAD_TAG_BYTES) return null;
  const cut = sealed.length - AEAD_TAG_BYTES;
  try {
    // chacha20-poly1305 and the GCM ciphers share this interface; the type names only GCM.
    const d = createDecipheriv(cipher as 'aes-128-gcm', key, nonce, { authTagLength: AEAD_TAG_BYTES }) as DecipherGCM;
    d.setAAD(aad);
    d.setAuthTag(sealed.subarray(cut));
    const head = d.update(sealed.subarray(0, cut));
    const tail = d.final();
    return tail.length === 0 ? new Uint8Array(head.buffer, head.byteOffset, head.length) : Buffer.concat([head, tail]);
  } catch {
    return null;
  }
}

export class Tls13Opener implements RecordOpener {
  seq = 0;
  readonly #key: Uint8Array;
  readonly #iv: Uint8Array;

  constructor(
    readonly suite: AeadSuite,
    readonly secret: Uint8Array,
  ) {
    const k = tls13TrafficKey(suite, secret);
    this.#key = k.key;
    this.#iv = k.iv;
  }

  open(type: number, version: number, fragment: Uint8Array): OpenedRecord | null {
    if (fragment.length > MAX_TLS13_CIPHERTEXT_BYTES) return null;
    const header = recordHeader(type, version, fragment.length);
    const inner = aeadOpen(this.suite.cipher, this.#key, xorNonce(this.#iv, this.seq), header, fragment);
    if (inner === null) return null;
    this.seq++;
    // The content type is the last non-zero byte; zeros after it are padding (RFC 8446 §5.4).
    let end = inner.length - 1;
    while (end >= 0 && inner[end] === 0) end--;
    if (end < 0) return null; // all padding: a protocol error, nothing to read
    return { type: inner[end] ?? 0, content: inner.subarray(0, end) };
  }

  /** The opener for the next traffic secret after a KeyUpdate (RFC 8446 §7.2). */
  next(): Tls13Opener {
    return new Tls13Opener(this.suite, tls13NextSecret(this.suite, this.secret));
  }
}

export class Tls12AeadOpener implements RecordOpener {
  seq = 0;

  constructor(
    readonly suite: AeadSuite,
    private readonly keys: Tls12DirectionKeys,
  ) {}

  open(type: number, version: number, fragment: Uint8Array): OpenedRecord | null {
    const chacha = this.suite.cipher === 'chacha20-poly1305';
    const explicit = chacha ? 0 : TLS12_EXPLICIT_NONCE_BYTES;
    if (fragment.length < explicit + AEAD_TAG_BYTES) return null;
    let nonce: Uint8Array;
    if (chacha) nonce = xorNonce(this.keys.iv, this.seq);
    else {
      nonce = new Uint8Array(this.keys.iv.length + explicit);
      nonce.set(this.keys.iv, 0);
      nonce.set(fragment.subarray(0, explicit), this.keys.iv.length);
    }
    const plainLength = fragment.length - explicit - AEAD_TAG_BYTES;
    const aad = tls12Aad(this.seq, type, version, plainLength);
    const content = aeadOpen(this.suite.cipher, this.keys.key, nonce, aad, fragment.subarray(explicit));
    if (content === null) return null;
    this.seq++;
    return { type, content };
  }
}

/** seq_num + type + version + length (RFC 5246 §6.2.3.1 MAC input, §6.2.3.3 additional_data). */
export function tls12Aad(seq: number, type: number, version: number, length: number): Uint8Array {
  const aad = new Uint8Array(13);
  aad.set(seqBytes(seq), 0);
  aad[8] = type;
  aad[9] = version >> 8;
  aad[10] = version & 0xff;
  aad[11] = (length >> 8) & 0xff;
  aad[12] = length & 0xff;
  return aad;
}

export class Tls12CbcOpener implements RecordOpener {
  seq = 0;
  readonly #macLength: number;

  constructor(
    readonly suite: CbcSuite,
    private readonly keys: Tls12DirectionKeys,
    readonly encryptThenMac: boolean,
  ) {
    this.#macLength = HASH_LENGTH[suite.mac];
  }

  open(type: number, version: number, fragment: Uint8Array): OpenedRecord | null {
    const content = this.encryptThenMac
      ? this.#openEtm(type, version, fragment)
      : this.#openMte(type, version, fragment);
    if (content === null) return null;
    this.seq++;
    return { type, content };
  }

  #mac(type: number, version: number, data: Uint8Array): Buffer {
    return createHmac(this.suite.mac, this.keys.macKey)
      .update(tls12Aad(this.seq, type, version, data.length))
      .update(data)
      .digest();
  }

  /** MAC-then-encrypt: IV, then CBC(content + MAC + padding). */
  #openMte(type: number, version: number, fragment: Uint8Array): Uint8Array | null {
    const body = fragment.length - CBC_BLOCK_BYTES;
    if (body < CBC_BLOCK_BYTES || body % CBC_BLOCK_BYTES !== 0) return null;
    const plain = this.#decrypt(fragment);
    if (plain === null) return null;
    const unpadded = stripPadding(plain);
    if (unpadded === null || unpadded.length < this.#macLength) return null;
    const contentLength = unpadded.length - this.#macLength;
    const content = unpadded.subarray(0, contentLength);
    const expected = this.#mac(type, version, content);
    return timingSafeEqual(expected, unpadded.subarray(contentLength)) ? content : null;
  }

  /** Encrypt-then-MAC (RFC 7366): IV, CBC(content + padding), then MAC over header fields, IV and ciphertext. */
  #openEtm(type: number, version: number, fragment: Uint8Array): Uint8Array | null {
    const sealed = fragment.length - this.#macLength;
    if (sealed < 2 * CBC_BLOCK_BYTES || sealed % CBC_BLOCK_BYTES !== 0) return null;
    const expected = this.#mac(type, version, fragment.subarray(0, sealed));
    if (!timingSafeEqual(expected, fragment.subarray(sealed))) return null;
    const plain = this.#decrypt(fragment.subarray(0, sealed));
    return plain === null ? null : stripPadding(plain);
  }

  /** CBC decryption of IV + ciphertext, padding left in place. */
  #decrypt(ivAndCiphertext: Uint8Array): Uint8Array | null {
    try {
      const d = createDecipheriv(
        this.suite.cipher,
        this.keys.key,
        ivAndCiphertext.subarray(0, CBC_BLOCK_BYTES),
      ).setAutoPadding(false);
      const out = Buffer.concat([d.update(ivAndCiphertext.subarray(CBC_BLOCK_BYTES)), d.final()]);
      return new Uint8Array(out.buffer, out.byteOffset, out.length);
    } catch {
      return null;
    }
  }
}

/** Removes TLS CBC padding (RFC 5246 §6.2.3.2: padding_length + 1 bytes, each equal to padding_length). */
function stripPadding(plain: Uint8Array): Uint8Array | null {
  const padding = plain[plain.length - 1];
  if (padding === undefined || padding + 1 > plain.length) return null;
  for (let i = plain.length - 1 - padding; i < plain.length; i++) if (plain[i] !== padding) return null;
  return plain.subarray(0, plain.length - 1 - padding);
}

/** The 5 header bytes of a record: in TLS 1.3 also the AEAD additional data. */
export function recordHeader(type: number, version: number, length: number): Uint8Array {
  const h = new Uint8Array(RECORD_HEADER_BYTES);
  h[0] = type;
  h[1] = version >> 8;
  h[2] = version & 0xff;
  h[3] = (length >> 8) & 0xff;
  h[4] = length & 0xff;
  return h;
}
