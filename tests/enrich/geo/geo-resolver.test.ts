import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../../src/core/errors.js';
import { GeoResolver } from '../../../src/enrich/geo/geo-resolver.js';
import { openDatabaseBuffer } from '../../../src/enrich/geo/open-database.js';
import { type MmdbEntry, type MmdbMetadata, mmdbType, writeMmdb } from '../../../src/writer/mmdb-writer.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const tmp = mkdtempSync(path.join(tmpdir(), 'outflow-geo-'));
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

const EPOCH = 1717200000; // 2024-06-01
const meta = (databaseType: string, ipVersion: 4 | 6 = 6): MmdbMetadata => ({
  databaseType,
  ipVersion,
  buildEpoch: EPOCH,
});

function dbDir(name: string, files: Record<string, Buffer>): string {
  const dir = path.join(tmp, name);
  mkdirSync(dir, { recursive: true });
  for (const [f, buf] of Object.entries(files)) writeFileSync(path.join(dir, f), buf);
  return dir;
}

const maxmindCountry = (iso: string, registered?: string) => ({
  continent: { code: 'EU', geoname_id: 6255148, names: { en: 'Europe' } },
  country: { geoname_id: 2921044, iso_code: iso, names: { en: 'Germany', de: 'Deutschland' } },
  registered_country: { geoname_id: 2921044, iso_code: registered ?? iso, names: { en: 'Germany' } },
});
const maxmindCity = {
  ...maxmindCountry('DE'),
  city: { geoname_id: 2950159, names: { en: 'Berlin' } },
  location: {
    accuracy_radius: mmdbType.uint16(20),
    latitude: mmdbType.double(52.5244),
    longitude: mmdbType.double(13.4105),
    time_zone: 'Europe/Berlin',
  },
};

const schemas: { name: string; entries: MmdbEntry[]; type: string; expect: Record<string, unknown> }[] = [
  {
    name: 'GeoLite2-Country',
    type: 'GeoLite2-Country',
    entries: [{ network: '192.0.2.0/24', data: maxmindCountry('DE') }],
    expect: { country: 'DE', asn: null, asOrg: null },
  },
  {
    name: 'GeoIP2-City',
    type: 'GeoIP2-City',
    entries: [{ network: '192.0.2.0/24', data: maxmindCity }],
    expect: { country: 'DE', city: 'Berlin', location: { lat: 52.5244, lon: 13.4105, accuracyKm: 20 } },
  },
  {
    name: 'GeoLite2-ASN',
    type: 'GeoLite2-ASN',
    entries: [
      {
        network: '192.0.2.0/24',
        data: { autonomous_system_number: 64500, autonomous_system_organization: 'Example Networks' },
      },
    ],
    expect: { country: null, asn: 64500, asOrg: 'Example Networks' },
  },
  {
    name: 'DB-IP city lite (MaxMind schema)',
    type: 'DBIP-City-Lite',
    entries: [{ network: '192.0.2.0/24', data: maxmindCity }],
    expect: { country: 'DE', city: 'Berlin' },
  },
  {
    name: 'registered country only',
    type: 'GeoLite2-Country',
    entries: [{ network: '192.0.2.0/24', data: { registered_country: { iso_code: 'FR', geoname_id: 1 } } }],
    expect: { country: 'FR' },
  },
  {
    name: 'ip-location-db flat country',
    type: 'country ipvAll',
    entries: [{ network: '192.0.2.0/24', data: { country_code: 'nl' } }],
    expect: { country: 'NL', asn: null },
  },
  {
    name: 'ip-location-db flat asn',
    type: 'asn ipvAll',
    entries: [
      {
        network: '192.0.2.0/24',
        data: { autonomous_system_number: 64501, autonomous_system_organization: 'Flat Org' },
      },
    ],
    expect: { asn: 64501, asOrg: 'Flat Org', country: null },
  },
  {
    name: 'ip-location-db flat city',
    type: 'city ipvAll',
    entries: [
      { network: '192.0.2.0/24', data: { country_code: 'AT', city: 'Wien', latitude: 48.2, longitude: 16.37 } },
    ],
    expect: { country: 'AT', city: 'Wien', location: { lat: 48.2, lon: 16.37 } },
  },
  {
    name: 'IPinfo country_asn',
    type: 'ipinfo country_asn.mmdb',
    entries: [
      {
        network: '192.0.2.0/24',
        data: { country: 'SE', country_name: 'Sweden', asn: 'AS64502', as_name: 'Info AB', as_domain: 'info.example' },
      },
    ],
    expect: { country: 'SE', asn: 64502, asOrg: 'Info AB' },
  },
  {
    name: 'IPinfo lite',
    type: 'ipinfo lite.mmdb',
    entries: [
      {
        network: '192.0.2.0/24',
        data: { country_code: 'FI', country: 'Finland', asn: 'AS64503', as_name: 'Lite Oy', continent: 'Europe' },
      },
    ],
    expect: { country: 'FI', asn: 64503, asOrg: 'Lite Oy' },
  },
  {
    name: 'IPinfo asn',
    type: 'ipinfo asn.mmdb',
    entries: [{ network: '192.0.2.0/24', data: { asn: 'AS64504', name: 'Asn Inc', domain: 'asn.example' } }],
    expect: { asn: 64504, asOrg: 'Asn Inc', country: null },
  },
];

