import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildTable, serialiseTable, type TableInput } from '../../../src/tools/cloud-ranges-import/build-table.js';
import { CLOUD_TABLE_FILE, importCloudRanges } from '../../../src/tools/cloud-ranges-import/import.js';
import type { PublishedRange } from '../../../src/tools/cloud-ranges-import/parsers.js';

const root = join(import.meta.dirname, '..', '..', '..');

const source = (id: string) => ({
  id,
  provider: id,
  name: 'test',
  url: 'https://example.invalid',
  version: '',
  date: '2026-01-01',
  licence: 'test',
  regionDocumentation: null,
});
const input = (id: string, ranges: PublishedRange[], regionsCoverGlobal = false): TableInput => ({
  source: source(id),
  parsed: { version: '', date: '2026-01-01', ranges, skipped: 0 },
  regionsCoverGlobal,
});
const r = (prefix: string, region: string | null, country: string | null, kind: PublishedRange['kind']) => ({
  prefix,
  region,
  country,
  kind,
});

describe('cloud range table', () => {
  it('reproduces the shipped data/cloud/cloud-ranges.json byte for byte from the locked sources', () => {
    const { text } = importCloudRanges(root);
    expect(text === readFileSync(join(root, CLOUD_TABLE_FILE), 'utf8')).toBe(true);
  });

  it('merges a prefix published twice, marks countries that disagree, drops what a broader entry says', () => {
    const { table, stats } = buildTable(
      [
        input('a', [
          r('10.0.0.0/8', 'eu-central-1', 'DE', 'region'),
          r('10.1.0.0/16', 'eu-central-1', 'DE', 'region'), // adds nothing
          r('10.2.0.0/16', 'eu-west-1', 'IE', 'region'),
          r('10.2.0.0/16', 'eu-west-1', 'IE', 'region'),
          r('10.3.0.0/16', 'us-east-1', 'US', 'region'),
          r('10.3.0.0/16', 'eu-west-1', 'IE', 'region'),
          r('10.4.0.0/16', null, null, 'global'),
          r('10.4.0.0/16', 'eu-west-1', 'IE', 'region'),
        ]),
        input('b', [r('10.2.0.0/16', null, null, 'anycast'), r('2a00::/16', null, null, 'anycast')]),
      ],
      'test',
    );
    expect(table.ranges).toEqual([
      ['10.0.0.0/8', 0, 'eu-central-1', 'DE', 'region'],
      ['10.2.0.0/16', 0, 'eu-west-1', 'IE', 'region'],
      ['10.3.0.0/16', 0, 'eu-west-1+us-east-1', null, 'ambiguous'],
      ['10.4.0.0/16', 0, 'eu-west-1', 'IE', 'region'],
      ['2a00::/16', 1, null, null, 'anycast'],
    ]);
    expect(stats.crossSourceDuplicates).toBe(1);
  });

  it('drops Azure tags without region inside a regional prefix, keeps them elsewhere', () => {
    const { table } = buildTable(
      [
        input(
          'azure',
          [
            r('20.50.0.0/16', 'westeurope', 'NL', 'region'),
            r('20.50.1.0/24', 'AzureActiveDirectory', null, 'global'),
            r('20.0.0.0/8', 'AzureCloud', null, 'global'),
            r('20.50.2.0/24', 'AzureFrontDoor.Frontend', null, 'anycast'),
          ],
          true,
        ),
      ],
      'test',
    );
    expect(table.ranges.map((x) => x[0])).toEqual(['20.0.0.0/8', '20.50.0.0/16', '20.50.2.0/24']);
  });

  it('lets a worldwide list yield to a regional or anycast prefix of an earlier source, and answer around it', () => {
    const { table, stats } = buildTable(
      [
        input('azure', [
          r('52.113.0.0/16', 'westeurope', 'NL', 'region'),
          r('52.114.5.0/24', 'eastus', 'US', 'region'),
          r('40.0.0.0/8', 'AzureCloud', null, 'global'),
          r('13.107.4.0/22', 'AzureFrontDoor.FirstParty', null, 'anycast'),
        ]),
        {
          ...input('m365', [
            r('52.113.128.0/17', null, null, 'global'), // inside Azure's westeurope /16: dropped
            r('52.112.0.0/14', null, null, 'global'), // around both: kept, they stay more specific
            r('40.96.0.0/13', null, null, 'global'), // inside a tag without region: kept, it is more specific
            r('13.107.6.152/31', null, null, 'global'), // inside Front Door (anycast): dropped
          ]),
          yieldsToEarlier: true,
        },
      ],
      'test',
    );
    expect(table.ranges.map((x) => `${x[0]} ${x[1]}`)).toEqual([
      '13.107.4.0/22 0',
      '40.0.0.0/8 0',
      '40.96.0.0/13 1',
      '52.112.0.0/14 1',
      '52.113.0.0/16 0',
      '52.114.5.0/24 0',
    ]);
    expect(stats.yielded).toBe(2);
  });

  it('serialises each answer once, then one range and one interval a line', () => {
    const { table } = buildTable(
      [
        input('a', [
          r('10.0.0.0/8', 'x', 'DE', 'region'),
          r('10.1.0.0/16', 'y', 'IE', 'region'),
          r('11.0.0.0/8', 'x', 'DE', 'region'),
          r('2001:db8::/32', 'x', 'DE', 'region'),
        ]),
      ],
      'about',
    );
    const text = serialiseTable(table);
    const lines = text.split('\n');
    expect(lines.filter((l) => l.startsWith('    [0,'))).toEqual([
      '    [0,"x","DE","region"],',
      '    [0,"y","IE","region"]',
    ]);
    expect(lines).toContain('    "10.1.0.0/16",1,');
    expect(lines).toContain('    "11.0.0.0/8",0,');
    // 10/8 around 10.1/16, then 11/8 (adjacent to 10/8 but another range), then a gap.
    expect(JSON.parse(text).v4).toEqual([167772160, 0, 167837696, 1, 167903232, 0, 184549376, 2, 201326592, -1]);
    expect(JSON.parse(text).v6).toEqual([0x20010db8, 0, 0, 0, 3, 0x20010db9, 0, 0, 0, -1]);
    expect(lines).toContain('    184549376,2,');
  });
});
