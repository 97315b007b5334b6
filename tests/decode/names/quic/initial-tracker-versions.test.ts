/**
 * QuicInitialTracker on the versions beyond v1/v2/drafts 23-34: draft-22, Facebook mvfst, Google T050/T051,
 * and versions outside the table (reserved 0x?a?a?a?a, RFC 9000 §15) opened by trying the known salts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_TRIAL_PACKETS,
  type QuicFeedResult,
  QuicInitialTracker,
} from '../../../../src/decode/names/quic/initial-tracker.js';
import { quicVersionInfo } from '../../../../src/decode/names/quic/versions.js';
import {
  buildClientHello,
  cryptoFrame,
  gquicCryptoFrame,
  hex,
  type InitialSpec,
  padFrames,
  protectInitial,
} from './quic-test-kit.js';

const DCID = hex('0123456789abcdef');
const SCID = hex('c0ffee');
const RESERVED = 0x0a0a0a0a;

function packet(frames: Buffer[], pn: number, extra: Partial<InitialSpec> = {}): Buffer {
  return protectInitial({ dcid: DCID, scid: SCID, pn, payload: padFrames(frames, 1250), ...extra });
}

function sni(r: QuicFeedResult): string | null | undefined {
  return r.kind === 'done' ? r.clientHello.serverName : undefined;
}

describe('vendor and draft-22 versions', () => {
  it.each([
    ['draft-22', 0xff000016],
    ['mvfst-22', 0xfaceb001],
    ['mvfst-27', 0xfaceb002],
    ['mvfst-exp', 0xfaceb00e],
  ])('recovers the SNI from a %s Initial', (name, version) => {
    const r = new QuicInitialTracker().feed(
      packet([cryptoFrame(0, buildClientHello(`${name}.example`))], 0, { version }),
      3,
    );
    expect(sni(r)).toBe(`${name}.example`);
    expect(r.kind === 'done' && r.version).toBe(version);
  });

  it.each([
    ['T050', 0x54303530],
    ['T051', 0x54303531],
  ])('recovers the SNI from a Google %s Initial (gQUIC CRYPTO frame type 0x08)', (name, version) => {
    const r = new QuicInitialTracker().feed(
      packet([gquicCryptoFrame(0, buildClientHello(`${name}.example`))], 1, { version, pnLen: 1 }),
      1,
    );
    expect(sni(r)).toBe(`${name}.example`);
    expect(r.kind === 'done' && r.version).toBe(version);
  });

  it('does not read an IETF CRYPTO frame (0x06) in a T051 packet: gQUIC numbers it differently', () => {
    const t = new QuicInitialTracker();
    const r = t.feed(packet([cryptoFrame(0, buildClientHello('x.example'))], 0, { version: 0x54303531 }), 1);
    expect(r.kind).toBe('pending');
    expect(t.reasons.get('unexpected-frame')).toBe(1);
  });

  it('rejects an mvfst-27 packet protected with the draft-22 salt (the tag check)', () => {
    const t = new QuicInitialTracker();
    const r = t.feed(
      packet([cryptoFrame(0, buildClientHello('x.example'))], 0, { version: 0xfaceb002, keys: 0xfaceb001 }),
      1,
    );
    expect(r.kind).toBe('pending');
    expect(t.reasons.get('decrypt-failed')).toBe(1);
  });
});

describe('reserved (greased) versions', () => {
  it.each([
    ['v1', 0x00000001],
    ['draft-29', 0xff00001d],
    ['draft-23', 0xff000017],
    ['draft-22', 0xff000016],
    ['v2 (salt and labels)', 0x6b3343cf],
  ])('opens a 0x0a0a0a0a Initial protected with the %s keys', (_name, keys) => {
    // Keys from a v2 table entry carry v2 type bits; the wire layout of an unknown version is v1's.
    const v1Layout = quicVersionInfo(1)?.types;
    const keySet = quicVersionInfo(keys);
    if (keySet === undefined || v1Layout === undefined) throw new Error('table entry missing');
    const r = new QuicInitialTracker().feed(
      packet([cryptoFrame(0, buildClientHello('grease.example'))], 0, {
        version: RESERVED,
        keys: { ...keySet, types: v1Layout },
      }),
      5,
    );
    expect(sni(r)).toBe('grease.example');
    expect(r.kind === 'done' && r.version).toBe(RESERVED);
  });

  it('keeps the winning key set for the next packets of the flow (split ClientHello, other reserved value)', () => {
    const ch = buildClientHello('split.grease.example', 1500);
    const t = new QuicInitialTracker();
    const version = 0x1a2a3a4a;
    expect(t.feed(packet([cryptoFrame(0, ch.subarray(0, 1000))], 0, { version, keys: 0xff00001d }), 1).kind).toBe(
      'pending',
    );
    // A packet that only the draft-29 keys open: proof the flow stays on them (a v1 guess would fail here).
    const r = t.feed(packet([cryptoFrame(1000, ch.subarray(1000))], 1, { version, keys: 0xff00001d }), 2);
    expect(sni(r)).toBe('split.grease.example');
    expect(t.reasons.size).toBe(0);
  });

  it('fails cleanly with unsupported-version when no known salt opens the packets', () => {
    const v1 = quicVersionInfo(1);
    if (v1 === undefined) throw new Error('v1 missing');
    const wrong = { ...v1, salt: hex('00112233445566778899aabbccddeeff00112233') };
    const t = new QuicInitialTracker();
    let r: QuicFeedResult = { kind: 'pending' };
    for (let pn = 0; pn < MAX_TRIAL_PACKETS; pn++) {
      expect(r.kind).toBe('pending');
      r = t.feed(packet([cryptoFrame(0, buildClientHello('no.example'))], pn, { version: RESERVED, keys: wrong }), pn);
    }
    expect(r).toEqual({ kind: 'failed', reason: 'unsupported-version' });
    expect(t.reasons.get('decrypt-failed')).toBe(MAX_TRIAL_PACKETS);
  });

  it('fails cleanly on a reserved-version header followed by garbage', () => {
    const head = hex('c00a0a0a0a08' + '0123456789abcdef' + '00' + '00' + '44d0');
    const body = Buffer.alloc(0x4d0);
    for (let i = 0; i < body.length; i++) body[i] = (i * 131 + 7) & 0xff;
    const t = new QuicInitialTracker();
    const d = Buffer.concat([head, body]);
    expect(t.feed(d, 1).kind).toBe('pending');
    expect(t.feed(d, 2)).toEqual({ kind: 'failed', reason: 'unsupported-version' });
  });

  it('still takes the real version a client switches to after a failed reserved attempt', () => {
    const t = new QuicInitialTracker();
    const v1 = quicVersionInfo(1);
    if (v1 === undefined) throw new Error('v1 missing');
    const wrong = { ...v1, salt: hex('ff'.repeat(20)) };
    const ch = buildClientHello('after-vn.example');
    expect(t.feed(packet([cryptoFrame(0, ch)], 0, { version: RESERVED, keys: wrong }), 1).kind).toBe('pending');
    expect(sni(t.feed(packet([cryptoFrame(0, ch)], 0, { version: 1 }), 2))).toBe('after-vn.example');
  });

  it('never throws and never succeeds on random bodies under a reserved version', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 1300 }), fc.nat({ max: 20 }), (body, dcidLen) => {
        const head = Buffer.concat([
          Buffer.of(0xc0, 0x3a, 0x3a, 0x3a, 0x3a, dcidLen),
          Buffer.alloc(dcidLen, 7),
          hex('0000'),
        ]);
        const t = new QuicInitialTracker();
        const r = t.feed(Buffer.concat([head, Buffer.from(body)]), 1);
        expect(['pending', 'failed', 'not-quic']).toContain(r.kind);
      }),
      { numRuns: 200 },
    );
  });
});
