import { describe, expect, it } from 'vitest';
import {
  countryLabel,
  countryMarks,
  countryName,
  formatBytes,
  formatCount,
  formatDuration,
  formatPercent,
  formatTime,
  sortGroups,
} from '../../src/report/format.js';
import { fixtureDestinations, reportFixture } from '../fixtures/report-fixture.js';

describe('human units', () => {
  it('formats bytes in decimal units', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(1000)).toBe('1.00 kB');
    expect(formatBytes(12_904_332)).toBe('12.9 MB');
    expect(formatBytes(911_442)).toBe('911 kB');
    expect(formatBytes(3e15)).toBe('3.00 PB');
    expect(formatBytes(null)).toBe('—');
  });
  it('formats durations, counts, percentages and times', () => {
    expect(formatDuration(38_000)).toBe('38 s');
    expect(formatDuration(300_000)).toBe('5 min');
    expect(formatDuration(8_040_000)).toBe('2 h 14 min');
    expect(formatDuration(3 * 86_400_000 + 4 * 3_600_000)).toBe('3 d 4 h');
    expect(formatDuration(-1)).toBe('—');
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatPercent(0.4123)).toBe('41.2%');
    expect(formatPercent(0.0000001)).toBe('<0.1%');
    expect(formatPercent(0)).toBe('0.0%');
    expect(formatTime('2026-03-02T08:00:41.000Z')).toBe('2026-03-02 08:00:41 UTC');
    expect(formatTime('not a time')).toBe('not a time');
  });
  it('names countries in English from ISO codes', () => {
    expect(countryName('NL')).toBe('Netherlands');
    expect(countryName('us')).toBe('United States');
    expect(countryName(null)).toBe('unknown');
    expect(countryName('EU-ish')).toBe('EU-ish');
    expect(countryLabel('SG')).toBe('SG Singapore');
  });
});

describe('sortGroups', () => {
  it('orders by risk, then bytes descending', () => {
    const ids = sortGroups(fixtureDestinations()).map((g) => `${g.risk}:${g.id}`);
    expect(ids).toEqual(['high:d6', 'medium:d1', 'medium:d2', 'medium:d3', 'low:d4', 'low:d5', 'none:d7']);
  });
});

describe('countryMarks', () => {
  const base = reportFixture().destinations.find((g) => g.operator?.anycast !== true && g.geoConflict === null);
  if (base === undefined) throw new Error('the fixture has a group with a fixed location');

  it('marks an anycast host, else a location not fixed (a range published worldwide), else nothing', () => {
    expect(countryMarks({ ...base, locationNotFixed: false })).toEqual([]);
    expect(countryMarks({ ...base, locationNotFixed: true })).toEqual(['location not fixed']);
    const anycastHost = { ...base, operator: { ...(base.operator ?? microsoftLike), anycast: true } };
    expect(countryMarks({ ...anycastHost, locationNotFixed: true })).toEqual(['anycast']);
  });
});

const microsoftLike = {
  name: 'Microsoft Corporation',
  hqCountry: 'US',
  dpfCertified: true,
  dpfAsOf: '2023-08-23',
  asn: 8075,
  asOrg: 'MICROSOFT-CORP-MSN-AS-BLOCK',
  anycast: false,
};
