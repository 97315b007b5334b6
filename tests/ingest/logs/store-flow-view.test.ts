/**
 * The audit reads most log records as a view of the store's columns (StoreFlowView through
 * LogIngest.finishViews) instead of as the FlowRecords finish hands out: every field the audit reads
 * (audit/audit-flow.ts) must be what the record gives, in the same order of flows, for generated records with
 * odd addresses, counts, times and names, DNS names joined in, and records that keep the record path.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AuditFlow } from '../../../src/audit/audit-flow.js';
import type { FlowName, FlowRecord } from '../../../src/flows/flow-record.js';
import { isoMicros } from '../../../src/flows/flow-to-record.js';
import type { LogEvent } from '../../../src/ingest/logs/log-ingest.js';
import type { FlowFields } from '../../../src/ingest/logs/log-record.js';
import { storeCount as count, logEvent, replayed, T0 } from './log-event-arbitrary.js';

/** Every field of AuditFlow, as the grouper reads it (process only by its image, times by text). */
function audited(f: AuditFlow): Record<string, unknown> {
  return {
    proto: f.proto,
    client: f.client,
    server: f.server,
    serverPort: f.serverPort,
    firstSeen: f.firstSeen,
    lastSeen: f.lastSeen,
    packetsOut: f.packetsOut,
    packetsIn: f.packetsIn,
    bytesOut: f.bytesOut,
    bytesIn: f.bytesIn,
    bytesTotal: f.bytesTotal,
    rttMs: f.rttMs,
    names: structuredClone(f.names),
    alpn: f.alpn,
    tlsVersions: f.tlsVersions,
    ech: f.ech,
    pii: f.pii,
    serverCertificate: f.serverCertificate === undefined ? undefined : { ...f.serverCertificate },
    processImage: f.process?.image,
    content: f.content,
    source: { file: f.source.file, firstFrame: f.source.firstFrame, line: f.source.line },
  };
}

/** Where a flow gives its times as microseconds, they stand for its texts (the grouper's condition). */
function microsAgree(f: AuditFlow): boolean {
  for (const [m, text] of [
    [f.firstMicros, f.firstSeen],
    [f.lastMicros, f.lastSeen],
  ] as const)
    if (Number.isSafeInteger(m) && isoMicros(m as number) !== text) return false;
  return true;
}

/** What the audit is handed, in order: [came as a view, its fields]. */
async function viewed(events: [string, LogEvent][]): Promise<[boolean, Record<string, unknown>][]> {
  const out: [boolean, Record<string, unknown>][] = [];
  await replayed(events).finishViews(
    (rec) => out.push([false, audited(rec)]),
    (view) => {
      expect(microsAgree(view)).toBe(true);
      out.push([true, audited(view)]);
    },
    () => undefined,
  );
  return out;
}

const address = fc.oneof(
  fc.ipV4(),
  fc.integer({ min: 0, max: 0xffff_ffff }),
  fc.ipV6(),
  fc.constantFrom('010.1.2.3', 'fe80::1%eth0', ''),
);

const name: fc.Arbitrary<FlowName> = fc.record(
  {
    name: fc.constantFrom('a.example', 'b.example', 'c.example'),
    via: fc.constantFrom('dns', 'sni', 'http-host'),
    frame: fc.nat(),
    cnameChain: fc.array(fc.constantFrom('x.cdn.example', 'y.cdn.example'), { maxLength: 2 }),
  },
  { requiredKeys: ['name', 'via', 'frame'] },
);

/** Present in one record of eight: the others are handed over as views, these as records. */
function rarely<T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
  return fc.oneof({ arbitrary: fc.constant(undefined), weight: 7 }, { arbitrary: a, weight: 1 });
}

/** First-seen times: mostly whole microseconds, some fractional or beyond what a double holds exactly. */
const first = fc.oneof(
  { arbitrary: fc.integer({ min: 0, max: 3 * 86_400_000_000 }).map((o) => T0 + o), weight: 8 },
  { arbitrary: fc.constantFrom(T0 + 0.5, 2 ** 53 + 2, 2 ** 55, -1e15, -1, 0), weight: 1 },
);

