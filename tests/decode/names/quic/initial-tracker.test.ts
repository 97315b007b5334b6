import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_INITIAL_PACKETS, QuicInitialTracker } from '../../../../src/decode/names/quic/initial-tracker.js';
import {
  ackFrame,
  buildClientHello,
  cryptoFrame,
  hex,
  opaqueLongPacket,
  padFrames,
  ping,
  protectInitial,
} from './quic-test-kit.js';
import { D29_PROTECTED_PACKET_HEX, V1_PROTECTED_PACKET_HEX, V2_PROTECTED_PACKET_HEX } from './rfc-vectors.js';

const DCID = hex('1122334455667788');
const SCID = hex('aabbccdd');

/** Cuts a ClientHello into `parts` CRYPTO frames of about equal size. */
function slices(ch: Buffer, parts: number): Buffer[] {
  const size = Math.ceil(ch.length / parts);
  const out: Buffer[] = [];
  for (let off = 0; off < ch.length; off += size) out.push(cryptoFrame(off, ch.subarray(off, off + size)));
  return out;
}

function initial(frames: Buffer[], pn: number, extra: { dcid?: Buffer; keyDcid?: Buffer; version?: number } = {}) {
  return protectInitial({
    dcid: extra.dcid ?? DCID,
    scid: SCID,
    pn,
    payload: padFrames(frames),
    ...(extra.keyDcid === undefined ? {} : { keyDcid: extra.keyDcid }),
    ...(extra.version === undefined ? {} : { version: extra.version }),
  });
}

function sni(result: ReturnType<QuicInitialTracker['feed']>): string | null | undefined {
  return result.kind === 'done' ? result.clientHello.serverName : undefined;
}

describe('QuicInitialTracker: RFC sample packets', () => {
  it.each([
    ['RFC 9001 A.2 (v1)', V1_PROTECTED_PACKET_HEX, 0x00000001, 'example.com'],
    ['RFC 9369 A.2 (v2)', V2_PROTECTED_PACKET_HEX, 0x6b3343cf, 'example.com'],
    ['draft-29 A.2', D29_PROTECTED_PACKET_HEX, 0xff00001d, 'server'],
  ])('recovers the SNI from the %s client Initial', (_name, packet, version, name) => {
    const r = new QuicInitialTracker().feed(hex(packet), 7);
    expect(r.kind).toBe('done');
    expect(sni(r)).toBe(name);
    expect(r.kind === 'done' && r.version).toBe(version);
    expect(r.kind === 'done' && r.frame).toBe(7);
  });

  it('keeps returning the final result once done', () => {
    const t = new QuicInitialTracker();
    const first = t.feed(hex(V1_PROTECTED_PACKET_HEX), 1);
    expect(t.feed(hex('00'), 2)).toBe(first);
  });
});

