/**
 * The README shows the sample's HTML report as a picture (`npm run samples` takes it: src/samples/screenshot.ts).
 * The picture cannot be compared byte for byte (fonts and the browser's rendering vary), so this checks that it
 * is there, is a PNG of the first screen, and is the one the README shows.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('the README screenshot of the HTML report', () => {
  it('is a 1280 x 800 PNG in samples/reports, shown by the README', () => {
    const png = readFileSync(join(root, 'samples', 'reports', 'admin-pc-workday.png'));
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    // IHDR is the first chunk: length (4), type (4), then width and height, big-endian.
    expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1280, 800]);
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    expect(readme).toContain('](samples/reports/admin-pc-workday.png)');
  });
});
