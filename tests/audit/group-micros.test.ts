/**
 * The grouper reads a flow's times as microseconds when it gives them (AuditFlow.firstMicros, .lastMicros) and
 * they stand for its texts, else the texts: the groups must be exactly those the texts alone give, with times
 * out of that range (fractions, beyond a double's whole microseconds, texts no number stands for) mixed in.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditFlow } from '../../src/audit/audit-flow.js';
import type { FlowGrouper } from '../../src/audit/group-flows.js';
import { isoMicros } from '../../src/flows/flow-to-record.js';
import { type GrouperFactory, grouperFactory } from './grouper-factory.js';

let newGrouper: GrouperFactory;
beforeAll(async () => {
  newGrouper = await grouperFactory();
});

const T0 = Date.UTC(2026, 2, 2, 8) * 1000;

/** A time as a flow may give it: microseconds (or none) and the text. */
interface Time {
  micros: number | undefined;
  text: string;
}

const time: fc.Arbitrary<Time> = fc
  .oneof(
    // Whole microseconds near each other (groups widen both ways), and at the edges of the exact range.
    {
      arbitrary: fc.integer({ min: -5_000_000_000, max: 5_000_000_000 }).map((o) => T0 + o),
      weight: 8,
    },
    {
      arbitrary: fc.constantFrom(
        0,
        -0,
        -1,
        Number.MAX_SAFE_INTEGER,
        Number.MIN_SAFE_INTEGER,
        Number.MAX_SAFE_INTEGER + 1,
        2 ** 55,
        -(2 ** 54),
        T0 + 0.5,
        T0 - 0.25,
        Number.NaN,
      ),
      weight: 2,
    },
    { arbitrary: fc.constantFrom('2026-03-02 08:00:00', 'not a time', ''), weight: 1 },
  )
  .map((t): Time => (typeof t === 'string' ? { micros: undefined, text: t } : { micros: t, text: isoMicros(t) }));

const flowSpec = fc.record({
  server: fc.constantFrom('8.8.8.8', '8.8.4.4', '192.168.1.20', '2001:4860:4860::8888'),
  first: time,
  last: time,
  named: fc.boolean(),
});

type Spec = typeof flowSpec extends fc.Arbitrary<infer T> ? T : never;

function flowOf(s: Spec, withMicros: boolean): AuditFlow {
  const f: AuditFlow = {
    proto: 'tcp',
    client: '192.168.1.10',
    server: s.server,
    serverPort: 443,
    firstSeen: s.first.text,
    lastSeen: s.last.text,
    packetsOut: 1,
    packetsIn: 1,
    bytesOut: 10,
    bytesIn: 20,
    rttMs: null,
    names: s.named ? [{ name: 'example.org', via: 'sni', frame: 1 }] : [],
    source: { file: 'a.pcap', firstFrame: 1 },
  };
  if (withMicros) {
    f.firstMicros = s.first.micros;
    f.lastMicros = s.last.micros;
  }
  return f;
}

function grouped(specs: Spec[], withMicros: boolean): FlowGrouper {
  const g = newGrouper();
  for (const s of specs) g.add(flowOf(s, withMicros));
  return g;
}

describe('FlowGrouper times as microseconds', () => {
  it('makes the groups the texts make', () => {
    fc.assert(
      fc.property(fc.array(flowSpec, { minLength: 1, maxLength: 30 }), (specs) => {
        const texts = grouped(specs, false);
        const micros = grouped(specs, true);
        expect(micros.groups.map((g) => [g.firstSeen, g.lastSeen])).toEqual(
          texts.groups.map((g) => [g.firstSeen, g.lastSeen]),
        );
        expect(micros.groups).toEqual(texts.groups);
      }),
      { numRuns: 300 },
    );
  });

  it('falls back to the texts outside the exact range', () => {
    const at = (micros: number): Time => ({ micros, text: isoMicros(micros) });
    const specs: Spec[] = [
      { server: '8.8.8.8', first: at(T0), last: at(T0 + 5), named: false },
      { server: '8.8.8.8', first: at(2 ** 55), last: at(2 ** 55), named: false },
      { server: '8.8.8.8', first: at(T0 - 7), last: at(T0 + 1), named: false },
    ];
    const micros = grouped(specs, true);
    const [g] = micros.groups;
    expect(g?.times).not.toBeNull();
    expect([g?.firstSeen, g?.lastSeen]).toEqual([isoMicros(T0 - 7), isoMicros(2 ** 55)]);
    expect(micros.groups).toEqual(grouped(specs, false).groups);
  });
});