describe('QuicInitialTracker: multi-packet ClientHellos', () => {
  const ch = buildClientHello('split.example.org', 2500);

  it('reassembles a ClientHello split over 2 packets and reports the completing frame', () => {
    const t = new QuicInitialTracker();
    const [a, b] = slices(ch, 2);
    expect(t.feed(initial([a ?? Buffer.alloc(0)], 0), 1)).toEqual({ kind: 'pending' });
    const r = t.feed(initial([b ?? Buffer.alloc(0)], 1), 2);
    expect(sni(r)).toBe('split.example.org');
    expect(r.kind === 'done' && r.frame).toBe(2);
  });

  it('reassembles 3 packets arriving out of order, frames shuffled within packets, with overlaps and duplicates', () => {
    const parts = slices(ch, 6);
    const overlap = cryptoFrame(100, ch.subarray(100, 1700));
    const p = (i: number) => parts[i] ?? Buffer.alloc(0);
    const t = new QuicInitialTracker();
    expect(t.feed(initial([p(5), ping(), p(3)], 2), 1).kind).toBe('pending');
    expect(t.feed(initial([overlap, p(2), ackFrame()], 1), 2).kind).toBe('pending');
    // Retransmission of packet 1 (duplicate data) is harmless.
    expect(t.feed(initial([overlap, p(2)], 3), 3).kind).toBe('pending');
    const r = t.feed(initial([p(4), p(1), p(0)], 4), 4);
    expect(sni(r)).toBe('split.example.org');
  });

  it('reads two Initial packets coalesced in one datagram', () => {
    const [a, b] = slices(ch, 2);
    const datagram = Buffer.concat([initial([b ?? Buffer.alloc(0)], 1), initial([a ?? Buffer.alloc(0)], 0)]);
    expect(sni(new QuicInitialTracker().feed(datagram, 9))).toBe('split.example.org');
  });

  it('walks past Handshake and 0-RTT packets coalesced after the Initial', () => {
    const small = buildClientHello('coalesced.example');
    const datagram = Buffer.concat([
      opaqueLongPacket('zero-rtt', DCID, 50),
      opaqueLongPacket('handshake', DCID, 60),
      protectInitial({ dcid: DCID, pn: 0, payload: padFrames([cryptoFrame(0, small)], 600) }),
      Buffer.alloc(30),
    ]);
    expect(sni(new QuicInitialTracker().feed(datagram, 1))).toBe('coalesced.example');
  });

  it('waits past a 0-RTT packet seen before the Initial', () => {
    const t = new QuicInitialTracker();
    expect(t.feed(opaqueLongPacket('zero-rtt', DCID, 80), 1)).toEqual({ kind: 'pending' });
    expect(sni(t.feed(initial([cryptoFrame(0, buildClientHello('late.example'))], 0), 2))).toBe('late.example');
  });

  it("keeps the first DCID's keys when the client switches DCID after the server Initial (RFC 9001 §5.2)", () => {
    const t = new QuicInitialTracker();
    const [a, b] = slices(ch, 2);
    expect(t.feed(initial([a ?? Buffer.alloc(0)], 0), 1).kind).toBe('pending');
    const r = t.feed(initial([b ?? Buffer.alloc(0)], 1, { dcid: hex('eeee'), keyDcid: DCID }), 2);
    expect(sni(r)).toBe('split.example.org');
    expect(t.reasons.size).toBe(0);
  });

  it('counts a corrupted packet and completes with its retransmission', () => {
    const [a, b] = slices(ch, 2);
    const t = new QuicInitialTracker();
    const bad = initial([b ?? Buffer.alloc(0)], 1);
    bad[bad.length - 1] = (bad[bad.length - 1] ?? 0) ^ 0x80;
    expect(t.feed(initial([a ?? Buffer.alloc(0)], 0), 1).kind).toBe('pending');
    expect(t.feed(bad, 2).kind).toBe('pending');
    expect(t.reasons.get('decrypt-failed')).toBe(1);
    expect(sni(t.feed(initial([b ?? Buffer.alloc(0)], 2), 3))).toBe('split.example.org');
  });

  it('switches to the DCID of a later Initial when the first one no longer decrypts (Retry)', () => {
    const t = new QuicInitialTracker();
    const small = buildClientHello('after-retry.example');
    // The first Initial's ClientHello starts but never completes; the retried connection uses a new DCID.
    expect(t.feed(initial([cryptoFrame(0, small.subarray(0, 50))], 0), 1).kind).toBe('pending');
    const newDcid = hex('0102030405060708090a');
    const r = t.feed(initial([cryptoFrame(0, small)], 1, { dcid: newDcid }), 2);
    expect(sni(r)).toBe('after-retry.example');
  });
});

