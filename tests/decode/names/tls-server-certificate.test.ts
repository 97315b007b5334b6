import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_LEAF_CERTIFICATE_BYTES,
  parseServerFlight,
  type ServerFlightOutcome,
} from '../../../src/decode/names/tls-server-certificate.js';
import { toRecords, toRecordsSized } from '../../../src/writer/tls-client-hello-builder.js';
import {
  buildCertificate,
  buildCertificateMessage,
  buildServerFlight,
  buildServerHello,
  handshakeMessage,
} from '../../../src/writer/tls-server-hello-builder.js';

const leaf = buildCertificate({ sanNames: Array.from({ length: 60 }, (_, i) => `n${i}.cdn.example.net`) });
const intermediate = buildCertificate({ subject: [{ type: 'O', value: 'Example Trust Services' }] });
const flight = buildServerFlight({ chain: [leaf, intermediate] });

function bytes(...parts: (Uint8Array | number[])[]): Uint8Array {
  return Uint8Array.from(parts.flatMap((p) => [...p]));
}

function leafOf(out: ServerFlightOutcome): Uint8Array {
  if (out.kind !== 'certificate') throw new Error(`expected certificate, got ${JSON.stringify(out)}`);
  return out.leaf;
}

const CCS = [20, 3, 3, 0, 1, 1];

