import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalPrefix,
  ImportError,
  type ParsedSource,
  parseAwsIpRanges,
  parseAzureServiceTags,
  parseCloudflareList,
  parseFastlyList,
  parseGoogleCloud,
  parseOracleCloud,
} from '../../../src/tools/cloud-ranges-import/parsers.js';
import { awsBorderGroupCountry } from '../../../src/tools/cloud-ranges-import/regions.js';

const aws = JSON.stringify({
  syncToken: '1787433425',
  createDate: '2026-08-22-21-17-05',
  prefixes: [
    { ip_prefix: '3.120.0.0/14', region: 'eu-central-1', service: 'AMAZON', network_border_group: 'eu-central-1' },
    { ip_prefix: '15.230.1.0/24', region: 'us-east-1', service: 'EC2', network_border_group: 'us-east-1-bue-1' },
    { ip_prefix: '13.32.0.0/15', region: 'GLOBAL', service: 'CLOUDFRONT', network_border_group: 'GLOBAL' },
    { ip_prefix: '99.82.0.0/17', region: 'GLOBAL', service: 'GLOBALACCELERATOR', network_border_group: 'GLOBAL' },
    { ip_prefix: '1.2.3.0/24', region: 'xx-new-9', service: 'EC2', network_border_group: 'xx-new-9' },
    { ip_prefix: 'not a prefix', region: 'eu-west-1', service: 'EC2', network_border_group: 'eu-west-1' },
    { ip_prefix: '3.4.12.7/30', region: 'eu-west-1', service: 'EC2', network_border_group: 'eu-west-1' },
    'junk',
  ],
  ipv6_prefixes: [
    { ipv6_prefix: '2A05:D014::/35', region: 'eu-central-1', service: 'AMAZON', network_border_group: 'eu-central-1' },
  ],
});

