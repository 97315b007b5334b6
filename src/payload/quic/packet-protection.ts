/**
 * Removes QUIC packet protection for any of the supported suites: header protection (RFC 9001 §5.4: an AES-ECB
 * block or ChaCha20 keystream over a ciphertext sample masks the first byte's low bits and the packet number),
 * packet number recovery (RFC 9000 §17.1) and the AEAD (§5.3). The datagram is never modified: the unprotected
 * header is rebuilt in a copy, which is the AEAD's associated data.
 */
import { createCipheriv, createDecipheriv } from 'node:crypto';
import { decodePacketNumber, packetNonce } from '../../decode/names/quic/decrypt.js';
import type { QuicCipherSuite } from './cipher-suites.js';
import type { AeadKeys } from './packet-keys.js';

export const SAMPLE_LENGTH = 16;
export const AEAD_TAG_LENGTH = 16;
/** RFC 9001 §5.4.2: the sample starts 4 bytes after the start of the Packet Number field. */
const SAMPLE_OFFSET = 4;
const MASK_LENGTH = 5;
/** Long headers protect the low 4 bits of the first byte, short headers the low 5 (§5.4.1). */
const LONG_FIRST_BYTE_MASK = 0x0f;
const SHORT_FIRST_BYTE_MASK = 0x1f;

/** A packet with header protection removed, ready for the AEAD. */
export interface UnmaskedPacket {
  /** The first byte as sent before protection (type bits, key phase, packet number length). */
  first: number;
  packetNumber: number;
  /** Offset of the protected payload in the datagram. */
  payloadOff: number;
  /** Offset just past the packet (the AEAD tag ends here). */
  end: number;
  /** The unprotected header: the AEAD's associated data. */
  header: Buffer;
}

/** The 5-byte header protection mask for a 16-byte sample (RFC 9001 §5.4.3, §5.4.4). */
export function headerProtectionMask(suite: QuicCipherSuite, hp: Uint8Array, sample: Uint8Array): Uint8Array {
  if (suite.hp === 'chacha20') {
    // §5.4.4: counter = sample[0..3] little-endian, nonce = sample[4..15]; OpenSSL's 16-byte ChaCha20 IV is
    // exactly that layout, so the sample is the IV. The mask is the keystream over five zero bytes.
    return createCipheriv('chacha20', hp, sample).update(Buffer.alloc(MASK_LENGTH));
  }
  const cipher = createCipheriv(suite.hp, hp, null);
  cipher.setAutoPadding(false);
  return cipher.update(sample).subarray(0, MASK_LENGTH);
}

/**
 * Removes header protection from the packet `[start, end)` whose packet number starts at `pnOffset`; null when
 * the packet is too short to carry a sample and a tag. `largestPn` is the largest packet number decrypted in
 * this packet number space and direction (-1 before any).
 */
export function removeHeaderProtection(
  buf: Uint8Array,
  start: number,
  pnOffset: number,
  end: number,
  long: boolean,
  suite: QuicCipherSuite,
  hp: Uint8Array,
  largestPn: number,
): UnmaskedPacket | null {
  const sampleOff = pnOffset + SAMPLE_OFFSET;
  if (sampleOff + SAMPLE_LENGTH > end) return null;
  const mask = headerProtectionMask(suite, hp, buf.subarray(sampleOff, sampleOff + SAMPLE_LENGTH));
  const first = (buf[start] ?? 0) ^ ((mask[0] ?? 0) & (long ? LONG_FIRST_BYTE_MASK : SHORT_FIRST_BYTE_MASK));
  const pnLen = (first & 0x03) + 1;
  const payloadOff = pnOffset + pnLen;
  if (payloadOff + AEAD_TAG_LENGTH > end) return null;
  const header = Buffer.from(buf.subarray(start, payloadOff));
  header[0] = first;
  let truncated = 0;
  for (let i = 0; i < pnLen; i++) {
    const at = pnOffset - start + i;
    const byte = (header[at] ?? 0) ^ (mask[1 + i] ?? 0);
    header[at] = byte;
    truncated = truncated * 256 + byte;
  }
  const packetNumber = decodePacketNumber(largestPn, truncated, pnLen * 8);
  return { first, packetNumber, payloadOff, end, header };
}

/** Decrypts and authenticates the payload of an unmasked packet; null when the tag does not verify. */
export function openPayload(
  suite: QuicCipherSuite,
  keys: AeadKeys,
  buf: Uint8Array,
  packet: UnmaskedPacket,
): Uint8Array | null {
  const nonce = packetNonce(keys.iv, packet.packetNumber);
  const ciphertext = buf.subarray(packet.payloadOff, packet.end - AEAD_TAG_LENGTH);
  const tag = buf.subarray(packet.end - AEAD_TAG_LENGTH, packet.end);
  try {
    const decipher =
      suite.aead === 'chacha20-poly1305'
        ? createDecipheriv(suite.aead, keys.key, nonce, { authTagLength: AEAD_TAG_LENGTH })
        : createDecipheriv(suite.aead, keys.key, nonce);
    decipher.setAAD(packet.header, { plaintextLength: ciphertext.length });
    decipher.setAuthTag(tag);
    const body = decipher.update(ciphertext);
    // final() is where the tag is checked: wrong keys or a damaged packet throw here.
    const tail = decipher.final();
    return tail.length === 0 ? body : Buffer.concat([body, tail]);
  } catch {
    return null;
  }
}
