import { describe, expect, it } from 'vitest';
import { databaseDateLimitations } from '../../src/audit/limitations.js';

const span = { firstMs: Date.parse('2026-11-02T07:31:00Z'), lastMs: Date.parse('2026-11-02T15:20:00Z') };

describe('databaseDateLimitations', () => {
  it('names databases built more than 60 days before or after the traffic, with the figures', () => {
    const lines = databaseDateLimitations(
      [
        { file: 'old.mmdb', buildDate: '2026-06-01' },
        { file: 'fresh.mmdb', buildDate: '2026-10-15' },
        { file: 'later.mmdb', buildDate: '2027-03-01' },
        { file: 'undated.mmdb', buildDate: null },
      ],
      span,
    );
    expect(lines).toEqual([
      expect.stringMatching(/^old\.mmdb was built on 2026-06-01, 154 days before the traffic began \(2026-11-02\)/),
      expect.stringMatching(/^later\.mmdb was built on 2027-03-01, 118 days after the traffic ended \(2026-11-02\)/),
      'undated.mmdb states no readable build date: how current its locations and networks are is unknown.',
    ]);
  });

  it('says nothing at exactly 60 days, and nothing without a time span', () => {
    const at60 = { file: 'a.mmdb', buildDate: '2026-09-03' };
    expect(databaseDateLimitations([at60], span)).toEqual([]);
    expect(databaseDateLimitations([{ file: 'b.mmdb', buildDate: '2026-09-02' }], span)).toHaveLength(1);
    expect(databaseDateLimitations([{ file: 'c.mmdb', buildDate: '2001-01-01' }], null)).toEqual([]);
  });
});
