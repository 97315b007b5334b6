import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { categoryByName } from '../../../src/enrich/catalog/name-patterns.js';

describe('categoryByName', () => {
  it.each([
    ['ocsp.digicert.com', 'certificate', 'ocsp'],
    ['ocsp2.globalsign.com', 'certificate', 'ocsp'],
    ['crl3.digicert.com', 'certificate', 'crl'],
    ['v10.events.data.microsoft.com', 'telemetry', 'events.data'],
    ['telemetry.example.org', 'telemetry', 'telemetry'],
    ['login.example.org', 'identity', 'login'],
    ['auth-api.example.org', 'identity', 'auth'],
    ['time.example.org', 'time', 'time'],
    ['crash-reports.example.org', 'crash-reporting', 'crash'],
    // Windows Error Reporting: "watson" wins over the telemetry labels the same names carry.
    ['survey.watson.microsoft.com', 'crash-reporting', 'watson'],
    ['watson.telemetry.microsoft.com', 'crash-reporting', 'watson'],
    ['collector.example.org', 'telemetry', 'collector'],
    ['activation-v2.sls.microsoft.com', 'licensing', 'activation'],
  ])('%s → %s (%s)', (name, category, pattern) => {
    expect(categoryByName(name)).toEqual({ category, pattern });
  });

  it('reads only the labels left of the registrable domain', () => {
    expect(categoryByName('time.com')).toBeNull();
    expect(categoryByName('www.time.com')).toBeNull();
    expect(categoryByName('update.windowsupdate.com')?.category).toBe('update');
    // Dropped after measurement (name-patterns.ts): download hosts serve content as often as updates.
    expect(categoryByName('download.windowsupdate.com')).toBeNull();
    expect(categoryByName('example.com')).toBeNull();
    expect(categoryByName('192.0.2.1')).toBeNull();
    expect(categoryByName('authors.example.org')).toBeNull();
  });

  it('takes a table, and [] finds nothing', () => {
    expect(categoryByName('ocsp.example.com', [])).toBeNull();
    expect(categoryByName('x.stats.example.com', [{ pattern: 'stats', category: 'analytics' }])?.category).toBe(
      'analytics',
    );
  });

  it('never throws', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        expect(() => categoryByName(s)).not.toThrow();
      }),
    );
  });
});