describe('GeoResolver: schemas', () => {
  for (const s of schemas) {
    for (const ipVersion of [4, 6] as const) {
      it(`${s.name} (IPv${ipVersion} database)`, async () => {
        const dir = dbDir(`${s.name}-${ipVersion}`.replace(/\W+/g, '_'), {
          'a.mmdb': writeMmdb(s.entries, meta(s.type, ipVersion)),
        });
        const geo = await GeoResolver.open([dir]);
        const a = geo.lookup('192.0.2.10');
        expect(a).toMatchObject(s.expect);
        expect(a.sources).toEqual([{ database: 'a.mmdb', type: s.type, buildDate: '2024-06-01' }]);
        expect(geo.lookup('198.51.100.1')).toEqual({ country: null, asn: null, asOrg: null, sources: [] });
        expect(geo.lookup('2001:db8::1').country).toBeNull();
        expect(geo.lookup('not an ip').country).toBeNull();
      });
    }
  }
});

describe('GeoResolver: directories', () => {
  it('merges roles and lets earlier directories win', async () => {
    const user = dbDir('user', {
      'GeoLite2-Country.mmdb': writeMmdb(
        [{ network: '192.0.2.0/24', data: maxmindCountry('CH') }],
        meta('GeoLite2-Country'),
      ),
    });
    const shipped = dbDir('shipped', {
      'country.mmdb': writeMmdb([{ network: '192.0.2.0/23', data: { country_code: 'DE' } }], meta('country')),
      'asn.mmdb': writeMmdb(
        [{ network: '192.0.0.0/16', data: { autonomous_system_number: 64510, autonomous_system_organization: 'X' } }],
        meta('outflow-ASN'),
      ),
      'manifest.json': Buffer.from(
        JSON.stringify({
          files: [{ file: 'asn.mmdb', source: 'pkg@1', licence: 'CC BY 4.0', attribution: 'Someone' }],
        }),
      ),
      'README.txt': Buffer.from('ignored'),
    });
    const geo = await GeoResolver.open([user, shipped]);
    const a = geo.lookup('192.0.2.1');
    expect(a).toMatchObject({ country: 'CH', asn: 64510 });
    expect(a.sources.map((s) => s.database)).toEqual(['GeoLite2-Country.mmdb', 'asn.mmdb']);
    expect(geo.lookup('192.0.3.1')).toMatchObject({ country: 'DE', asn: 64510 });
    const dbs = geo.databases();
    expect(dbs.map((d) => [d.file, d.role])).toEqual([
      ['GeoLite2-Country.mmdb', 'country'],
      ['country.mmdb', 'country'],
      ['asn.mmdb', 'asn'],
    ]);
    expect(dbs[2]).toMatchObject({
      source: 'pkg@1',
      licence: 'CC BY 4.0',
      attribution: 'Someone',
      buildDate: '2024-06-01',
    });
    expect(dbs[0]?.sha256).toMatch(/^[0-9a-f]{64}$/);
    // Cached: the same object comes back.
    expect(geo.lookup('192.0.2.1')).toBe(a);
  });

  it('opens a single file path too', async () => {
    const dir = dbDir('single', {
      'x.mmdb': writeMmdb([{ network: '10.0.0.0/8', data: { country_code: 'PL' } }], meta('c', 4)),
    });
    const geo = await GeoResolver.open([path.join(dir, 'x.mmdb')]);
    expect(geo.lookup('10.1.1.1').country).toBe('PL');
    // IPv6 lookups in an IPv4-only database answer unknown.
    expect(geo.lookup('2001:db8::1').country).toBeNull();
  });
});

