import { describe, expect, it } from 'vitest';
import { recipientTransfer } from '../../../src/enrich/jurisdiction/recipient-transfer.js';
import { adequateCountry, inEea } from '../../../src/enrich/jurisdiction/transfer-status.js';

const AS_OF = '2026-11-29';
const unknown = { name: null, domain: 'vendor-x.example', dpfCertified: null };
const google = { name: 'Alphabet Inc. (Google LLC)', dpfCertified: true };

describe('recipientTransfer: judged on the recipient, not the host', () => {
  it('US server: certified recipient adequate, not certified third country', () => {
    const r = { name: 'Microsoft', domain: 'microsoft.com', dpfCertified: true };
    expect(recipientTransfer({ country: 'US', recipient: r, host: null, asOf: AS_OF, dpf: 'rely' }).status).toBe(
      'adequate',
    );
    const no = recipientTransfer({
      country: 'US',
      recipient: { ...r, name: 'Nope', dpfCertified: false },
      host: null,
      asOf: AS_OF,
      dpf: 'rely',
    });
    expect(no.status).toBe('third-country');
    expect(no.reason).toContain('recipient Nope is not on the Data Privacy Framework list');
  });

  it('an unknown recipient on a certified host is adequate only if certified, naming both', () => {
    const t = recipientTransfer({ country: 'US', recipient: unknown, host: google, asOf: AS_OF, dpf: 'rely' });
    expect(t.status).toBe('adequate-if-certified');
    expect(t.reason).toContain(
      "recipient vendor-x.example (owner unknown): certification not known; the host Alphabet Inc. (Google LLC) is certified, which covers its own processing, not its tenants'",
    );
  });

  it('--dpf ignore: a US recipient is a third-country transfer, certified or not, citing the pending appeal', () => {
    for (const dpfCertified of [true, false, null]) {
      const t = recipientTransfer({
        country: 'US',
        recipient: { ...unknown, dpfCertified },
        host: google,
        asOf: AS_OF,
        dpf: 'ignore',
      });
      expect(t.status).toBe('third-country');
      expect(t.reason).toContain('C-703/25 P');
    }
  });

  it('outside the US the recipient does not change the status', () => {
    const base = { recipient: unknown, host: google, asOf: AS_OF, dpf: 'ignore' as const };
    expect(recipientTransfer({ ...base, country: 'DE' }).status).toBe('eea');
    expect(recipientTransfer({ ...base, country: 'HU' }).status).toBe('eea');
    expect(recipientTransfer({ ...base, country: 'JP' }).status).toBe('adequate');
    expect(recipientTransfer({ ...base, country: 'CN' }).status).toBe('third-country');
    expect(recipientTransfer({ ...base, country: null }).status).toBe('unknown');
  });
});

describe('the one dated legal table', () => {
  it('knows Hungary is in the EU, the UK left, and the US is adequate only for the certified', () => {
    expect(inEea('HU', AS_OF)).toBe(true);
    expect(inEea('GB', '2020-06-01')).toBe(true);
    expect(inEea('GB', AS_OF)).toBe(false);
    expect(adequateCountry('GB', AS_OF)).toBe(true);
    expect(adequateCountry('US', AS_OF)).toBe(false);
    expect(adequateCountry('BR', '2025-12-01')).toBe(false);
    expect(adequateCountry('BR', AS_OF)).toBe(true);
  });
});
