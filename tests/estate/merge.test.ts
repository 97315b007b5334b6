import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/core/errors.js';
import { mergeReports } from '../../src/estate/merge.js';
import type { Report } from '../../src/report/model.js';
import { reportArbitrary } from './report-arbitrary.js';

const opts = { generatedAt: '2026-03-04T00:00:00.000Z', toolVersion: '9.9.9' };
const merge = (...rs: Report[]) => mergeReports(rs, opts);
const clone = <T>(v: T): T => structuredClone(v);

describe('mergeReports: algebra', () => {
  it('is associative and commutative, and agrees with the n-ary merge', () => {
    fc.assert(
      fc.property(reportArbitrary, reportArbitrary, reportArbitrary, (a, b, c) => {
        const left = merge(merge(a, b), c);
        const right = merge(a, merge(b, c));
        expect(left).toEqual(right);
        expect(merge(a, b)).toEqual(merge(b, a));
        expect(merge(a, b, c)).toEqual(left);
      }),
      { numRuns: 200 },
    );
  });

  it('does not mutate its inputs', () => {
    fc.assert(
      fc.property(reportArbitrary, reportArbitrary, (a, b) => {
        const [a0, b0] = [clone(a), clone(b)];
        merge(a, b);
        expect(a).toEqual(a0);
        expect(b).toEqual(b0);
      }),
      { numRuns: 100 },
    );
  });

  it('keeps totals: flows and bytes add up, every evidence reference resolves', () => {
    fc.assert(
      fc.property(reportArbitrary, reportArbitrary, (a, b) => {
        const m = merge(a, b);
        expect(m.summary.flows).toBe(a.summary.flows + b.summary.flows);
        expect(m.summary.bytes).toBe(a.summary.bytes + b.summary.bytes);
        const ids = new Set(m.evidence.map((e) => e.id));
        expect(ids.size).toBe(m.evidence.length);
        for (const d of m.destinations) for (const id of d.evidence) expect(ids.has(id)).toBe(true);
        expect(m.evidence.map((e) => e.id)).toEqual(m.evidence.map((_, i) => `e${i + 1}`));
        expect(m.destinations.map((d) => d.id)).toEqual(m.destinations.map((_, i) => `d${i + 1}`));
      }),
      { numRuns: 200 },
    );
  });
});

describe('mergeReports: groups', () => {
  const base = (): Report => {
    const [r] = fc.sample(
      reportArbitrary.filter((x) => x.destinations.length > 0),
      { seed: 42, numRuns: 1 },
    );
    if (r === undefined) throw new Error('no report with destinations');
    return clone(r);
  };

  it('adds counts null-aware, widens the time span and keeps the highest-risk assessment', () => {
    const a = base();
    const b = clone(a);
    const ga = a.destinations[0];
    const gb = b.destinations[0];
    if (ga === undefined || gb === undefined) throw new Error('fixture');
    ga.out = { packets: null, bytes: 100 };
    gb.out = { packets: 7, bytes: null };
    ga.in = { packets: null, bytes: null };
    gb.in = { packets: null, bytes: null };
    ga.risk = 'low';
    ga.reasons = ['low reason'];
    gb.risk = 'high';
    gb.reasons = ['high reason'];
    ga.firstSeen = '2026-03-02T07:00:00.000Z';
    gb.lastSeen = '2026-03-02T23:00:00.000Z';
    const m = merge(a, b).destinations.find((d) => d.key === ga.key);
    expect(m?.out).toEqual({ packets: 7, bytes: 100 });
    expect(m?.in).toEqual({ packets: null, bytes: null });
    expect(m?.flows).toBe(ga.flows + gb.flows);
    expect(m?.risk).toBe('high');
    expect(m?.reasons).toEqual(['high reason']);
    expect(m?.firstSeen).toBe('2026-03-02T07:00:00.000Z');
    expect(m?.lastSeen).toBe('2026-03-02T23:00:00.000Z');
    expect(m?.names[0]?.name).toBe(ga.names[0]?.name);
  });

  it('sums skipped input by reason and deduplicates inputs', () => {
    const a = base();
    a.skipped = [{ reason: 'truncated-frame', count: 3, examples: [{ file: 'a.pcap', frame: 9 }] }];
    const b = clone(a);
    b.skipped = [
      { reason: 'truncated-frame', count: 4, examples: [{ file: 'b.pcap', frame: 2 }] },
      { reason: 'bad-checksum', count: 1, examples: [] },
    ];
    const m = merge(a, b);
    expect(m.skipped).toEqual([
      {
        reason: 'truncated-frame',
        count: 7,
        examples: [
          { file: 'a.pcap', frame: 9 },
          { file: 'b.pcap', frame: 2 },
        ],
      },
      { reason: 'bad-checksum', count: 1, examples: [] },
    ]);
    expect(m.metadata.inputs).toEqual(a.metadata.inputs);
  });

  it('refuses to mix pseudonymized and plain reports', () => {
    const a = base();
    const b = clone(a);
    b.metadata.pseudonymized = true;
    expect(() => merge(a, b)).toThrow(UsageError);
    expect(() => mergeReports([], opts)).toThrow(UsageError);
  });

  it('records disagreeing options and vantage as null', () => {
    const a = base();
    const b = clone(a);
    a.metadata.options = { failOn: 'high', asOf: '2026-03-01' };
    b.metadata.options = { failOn: 'medium', asOf: '2026-03-01' };
    a.metadata.vantage = { country: 'NL' };
    b.metadata.vantage = { country: 'DE' };
    const m = merge(a, b);
    expect(m.metadata.options).toEqual({ asOf: '2026-03-01', failOn: null });
    expect(m.metadata.vantage).toBeNull();
    expect(m.metadata.tool.version).toBe('9.9.9');
  });
});
