import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DestinationFactsResolver } from '../../src/audit/destination-facts.js';
import { parseIp } from '../../src/core/ip-format.js';
import { AddressClassifier } from '../../src/enrich/addresses/classify.js';
import { CloudRanges } from '../../src/enrich/geo/cloud-ranges.js';
import { GeoResolver } from '../../src/enrich/geo/geo-resolver.js';
import { transferStatus } from '../../src/enrich/jurisdiction/transfer-status.js';
import { compactIntervals, serialiseTable } from '../../src/tools/cloud-ranges-import/build-table.js';
import { writeMmdb } from '../../src/writer/mmdb-writer.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'outflow-facts-'));
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

let geo: GeoResolver;
beforeAll(async () => {
  const dir = path.join(tmp, 'geo');
  mkdirSync(dir);
  const meta = { ipVersion: 6 as const, buildEpoch: 1717200000 };
  writeFileSync(
    path.join(dir, 'country.mmdb'),
    writeMmdb(
      [
        { network: '8.8.8.0/24', data: { country_code: 'US' } },
        { network: '1.1.1.0/24', data: { country_code: 'DE' } },
        { network: '2a00::/16', data: { country_code: 'NL' } },
        { network: '52.112.0.0/14', data: { country_code: 'CA' } },
      ],
      { databaseType: 'country ipvAll', ...meta },
    ),
  );
  writeFileSync(
    path.join(dir, 'asn.mmdb'),
    writeMmdb(
      [
        { network: '8.8.8.0/24', data: { autonomous_system_number: 15169, autonomous_system_organization: 'GOOGLE' } },
        { network: '1.1.1.0/24', data: { autonomous_system_number: 64500, autonomous_system_organization: 'Example' } },
        {
          network: '52.112.0.0/14',
          data: { autonomous_system_number: 8075, autonomous_system_organization: 'MICROSOFT-CORP-MSN-AS-BLOCK' },
        },
      ],
      { databaseType: 'asn ipvAll', ...meta },
    ),
  );
  geo = await GeoResolver.open([dir]);
});

const resolver = (internal: string[] = []) =>
  new DestinationFactsResolver(geo, new AddressClassifier(internal), '2026-11-29');

describe('DestinationFactsResolver', () => {
  it('geolocates a public address and names its operator and transfer status', () => {
    const f = resolver().facts('1.1.1.1');
    expect(f).toMatchObject({
      scope: 'public',
      unwrapped: null,
      country: 'DE',
      operator: { name: 'Example', asn: 64500, asOrg: 'Example', hqCountry: null },
      operatorMatch: null,
      transfer: 'eea',
      transferReason: transferStatus('DE', null, { asOf: '2026-11-29' }).reason,
    });
    expect(f.geoSources.map((s) => s.database)).toEqual(['country.mmdb', 'asn.mmdb']);
  });

  it('gives addresses with the same records the same facts, and caches per address', () => {
    const r = resolver();
    const a = r.facts('8.8.8.8');
    const b = r.facts('8.8.8.4');
    // Plain public addresses with the same answer share one facts object; an unwrapped one has its own.
    expect(b).toBe(a);
    const mapped = r.facts('::ffff:8.8.8.8');
    expect(mapped).not.toBe(a);
    expect(mapped.unwrapped).toBe('8.8.8.8');
    expect(b.operator).toBe(a.operator);
    expect(b.geoSources).toBe(a.geoSources);
    expect(r.facts('8.8.8.8')).toBe(a);
    expect(a.operator?.name).toBe('Alphabet Inc. (Google LLC)');
    expect(a.operatorMatch).toBe('asn');
  });

  it('looks up the IPv4 address inside an IPv4-mapped or 6to4 address', () => {
    const r = resolver();
    for (const ip of ['::ffff:1.1.1.7', '2002:101:107::1']) {
      const f = r.facts(ip);
      expect(f.unwrapped).toBe('1.1.1.7');
      expect(f.country).toBe('DE');
      expect(f.scope).toBe('public');
    }
    expect(r.facts('2a00::5').country).toBe('NL');
    expect(r.facts('2a00::5').operator).toBeNull();
  });

  it('never geolocates local, special or unparsable addresses', () => {
    const r = resolver(['8.8.8.0/24']);
    expect(r.facts('8.8.8.8')).toMatchObject({ scope: 'local', country: null, transfer: 'none', geoSources: [] });
    expect(r.facts('10.1.2.3')).toMatchObject({ scope: 'local', operator: null, transfer: 'none' });
    expect(r.facts('192.0.2.1')).toMatchObject({
      scope: 'special',
      transfer: 'none',
      transferReason: 'special-purpose address (documentation (TEST-NET-1)): not routed to a remote destination',
    });
    expect(r.facts('01.1.1.1')).toMatchObject({ scope: 'special', scopeLabel: 'not an IP address', country: null });
  });

  it('hands out the parse it just made, and parses any other address', () => {
    const r = resolver();
    r.facts('1.1.1.1');
    expect(r.addressOf('1.1.1.1')).toEqual(Uint8Array.of(1, 1, 1, 1));
    expect(r.addressOf('2a00::5')).toEqual(parseIp('2a00::5'));
    expect(r.addressOf('nonsense')).toBeNull();
  });
});

