import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DestinationFactsResolver } from '../../src/audit/destination-facts.js';
import { parseIp } from '../../src/core/ip-format.js';
import { AddressClassifier } from '../../src/enrich/addresses/classify.js';
import { GeoResolver } from '../../src/enrich/geo/geo-resolver.js';
import { transferStatus } from '../../src/enrich/jurisdiction/transfer-status.js';
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
