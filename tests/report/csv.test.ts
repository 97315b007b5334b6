import { describe, expect, it } from 'vitest';
import { CSV_HEADER, renderCsv } from '../../src/report/csv/csv-renderer.js';
import { hostileReportFixture, reportFixture } from '../fixtures/report-fixture.js';
import { parseCsv } from './read-csv.js';

describe('CSV renderer', () => {
  it('writes a header and one CRLF-terminated row per destination group', () => {
    const out = renderCsv(reportFixture());
    expect(out.endsWith('\r\n')).toBe(true);
    expect(out.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const rows = parseCsv(out);
    expect(rows[0]).toEqual(CSV_HEADER);
    expect(rows).toHaveLength(8);
    for (const r of rows) expect(r).toHaveLength(CSV_HEADER.length);
    const col = (name: string): number => CSV_HEADER.indexOf(name);
    const first = rows[1] ?? [];
    expect(first[col('risk')]).toBe('high');
    expect(first[col('name')]).toBe('telemetry.pdfsuite-update.com');
    const ga = rows.find((r) => r[col('name')] === 'region1.google-analytics.com') ?? [];
    expect(ga[col('other_names')]).toBe('www.google-analytics.com; analytics.google.com');
    expect(ga[col('ports')]).toBe('tcp/443; udp/443');
    expect(ga[col('bytes_out')]).toBe('61904');
    expect(ga[col('anycast')]).toBe('true');
    expect(ga[col('country_name')]).toBe('United States');
  });

  it('defuses formulas and never breaks a record with input line breaks', () => {
    const out = renderCsv(hostileReportFixture());
    const rows = parseCsv(out);
    expect(rows).toHaveLength(8);
    const cells = rows.flat();
    for (const cell of cells) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    expect(cells).toContain('\'=HYPERLINK("http://x","y")');
    expect(cells).toContain("'+1");
    expect(cells).toContain("'-2");
    expect(cells).toContain("'@SUM(A1)");
    expect(out).not.toContain('\x1b');
    expect(out).toContain('a\\x1b[2Jb\\x07c\\u{202e}d\\u{2028}e|f*g');
  });
});