describe('QuicInitialTracker: failures', () => {
  it('stays pending on a packet protected with keys from another DCID', () => {
    const t = new QuicInitialTracker();
    const pkt = initial([cryptoFrame(0, buildClientHello('x.example'))], 0, { keyDcid: hex('0000000000000000') });
    expect(t.feed(pkt, 1)).toEqual({ kind: 'pending' });
    expect(t.reasons.get('decrypt-failed')).toBe(1);
  });

  it('stays pending on truncated packets', () => {
    const t = new QuicInitialTracker();
    const full = hex(V1_PROTECTED_PACKET_HEX);
    expect(t.feed(full.subarray(0, 600), 1)).toEqual({ kind: 'pending' });
    expect(t.reasons.get('truncated-packet')).toBe(1);
    expect(sni(t.feed(full, 2))).toBe('example.com');
  });

  it('is not-quic for version negotiation and short headers, failed for unsupported versions', () => {
    expect(new QuicInitialTracker().feed(hex('c000000000080102030405060708000000000001'), 1)).toEqual({
      kind: 'not-quic',
    });
    expect(new QuicInitialTracker().feed(hex('4001020304050607'), 1)).toEqual({ kind: 'not-quic' });
    // Later in a flow, a short-header datagram is just skipped.
    const t = new QuicInitialTracker();
    expect(t.feed(initial([cryptoFrame(5, hex('00'))], 0), 1).kind).toBe('pending');
    expect(t.feed(hex('4001020304050607'), 2)).toEqual({ kind: 'pending' });
    expect(new QuicInitialTracker().feed(hex('c05130353008010203040506070800'), 1)).toEqual({
      kind: 'failed',
      reason: 'unsupported-version',
    });
  });

  it('fails when the CRYPTO stream does not start with a ClientHello', () => {
    const r = new QuicInitialTracker().feed(initial([cryptoFrame(0, hex('02000004deadbeef'))], 0), 1);
    expect(r).toEqual({ kind: 'failed', reason: 'not-client-hello' });
  });

  it('fails when CRYPTO data goes past the reassembly limit', () => {
    const r = new QuicInitialTracker().feed(initial([cryptoFrame(70000, hex('00'))], 0), 1);
    expect(r).toEqual({ kind: 'failed', reason: 'crypto-over-limit' });
  });

  it('gives up after too many Initial packets', () => {
    const t = new QuicInitialTracker();
    const ch = buildClientHello('never.example');
    let r = t.feed(initial([cryptoFrame(10, ch.subarray(10, 20))], 0), 0);
    for (let i = 1; i <= MAX_INITIAL_PACKETS && r.kind === 'pending'; i++) r = t.feed(initial([ping()], i), i);
    expect(r).toEqual({ kind: 'failed', reason: 'too-many-initial-packets' });
  });

  it('ignores Initials of another version than the first', () => {
    const t = new QuicInitialTracker();
    const ch = buildClientHello('v.example');
    expect(t.feed(initial([cryptoFrame(0, ch.subarray(0, 20))], 0), 1).kind).toBe('pending');
    expect(t.feed(initial([cryptoFrame(0, ch)], 1, { version: 0x6b3343cf }), 2).kind).toBe('pending');
    expect(t.reasons.get('version-changed')).toBe(1);
  });
});

describe('QuicInitialTracker: fuzz', () => {
  const base = [
    hex(V1_PROTECTED_PACKET_HEX),
    hex(V2_PROTECTED_PACKET_HEX),
    initial(slices(buildClientHello('f.example', 900), 3), 0),
  ];

  it('never throws on random datagrams', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 1400 }), { minLength: 1, maxLength: 4 }), (datagrams) => {
        const t = new QuicInitialTracker();
        for (const d of datagrams) expect(['pending', 'done', 'not-quic', 'failed']).toContain(t.feed(d, 1).kind);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on mutated and truncated real packets', () => {
    const mutation = fc.record({
      which: fc.nat({ max: base.length - 1 }),
      cut: fc.nat({ max: 1300 }),
      flips: fc.array(fc.tuple(fc.nat({ max: 1299 }), fc.integer({ min: 1, max: 255 })), { maxLength: 6 }),
    });
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (muts) => {
        const t = new QuicInitialTracker();
        for (const m of muts) {
          const d = Buffer.from(base[m.which] ?? Buffer.alloc(0));
          for (const [at, x] of m.flips) if (at < d.length) d[at] = (d[at] ?? 0) ^ x;
          const r = t.feed(d.subarray(0, Math.min(d.length, m.cut + 1)), 1);
          expect(['pending', 'done', 'not-quic', 'failed']).toContain(r.kind);
        }
      }),
      { numRuns: 300 },
    );
  });
});
