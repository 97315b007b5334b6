/**
 * Hostile input: random bytes, random records behind real hellos, truncations and bit flips of real sessions,
 * in random chunkings and interleavings. push() and gap() never throw, and what comes out is never more than
 * (a prefix of) what was sent: the record MACs and AEAD tags see to that.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TlsConnectionDecoder } from '../../../src/payload/tls/tls-connection-decoder.js';
import type { Direction, PayloadStatus } from '../../../src/payload/types.js';
import { buildTlsSession, type TlsSession } from '../../../src/writer/tls-session-builder.js';
import { concatPayloads, storeOf } from './helpers.js';

const STATUSES: PayloadStatus[] = [
  'decrypted',
  'no-key',
  'unsupported-suite',
  'gap',
  'decrypt-failed',
  'not-tls',
  'incomplete',
];
const SUITES: [version: '1.2' | '1.3', suite: number][] = [
  ['1.3', 0x1301],
  ['1.3', 0x1303],
  ['1.2', 0xc02f],
  ['1.2', 0xcca9],
  ['1.2', 0xc014],
  ['1.2', 0x003c],
];
const CLIENT = [Buffer.from('GET / HTTP/1.1\r\nHost: a\r\n\r\n'), Buffer.alloc(3000, 1)];
const SERVER = [Buffer.from('HTTP/1.1 204 No Content\r\n\r\n'), Buffer.alloc(500, 2)];

const EARLY = Buffer.from('POST /early HTTP/1.1\r\n\r\n');
const SESSIONS: { session: TlsSession; out: Buffer; in: Buffer }[] = [
  ...SUITES.map(([version, cipherSuite], i) => ({
    version,
    cipherSuite,
    seed: i + 1,
    ...(version === '1.3' ? { keyUpdateEvery: 2 } : {}),
    encryptThenMac: i === 5,
  })),
  { version: '1.2' as const, cipherSuite: 0xc030, renegotiateAfter: 1 },
  { version: '1.2' as const, cipherSuite: 0xc027, resumption: true, renegotiateAfter: 1 },
  { version: '1.3' as const, cipherSuite: 0x1302, earlyData: [EARLY], sessionTickets: 1 },
  { version: '1.3' as const, cipherSuite: 0x1301, helloRetry: true, padding: 3 },
].map((spec) => ({
  session: buildTlsSession({ ...spec, clientData: CLIENT, serverData: SERVER, maxFragment: 1000 }),
  out: Buffer.concat([...('earlyData' in spec ? [EARLY] : []), ...CLIENT]),
  in: concatPayloads(SERVER),
}));

interface Step {
  dir: Direction;
  size: number;
  gap: boolean;
}

/** Feeds both streams by the given steps; returns the decoder and what it delivered. */
function feed(client: Uint8Array, server: Uint8Array, keyLog: string, steps: Step[]) {
  const got = { out: [] as Buffer[], in: [] as Buffer[] };
  const d = new TlsConnectionDecoder(storeOf(keyLog), (dir, data) => got[dir].push(Buffer.from(data)));
  const pos = { out: 0, in: 0 };
  const src = { out: client, in: server };
  let frame = 1;
  const run = (s: Step): void => {
    if (s.gap) d.gap(s.dir);
    const bytes = src[s.dir];
    d.push(s.dir, bytes.subarray(pos[s.dir], pos[s.dir] + s.size), frame++);
    pos[s.dir] += s.size;
  };
  for (const s of steps) run(s);
  for (const dir of ['out', 'in'] as const) while (pos[dir] < src[dir].length) run({ dir, size: 4096, gap: false });
  expect(STATUSES).toContain(d.status);
  const reason = d.reason;
  expect(reason ?? '').not.toMatch(/internal error/);
  return { d, out: Buffer.concat(got.out), in: Buffer.concat(got.in) };
}

const step = fc.record({
  dir: fc.constantFrom<Direction>('out', 'in'),
  size: fc.integer({ min: 1, max: 2000 }),
  gap: fc.integer({ min: 0, max: 19 }).map((n) => n === 0),
});

describe('TlsConnectionDecoder fuzz', () => {
  it('random bytes never throw', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 3000 }),
        fc.uint8Array({ maxLength: 3000 }),
        fc.array(step, { maxLength: 20 }),
        (a, b, steps) => {
          feed(a, b, '', steps);
        },
      ),
    );
  });

  it('random records behind real hellos never throw', () => {
    const record = fc
      .tuple(fc.integer({ min: 20, max: 24 }), fc.uint8Array({ maxLength: 600 }))
      .map(([type, body]) => Uint8Array.from([type, 3, 3, body.length >> 8, body.length & 0xff, ...body]));
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: SESSIONS.length - 1 }),
        fc.array(record, { maxLength: 12 }),
        fc.array(record, { maxLength: 12 }),
        fc.array(step, { maxLength: 20 }),
        (i, outRecords, inRecords, steps) => {
          const { session: s, out: wantOut } = SESSIONS[i] as (typeof SESSIONS)[number];
          const hellos = {
            out: s.flights[0]?.bytes ?? new Uint8Array(0),
            in: s.flights[1]?.bytes ?? new Uint8Array(0),
          };
          const client = Buffer.concat([hellos.out, ...outRecords]);
          const server = Buffer.concat([hellos.in, ...inRecords]);
          const { out, in: back } = feed(client, server, s.keyLog, steps);
          // Nothing forged: at most the real 0-RTT data carried in the first flight.
          expect(wantOut.subarray(0, out.length).equals(out)).toBe(true);
          expect(back.length).toBe(0);
        },
      ),
    );
  });

  it('bit flips and truncations of real sessions: no throw, and only a prefix of the true plaintext', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: SESSIONS.length - 1 }),
        fc.array(fc.tuple(fc.boolean(), fc.nat(), fc.integer({ min: 0, max: 7 })), { maxLength: 4 }),
        fc.nat(),
        fc.nat(),
        fc.array(step, { maxLength: 30 }),
        (i, flips, cutOut, cutIn, steps) => {
          const { session: s, out: wantOut, in: wantIn } = SESSIONS[i] as (typeof SESSIONS)[number];
          const client = Buffer.from(s.client.subarray(0, s.client.length - (cutOut % 200)));
          const server = Buffer.from(s.server.subarray(0, s.server.length - (cutIn % 200)));
          for (const [toClient, at, bit] of flips) {
            const b = toClient ? client : server;
            if (b.length > 0) b[at % b.length] = (b[at % b.length] ?? 0) ^ (1 << bit);
          }
          const { out, in: back, d } = feed(client, server, s.keyLog, steps);
          // A damaged ClientHello or early record may lose the 0-RTT data (skipped, as a server would).
          const withoutEarly = concatPayloads(CLIENT);
          expect(wantOut.subarray(0, out.length).equals(out) || withoutEarly.subarray(0, out.length).equals(out)).toBe(
            true,
          );
          expect(wantIn.subarray(0, back.length).equals(back)).toBe(true);
          expect(d.plaintextBytes).toEqual({ out: out.length, in: back.length });
        },
      ),
      { numRuns: 300 },
    );
  });
});
