/**
 * Hostile input: random datagrams, damaged real connections and authentic packets full of random frames never
 * throw, never hang, and never hand on a byte that was not sent.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { QuicConnectionDecoder } from '../../../src/payload/quic/quic-connection-decoder.js';
import type { Direction, PayloadStatus } from '../../../src/payload/types.js';
import { buildQuicConnection, type QuicConnectionSpec } from '../../../src/writer/quic-protected-builder.js';
import { decode, keyLogLookup, pattern, StreamCollector, text } from './quic-test-kit.js';

const STATUSES: readonly PayloadStatus[] = [
  'incomplete',
  'decrypted',
  'no-key',
  'unsupported-suite',
  'decrypt-failed',
  'not-tls',
];
const STREAMS: NonNullable<QuicConnectionSpec['streams']> = [
  { id: 0, dir: 'out', data: text('GET / HTTP/1.1\r\n\r\n') },
  { id: 0, dir: 'in', data: pattern(3000) },
  { id: 4, dir: 'in', data: pattern(700, 1) },
];
const built = buildQuicConnection({ streams: STREAMS, maxFrameData: 400, keyUpdateEvery: 2 });
const lookup = keyLogLookup(built.keylog);

/** Every stream's delivered bytes must be a prefix of what was sent on it. */
function expectPrefixes(collector: StreamCollector): void {
  expect(collector.errors).toEqual([]);
  for (const [key, got] of collector.data) {
    const [dir, id] = key.split(':');
    const sent = STREAMS.find((s) => s.dir === dir && String(s.id) === id);
    expect(sent, key).toBeDefined();
    expect(
      Buffer.from(sent?.data ?? [])
        .subarray(0, got.length)
        .equals(got),
      key,
    ).toBe(true);
  }
}

describe('QuicConnectionDecoder under hostile input', () => {
  it('random datagrams never throw', () => {
    const dirArb = fc.constantFrom<Direction>('out', 'in');
    const datagram = fc.oneof(
      fc.uint8Array({ maxLength: 1300 }),
      // Long headers of real versions with random bodies, and short headers.
      fc
        .tuple(
          fc.constantFrom(0xc0, 0xd0, 0xe0, 0xf0),
          fc.constantFrom(1, 0x6b3343cf, 0xff00001d, 0),
          fc.uint8Array({ maxLength: 1300 }),
        )
        .map(([first, version, body]) =>
          Buffer.concat([
            Buffer.of(first, version >>> 24, (version >>> 16) & 0xff, (version >>> 8) & 0xff, version & 0xff),
            body,
          ]),
        ),
      fc
        .uint8Array({ minLength: 1, maxLength: 200 })
        .map((b) => Buffer.concat([Buffer.of(0x40 | ((b[0] ?? 0) & 0x3f)), b])),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(dirArb, datagram), { maxLength: 20 }), (datagrams) => {
        const collector = new StreamCollector();
        const decoder = new QuicConnectionDecoder(lookup, collector);
        datagrams.forEach(([dir, bytes], i) => {
          decoder.onDatagram(dir, bytes, 0, bytes.length, i + 1);
        });
        expect(STATUSES).toContain(decoder.status);
        expect(collector.calls).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it('damaged, cut, repeated and dropped datagrams of a real connection', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.nat(built.datagrams.length - 1),
            fc.nat(1400),
            fc.integer({ min: 0, max: 255 }),
            fc.constantFrom('flip', 'cut', 'dup', 'drop'),
          ),
          {
            maxLength: 12,
          },
        ),
        (damage) => {
          const datagrams = built.datagrams.map((d) => ({ dir: d.dir, bytes: Buffer.from(d.bytes) }));
          for (const [index, at, value, kind] of damage) {
            const d = datagrams[index];
            if (d === undefined) continue;
            if (kind === 'flip') d.bytes[at % d.bytes.length] = value;
            else if (kind === 'cut') d.bytes = d.bytes.subarray(0, at % (d.bytes.length + 1));
            else if (kind === 'dup') datagrams.push({ dir: d.dir, bytes: Buffer.from(d.bytes) });
            else d.bytes = Buffer.alloc(0);
          }
          const { decoder, collector } = decode(datagrams, lookup);
          expect(STATUSES).toContain(decoder.status);
          expectPrefixes(collector);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('authentic 1-RTT packets full of random frames', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom<Direction>('out', 'in'), fc.uint8Array({ minLength: 1, maxLength: 300 })), {
          maxLength: 6,
        }),
        (raws) => {
          const hostile = buildQuicConnection({
            streams: [],
            rawPayloads: raws.map(([dir, payload]) => ({ dir, payload })),
          });
          const { decoder, collector } = decode(hostile.datagrams, keyLogLookup(hostile.keylog));
          expect(decoder.status).toBe('decrypted');
          expect(collector.errors).toEqual([]);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('a flood of junk short-header packets inside a working connection stays cheap and loses nothing', () => {
    const junk = Array.from({ length: 2000 }, (_, i) => ({
      dir: (i % 2 === 0 ? 'out' : 'in') as Direction,
      bytes: Buffer.concat([Buffer.of(0x41), Buffer.alloc(1200, i & 0xff)]),
    }));
    const half = Math.floor(built.datagrams.length / 2);
    const started = Date.now();
    const { decoder, collector } = decode(
      [...built.datagrams.slice(0, half), ...junk, ...built.datagrams.slice(half)],
      lookup,
    );
    expect(Date.now() - started).toBeLessThan(5000);
    expect(decoder.status).toBe('decrypted');
    for (const s of STREAMS) expect(collector.data.get(`${s.dir}:${s.id}`)).toEqual(Buffer.from(s.data));
    expect(decoder.reason).toMatch(/packets did not decrypt/);
  });

  it('a flood of junk short-header packets with wrong keys stays cheap', () => {
    const other = buildQuicConnection({ seed: 5, streams: STREAMS });
    const wrong = keyLogLookup(other.keylog.replace(/ [0-9a-f]+\n/g, ` ${'11'.repeat(32)}\n`));
    const junk = Array.from({ length: 3000 }, (_, i) => ({
      dir: (i % 2 === 0 ? 'out' : 'in') as Direction,
      bytes: Buffer.concat([Buffer.of(0x41), Buffer.alloc(1200, i)]),
    }));
    const started = Date.now();
    const { decoder } = decode([...other.datagrams.slice(0, 3), ...junk], wrong);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(decoder.status).toBe('decrypt-failed');
  });
});
