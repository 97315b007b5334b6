import { describe, expect, it } from 'vitest';
import { anycastStatus } from '../../../src/enrich/location/anycast.js';
import { CountryGeometry } from '../../../src/enrich/location/country-geometry.js';
import { distanceKm, distanceToSegmentKm } from '../../../src/enrich/location/geodesy.js';
import { regionHints } from '../../../src/enrich/location/region-hints.js';
import { checkSpeedOfLight, maxDistanceKm, parseVantage } from '../../../src/enrich/location/speed-of-light.js';

// A constructed world: two squares 10° apart on the equator (about 1112 km per degree of longitude there).
const world = new CountryGeometry({
  simplifyDegrees: 0,
  countries: {
    AA: {
      name: 'A',
      centroid: [1, 0],
      polygons: [
        [
          [
            [0, -1],
            [2, -1],
            [2, 1],
            [0, 1],
            [0, -1],
          ],
        ],
      ],
    },
    BB: {
      name: 'B',
      centroid: [13, 0],
      polygons: [
        [
          [
            [12, -1],
            [14, -1],
            [14, 1],
            [12, 1],
            [12, -1],
          ],
        ],
      ],
    },
  },
});

describe('geodesy', () => {
  it('measures great-circle distances', () => {
    expect(distanceKm({ lat: 0, lon: 0 }, { lat: 0, lon: 1 })).toBeCloseTo(111.19, 1);
    // Berlin - Paris ≈ 878 km.
    expect(distanceKm({ lat: 52.52, lon: 13.405 }, { lat: 48.857, lon: 2.352 })).toBeGreaterThan(870);
    expect(distanceToSegmentKm({ lat: 1, lon: 5 }, { lat: 0, lon: 0 }, { lat: 0, lon: 10 })).toBeCloseTo(111.19, 0);
    expect(distanceToSegmentKm({ lat: 0, lon: 12 }, { lat: 0, lon: 0 }, { lat: 0, lon: 10 })).toBeCloseTo(222.4, 0);
    expect(distanceToSegmentKm({ lat: 0, lon: -3 }, { lat: 0, lon: 0 }, { lat: 0, lon: 10 })).toBeCloseTo(333.6, 0);
  });
});

describe('CountryGeometry', () => {
  it('knows inside, point distance and country distance', () => {
    expect(world.contains('AA', { lat: 0, lon: 1 })).toBe(true);
    expect(world.distanceKm('AA', { lat: 0, lon: 1 })).toBe(0);
    expect(world.distanceKm('BB', { lat: 0, lon: 1 })).toBeCloseTo(11 * 111.19, -1);
    expect(world.countryDistanceKm('AA', 'BB')).toBeCloseTo(10 * 111.19, -1);
    expect(world.countryDistanceKm('AA', 'ZZ')).toBeNull();
  });
});

describe('speed-of-light check', () => {
  it('computes the bound: rtt/2 × 200 km', () => {
    expect(maxDistanceKm(10)).toBe(1000);
  });

  it('flags a database country that cannot be reached within the RTT', () => {
    // 2 ms → at most 200 km; B is 1112 km from A.
    expect(checkSpeedOfLight('BB', 2, { country: 'AA' }, world)).toEqual({
      databaseCountry: 'BB',
      rttMs: 2,
      maxDistanceKm: 200,
      minDistanceKm: 1112,
      vantage: 'AA',
    });
    expect(checkSpeedOfLight('BB', 2, { lat: 0, lon: 1 }, world)?.vantage).toBe('0,1');
  });

  it('accepts consistent or unknowable cases', () => {
    expect(checkSpeedOfLight('BB', 12, { country: 'AA' }, world)).toBeNull(); // 1200 km allowed
    expect(checkSpeedOfLight('AA', 0.5, { country: 'AA' }, world)).toBeNull();
    expect(checkSpeedOfLight('BB', 10.7, { country: 'AA' }, world)).toBeNull(); // within the 50 km margin
    expect(checkSpeedOfLight('ZZ', 1, { country: 'AA' }, world)).toBeNull();
    expect(checkSpeedOfLight(null, 1, { country: 'AA' }, world)).toBeNull();
    expect(checkSpeedOfLight('BB', 0, { country: 'AA' }, world)).toBeNull();
    expect(checkSpeedOfLight('BB', Number.NaN, { country: 'AA' }, world)).toBeNull();
  });

  it('works on the shipped geometry: 3 ms from Germany cannot reach the US', () => {
    const shipped = CountryGeometry.shipped();
    expect(shipped).not.toBeNull();
    if (shipped === null) return;
    expect(shipped.size).toBeGreaterThan(200);
    expect(checkSpeedOfLight('US', 3, { country: 'DE' }, shipped)?.databaseCountry).toBe('US');
    expect(checkSpeedOfLight('NL', 3, { country: 'DE' }, shipped)).toBeNull();
    expect(checkSpeedOfLight('US', 90, { country: 'DE' }, shipped)).toBeNull();
    expect(checkSpeedOfLight('US', 3, { lat: 52.52, lon: 13.4 }, shipped)?.minDistanceKm).toBeGreaterThan(5000);
  });

  it('parses vantage text', () => {
    expect(parseVantage('de')).toEqual({ country: 'DE' });
    expect(parseVantage('52.52, 13.4')).toEqual({ lat: 52.52, lon: 13.4 });
    expect(parseVantage('95,0')).toBeNull();
    expect(parseVantage('Berlin')).toBeNull();
  });
});

describe('region hints', () => {
  it('finds cloud regions, airport codes and the EU word in names', () => {
    const hints = regionHints([
      's3.eu-central-1.amazonaws.com',
      'weu-azsc-000.roaming.officeapps.live.com',
      'storage.europe-west3.example.net',
      'edge-fra1.cdn.example',
      'eu-v10.events.data.microsoft.com',
    ]);
    const got = hints.map((h) => [h.token, h.country, h.kind]);
    expect(got).toContainEqual(['eu-central-1', 'DE', 'cloud-region']);
    expect(got).toContainEqual(['weu', 'NL', 'cloud-region']);
    expect(got).toContainEqual(['europe-west3', 'DE', 'cloud-region']);
    expect(got).toContainEqual(['fra', 'DE', 'airport']);
    expect(got).toContainEqual(['eu', null, 'geo-word']);
    // One hint per region: the long Azure name after "weu" adds nothing.
    expect(regionHints(['foo.westeurope.cloudapp.azure.com', 'weu.example']).map((h) => h.token)).toEqual([
      'westeurope',
    ]);
  });

  it('does not read airport codes inside words', () => {
    expect(regionHints(['frankfurter.example', 'amsterdam.example', 'seattle.example', 'madrid.example'])).toEqual([]);
    expect(regionHints(['www.example.com'])).toEqual([]);
  });
});

describe('anycast', () => {
  it('flags anycast resolvers and CDN ASNs', () => {
    expect(anycastStatus('1.1.1.1', 13335).anycast).toBe(true);
    expect(anycastStatus('2001:4860:4860::8888', null).anycast).toBe(true);
    expect(anycastStatus('203.0.113.1', 13335).reason).toContain('Cloudflare');
    expect(anycastStatus('203.0.113.1', 24940)).toEqual({ anycast: false, reason: null });
  });
});