describe('DestinationFactsResolver with published cloud ranges', () => {
  const source = (id: string, provider: string, name: string, version: string, date: string) => ({
    id,
    provider,
    name,
    url: 'https://example.invalid',
    version,
    date,
    licence: 'none stated',
    regionDocumentation: null,
  });
  const ranges: [string, number, string | null, string | null, 'region' | 'anycast' | 'global'][] = [
    ['1.1.1.0/25', 0, 'us-east-1', 'US', 'region'],
    ['1.1.1.128/26', 0, null, null, 'anycast'],
    ['8.8.8.0/24', 0, null, null, 'global'],
    ['52.112.0.0/14', 1, null, null, 'global'],
    ['52.113.5.0/24', 2, 'westeurope', 'NL', 'region'],
  ];
  const cloud = CloudRanges.fromJson(
    serialiseTable({
      format: 2,
      about: '',
      sources: [
        source('aws-ip-ranges', 'AWS', 'ip-ranges.json', 'syncToken 1', '2026-08-22'),
        source(
          'microsoft-365-endpoints',
          'Microsoft 365',
          'worldwide endpoint list',
          'version 2023073100',
          '2023-07-31',
        ),
        source('azure-service-tags-public', 'Azure', 'Service Tags (Public)', 'changeNumber 375', '2025-10-28'),
      ],
      ranges,
      ...compactIntervals(ranges.map((r) => r[0])),
    }),
  );
  const withCloud = () => new DestinationFactsResolver(geo, new AddressClassifier([]), '2026-11-29', cloud);

  it('replaces the database country with the published region, naming both', () => {
    const f = withCloud().facts('1.1.1.1');
    expect(f.country).toBe('US');
    expect(f.cloud).toMatchObject({ databaseCountry: 'DE', range: { region: 'us-east-1', kind: 'region' } });
    expect(f.cloud?.reason).toContain('places this address in US, not DE');
    expect(f.geoSources[0]).toEqual({
      database: 'AWS ip-ranges.json us-east-1 (syncToken 1, 2026-08-22)',
      type: 'cloud-ranges',
      buildDate: '2026-08-22',
    });
    expect(f.transfer).not.toBe('eea');
  });

  it('keys its cache by the published range too: one database answer, different ranges', () => {
    const r = withCloud();
    expect(r.facts('1.1.1.1').country).toBe('US');
    expect(r.facts('1.1.1.200').country).toBe('DE'); // same database record, outside every published range
    const any = r.facts('1.1.1.130');
    expect(any.country).toBe('DE');
    expect(any.operator?.anycast).toBe(true);
    expect(any.cloud?.reason).toContain('anycast');
    expect(r.facts('1.1.1.2')).toBe(r.facts('1.1.1.1'));
  });

  it('keeps the database country for ranges published without a region, and says it is no evidence', () => {
    const f = withCloud().facts('8.8.8.8');
    expect(f.country).toBe('US');
    expect(f.cloud).toMatchObject({ databaseCountry: 'US', range: { kind: 'global' } });
    expect(f.cloud?.reason).toContain('the database country (US) is not evidence of where the server is');
    expect(f.locationNotFixed).toBe(true);
    expect(resolver().facts('1.1.1.1').cloud).toBeNull();
  });

  it('marks a Microsoft 365 worldwide range as not fixed in place, and a regional tag inside it as fixed', () => {
    const r = withCloud();
    const teams = r.facts('52.113.194.132');
    expect(teams.country).toBe('CA');
    expect(teams.cloud?.range).toMatchObject({ prefix: '52.112.0.0/14', kind: 'global', country: null });
    expect(teams.cloud?.reason).toBe(
      'Microsoft 365 worldwide endpoint list (version 2023073100, 2023-07-31) publishes 52.112.0.0/14 worldwide, without a region: the database country (CA) is not evidence of where the server is',
    );
    expect(teams.locationNotFixed).toBe(true);
    const regional = r.facts('52.113.5.9');
    expect(regional.country).toBe('NL');
    expect(regional.cloud?.range.region).toBe('westeurope');
    expect(regional.locationNotFixed).toBe(false);
    expect(regional.operator?.anycast).toBe(false);
    // Without published ranges only the operator's anycast flag says so (AS8075 carries it).
    expect(resolver().facts('52.113.194.132').locationNotFixed).toBe(true);
    expect(resolver().facts('1.1.1.1').locationNotFixed).toBe(false);
  });
});
