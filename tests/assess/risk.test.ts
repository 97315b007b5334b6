import { describe, expect, it } from 'vitest';
import { observedInClear, personalDataKinds, personalDataLevel } from '../../src/assess/personal-data.js';
import { assessRisk, RISK_TABLE, type RiskInput } from '../../src/assess/risk.js';
import type { PersonalData, Risk, Transfer } from '../../src/report/model.js';

const DATA: PersonalData[] = ['observed', 'likely', 'possible', 'unlikely', 'unknown'];
const base = (transfer: Transfer, personalData: PersonalData, extra: Partial<RiskInput> = {}): RiskInput => ({
  transfer,
  personalData,
  known: true,
  policy: {},
  ...extra,
});

/** The documented table, cell by cell (known endpoint, operator without HQ facts). */
const EXPECTED: Record<string, Risk[]> = {
  none: ['none', 'none', 'none', 'none', 'none'],
  eea: ['low', 'low', 'low', 'low', 'low'],
  adequate: ['low', 'low', 'low', 'low', 'low'],
  'third-country': ['high', 'high', 'medium', 'low', 'medium'],
  unknown: ['high', 'medium', 'medium', 'low', 'medium'],
};

describe('assessRisk: the transfer × personal-data table', () => {
  for (const [transfer, risks] of Object.entries(EXPECTED)) {
    DATA.forEach((data, i) => {
      it(`${transfer} × ${data} → ${risks[i]}`, () => {
        expect(assessRisk(base(transfer as Transfer, data)).risk).toBe(risks[i]);
      });
    });
  }

  const dpf: [boolean | null, Risk[]][] = [
    // Certified counts as adequate, with the same adjustment for a US-headquartered operator (likely → medium).
    [true, ['medium', 'medium', 'low', 'low', 'low']],
    [false, ['high', 'high', 'medium', 'low', 'medium']],
    [null, ['high', 'medium', 'medium', 'low', 'medium']],
  ];
  for (const [certified, risks] of dpf) {
    DATA.forEach((data, i) => {
      it(`adequate-if-certified (DPF ${certified}) × ${data} → ${risks[i]}`, () => {
        const operator = { name: 'Example Inc.', hqCountry: 'US', dpfCertified: certified };
        expect(assessRisk(base('adequate-if-certified', data, { operator })).risk).toBe(risks[i]);
      });
    });
  }

  it('the exported table matches the documented one', () => {
    expect(RISK_TABLE['third-country'].likely).toBe('high');
    expect(Object.keys(RISK_TABLE)).toHaveLength(8);
  });
});

