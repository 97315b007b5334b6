import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  ADEQUACY_DECISIONS,
  EEA_EFTA_MEMBERS,
  EU_MEMBERS,
} from '../../../src/enrich/jurisdiction/jurisdiction-table.js';
import { adequacyDecision, eeaMembership, transferStatus } from '../../../src/enrich/jurisdiction/transfer-status.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const legalMd = path.resolve(repoRoot, '../shared/reference/legal.md');
const AS_OF = '2026-06-01';

describe('jurisdiction table', () => {
  it('has the 27 EU members and 3 EEA EFTA states', () => {
    expect(new Set(EU_MEMBERS.map((m) => m.iso)).size).toBe(27);
    expect(EEA_EFTA_MEMBERS.map((m) => m.iso).sort()).toEqual(['IS', 'LI', 'NO']);
  });

  it('gives every adequacy decision a date and a legal reference', () => {
    for (const d of ADEQUACY_DECISIONS) {
      expect(d.adopted, d.iso).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(d.reference, d.iso).toMatch(/Decision/);
      expect(d.iso).toMatch(/^[A-Z]{2}$/);
    }
  });

  const expected: Record<string, string> = {
    GB: '2021-06-28',
    CH: '2000-07-26',
    JP: '2019-01-23',
    KR: '2021-12-17',
    CA: '2001-12-20',
    IL: '2011-01-31',
    NZ: '2012-12-19',
    AR: '2003-06-30',
    UY: '2012-08-21',
    AD: '2010-10-19',
    FO: '2010-03-05',
    GG: '2003-11-21',
    JE: '2008-05-08',
    IM: '2004-04-28',
    US: '2023-07-10',
  };
  for (const [iso, date] of Object.entries(expected)) {
    it(`${iso} adopted ${date}`, () => {
      expect(ADEQUACY_DECISIONS.find((d) => d.iso === iso)?.adopted).toBe(date);
    });
  }

  describe.skipIf(!existsSync(legalMd))('agrees with the shared legal reference', () => {
    it('has every dated row of legal.md with the same date', () => {
      const rows = readFileSync(legalMd, 'utf8').matchAll(/^\| [^|]+ \| ([A-Z]{2}) \| (\d{4}-\d{2}-\d{2}) \|/gm);
      let n = 0;
      for (const [, iso, date] of rows) {
        expect(ADEQUACY_DECISIONS.find((d) => d.iso === iso)?.adopted, iso).toBe(date);
        n++;
      }
      expect(n).toBeGreaterThanOrEqual(15);
    });
  });
});

describe('transferStatus', () => {
  it('classifies EEA, adequate, US and third countries', () => {
    expect(transferStatus('DE', null, { asOf: AS_OF }).status).toBe('eea');
    expect(transferStatus('no', null, { asOf: AS_OF }).status).toBe('eea');
    expect(transferStatus('JP', null, { asOf: AS_OF }).status).toBe('adequate');
    expect(transferStatus('GB', null, { asOf: AS_OF }).status).toBe('adequate');
    expect(transferStatus('US', undefined, { asOf: AS_OF }).status).toBe('adequate-if-certified');
    expect(transferStatus('US', true, { asOf: AS_OF }).status).toBe('adequate');
    expect(transferStatus('US', false, { asOf: AS_OF }).status).toBe('third-country');
    expect(transferStatus('CN', true, { asOf: AS_OF }).status).toBe('third-country');
    expect(transferStatus('BR', null, { asOf: AS_OF }).status).toBe('adequate');
    expect(transferStatus(null).status).toBe('unknown');
    expect(transferStatus('XYZ').status).toBe('unknown');
    expect(transferStatus('DE', null, { local: true }).status).toBe('none');
  });

  it('is date-aware', () => {
    expect(transferStatus('US', true, { asOf: '2023-07-09' }).status).toBe('third-country');
    expect(transferStatus('US', true, { asOf: '2023-07-10' }).status).toBe('adequate');
    expect(transferStatus('KR', null, { asOf: '2021-12-16' }).status).toBe('third-country');
    expect(transferStatus('BR', null, { asOf: '2025-12-31' }).status).toBe('third-country');
    expect(transferStatus('GB', null, { asOf: '2019-06-01' }).status).toBe('eea');
    expect(transferStatus('GB', null, { asOf: '2032-01-01' }).status).toBe('third-country');
    expect(transferStatus('HR', null, { asOf: '2013-06-30' }).status).toBe('third-country');
    expect(eeaMembership('HR', '2013-07-01')).toBe('eu');
    expect(adequacyDecision('CH', '1999-01-01')).toBeNull();
  });

  it('gives reasons naming the decision', () => {
    const r = transferStatus('JP', null, { asOf: AS_OF });
    expect(r.reason).toContain('2019/419');
    expect(transferStatus('US', null, { asOf: AS_OF }).reason).toContain('2023/1795');
    expect(transferStatus('CA', null, { asOf: AS_OF }).reason).toContain('PIPEDA');
  });
});