describe('GeoResolver: bad databases', () => {
  const good = writeMmdb([{ network: '192.0.2.0/24', data: { country_code: 'DE' } }], meta('c'));

  it('explains a gzip or tar.gz given instead of the .mmdb', async () => {
    const gz = dbDir('gz', { 'GeoLite2-City.mmdb': gzipSync(good) });
    await expect(GeoResolver.open([gz])).rejects.toThrow(/gzip archive.*gunzip GeoLite2-City\.mmdb/);
    const tarball = Buffer.alloc(1024);
    tarball.write('ustar', 257, 'latin1');
    const onlyArchive = dbDir('tgz', { 'GeoLite2-City_20240601.tar.gz': gzipSync(tarball) });
    await expect(GeoResolver.open([onlyArchive])).rejects.toThrow(/tar xzf GeoLite2-City_20240601\.tar\.gz/);
    const tarInside = dbDir('tar', { 'db.mmdb': tarball });
    await expect(GeoResolver.open([tarInside])).rejects.toThrow(/tar archive/);
  });

  it('refuses corrupt, truncated and unknown-schema files with an InputError', async () => {
    expect(() => openDatabaseBuffer(Buffer.from('hello world'), 'x.mmdb')).toThrow(InputError);
    // Metadata intact but the tree claims more nodes than the file holds.
    const truncated = Buffer.concat([
      good.subarray(0, 10),
      good.subarray(good.indexOf(Buffer.from([0xab, 0xcd, 0xef]))),
    ]);
    expect(() => openDatabaseBuffer(truncated, 't.mmdb')).toThrow(/truncated or corrupt/);
    const unknown = writeMmdb([{ network: '192.0.2.0/24', data: { foo: 'bar' } }], meta('Weird'));
    expect(() => openDatabaseBuffer(unknown, 'w.mmdb')).toThrow(/record layout not recognised/);
    await expect(GeoResolver.open([path.join(tmp, 'does-not-exist')])).rejects.toThrow(InputError);
    await expect(GeoResolver.open([dbDir('empty', {})])).rejects.toThrow(/no \.mmdb/);
  });

  it('never throws on lookups in a database with broken records', async () => {
    // Flip bytes in the data section: lookups may fail inside the reader, and answer unknown.
    const broken = Buffer.from(good);
    const start = broken.indexOf(Buffer.from([0xab, 0xcd, 0xef]));
    for (let i = start - 12; i < start; i++) broken[i] = 0xff;
    const dir = dbDir('broken', { 'b.mmdb': broken });
    let geo: GeoResolver | null = null;
    try {
      geo = await GeoResolver.open([dir]);
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
    }
    if (geo !== null) expect(() => geo?.lookup('192.0.2.1')).not.toThrow();
  });
});

describe('shipped databases (smoke test)', () => {
  it('open and give some country and ASN for 8.8.8.8', async () => {
    const geo = await GeoResolver.open([path.join(repoRoot, 'geoip-data')]);
    const a = geo.lookup('8.8.8.8');
    expect(a.country).toMatch(/^[A-Z]{2}$/);
    expect(a.asn).toBeGreaterThan(0);
    expect(
      geo
        .databases()
        .map((d) => d.role)
        .sort(),
    ).toEqual(['asn', 'country']);
    const t0 = performance.now();
    for (let i = 0; i < 10_000; i++) geo.lookup('8.8.8.8');
    expect(performance.now() - t0).toBeLessThan(200);
  });
});
