import { describe, expect, it } from 'vitest';
import {
  looksLikeQuicInitial,
  parseLongHeader,
  quicVersionName,
  readVarint,
} from '../../../../src/decode/names/quic/header.js';
import { hex, opaqueLongPacket, padFrames, protectInitial, SAMPLE_DCID } from './quic-test-kit.js';
import { V1_PROTECTED_PACKET_HEX, V2_PROTECTED_PACKET_HEX } from './rfc-vectors.js';

describe('readVarint (RFC 9000 §16, A.1 examples)', () => {
  it.each([
    ['c2197c5eff14e88c', Number(151288809941952652n)],
    ['9d7f3e7d', 494878333],
    ['7bbd', 15293],
    ['25', 37],
    ['4025', 37],
  ])('%s -> %d', (h, value) => {
    const buf = hex(h);
    expect(readVarint(buf, 0, buf.length)).toEqual({ value, next: buf.length });
  });

  it('reports running out of bytes and negative offsets', () => {
    expect(readVarint(hex('9d7f3e'), 0, 3).next).toBe(-1);
    expect(readVarint(hex('25'), 1, 1).next).toBe(-1);
    expect(readVarint(hex('25'), -1, 1).next).toBe(-1);
  });
});

describe('parseLongHeader', () => {
  it('parses the RFC 9001 A.2 Initial header', () => {
    const out = parseLongHeader(hex(V1_PROTECTED_PACKET_HEX), 0);
    expect(out.kind).toBe('ok');
    if (out.kind !== 'ok') return;
    expect(out.header.type).toBe('initial');
    expect(Buffer.from(out.header.dcid).toString('hex')).toBe('8394c8f03e515708');
    expect(out.header.scid.length).toBe(0);
    expect(out.header.pnOffset).toBe(18);
    expect(out.header.end).toBe(1200);
  });

  it('reads v2 type bits (Initial = 0b01, Handshake = 0b11)', () => {
    const v2 = parseLongHeader(hex(V2_PROTECTED_PACKET_HEX), 0);
    expect(v2.kind === 'ok' && v2.header.type).toBe('initial');
    const hs = parseLongHeader(opaqueLongPacket('handshake', SAMPLE_DCID, 40, 0x6b3343cf), 0);
    expect(hs.kind === 'ok' && hs.header.type).toBe('handshake');
    const v1hs = parseLongHeader(opaqueLongPacket('handshake', SAMPLE_DCID, 40), 0);
    expect(v1hs.kind === 'ok' && v1hs.header.end).toBe(v1hs.kind === 'ok' ? v1hs.header.pnOffset + 40 : -1);
  });

  it('parses a reserved-version Initial with the v1 layout and lists the key sets to try', () => {
    const pkt = protectInitial({ version: 0x0a0a0a0a, keys: 1, dcid: SAMPLE_DCID, pn: 0, payload: padFrames([]) });
    const out = parseLongHeader(pkt, 0);
    expect(out.kind).toBe('ok');
    if (out.kind !== 'ok') return;
    expect(out.header.type).toBe('initial');
    expect(out.header.version.version).toBe(0x0a0a0a0a);
    expect(out.header.candidates).toHaveLength(5);
    expect(out.header.end).toBe(pkt.length);
    const v1 = parseLongHeader(hex(V1_PROTECTED_PACKET_HEX), 0);
    expect(v1.kind === 'ok' && v1.header.candidates).toHaveLength(1);
  });

  it('skips the token of an Initial', () => {
    const pkt = protectInitial({ dcid: SAMPLE_DCID, token: Buffer.alloc(70, 7), pn: 0, payload: padFrames([]) });
    const out = parseLongHeader(pkt, 0);
    expect(out.kind === 'ok' && out.header.end).toBe(pkt.length);
  });

  it.each([
    ['c00000000108', 'truncated-header'],
    ['4000000001', 'truncated-header'],
    ['40000000010800', 'short-header'],
    ['c000000000080102030405060708', 'version-negotiation'],
    ['c0513035300801020304050607080000', 'unsupported-version'],
    ['c00000000115000000000000000000000000000000000000000000', 'bad-cid-length'],
    ['c000000001040102030400004410', 'truncated-packet'],
    ['c00000000104010203040000', 'truncated-header'],
  ])('%s -> %s', (h, reason) => {
    expect(parseLongHeader(hex(h), 0)).toEqual({ kind: 'invalid', reason });
  });
});