const fields: fc.Arbitrary<FlowFields> = fc
  .record({
    proto: fc.constantFrom('tcp', 'udp', 'icmp', 'other'),
    ipProto: fc.constantFrom(6, 17, 1, 47),
    client: address,
    clientPort: fc.nat({ max: 65_535 }),
    server: address,
    serverPort: fc.oneof(fc.nat({ max: 65_535 }), fc.constant(70_000)),
    firstMicros: first,
    lastOffset: fc.option(fc.integer({ min: -5_000_000, max: 90_000_000_000 }), { nil: undefined }),
    packetsOut: count,
    packetsIn: count,
    bytesOut: count,
    bytesIn: count,
    bytesTotal: fc.option(count, { nil: undefined }),
    endReason: fc.constantFrom('allow', 'drop'),
    pid: fc.option(fc.oneof(fc.nat(), fc.constant(2 ** 40)), { nil: undefined }),
    names: rarely(fc.array(name, { maxLength: 2 })),
    process: rarely(fc.record({ image: fc.constantFrom('a.exe', 'b.exe'), pid: fc.nat() }, { requiredKeys: [] })),
    line: fc.oneof(fc.nat(), fc.constant(2 ** 40)),
    format: fc.constantFrom('windows-firewall', 'zeek-conn'),
  })
  .map(({ lastOffset, ...f }) => {
    const out: Record<string, unknown> = { ...f };
    if (lastOffset !== undefined) out.lastMicros = f.firstMicros + lastOffset;
    // Absent, not undefined (exactOptionalPropertyTypes): as a parser hands fields over.
    for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
    return out as unknown as FlowFields;
  });

const event = logEvent(fields, {
  files: ['a.log', 'b.log'],
  keys: ['k1', 'k2'],
  nameFiles: ['dns.log'],
  nameWeight: 2,
  address,
  name,
});

describe('LogIngest.finishViews (store-flow-view.ts)', () => {
  it('hands the audit what the records finish hands out, in the same order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(event, { maxLength: 40 }), async (events) => {
        const records = replayed(events)
          .finish()
          .map((r) => audited(r));
        const got = await viewed(events);
        expect(got.map(([, f]) => f)).toEqual(records);
      }),
      { numRuns: 80 },
    );
  });

  it('gives views for plain records and records for those with parser objects or merges', async () => {
    const plain: FlowFields = {
      proto: 'tcp',
      ipProto: 6,
      client: '10.0.0.1',
      clientPort: 50000,
      server: '192.0.2.7',
      serverPort: 443,
      firstMicros: T0,
      lastMicros: T0 + 2_000_000,
      bytesTotal: 1234,
      pid: 4,
      endReason: 'allow',
      line: 7,
      format: 'test',
    };
    const events: [string, LogEvent][] = [
      [
        'dns.log',
        ['name', { address: '192.0.2.7', name: { name: 'api.example', via: 'dns', frame: 0 }, tsMicros: T0 }],
      ],
      ['a.log', ['emit', plain, undefined]],
      ['a.log', ['emit', { ...plain, line: 8, process: { image: 'x.exe' } }, undefined]],
      ['a.log', ['emit', { ...plain, line: 9, server: '2001:db8::1', firstMicros: 2 ** 53 + 2 }, undefined]],
    ];
    const records = replayed(events).finish();
    const got = await viewed(events);
    expect(got.map(([asView]) => asView)).toEqual([true, false, true]);
    expect(got.map(([, f]) => f)).toEqual(records.map((r: FlowRecord) => audited(r)));
    expect(got[0]?.[1]).toMatchObject({ bytesTotal: 1234, names: [{ name: 'api.example', via: 'dns' }] });
    expect(got[1]?.[1]).toMatchObject({ processImage: 'x.exe' });
  });
});
