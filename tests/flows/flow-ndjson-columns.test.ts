/**
 * The NDJSON the flows command spells from the flow table's columns (flow-ndjson-bytes.ts) must be byte for byte
 * the line of the record writer (flow-ndjson.ts) for the same flow: generated flows of every protocol and
 * address family, hostile names and HTTP fields, odd numbers (fractional and negative times, huge counters).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteOutput } from '../../src/core/byte-output.js';
import { EndedFlow } from '../../src/flows/ended-flow.js';
import {
  F_BYTES_IN,
  F_BYTES_OUT,
  F_LAST_TS,
  F_PACKETS_IN,
  F_PACKETS_OUT,
  FlowColumns,
  HOT_F64,
  HOT_I32,
  I_C0,
  I_META,
  I_PORTS,
  I_S0,
  META_FLAGS_SHIFT,
  META_HS_ACK,
  META_HS_SYN,
  META_HS_SYN_ACK,
  META_V6,
} from '../../src/flows/flow-columns.js';
import { FlowDetails } from '../../src/flows/flow-details.js';
import { flowToNdjson } from '../../src/flows/flow-ndjson.js';
import { writeEndedFlowNdjson } from '../../src/flows/flow-ndjson-bytes.js';
import { flowToRecord } from '../../src/flows/flow-to-record.js';

const text = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constantFrom('"', '\\x', '\u2028', '\ud800'));
const time = fc.oneof(
  fc.integer({ min: 0, max: 4_102_444_800_000_000 }),
  fc.double({ min: -1e6, max: 4e15, noNaN: true }),
);
const count = fc.oneof(fc.nat(), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }));
const word = fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 });

const flowSpec = fc.record({
  proto: fc.constantFrom(6, 17, 1, 58, 132, 47, 50, 89),
  v6: fc.boolean(),
  words: fc.array(word, { minLength: 8, maxLength: 8 }),
  cp: fc.integer({ min: 0, max: 65535 }),
  sp: fc.integer({ min: 0, max: 65535 }),
  flags: fc.integer({ min: 0, max: 255 }),
  first: time,
  last: time,
  frame: fc.integer({ min: 1, max: 2 ** 40 }),
  depth: fc.integer({ min: 0, max: 3 }),
  counts: fc.array(count, { minLength: 4, maxLength: 4 }),
  hs: fc.array(fc.oneof(fc.constant(-1), time), { minLength: 3, maxLength: 3 }),
  reason: fc.constantFrom('fin', 'rst', 'idle', 'end-of-input'),
  details: fc.option(
    fc.record({
      names: fc.array(
        fc.record({
          name: text,
          via: fc.constantFrom('sni', 'dns', 'http-host', 'quic-sni'),
          frame: fc.nat(),
          cname: fc.option(fc.array(text, { maxLength: 3 }), { nil: undefined }),
          unicode: fc.option(text, { nil: undefined }),
        }),
        { maxLength: 4 },
      ),
      alpn: fc.option(fc.array(text, { maxLength: 3 }), { nil: undefined }),
      tls: fc.option(fc.array(text, { maxLength: 2 }), { nil: undefined }),
      ech: fc.option(fc.boolean(), { nil: undefined }),
      http: fc.option(fc.record({ method: text, path: text }), { nil: undefined }),
      cert: fc.option(
        fc.record({ o: fc.option(text, { nil: null }), c: fc.option(text, { nil: null }), frame: fc.nat() }),
        { nil: undefined },
      ),
      pii: fc.boolean(),
    }),
    { nil: null },
  ),
  decrypted: fc.option(fc.record({ bytesOut: count, bytesIn: count }), { nil: undefined }),
});

describe('NDJSON from the flow table columns', () => {
  it('is byte for byte the record writer line', () => {
    const columns = new FlowColumns(16);
    const view = new EndedFlow(columns, 'cap "1".pcap', 'pcapng');
    fc.assert(
      fc.property(flowSpec, (s) => {
        const slot = columns.allocate();
        const i = columns.i32;
        const f = columns.f64;
        i[slot * HOT_I32 + I_META] =
          (i[slot * HOT_I32 + I_META] ?? 0) | s.proto | (s.v6 ? META_V6 : 0) | (s.flags << META_FLAGS_SHIFT);
        i[slot * HOT_I32 + I_C0] = s.words[0] ?? 0;
        i[slot * HOT_I32 + I_S0] = s.words[4] ?? 0;
        i[slot * HOT_I32 + I_PORTS] = (s.cp << 16) | s.sp;
        for (let k = 0; k < 3; k++) {
          columns.v6Words[slot * 6 + k] = s.words[1 + k] ?? 0;
          columns.v6Words[slot * 6 + 3 + k] = s.words[5 + k] ?? 0;
        }
        f[slot * HOT_F64 + F_LAST_TS] = s.last;
        f[slot * HOT_F64 + F_PACKETS_OUT] = s.counts[0] ?? 0;
        f[slot * HOT_F64 + F_PACKETS_IN] = s.counts[1] ?? 0;
        f[slot * HOT_F64 + F_BYTES_OUT] = s.counts[2] ?? 0;
        f[slot * HOT_F64 + F_BYTES_IN] = s.counts[3] ?? 0;
        columns.firstTs[slot] = s.first;
        columns.firstFrame[slot] = s.frame;
        columns.tunnelDepth[slot] = s.depth;
        // The table stores a handshake time only when >= 0, and sets its bit.
        const hsBits = [META_HS_SYN, META_HS_SYN_ACK, META_HS_ACK];
        const hsCols = [columns.synTs, columns.synAckTs, columns.ackTs];
        for (let k = 0; k < 3; k++) {
          const t = s.hs[k] ?? -1;
          if (t < 0) continue;
          (hsCols[k] as Float64Array)[slot] = t;
          i[slot * HOT_I32 + I_META] = (i[slot * HOT_I32 + I_META] ?? 0) | (hsBits[k] ?? 0);
        }
        view.slot = slot;
        view.endReason = s.reason;
        view.decrypted = s.decrypted;
        view.content = undefined;
        view.details = null;
        if (s.details !== null) {
          const d = new FlowDetails(columns, slot);
          for (const n of s.details.names) {
            d.addName({
              name: n.name,
              via: n.via,
              frame: n.frame,
              ...(n.cname === undefined ? {} : { cnameChain: n.cname }),
              ...(n.unicode === undefined ? {} : { unicode: n.unicode }),
            });
          }
          d.alpn = s.details.alpn;
          d.tlsVersions = s.details.tls;
          d.ech = s.details.ech;
          d.http = s.details.http;
          if (s.details.cert !== undefined) {
            const c = s.details.cert;
            d.serverCertificate = {
              subjectOrg: c.o,
              subjectCountry: c.c,
              subjectCommonName: null,
              issuerOrg: c.o,
              frame: c.frame,
            };
          }
          if (s.details.pii) d.addPii([{ kind: 'email', field: 'http.path', excerpt: 'j…@x.nl', frame: 3 } as never]);
          view.details = d;
        }
        // The rtt as the record writer computed it before the bits: all three times >= 0 and in order.
        const [syn, synAck, ack] = s.hs.map((t) => t ?? -1) as [number, number, number];
        const rtt = syn >= 0 && synAck >= syn && ack >= synAck ? Math.round(ack - syn) / 1000 : null;
        expect(view.rttMs).toBe(rtt);
        const blocks: Buffer[] = [];
        const out = new ByteOutput((b) => blocks.push(Buffer.from(b)));
        writeEndedFlowNdjson(out, view);
        out.flush();
        expect(Buffer.concat(blocks).toString('utf8')).toBe(flowToNdjson(flowToRecord(view)));
        columns.release(slot);
      }),
      { numRuns: 600 },
    );
  });
});