describe('assessRisk: adjustments and reasons', () => {
  it('an unknown endpoint outside the EEA is never low', () => {
    for (const transfer of ['third-country', 'unknown', 'adequate-if-certified'] as Transfer[]) {
      for (const data of DATA) {
        const r = assessRisk(base(transfer, data, { known: false }));
        expect(['medium', 'high'], `${transfer} ${data}`).toContain(r.risk);
      }
    }
    expect(assessRisk(base('third-country', 'unlikely', { known: false })).reasons).toContain(
      'Unknown endpoint outside the EEA: rated at least medium until its purpose is known',
    );
  });

  it('EU server of a US operator: observed/likely rise to medium, with the reason', () => {
    const operator = { name: 'Microsoft Corporation', hqCountry: 'US', dpfCertified: true };
    const r = assessRisk(base('eea', 'likely', { operator, country: 'NL' }));
    expect(r.risk).toBe('medium');
    expect(r.reasons).toContain('Server in the Netherlands (EEA: no transfer to a third country)');
    expect(r.reasons).toContain(
      'Operator Microsoft Corporation is headquartered in the United States (US law may reach data held in the EU)',
    );
    expect(assessRisk(base('eea', 'unlikely', { operator })).risk).toBe('low');
    expect(assessRisk(base('eea', 'likely', { operator: { name: 'X', hqCountry: 'DE' } })).risk).toBe('low');
  });

  it('explains third-country transfers, catalog rules and the Breyer baseline', () => {
    const r = assessRisk(
      base('third-country', 'unlikely', {
        country: 'CN',
        rule: { id: 'microsoft.office.nexus', product: 'Office telemetry', vendor: 'Microsoft', source: 'https://x' },
      }),
    );
    expect(r.reasons[0]).toBe('Server in China (third country, no adequacy decision)');
    expect(r.reasons).toContain(
      'The client IP address alone is personal data (CJEU C-582/14 Breyer); nothing more is expected',
    );
    expect(r.reasons).toContain(
      'Endpoint is Office telemetry of Microsoft (catalog rule microsoft.office.nexus, source https://x)',
    );
    const us = assessRisk(
      base('adequate-if-certified', 'likely', {
        country: 'US',
        operator: { name: 'A', hqCountry: 'US', dpfCertified: false },
      }),
    );
    expect(us.reasons[0]).toContain(
      'Server in the United States (third country, no adequacy decision for this operator',
    );
  });

  it('a US server adequate through DPF certification says so, and what the certification rests on', () => {
    const operator = {
      name: 'Example Inc.',
      hqCountry: 'US',
      dpfCertified: true,
      dpfAsOf: '2023-09-01',
      dpfSource: 'company statement (https://example.com/privacy), not the DPF list',
    };
    const r = assessRisk(base('adequate', 'likely', { country: 'US', operator }));
    // The same judgement as an 'adequate-if-certified' destination whose operator is certified.
    expect(r.risk).toBe(assessRisk(base('adequate-if-certified', 'likely', { country: 'US', operator })).risk);
    expect(r.reasons[0]).toBe(
      'Server in the United States; operator Example Inc. is certified under the EU-US Data Privacy Framework (adequacy decision 2023/1795), as recorded on 2023-09-01 from company statement (https://example.com/privacy), not the DPF list',
    );
    // Another adequate country keeps the plain Art. 45 reason.
    expect(assessRisk(base('adequate', 'likely', { country: 'JP', operator })).reasons[0]).toContain('GDPR Art. 45');
  });

  it('policy outcomes', () => {
    const operator = { name: 'Example Inc.', hqCountry: 'US' };
    expect(assessRisk(base('third-country', 'likely')).policy).toBe('n/a');
    expect(
      assessRisk(base('third-country', 'likely', { country: 'US', policy: { allowedCountries: ['us'] } })).policy,
    ).toBe('allowed');
    expect(
      assessRisk(base('third-country', 'likely', { operator, policy: { allowedOperators: ['example inc.'] } })).policy,
    ).toBe('allowed');
    const violation = assessRisk(
      base('third-country', 'likely', { country: 'US', policy: { allowedCountries: ['NL'] } }),
    );
    expect(violation).toMatchObject({ policy: 'violation', risk: 'high' });
    expect(
      assessRisk(base('third-country', 'likely', { category: 'certificate', policy: { ignored: ['certificate'] } }))
        .policy,
    ).toBe('ignored');
    expect(assessRisk(base('none', 'likely', { policy: { allowedCountries: ['NL'] } })).policy).toBe('n/a');
  });
});

