/**
 * The summary when the input recorded bytes for only some flows, or none (a Windows Firewall log sizes no
 * allowed connection): what leaves the EEA is counted by destinations and flows, bytes only as far as known.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { summarise } from '../../src/audit/build-report.js';
import type { DestinationGroup } from '../../src/report/model.js';
import { group } from '../compare/report-builder.js';
import { reportArbitrary } from '../estate/report-arbitrary.js';

const noBytes = { packets: null, bytes: null };

/** Three groups leave the EEA (US, SG, unknown transfer), one stays (DE), one is local; bytes only for two. */
function mixed(): DestinationGroup[] {
  return [
    group({ name: 'us.example', country: 'US', transfer: 'third-country', out: noBytes, in: noBytes, flows: 60 }, 0),
    group({ name: 'sg.example', country: 'SG', transfer: 'third-country', out: noBytes, in: noBytes, flows: 10 }, 1),
    group({ name: 'x.example', country: null, transfer: 'unknown', out: noBytes, in: noBytes, flows: 5 }, 2),
    group({ name: 'de.example', country: 'DE', transfer: 'eea', risk: 'low', flows: 20 }, 3),
    group({
      name: '10.0.0.255',
      country: null,
      scope: 'local',
      transfer: 'none',
      risk: 'none',
      out: { packets: 3, bytes: 300 },
      in: noBytes,
      flows: 5,
    }),
  ];
}

describe('summarise with bytes unknown for some flows', () => {
  it('counts destinations and flows leaving the EEA, and the flows without bytes', () => {
    const s = summarise(mixed(), 100, 1);
    expect(s).toMatchObject({
      flows: 100,
      destinations: 5,
      destinationsLeavingEea: 3,
      destinationsLeavingEeaShare: 0.6,
      flowsLeavingEea: 75,
      flowsLeavingEeaShare: 0.75,
      // The groups with no bytes at all: 60 + 10 + 5.
      flowsWithoutBytes: 75,
      flowsWithoutBytesShare: 0.75,
      bytes: 1800,
      bytesLeavingEeaShare: 0,
    });
  });

  it('takes the input count when it is higher (a group may hold flows with and without bytes)', () => {
    expect(summarise(mixed(), 100, 1, 90).flowsWithoutBytes).toBe(90);
    // Never below what the groups show, never above the flows.
    expect(summarise(mixed(), 100, 1, 3).flowsWithoutBytes).toBe(75);
    expect(summarise(mixed(), 100, 1, 1000).flowsWithoutBytes).toBe(100);
  });

  it('ranks countries, operators and categories by flows when bytes are unknown', () => {
    const s = summarise(mixed(), 100, 1);
    // By bytes, DE (1,500 B) and the local group (300 B) would come first and the US (no bytes) last. SG and
    // null both have 10 flows: bytes break the tie.
    expect(s.byCountry.map((c) => c.country)).toEqual(['US', 'DE', null, 'SG']);
    expect(s.byCountry[0]).toEqual({ country: 'US', flows: 60, bytes: 0, destinations: 1 });
  });

  it('ranks by bytes when every flow has them, as before', () => {
    const groups = [
      group({ name: 'a.example', country: 'US', flows: 50, out: { packets: 1, bytes: 10 }, in: noBytes }, 0),
      group({ name: 'b.example', country: 'DE', transfer: 'eea', flows: 1 }, 1),
    ];
    const s = summarise(groups, 51, 1);
    expect(s.flowsWithoutBytes).toBe(0);
    expect(s.byCountry.map((c) => c.country)).toEqual(['DE', 'US']);
    expect(s.bytesLeavingEeaShare).toBeCloseTo(10 / 1510);
  });

  it('names the destination with most flows in the verdict when no group has bytes', () => {
    const groups = [
      group({ name: 'a-few.example', transfer: 'third-country', out: noBytes, in: noBytes, flows: 1 }, 0),
      group({ name: 'many.example', transfer: 'third-country', out: noBytes, in: noBytes, flows: 300 }, 1),
    ];
    expect(summarise(groups, 301, 1).verdict).toBe(
      '2 medium-risk destinations: many.example (the United States, personal data possible) and 1 more',
    );
  });

  it('gives zero shares, not NaN, for an empty input', () => {
    expect(summarise([], 0, 0)).toMatchObject({
      destinationsLeavingEeaShare: 0,
      flowsLeavingEeaShare: 0,
      flowsWithoutBytes: 0,
      flowsWithoutBytesShare: 0,
      bytesLeavingEeaShare: 0,
    });
  });
});

describe('summarise: properties', () => {
  it('keeps every share in [0, 1] and the counts consistent', () => {
    fc.assert(
      fc.property(reportArbitrary, fc.option(fc.nat(400), { nil: undefined }), (r, counted) => {
        const groups = r.destinations;
        const flows = groups.reduce((n, g) => n + g.flows, 0);
        const s = summarise(groups, flows, 1, counted);
        for (const share of [
          s.bytesLeavingEeaShare,
          s.destinationsLeavingEeaShare,
          s.flowsLeavingEeaShare,
          s.flowsWithoutBytesShare,
        ]) {
          expect(share).toBeGreaterThanOrEqual(0);
          expect(share).toBeLessThanOrEqual(1);
        }
        const leaving = groups.filter((g) => g.transfer !== 'eea' && g.transfer !== 'none');
        expect(s.destinationsLeavingEea).toBe(leaving.length);
        expect(s.flowsLeavingEea).toBe(leaving.reduce((n, g) => n + g.flows, 0));
        const byteless = groups.filter((g) => g.out.bytes === null && g.in.bytes === null);
        expect(s.flowsWithoutBytes).toBeGreaterThanOrEqual(byteless.reduce((n, g) => n + g.flows, 0));
        expect(s.flowsWithoutBytes).toBeGreaterThanOrEqual(Math.min(counted ?? 0, flows));
        expect(s.flowsWithoutBytes).toBeLessThanOrEqual(flows);
        // Every breakdown adds up to the whole, whichever measure ranks it.
        for (const list of [s.byCountry, s.byOperator, s.byCategory, Object.values(s.byTransfer)]) {
          expect(list.reduce((n, x) => n + x.flows, 0)).toBe(flows);
          expect(list.reduce((n, x) => n + x.destinations, 0)).toBe(groups.length);
          expect(list.reduce((n, x) => n + x.bytes, 0)).toBe(s.bytes);
        }
        const ranked = s.byCountry.map((c) => (s.flowsWithoutBytes > 0 ? c.flows : c.bytes));
        expect(ranked).toEqual([...ranked].sort((a, b) => b - a));
      }),
      { numRuns: 300 },
    );
  });
});
