import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseM365Ranges } from '../../../src/tools/cloud-ranges-import/m365-ranges.js';
import { ImportError } from '../../../src/tools/cloud-ranges-import/parsers.js';

const root = join(import.meta.dirname, '..', '..', '..');

const HEADER = '<!--Worldwide endpoints version 2023073100-->\n<!--File generated 2023-07-31 08:00:03.0494-->\n';
const TABLE = [
  '## Skype for Business Online and Microsoft Teams',
  '',
  'ID | Category | ER | Addresses | Ports',
  '-- | --- | --- | --- | ---',
  '11 | Optimize<BR>Required | Yes | `52.112.0.0/14, 52.122.0.0/15, 2603:1063::/39, 2603:1063::1, 52.113.0.0/33` | **UDP:** 3478',
  '12 | Allow<BR>Required | Yes | `*.lync.com, *.teams.microsoft.com`<BR>`52.112.0.0/14` | **TCP:** 443',
  'x | Allow | No | `*.example.com` | **TCP:** 443',
  '',
].join('\n');

describe('parseM365Ranges', () => {
  it('takes every address range as worldwide, without a region, with the list version and date', () => {
    const parsed = parseM365Ranges(HEADER + TABLE);
    expect(parsed.version).toBe('version 2023073100');
    expect(parsed.date).toBe('2023-07-31');
    expect(parsed.ranges).toEqual([
      { prefix: '52.112.0.0/14', region: null, country: null, kind: 'global' },
      { prefix: '52.122.0.0/15', region: null, country: null, kind: 'global' },
      { prefix: '2603:1063::/39', region: null, country: null, kind: 'global' },
      { prefix: '52.112.0.0/14', region: null, country: null, kind: 'global' },
    ]);
    // A bare address and a /33 are not networks (never guessed as /128); the row whose ID is not a number is the table parser's bad row.
    expect(parsed.skipped).toBe(3);
  });

  it('refuses a file without the list version, date or any range', () => {
    expect(() => parseM365Ranges(TABLE)).toThrow(ImportError);
    expect(() => parseM365Ranges(`<!--Worldwide endpoints version 2023073100-->\n${TABLE}`)).toThrow('date');
    expect(() => parseM365Ranges(HEADER.replace('2023-07-31', '2023-02-30') + TABLE)).toThrow('date');
    expect(() => parseM365Ranges(HEADER)).toThrow('no address range');
  });

  it('never throws anything but ImportError on hostile input (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), fc.string({ maxLength: 200 }), (a, b) => {
        try {
          const parsed = parseM365Ranges(`${HEADER}${a}\n${TABLE}\n${b}`);
          for (const r of parsed.ranges) expect(r.kind).toBe('global');
        } catch (e) {
          expect(e).toBeInstanceOf(ImportError);
        }
      }),
    );
  });

  it('reads the locked list: Teams 52.112.0.0/14 is published worldwide', () => {
    const text = readFileSync(
      join(root, 'data/sources/microsoft-365-endpoints/office-365-worldwide-endpoints.md'),
      'utf8',
    );
    const parsed = parseM365Ranges(text);
    expect(parsed.version).toBe('version 2023073100');
    expect(parsed.skipped).toBe(0);
    expect(parsed.ranges.map((r) => r.prefix)).toContain('52.112.0.0/14');
  });
});