describe('cloud range parsers', () => {
  it('reads AWS regions, Local Zones, GLOBAL and Global Accelerator', () => {
    const p = parseAwsIpRanges(aws);
    expect(p.version).toBe('syncToken 1787433425');
    expect(p.date).toBe('2026-08-22');
    expect(p.skipped).toBe(2);
    expect(p.ranges).toEqual([
      { prefix: '3.120.0.0/14', region: 'eu-central-1', country: 'DE', kind: 'region' },
      { prefix: '15.230.1.0/24', region: 'us-east-1-bue-1', country: 'AR', kind: 'region' },
      { prefix: '13.32.0.0/15', region: null, country: null, kind: 'global' },
      { prefix: '99.82.0.0/17', region: null, country: null, kind: 'anycast' },
      { prefix: '1.2.3.0/24', region: 'xx-new-9', country: null, kind: 'unknown-region' },
      { prefix: '3.4.12.4/30', region: 'eu-west-1', country: 'IE', kind: 'region' },
      { prefix: '2a05:d014::/35', region: 'eu-central-1', country: 'DE', kind: 'region' },
    ]);
  });

  it('maps AWS zones by their city code, never by guessing', () => {
    expect(awsBorderGroupCountry('eu-central-1', 'eu-central-1-waw-1')).toBe('PL');
    expect(awsBorderGroupCountry('eu-central-1', 'eu-central-1-wl1-muc-wlz-1')).toBe('DE');
    expect(awsBorderGroupCountry('ap-southeast-1', 'ap-southeast-1-sggov-sin-1a')).toBe('SG');
    expect(awsBorderGroupCountry('us-east-1', 'us-east-1-zzz-1')).toBeNull();
    expect(awsBorderGroupCountry('us-east-1', 'eu-west-1')).toBeNull();
    expect(awsBorderGroupCountry('constructor', 'constructor')).toBeNull();
  });

  it('reads Google Cloud scopes', () => {
    const p = parseGoogleCloud(
      JSON.stringify({
        syncToken: '1753409788780',
        creationTime: '2025-07-24T19:16:28.780563',
        prefixes: [
          { ipv4Prefix: '34.90.0.0/15', service: 'Google Cloud', scope: 'europe-west4' },
          { ipv6Prefix: '2600:1900::/35', service: 'Google Cloud', scope: 'global' },
          { ipv4Prefix: '34.1.0.0/20', service: 'Google Cloud', scope: 7 },
        ],
      }),
    );
    expect(p).toMatchObject({ version: 'syncToken 1753409788780', date: '2025-07-24', skipped: 1 });
    expect(p.ranges).toEqual([
      { prefix: '34.90.0.0/15', region: 'europe-west4', country: 'NL', kind: 'region' },
      { prefix: '2600:1900::/35', region: null, country: null, kind: 'global' },
    ]);
  });

  it('reads Azure regional tags, tags without region and Front Door as anycast', () => {
    const tag = (name: string, region: string, addressPrefixes: unknown) => ({
      name,
      id: name,
      properties: { changeNumber: 1, region, addressPrefixes },
    });
    const p = parseAzureServiceTags(
      JSON.stringify({
        changeNumber: 375,
        cloud: 'Public',
        values: [
          tag('AzureCloud.westeurope', 'westeurope', ['20.50.0.0/18']),
          tag('AzureCloud.northeurope', 'northeurope', ['20.54.0.0/17']),
          tag('AzureActiveDirectory', '', ['20.190.128.0/18']),
          tag('AzureFrontDoor.FirstParty', '', ['13.107.42.0/23']),
          tag('Broken', 'westeurope', 'not a list'),
        ],
      }),
      '2025-10-28',
    );
    expect(p).toMatchObject({ version: 'changeNumber 375', date: '2025-10-28', skipped: 1 });
    expect(p.ranges).toEqual([
      { prefix: '20.50.0.0/18', region: 'westeurope', country: 'NL', kind: 'region' },
      { prefix: '20.54.0.0/17', region: 'northeurope', country: 'IE', kind: 'region' },
      { prefix: '20.190.128.0/18', region: 'AzureActiveDirectory', country: null, kind: 'global' },
      { prefix: '13.107.42.0/23', region: 'AzureFrontDoor.FirstParty', country: null, kind: 'anycast' },
    ]);
    expect(() =>
      parseAzureServiceTags(JSON.stringify({ changeNumber: 1, cloud: 'China', values: [] }), '2025-10-28'),
    ).toThrow(ImportError);
  });

  it('reads Oracle regions, Cloudflare and Fastly lists', () => {
    const o = parseOracleCloud(
      JSON.stringify({
        last_updated_timestamp: '2025-07-21T07:13:25.457838',
        regions: [{ region: 'eu-frankfurt-1', cidrs: [{ cidr: '130.61.0.0/16', tags: ['OCI'] }, 5] }],
      }),
    );
    expect(o.ranges).toEqual([{ prefix: '130.61.0.0/16', region: 'eu-frankfurt-1', country: 'DE', kind: 'region' }]);
    expect(o.skipped).toBe(1);
    const c = parseCloudflareList('173.245.48.0/20\n\n2400:cb00::/32\r\nnonsense\n', '2024-10-29');
    expect(c.ranges.map((r) => [r.prefix, r.kind])).toEqual([
      ['173.245.48.0/20', 'anycast'],
      ['2400:cb00::/32', 'anycast'],
    ]);
    expect(c.skipped).toBe(1);
    const f = parseFastlyList('{"addresses":["151.101.0.0/16"],"ipv6_addresses":["2a04:4e42::/32"]}', '2024-10-08');
    expect(f.ranges).toHaveLength(2);
  });

  it('refuses files that are not the format', () => {
    expect(() => parseAwsIpRanges('[]')).toThrow(ImportError);
    expect(() => parseAwsIpRanges('{"syncToken":"1","createDate":"2026-02-30-00-00-00"}')).toThrow(ImportError);
    expect(() => parseGoogleCloud('not json')).toThrow(ImportError);
    expect(() => parseCloudflareList('', '2024-10-29')).toThrow(ImportError);
  });

  it('canonicalises prefixes', () => {
    expect(canonicalPrefix('10.1.2.3/8')).toBe('10.0.0.0/8');
    expect(canonicalPrefix('2001:DB8:0:0::1/32')).toBe('2001:db8::/32');
    expect(canonicalPrefix('10.0.0.0')).toBeNull();
    expect(canonicalPrefix('10.0.0.0/33')).toBeNull();
  });

  it('never throws anything but ImportError on hostile input, and returns only canonical prefixes (property)', () => {
    const prefixish = fc.oneof(
      fc.string(),
      fc.ipV4().map((ip) => `${ip}/${Math.floor(ip.length % 33)}`),
      fc.ipV6().map((ip) => `${ip}/64`),
    );
    const entry = fc.record(
      {
        ip_prefix: prefixish,
        ipv6_prefix: prefixish,
        ipv4Prefix: prefixish,
        region: fc.oneof(fc.string(), fc.constantFrom('eu-west-1', 'GLOBAL', 'westeurope', '')),
        network_border_group: fc.string(),
        scope: fc.string(),
        service: fc.string(),
        cidr: prefixish,
      },
      { requiredKeys: [] },
    );
    const doc = fc.oneof(
      fc.jsonValue(),
      fc.record({
        syncToken: fc.oneof(fc.constant('123'), fc.string()),
        createDate: fc.oneof(fc.constant('2026-08-22-21-17-05'), fc.string()),
        creationTime: fc.oneof(fc.constant('2025-07-24T19:16:28'), fc.string()),
        last_updated_timestamp: fc.oneof(fc.constant('2025-07-21T07:13:25'), fc.string()),
        changeNumber: fc.oneof(fc.constant(3), fc.anything()),
        cloud: fc.constantFrom('Public', 'China'),
        prefixes: fc.array(fc.oneof(entry, fc.anything())),
        ipv6_prefixes: fc.array(fc.oneof(entry, fc.anything())),
        regions: fc.array(fc.record({ region: fc.string(), cidrs: fc.array(fc.oneof(entry, fc.anything())) })),
        values: fc.array(
          fc.record({
            name: fc.string(),
            properties: fc.record({ region: fc.string(), addressPrefixes: fc.array(prefixish) }),
          }),
        ),
        addresses: fc.array(prefixish),
      }),
    );
    const parsers: ((t: string) => ParsedSource)[] = [
      parseAwsIpRanges,
      parseGoogleCloud,
      parseOracleCloud,
      (t) => parseAzureServiceTags(t, '2025-10-28'),
      (t) => parseCloudflareList(t, '2024-10-29'),
      (t) => parseFastlyList(t, '2024-10-08'),
    ];
    fc.assert(
      fc.property(
        fc.oneof(
          doc.map((d) => JSON.stringify(d) ?? 'null'),
          fc.string(),
        ),
        (text) => {
          for (const parse of parsers) {
            let p: ParsedSource;
            try {
              p = parse(text);
            } catch (e) {
              expect(e).toBeInstanceOf(ImportError);
              continue;
            }
            for (const r of p.ranges) {
              expect(canonicalPrefix(r.prefix)).toBe(r.prefix);
              expect(r.kind === 'region').toBe(r.country !== null);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
