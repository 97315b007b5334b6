import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteOutput } from '../../../src/core/byte-output.js';
import { flowToNdjson } from '../../../src/flows/flow-ndjson.js';
import type { FlowName } from '../../../src/flows/flow-record.js';
import type { LogEvent, LogIngest } from '../../../src/ingest/logs/log-ingest.js';
import type { FlowFields } from '../../../src/ingest/logs/log-record.js';
import { logEvent, replayed, T0 } from './log-event-arbitrary.js';

/** Strings a log can carry into a record: plain, JSON-special, control, non-ASCII, lone surrogates. */
const hostile = fc.oneof(
  fc.constantFrom('', 'allow', 'drop', 'S', 'FSRPAUEC', 'a.log', 'dir/x y.log', 'q"uote', 'back\\slash'),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.constantFrom('\u0000\u001f\u007f', 'é€😀', '\ud800', 'x\udfffy'),
);

const address = fc.oneof(
  fc.ipV4(),
  fc.integer({ min: 0, max: 0xffff_ffff }),
  fc.ipV6(),
  fc.constantFrom('010.1.2.3', 'fe80::1%eth0', '"odd"', ''),
);

const count = fc.option(
  fc.oneof(
    fc.nat({ max: 70_000 }),
    fc.constantFrom(0, 2 ** 32 - 1, 2 ** 32, 2 ** 53, 1.5, -1, -0),
    fc.double({ noNaN: true }),
  ),
  { nil: null },
);

const name: fc.Arbitrary<FlowName> = fc.record(
  {
    name: hostile,
    via: fc.constantFrom('dns', 'sni', 'http-host'),
    frame: fc.nat(),
    cnameChain: fc.array(hostile, { maxLength: 2 }),
    unicode: hostile,
  },
  { requiredKeys: ['name', 'via', 'frame'] },
);

/** Present in one record of ten: the others take the column path, these the record path. */
function rarely<T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
  return fc.oneof({ arbitrary: fc.constant(undefined), weight: 9 }, { arbitrary: a, weight: 1 });
}

const fields: fc.Arbitrary<FlowFields> = fc
  .record({
    proto: fc.constantFrom('tcp', 'udp', 'icmp', 'other'),
    ipProto: fc.constantFrom(6, 17, 1, 47),
    client: address,
    clientPort: fc.oneof(fc.nat({ max: 65_535 }), fc.constant(-1)),
    server: address,
    serverPort: fc.nat({ max: 65_535 }),
    offset: fc.integer({ min: 0, max: 3 * 86_400_000_000 }),
    lastOffset: fc.option(fc.integer({ min: -5_000_000, max: 90_000_000_000 }), { nil: undefined }),
    packetsOut: count,
    packetsIn: count,
    bytesOut: count,
    bytesIn: count,
    bytesTotal: fc.option(count, { nil: undefined }),
    tcpFlags: fc.option(hostile, { nil: undefined }),
    endReason: hostile,
    action: fc.option(hostile, { nil: undefined }),
    pid: fc.option(fc.oneof(fc.nat(), fc.constant(2 ** 40)), { nil: undefined }),
    names: rarely(fc.array(name, { maxLength: 2 })),
    http: rarely(fc.record({ method: hostile, path: hostile })),
    process: rarely(fc.record({ image: hostile, pid: fc.nat() })),
    line: fc.nat(),
    format: fc.constantFrom('windows-firewall', 'zeek-conn', 'x"y'),
  })
  .map(({ offset, lastOffset, ...f }) => {
    const out: Record<string, unknown> = { ...f, firstMicros: T0 + offset };
    if (lastOffset !== undefined) out.lastMicros = T0 + offset + lastOffset;
    // Absent, not undefined (exactOptionalPropertyTypes): as a parser hands fields over.
    for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
    return out as unknown as FlowFields;
  });

const event = logEvent(fields, {
  files: ['a.log', 'b "dir"/é.log'],
  keys: ['k1', 'k2', 'k3'],
  nameFiles: ['a.log', 'dns.log'],
  nameWeight: 1,
  address,
  name,
});

async function ndjsonBytes(ingest: LogIngest): Promise<{ bytes: Buffer; count: number; blocks: number }> {
  const blocks: Buffer[] = [];
  const out = new ByteOutput((b) => {
    blocks.push(Buffer.from(b));
    return true;
  });
  const count = await ingest.finishNdjson(out, () => undefined);
  out.flush();
  return { bytes: Buffer.concat(blocks), count, blocks: blocks.length };
}

describe('LogIngest.finishNdjson (store-ndjson.ts)', () => {
  it('writes the bytes of flowToNdjson over the records finish hands out', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(event, { maxLength: 40 }), async (events) => {
        const records = replayed(events).finish();
        const expected = Buffer.from(records.map((r) => flowToNdjson(r)).join(''), 'utf8');
        const got = await ndjsonBytes(replayed(events));
        expect(got.count).toBe(records.length);
        expect(got.bytes.equals(expected)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('gives the same file spans as finish and spans lines over output blocks', async () => {
    const events: [string, LogEvent][] = [];
    for (let i = 0; i < 2000; i++) {
      const f: FlowFields = {
        proto: 'udp',
        ipProto: 17,
        client: (10 << 24) + i,
        clientPort: i,
        server: i % 7 === 0 ? '2001:db8::1' : '192.0.2.1',
        serverPort: 53,
        firstMicros: T0 + (i % 500) * 1_000_000,
        endReason: 'allow',
        line: i + 1,
        format: 'test',
      };
      events.push([i % 2 === 0 ? 'a.log' : 'b.log', ['emit', f, undefined]]);
    }
    const a = replayed(events);
    const records = a.finish();
    const b = replayed(events);
    const got = await ndjsonBytes(b);
    expect(got.blocks).toBeGreaterThan(2);
    expect(got.bytes.toString('utf8')).toBe(records.map((r) => flowToNdjson(r)).join(''));
    expect(b.fileSpans()).toEqual(a.fileSpans());
  });
});