describe('assessRisk: recipient and host', () => {
  const host = { name: 'Alphabet Inc. (Google LLC)', hqCountry: 'US', dpfCertified: true };
  const unknown = { name: null, domain: 'vendor-x.example', hqCountry: null, dpfCertified: null };

  it('judges DPF on the recipient: a certified host does not make an unknown recipient certified', () => {
    const r = assessRisk(
      base('adequate-if-certified', 'likely', { country: 'US', operator: host, recipient: unknown, known: false }),
    );
    expect(r.risk).toBe('medium');
    expect(r.reasons[0]).toContain('certification of vendor-x.example (owner unknown) not known');
    expect(r.reasons).toContainEqual(
      expect.stringMatching(/^The host Alphabet Inc\. \(Google LLC\) is certified .* not its tenants'/),
    );
    expect(r.reasons).toContain(
      'Host Alphabet Inc. (Google LLC) is headquartered in the United States (US law may reach data held in the EU)',
    );
  });

  it('observed personal data to an unknown recipient outside the EEA is high, and names it', () => {
    const r = assessRisk(base('adequate', 'observed', { country: 'JP', recipient: unknown }));
    expect(r.risk).toBe('low');
    const t = assessRisk(base('third-country', 'observed', { country: 'SG', recipient: unknown }));
    expect(t.risk).toBe('high');
    expect(t.reasons).toContain(
      'Personal data observed going to vendor-x.example (owner unknown), outside the EEA: nobody can say who holds it',
    );
  });

  it('personal data in plaintext is high wherever it goes, but local traffic stays none', () => {
    const recipient = { name: 'Example', hqCountry: 'NL', dpfCertified: null };
    for (const transfer of ['eea', 'adequate', 'adequate-if-certified', 'third-country', 'unknown'] as Transfer[]) {
      const r = assessRisk(base(transfer, 'observed', { recipient, personalDataInClear: true, country: 'NL' }));
      expect(r.risk, transfer).toBe('high');
      expect(r.reasons.join('\n')).toMatch(/plaintext \(no TLS\)/);
    }
    expect(assessRisk(base('none', 'observed', { personalDataInClear: true })).risk).toBe('none');
    expect(assessRisk(base('eea', 'observed', { recipient, personalDataInClear: false })).risk).toBe('low');
  });

  it('allows a recipient on the operator allow list', () => {
    const recipient = { name: 'Vendor X', hqCountry: null };
    const r = assessRisk(base('third-country', 'likely', { recipient, policy: { allowedOperators: ['vendor x'] } }));
    expect(r.policy).toBe('allowed');
  });
});

describe('assessRisk: EEA membership from the one dated table (issue #22)', () => {
  it('a Hungarian company is inside the EEA: no foreign-law reason, no raised risk', () => {
    const hu = { name: 'Microsec zrt. (e-Szigno)', hqCountry: 'HU' };
    for (const extra of [{ operator: hu }, { recipient: hu }]) {
      const r = assessRisk(base('eea', 'likely', { ...extra, country: 'HU', asOf: '2026-11-29' }));
      expect(r.risk).toBe('low');
      expect(r.reasons.join('\n')).not.toMatch(/HU law may reach/);
      expect(r.reasons.join('\n')).not.toMatch(/headquartered in/);
    }
  });

  it('the UK: inside before it left, adequate after (no foreign-law raise either way)', () => {
    const uk = { name: 'Sophos Ltd', hqCountry: 'GB' };
    const after = assessRisk(base('eea', 'likely', { operator: uk, asOf: '2026-11-29' }));
    expect(after.risk).toBe('low');
    expect(after.reasons).toContain('Operator Sophos Ltd is headquartered in the United Kingdom');
    const before = assessRisk(base('eea', 'likely', { operator: uk, asOf: '2019-06-01' }));
    expect(before.reasons.join('\n')).not.toMatch(/headquartered/);
  });
});

describe('personalDataLevel', () => {
  it('observed beats the catalog; no catalog means unknown', () => {
    expect(personalDataLevel([{ kind: 'email' }], 'unlikely')).toBe('observed');
    expect(personalDataLevel([], 'possible')).toBe('possible');
    expect(personalDataLevel([], null)).toBe('unknown');
    expect(personalDataKinds([{ kind: 'email' }], ['usage-data', 'email'])).toEqual(['email', 'usage-data']);
  });
});

describe('observedInClear', () => {
  it('counts findings from cleartext HTTP and DNS only', () => {
    expect(observedInClear([{ field: 'http.query' }])).toBe(true);
    expect(observedInClear([{ field: 'dns.qname' }])).toBe(true);
    expect(observedInClear([{ field: 'url' }])).toBe(false);
    expect(observedInClear([])).toBe(false);
  });
});
