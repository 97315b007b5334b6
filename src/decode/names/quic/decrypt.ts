/**
 * Removes Initial packet protection: header protection (RFC 9001 §5.4, AES-128-ECB mask over a ciphertext
 * sample), packet number recovery (RFC 9000 §17.1, Appendix A.3) and AEAD_AES_128_GCM (RFC 9001 §5.3).
 * The datagram is never modified: the unprotected header is rebuilt in a copy used as associated data.
 */
import { createCipheriv, createDecipheriv } from 'node:crypto';
import type { LongHeader } from './header.js';
import type { InitialKeys } from './keys.js';

const SAMPLE_LEN = 16;
const TAG_LEN = 16;
/** RFC 9001 §5.4.2: the sample starts 4 bytes after the start of the Packet Number field. */
const SAMPLE_OFFSET = 4;

export type UnprotectOutcome =
  | { kind: 'ok'; packetNumber: number; payload: Uint8Array }
  | { kind: 'invalid'; reason: 'too-short-for-sample' | 'too-short-for-tag' | 'decrypt-failed' };

/** AES-128-ECB of one block: the header protection mask (RFC 9001 §5.4.3). */
export function headerProtectionMask(hp: Uint8Array, sample: Uint8Array): Uint8Array {
  const cipher = createCipheriv('aes-128-ecb', hp, null);
  cipher.setAutoPadding(false);
  return cipher.update(sample);
}

/**
 * Full packet number from its truncated encoding (RFC 9000 Appendix A.3). `largest` is the largest packet
 * number successfully processed in this space, -1 before any. Arithmetic instead of bit operations keeps the
 * 62-bit range exact up to 2^53.
 */
export function decodePacketNumber(largest: number, truncated: number, pnNbits: number): number {
  const expected = largest + 1;
  const win = 2 ** pnNbits;
  const hwin = win / 2;
  const candidate = expected - (expected % win) + truncated;
  if (candidate <= expected - hwin && candidate < 2 ** 62 - win) return candidate + win;
  if (candidate > expected + hwin && candidate >= win) return candidate - win;
  return candidate;
}

/** The AEAD nonce: the IV XORed with the packet number, left-padded to 12 bytes (RFC 9001 §5.3). */
export function packetNonce(iv: Uint8Array, packetNumber: number): Uint8Array {
  const nonce = Buffer.from(iv);
  const lo = packetNumber % 2 ** 32;
  const hi = Math.floor(packetNumber / 2 ** 32);
  const len = nonce.length;
  for (let i = 0; i < 4; i++) {
    nonce[len - 1 - i] = (nonce[len - 1 - i] ?? 0) ^ ((lo >>> (8 * i)) & 0xff);
    nonce[len - 5 - i] = (nonce[len - 5 - i] ?? 0) ^ ((hi >>> (8 * i)) & 0xff);
  }
  return nonce;
}

/** Removes header protection and decrypts the payload of one long-header packet (Initial, here). */
export function unprotectLongPacket(
  buf: Uint8Array,
  header: LongHeader,
  keys: InitialKeys,
  largestPn: number,
): UnprotectOutcome {
  const { start, pnOffset, end } = header;
  const sampleOff = pnOffset + SAMPLE_OFFSET;
  if (sampleOff + SAMPLE_LEN > end) return { kind: 'invalid', reason: 'too-short-for-sample' };
  const mask = headerProtectionMask(keys.hp, buf.subarray(sampleOff, sampleOff + SAMPLE_LEN));
  // Long header: only the low 4 bits (reserved bits and packet number length) are protected.
  const first = (buf[start] ?? 0) ^ ((mask[0] ?? 0) & 0x0f);
  const pnLen = (first & 0x03) + 1;
  const payloadOff = pnOffset + pnLen;
  if (payloadOff + TAG_LEN > end) return { kind: 'invalid', reason: 'too-short-for-tag' };
  const aad = Buffer.from(buf.subarray(start, payloadOff));
  aad[0] = first;
  let truncated = 0;
  for (let i = 0; i < pnLen; i++) {
    const at = pnOffset - start + i;
    const byte = (aad[at] ?? 0) ^ (mask[1 + i] ?? 0);
    aad[at] = byte;
    truncated = truncated * 256 + byte;
  }
  const packetNumber = decodePacketNumber(largestPn, truncated, pnLen * 8);
  const decipher = createDecipheriv('aes-128-gcm', keys.key, packetNonce(keys.iv, packetNumber));
  decipher.setAAD(aad);
  decipher.setAuthTag(buf.subarray(end - TAG_LEN, end));
  const body = decipher.update(buf.subarray(payloadOff, end - TAG_LEN));
  try {
    // final() is where GCM checks the tag; a mismatch (wrong keys, corruption) throws.
    const tail = decipher.final();
    return { kind: 'ok', packetNumber, payload: tail.length === 0 ? body : Buffer.concat([body, tail]) };
  } catch {
    return { kind: 'invalid', reason: 'decrypt-failed' };
  }
}
