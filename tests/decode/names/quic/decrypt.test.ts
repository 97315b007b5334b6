import { describe, expect, it } from 'vitest';
import {
  decodePacketNumber,
  headerProtectionMask,
  packetNonce,
  unprotectLongPacket,
} from '../../../../src/decode/names/quic/decrypt.js';
import { type LongHeader, parseLongHeader } from '../../../../src/decode/names/quic/header.js';
import { deriveInitialKeys } from '../../../../src/decode/names/quic/keys.js';
import { hex, padding, protectInitial, SAMPLE_DCID } from './quic-test-kit.js';
import {
  D29_CRYPTO_FRAME_HEX,
  D29_PROTECTED_PACKET_HEX,
  V1_CRYPTO_FRAME_HEX,
  V1_PROTECTED_PACKET_HEX,
  V2_CRYPTO_FRAME_HEX,
  V2_PROTECTED_PACKET_HEX,
} from './rfc-vectors.js';

const toHex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

function header(buf: Uint8Array): LongHeader {
  const parsed = parseLongHeader(buf, 0);
  if (parsed.kind !== 'ok') throw new Error(parsed.reason);
  return parsed.header;
}

const samples = [
  { name: 'RFC 9001 A.2 (v1)', version: 0x00000001, frame: V1_CRYPTO_FRAME_HEX, packet: V1_PROTECTED_PACKET_HEX },
  { name: 'RFC 9369 A.2 (v2)', version: 0x6b3343cf, frame: V2_CRYPTO_FRAME_HEX, packet: V2_PROTECTED_PACKET_HEX },
  { name: 'draft-29 A.2', version: 0xff00001d, frame: D29_CRYPTO_FRAME_HEX, packet: D29_PROTECTED_PACKET_HEX },
];

describe('Initial packet unprotection', () => {
  for (const s of samples) {
    it(`decrypts the ${s.name} client Initial to its CRYPTO frame and PADDING`, () => {
      const buf = hex(s.packet);
      const h = header(buf);
      expect(h.type).toBe('initial');
      expect(h.version.version).toBe(s.version);
      expect(h.end).toBe(1200);
      const out = unprotectLongPacket(buf, h, deriveInitialKeys(h.version, h.dcid), -1);
      expect(out.kind).toBe('ok');
      if (out.kind !== 'ok') return;
      expect(out.packetNumber).toBe(2);
      expect(out.payload.length).toBe(1162);
      const frame = hex(s.frame);
      expect(toHex(out.payload.subarray(0, frame.length))).toBe(s.frame);
      expect(out.payload.subarray(frame.length).every((b) => b === 0)).toBe(true);
      // The datagram itself is left untouched.
      expect(toHex(buf)).toBe(s.packet);
    });

    it(`the test encryptor reproduces the ${s.name} protected packet byte for byte`, () => {
      const frame = hex(s.frame);
      const payload = Buffer.concat([frame, padding(1162 - frame.length)]);
      const built = protectInitial({ version: s.version, dcid: SAMPLE_DCID, pn: 2, pnLen: 4, payload });
      expect(toHex(built)).toBe(s.packet);
    });
  }

  it('computes the RFC 9001 A.2 header protection mask', () => {
    const keys = deriveInitialKeys(header(hex(V1_PROTECTED_PACKET_HEX)).version, SAMPLE_DCID);
    expect(toHex(headerProtectionMask(keys.hp, hex('d1b1c98dd7689fb8ec11d242b123dc9b')).subarray(0, 5))).toBe(
      '437b9aec36',
    );
  });

  it('reports a corrupted tag as decrypt-failed', () => {
    const buf = hex(V1_PROTECTED_PACKET_HEX);
    buf[1199] = (buf[1199] ?? 0) ^ 1;
    const h = header(buf);
    expect(unprotectLongPacket(buf, h, deriveInitialKeys(h.version, h.dcid), -1)).toEqual({
      kind: 'invalid',
      reason: 'decrypt-failed',
    });
  });

  it('reports wrong keys as decrypt-failed', () => {
    const buf = hex(V1_PROTECTED_PACKET_HEX);
    const h = header(buf);
    const out = unprotectLongPacket(buf, h, deriveInitialKeys(h.version, hex('0102030405060708')), -1);
    expect(out).toEqual({ kind: 'invalid', reason: 'decrypt-failed' });
  });

  it('refuses packets too short for the header protection sample', () => {
    const buf = hex('c000000001088394c8f03e51570800000410111213');
    const h = header(buf);
    expect(unprotectLongPacket(buf, h, deriveInitialKeys(h.version, h.dcid), -1)).toEqual({
      kind: 'invalid',
      reason: 'too-short-for-sample',
    });
  });

  it('round-trips 1- to 4-byte packet numbers', () => {
    for (const [pn, pnLen] of [
      [0, 1],
      [0x1234, 2],
      [0x123456, 3],
      [7, 4],
    ] as const) {
      const buf = protectInitial({ dcid: SAMPLE_DCID, pn, pnLen, payload: Buffer.concat([Buffer.of(1), padding(40)]) });
      const h = header(buf);
      const out = unprotectLongPacket(buf, h, deriveInitialKeys(h.version, h.dcid), -1);
      expect(out.kind === 'ok' && out.packetNumber).toBe(pn);
    }
  });
});

describe('packet numbers', () => {
  it('decodes the RFC 9000 A.3 example', () => {
    expect(decodePacketNumber(0xa82f30ea, 0x9b32, 16)).toBe(0xa82f9b32);
  });

  it('wraps forward and backward around the window', () => {
    expect(decodePacketNumber(0xff, 0x01, 8)).toBe(0x101);
    expect(decodePacketNumber(0x100, 0xff, 8)).toBe(0xff);
    expect(decodePacketNumber(-1, 5, 8)).toBe(5);
  });

  it('XORs the packet number into the low bytes of the IV (RFC 9001 §5.3)', () => {
    expect(toHex(packetNonce(hex('fa044b2f42a3fd3b46fb255c'), 2))).toBe('fa044b2f42a3fd3b46fb255e');
    expect(toHex(packetNonce(new Uint8Array(12), 2 ** 40 + 1))).toBe('000000000000010000000001');
  });
});
