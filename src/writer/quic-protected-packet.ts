/**
 * Protects QUIC packets of any level for tests and samples (RFC 9001 §5.3-5.4): AEAD over the payload with the
 * unprotected header as associated data, then header protection from a ciphertext sample. Written apart from
 * the decoder's code (src/payload/quic/packet-protection.ts) so that each checks the other; both are checked
 * against the RFC 9001 / RFC 9369 Appendix A packets in the tests.
 */
import { createCipheriv } from 'node:crypto';
import type { QuicCipherSuite } from '../payload/quic/cipher-suites.js';
import { varint } from './quic-initial-builder.js';

/** Key material of one direction and level: the AEAD key and IV of the current phase, the hp key. */
export interface SealKeys {
  suite: QuicCipherSuite;
  key: Uint8Array;
  iv: Uint8Array;
  hp: Uint8Array;
}

export type LongPacketKind = 'initial' | 'zero-rtt' | 'handshake';

export interface LongPacketSpec {
  /** Wire version. */
  version: number;
  /** Long-header type bits of the kind, from the version's table (v2 numbers them differently). */
  typeBits: number;
  dcid: Uint8Array;
  scid: Uint8Array;
  /** Initial packets only, and always for them (an empty token still has its Token Length). */
  token?: Uint8Array;
  packetNumber: number;
  packetNumberLength?: 1 | 2 | 3 | 4;
  /** Plaintext frames. */
  payload: Uint8Array;
}

export interface ShortPacketSpec {
  dcid: Uint8Array;
  packetNumber: number;
  packetNumberLength?: 1 | 2 | 3 | 4;
  keyPhase: 0 | 1;
  spin?: boolean;
  payload: Uint8Array;
}

const TAG_LENGTH = 16;
const SAMPLE_LENGTH = 16;
/** The sample starts 4 bytes after the packet number's first byte: short payloads are padded to allow it. */
const SAMPLE_OFFSET = 4;

/** One protected long-header packet (Initial, 0-RTT or Handshake). */
export function sealLongPacket(spec: LongPacketSpec, keys: SealKeys): Buffer {
  const pnLen = spec.packetNumberLength ?? 4;
  const payload = padForSample(spec.payload, pnLen);
  const version = Buffer.alloc(4);
  version.writeUInt32BE(spec.version >>> 0);
  const token = spec.token;
  const head = Buffer.concat([
    Buffer.of(0xc0 | (spec.typeBits << 4) | (pnLen - 1)),
    version,
    Buffer.of(spec.dcid.length),
    spec.dcid,
    Buffer.of(spec.scid.length),
    spec.scid,
    token !== undefined ? Buffer.concat([varint(token.length), token]) : Buffer.alloc(0),
    varint(pnLen + payload.length + TAG_LENGTH, 2),
  ]);
  return seal(head, spec.packetNumber, pnLen, payload, keys, 0x0f);
}

/** One protected short-header (1-RTT) packet. */
export function sealShortPacket(spec: ShortPacketSpec, keys: SealKeys): Buffer {
  const pnLen = spec.packetNumberLength ?? 2;
  const payload = padForSample(spec.payload, pnLen);
  const first = 0x40 | (spec.spin === true ? 0x20 : 0) | (spec.keyPhase << 2) | (pnLen - 1);
  const head = Buffer.concat([Buffer.of(first), spec.dcid]);
  return seal(head, spec.packetNumber, pnLen, payload, keys, 0x1f);
}

/** PADDING frames so the ciphertext holds a full sample after the packet number. */
function padForSample(payload: Uint8Array, pnLen: number): Buffer {
  const need = SAMPLE_OFFSET + SAMPLE_LENGTH - pnLen - TAG_LENGTH;
  return payload.length >= need ? Buffer.from(payload) : Buffer.concat([payload, Buffer.alloc(need - payload.length)]);
}

function seal(head: Buffer, pn: number, pnLen: number, payload: Buffer, keys: SealKeys, firstMask: number): Buffer {
  const pnBytes = Buffer.alloc(pnLen);
  for (let i = 0; i < pnLen; i++) pnBytes[pnLen - 1 - i] = Math.floor(pn / 256 ** i) % 256;
  const header = Buffer.concat([head, pnBytes]);
  const nonce = Buffer.from(keys.iv);
  for (let i = 0; i < 8; i++) nonce[11 - i] = (nonce[11 - i] ?? 0) ^ (Math.floor(pn / 256 ** i) % 256);
  const sealed = aeadSeal(keys, nonce, header, payload);
  const sampleAt = SAMPLE_OFFSET - pnLen;
  const mask = hpMask(keys, sealed.subarray(sampleAt, sampleAt + SAMPLE_LENGTH));
  const out = Buffer.concat([header, sealed]);
  out[0] = (out[0] ?? 0) ^ ((mask[0] ?? 0) & firstMask);
  for (let i = 0; i < pnLen; i++) out[head.length + i] = (out[head.length + i] ?? 0) ^ (mask[1 + i] ?? 0);
  return out;
}

function aeadSeal(keys: SealKeys, nonce: Buffer, aad: Buffer, plaintext: Buffer): Buffer {
  const aead = keys.suite.aead;
  const cipher =
    aead === 'chacha20-poly1305'
      ? createCipheriv(aead, keys.key, nonce, { authTagLength: TAG_LENGTH })
      : createCipheriv(aead, keys.key, nonce);
  cipher.setAAD(aad, { plaintextLength: plaintext.length });
  return Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
}

function hpMask(keys: SealKeys, sample: Buffer): Buffer {
  if (keys.suite.hp === 'chacha20') {
    // RFC 9001 §5.4.4: counter (little-endian) from sample[0..3], nonce sample[4..15].
    const counter = sample.readUInt32LE(0);
    const iv = Buffer.concat([Buffer.alloc(4), sample.subarray(4)]);
    iv.writeUInt32LE(counter, 0);
    return createCipheriv('chacha20', keys.hp, iv).update(Buffer.alloc(5));
  }
  const cipher = createCipheriv(keys.suite.hp, keys.hp, null);
  cipher.setAutoPadding(false);
  return cipher.update(sample);
}
