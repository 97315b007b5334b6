import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flowToNdjson } from '../../src/flows/flow-ndjson.js';
import type { FlowRecord } from '../../src/flows/flow-record.js';
import { isoMicros } from '../../src/flows/flow-to-record.js';

const name = fc.record({ name: fc.string(), via: fc.constantFrom('sni', 'dns', 'http-host'), frame: fc.nat() });

const record: fc.Arbitrary<FlowRecord> = fc.record({
  proto: fc.constantFrom('tcp', 'udp', 'icmp'),
  ipProto: fc.nat(255),
  client: fc.string(),
  clientPort: fc.nat(65535),
  server: fc.string(),
  serverPort: fc.nat(65535),
  firstSeen: fc.string(),
  lastSeen: fc.string(),
  packetsOut: fc.option(fc.nat()),
  packetsIn: fc.option(fc.nat()),
  bytesOut: fc.option(fc.nat()),
  bytesIn: fc.option(fc.nat()),
  rttMs: fc.option(fc.double({ min: 0, max: 1e6, noNaN: true })),
  tcpFlags: fc.string(),
  endReason: fc.string(),
  tunnelDepth: fc.nat(4),
  names: fc.array(name, { maxLength: 3 }),
  source: fc.record({ file: fc.string(), firstFrame: fc.nat() }),
}) as fc.Arbitrary<FlowRecord>;

describe('flowToNdjson', () => {
  it('parses back to the same record, whatever the strings hold', () => {
    fc.assert(
      fc.property(record, (r) => {
        const line = flowToNdjson(r);
        expect(line.endsWith('\n')).toBe(true);
        expect(line.slice(0, -1)).not.toContain('\n');
        expect(JSON.parse(line)).toEqual(JSON.parse(JSON.stringify(r)));
      }),
      { numRuns: 300 },
    );
  });
});

describe('isoMicros', () => {
  it('keeps microseconds and handles second boundaries and the epoch', () => {
    expect(isoMicros(Date.UTC(2026, 10, 29, 10, 0, 0) * 1000 + 123456)).toBe('2026-11-29T10:00:00.123456Z');
    expect(isoMicros(Date.UTC(2026, 10, 29, 10, 0, 1) * 1000)).toBe('2026-11-29T10:00:01.000000Z');
    expect(isoMicros(0)).toBe('1970-01-01T00:00:00.000000Z');
  });

  it('equals the Date spelling with the microseconds appended, before 1970 too', () => {
    fc.assert(
      fc.property(fc.integer({ min: -2_208_988_800_000_000, max: 7_258_118_400_000_000 }), (us) => {
        const ms = Math.floor(us / 1000);
        const frac = us - Math.floor(us / 1_000_000) * 1_000_000;
        const whole = new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19);
        expect(isoMicros(us)).toBe(`${whole}.${String(frac).padStart(6, '0')}Z`);
      }),
      { numRuns: 2000 },
    );
  });
});