describe('looksLikeQuicInitial', () => {
  it('accepts v1, v2 and draft Initials', () => {
    expect(looksLikeQuicInitial(hex(V1_PROTECTED_PACKET_HEX))).toBe(true);
    expect(looksLikeQuicInitial(hex(V2_PROTECTED_PACKET_HEX))).toBe(true);
    expect(
      looksLikeQuicInitial(protectInitial({ version: 0xff00001d, dcid: SAMPLE_DCID, pn: 0, payload: padFrames([]) })),
    ).toBe(true);
  });

  it('accepts 0-RTT too (captures can show it before the Initial)', () => {
    expect(looksLikeQuicInitial(opaqueLongPacket('zero-rtt', SAMPLE_DCID, 40))).toBe(true);
    expect(looksLikeQuicInitial(opaqueLongPacket('zero-rtt', SAMPLE_DCID, 40, 0x6b3343cf))).toBe(true);
  });

  it('rejects other packets', () => {
    const v1 = hex(V1_PROTECTED_PACKET_HEX);
    const noFixedBit = Buffer.from(v1);
    noFixedBit[0] = (noFixedBit[0] ?? 0) & 0xbf;
    expect(looksLikeQuicInitial(noFixedBit)).toBe(false);
    expect(looksLikeQuicInitial(opaqueLongPacket('handshake', SAMPLE_DCID, 40))).toBe(false);
    // A v1 Initial's type bits under the v2 version number are a v2 Retry, not an Initial.
    const wrongBits = Buffer.from(hex(V2_PROTECTED_PACKET_HEX));
    wrongBits[0] = 0xc3;
    expect(looksLikeQuicInitial(wrongBits)).toBe(false);
    expect(looksLikeQuicInitial(hex('c0513035300801020304050607080000'))).toBe(false);
    expect(looksLikeQuicInitial(hex('c000000000080102030405060708'))).toBe(false);
    expect(looksLikeQuicInitial(hex('c0000000011501020304'))).toBe(false);
    expect(looksLikeQuicInitial(hex('4000000001'))).toBe(false);
    expect(looksLikeQuicInitial(new Uint8Array(0))).toBe(false);
    expect(looksLikeQuicInitial(hex('c00000000108'))).toBe(false);
  });
});

describe('looksLikeQuicInitial: versions outside the table', () => {
  const reserved = (size: number, first = 0xc3) =>
    Buffer.concat([Buffer.of(first, 0x0a, 0x0a, 0x0a, 0x0a, 8), SAMPLE_DCID, Buffer.alloc(Math.max(0, size - 14))]);

  it('accepts a reserved-version Initial padded to 1200 bytes (RFC 9000 §14.1)', () => {
    expect(looksLikeQuicInitial(reserved(1200))).toBe(true);
    expect(
      looksLikeQuicInitial(
        protectInitial({ version: 0x2a3a4a5a, keys: 1, dcid: SAMPLE_DCID, pn: 0, payload: padFrames([], 1250) }),
      ),
    ).toBe(true);
  });

  it('rejects short datagrams, non-Initial type bits and versions we never try', () => {
    expect(looksLikeQuicInitial(reserved(1199))).toBe(false);
    expect(looksLikeQuicInitial(reserved(1200, 0xd3))).toBe(false);
    const q050 = reserved(1200);
    q050.writeUInt32BE(0x51303530, 1);
    expect(looksLikeQuicInitial(q050)).toBe(false);
    const draft21 = reserved(1200);
    draft21.writeUInt32BE(0xff000015, 1);
    expect(looksLikeQuicInitial(draft21)).toBe(false);
  });

  it('accepts mvfst and T051 Initials of any size, like other table versions', () => {
    for (const version of [0xfaceb001, 0xfaceb002, 0xfaceb00e, 0x54303531, 0xff000016]) {
      expect(
        looksLikeQuicInitial(protectInitial({ version, dcid: SAMPLE_DCID, pn: 0, payload: padFrames([], 300) })),
      ).toBe(true);
    }
  });
});

describe('quicVersionName', () => {
  it.each([
    [0x00000001, 'v1'],
    [0x6b3343cf, 'v2'],
    [0xff00001d, 'draft-29'],
    [0xff000017, 'draft-23'],
    [0x51303530, 'Q050'],
    [0x54303531, 'T051'],
    [0, 'negotiation'],
    [0xfaceb002, 'mvfst-27'],
    [0xfaceb00e, 'mvfst-exp'],
    [0x54303530, 'T050'],
    [0xff000016, 'draft-22'],
    [0x0a0a0a0a, '0x0a0a0a0a'],
    [0x1a2a3a4a, '0x1a2a3a4a'],
  ])('%d -> %s', (v, name) => {
    expect(quicVersionName(v)).toBe(name);
  });
});