describe('parseServerFlight', () => {
  it('reads the leaf certificate from one record and the version from the ServerHello', () => {
    expect(leaf.length).toBeGreaterThan(1500);
    const out = parseServerFlight(toRecords(flight));
    expect(out.kind).toBe('certificate');
    expect(Buffer.from(leafOf(out)).equals(Buffer.from(leaf))).toBe(true);
    expect(out.kind === 'certificate' && out.version).toBe(0x0303);
  });

  it('reads it across records of any size, and never asks for fewer bytes than it then needs', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 3000 }), { maxLength: 12 }), fc.nat(4000), (sizes, cutAt) => {
        const stream = toRecordsSized(flight, sizes);
        let needed = 0;
        for (let end = 1; end <= stream.length; end += 1 + (cutAt % 97)) {
          const out = parseServerFlight(stream.subarray(0, end));
          if (out.kind === 'incomplete') {
            expect(out.needed).toBeGreaterThan(end);
            needed = out.needed;
          } else {
            expect(out.kind).toBe('certificate');
            expect(end).toBeGreaterThanOrEqual(needed);
            return;
          }
        }
        expect(Buffer.from(leafOf(parseServerFlight(stream))).equals(Buffer.from(leaf))).toBe(true);
      }),
      { numRuns: 120 },
    );
  });

  it('needs only the leaf, not the rest of the chain', () => {
    const stream = toRecords(flight);
    const leafEnd = Buffer.from(stream).indexOf(Buffer.from(intermediate)) - 3;
    expect(parseServerFlight(stream.subarray(0, leafEnd)).kind).toBe('certificate');
    expect(parseServerFlight(stream.subarray(0, leafEnd - 1))).toEqual({ kind: 'incomplete', needed: leafEnd });
  });

  it('stops at a TLS 1.3 ServerHello (supported_versions, or a draft in legacy_version)', () => {
    const sh13 = buildServerHello({ selectedVersion: 0x0304 });
    expect(parseServerFlight(bytes(toRecords(sh13), CCS, [23, 3, 3, 0, 40]))).toEqual({
      kind: 'tls13',
      version: 0x0304,
    });
    expect(parseServerFlight(toRecords(buildServerHello({ legacyVersion: 0x7f12, noExtensions: true })))).toEqual({
      kind: 'tls13',
      version: 0x7f12,
    });
  });

  it('tells resumed, anonymous, refused and empty flights apart', () => {
    const sh = buildServerHello();
    expect(parseServerFlight(bytes(toRecords(sh), CCS))).toEqual({ kind: 'no-certificate', reason: 'resumed' });
    expect(parseServerFlight(toRecords(bytes(sh, handshakeMessage(4, [0, 0, 0, 1, 0, 0]))))).toEqual({
      kind: 'no-certificate',
      reason: 'resumed',
    });
    expect(parseServerFlight(toRecords(bytes(sh, handshakeMessage(12, [1, 2, 3]))))).toEqual({
      kind: 'no-certificate',
      reason: 'anonymous',
    });
    expect(parseServerFlight(Uint8Array.from([21, 3, 3, 0, 2, 2, 40]))).toEqual({
      kind: 'no-certificate',
      reason: 'alert',
    });
    expect(parseServerFlight(toRecords(bytes(sh, buildCertificateMessage([]))))).toEqual({
      kind: 'no-certificate',
      reason: 'empty',
    });
    expect(parseServerFlight(Uint8Array.from([0x80, 0x20, 4, 0, 1]))).toEqual({
      kind: 'no-certificate',
      reason: 'sslv2',
    });
  });

  it('reads past a warning alert before the ServerHello (unrecognized_name, as real servers send)', () => {
    const warning = [21, 3, 3, 0, 2, 1, 112];
    const stream = bytes(warning, toRecords(flight));
    expect(Buffer.from(leafOf(parseServerFlight(stream))).equals(Buffer.from(leaf))).toBe(true);
    expect(parseServerFlight(stream.subarray(0, 6))).toEqual({ kind: 'incomplete', needed: 7 + 5 + 4 });
    expect(parseServerFlight(stream.subarray(0, 9)).kind).toBe('incomplete');
    expect(parseServerFlight(Uint8Array.from([21, 3, 3, 0, 2, 2]))).toEqual({
      kind: 'no-certificate',
      reason: 'alert',
    });
    expect(parseServerFlight(Uint8Array.from([21, 3, 3, 0, 1, 1])).kind).toBe('invalid');
  });

  it('says when the server did not answer in TLS at all', () => {
    expect(parseServerFlight(Buffer.from('HTTP/1.1 400 Bad Request\r\n'))).toEqual({ kind: 'not-tls' });
    expect(parseServerFlight(new Uint8Array(0))).toEqual({ kind: 'incomplete', needed: 1 });
  });

  it('names malformed flights', () => {
    const sh = buildServerHello();
    const reason = (b: Uint8Array) => {
      const out = parseServerFlight(b);
      return out.kind === 'invalid' ? out.reason : out.kind;
    };
    expect(reason(Uint8Array.from([22, 2, 0, 0, 4, 2, 0, 0, 0]))).toBe('bad-record-version');
    expect(reason(Uint8Array.from([22, 3, 3, 0xff, 0xff]))).toBe('record-too-long');
    expect(reason(Uint8Array.from([22, 3, 3, 0, 0]))).toBe('empty-record');
    expect(reason(toRecords(buildCertificateMessage([leaf])))).toBe('not-server-hello');
    expect(reason(toRecords(Uint8Array.from([2, 0, 0, 3, 3, 3, 0])))).toBe('bad-server-hello');
    expect(reason(bytes(toRecords(sh.subarray(0, 20)), CCS))).toBe('interleaved-record');
    expect(reason(toRecords(bytes(sh, [11, 0, 0, 6, 0, 0, 9, 0, 0, 1])))).toBe('bad-certificate-list-length');
    expect(reason(toRecords(bytes(sh, [11, 0, 0, 6, 0, 0, 3, 0, 0, 9])))).toBe('bad-certificate-length');
    const huge = MAX_LEAF_CERTIFICATE_BYTES + 1;
    const hugeMsg = [11, ...u24(huge + 6), ...u24(huge + 3), ...u24(huge)];
    expect(reason(toRecords(bytes(sh, hugeMsg)))).toBe('certificate-too-large');
    expect(reason(Uint8Array.from([24, 3, 3, 0, 1, 1]))).toBe('not-tls');
    expect(reason(bytes(toRecords(sh), [24, 3, 3, 0, 1, 1]))).toBe('bad-record-type');
  });

  it('never throws on hostile bytes; incomplete always asks for more than it has', () => {
    const stream = toRecordsSized(flight, [100, 700, 1400]);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(stream.length - 1), fc.nat(255)), { maxLength: 6 }),
        fc.nat(stream.length),
        (edits, cut) => {
          const b = Uint8Array.from(stream);
          for (const [at, v] of edits) b[at] = v;
          const out = parseServerFlight(b.subarray(0, cut));
          if (out.kind === 'incomplete') expect(out.needed).toBeGreaterThan(cut);
          if (out.kind === 'certificate') expect(out.leaf.length).toBeLessThanOrEqual(MAX_LEAF_CERTIFICATE_BYTES);
        },
      ),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (b) => {
        const out = parseServerFlight(Uint8Array.from([22, 3, 3, ...b]));
        if (out.kind === 'incomplete') expect(out.needed).toBeGreaterThan(b.length + 3);
      }),
      { numRuns: 3000 },
    );
  });
});

function u24(n: number): number[] {
  return [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
}
