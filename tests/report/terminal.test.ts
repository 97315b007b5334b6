import { describe, expect, it } from 'vitest';
import { fitColumns, wrapHostName } from '../../src/report/terminal/columns.js';
import { databaseDateLine } from '../../src/report/terminal/summary-lines.js';
import { renderTable, TERMINAL_MAX_ROWS } from '../../src/report/terminal/table-renderer.js';
import { hostileReportFixture, reportFixture } from '../fixtures/report-fixture.js';

// biome-ignore lint/suspicious/noControlCharactersInRegex: looking for raw control characters is the point
const RAW_CONTROL = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: looking for raw control characters is the point
const ANSI = /\x1b\[[0-9;]*m/g;
const plain = (s: string): string => s.replace(ANSI, '');
const width = (line: string): number => [...plain(line)].length;

describe('terminal table', () => {
  it('starts with the verdict and lists groups by risk', () => {
    const out = renderTable(reportFixture(), { color: false, columns: 200 });
    expect(out.split('\n')[0]).toBe(
      'HIGH RISK  1 high-risk transfer: an e-mail address sent in clear text to an unknown endpoint in Singapore',
    );
    const order = ['telemetry.pdfsuite-update.com', 'self.events.data.microsoft.com', 'files.stadskantoor-sync.eu'];
    const positions = order.map((n) => out.indexOf(n));
    expect(positions.every((p, i) => p > 0 && (i === 0 || p > (positions[i - 1] ?? 0)))).toBe(true);
    expect(out).toContain('⚠ geo');
    expect(out).toContain('anycast');
    expect(out).toContain('+2 more');
    expect(out).toContain('31.4% of bytes leave the EEA');
    expect(out).toContain('Skipped 17 records: truncated-frame 14, log-line-unparsed 3');
    expect(out).toContain('IP Geolocation by DB-IP');
    expect(out).toContain('Why high risk:');
  });

  it('writes no colour unless asked, and colours by risk when asked', () => {
    expect(renderTable(reportFixture(), { color: false, columns: 120 })).not.toContain('\x1b');
    const coloured = renderTable(reportFixture(), { color: true, columns: 120 });
    expect(coloured).toContain('\x1b[31m');
    expect(plain(coloured)).toBe(renderTable(reportFixture(), { color: false, columns: 120 }));
  });

  it('fits the table into the terminal width', () => {
    for (const columns of [60, 80, 100, 120, 200]) {
      const out = renderTable(reportFixture(), { color: true, columns });
      const tableLines = out.split('\n').filter((l) => /^[┌│├└]/.test(plain(l)));
      expect(tableLines.length).toBeGreaterThan(10);
      for (const line of tableLines) expect(width(line)).toBeLessThanOrEqual(columns);
    }
    expect(renderTable(reportFixture(), { color: false, columns: 80 })).not.toContain('Flows │');
  });

  it('never lets control, escape or bidi characters from input through', () => {
    for (const color of [false, true]) {
      const out = renderTable(hostileReportFixture(), { color, columns: 120 });
      expect(plain(out)).not.toMatch(RAW_CONTROL);
      expect(out).not.toContain('\x1b[2J');
      expect(out).not.toContain('\x1b]0;');
      expect(out).toContain('\\x1b[2J');
      expect(out).toContain('verdict \\x1b]0;pwned\\x07');
    }
  });
});

describe('column fitting', () => {
  it('keeps all columns when wide, drops the least important when narrow', () => {
    expect(fitColumns(160).columns.map((c) => c.id)).toHaveLength(9);
    const narrow = fitColumns(70).columns.map((c) => c.id);
    expect(narrow).toContain('risk');
    expect(narrow).toContain('name');
    expect(narrow).toContain('bytes');
    expect(narrow).not.toContain('flows');
    for (const total of [40, 70, 100, 130, 250]) {
      const { widths } = fitColumns(total);
      expect(widths.reduce((a, b) => a + b, 0) + widths.length + 1).toBeLessThanOrEqual(Math.max(total, 48));
    }
  });
  it('wraps host names after dots', () => {
    expect(wrapHostName('self.events.data.microsoft.com', 16)).toBe('self.events.\ndata.microsoft.\ncom');
    expect(wrapHostName('a'.repeat(20), 8)).toBe('aaaaaaaa\naaaaaaaa\naaaa');
    expect(wrapHostName('short', 16)).toBe('short');
  });

  it('shows at most TERMINAL_MAX_ROWS destinations, highest risk first, and counts the rest', () => {
    const r = reportFixture();
    const first = r.destinations[0];
    if (first === undefined) throw new Error('fixture has no destinations');
    const count = TERMINAL_MAX_ROWS + 250;
    r.destinations = Array.from({ length: count }, (_, i) => ({
      ...first,
      id: `d${i + 1}`,
      risk: i === count - 1 ? ('high' as const) : ('low' as const),
      names: [{ name: `h${i}.example`, via: 'dns' as const }],
    }));
    const out = plain(renderTable(r, { color: false, columns: 100 }));
    // The one high-risk group is listed although it came last; 250 low ones are counted, not listed.
    expect(out).toMatch(new RegExp(`│ *h${count - 1}\\.example`));
    expect(out).toContain('… and 250 more destinations (risk low or lower) not shown here');
    expect(out).not.toMatch(new RegExp(`│ *h${count - 2}\\.example`));
  }, 60_000);
});

describe('terminal: GeoIP data far from the traffic in time', () => {
  it('warns naming each database and how far, and says nothing when they are close or the time is unknown', () => {
    const report = reportFixture();
    expect(databaseDateLine(report)).toBe(
      'Warning: dbip-country-lite-2026-06.mmdb was built 90 days after the traffic; asn.mmdb was built 106 days after the traffic: addresses may have changed country or network in between (newer data: npm run geoip:update, or --geoip-dir).',
    );
    report.metadata.timeSpan = { first: '2026-05-20T08:00:00.000000Z', last: '2026-06-20T08:00:00.000000Z' };
    expect(databaseDateLine(report)).toBeNull();
    report.metadata.timeSpan = null;
    expect(databaseDateLine(report)).toBeNull();
    expect(renderTable(report, { color: false, columns: 120 })).not.toContain('Warning:');
  });

  it('escapes a hostile database file name and says when a database has no build date', () => {
    const report = reportFixture();
    const db = report.metadata.databases[0];
    if (db === undefined) throw new Error('fixture lost its databases');
    db.file = '\x1b[2Jevil\u202e.mmdb';
    db.buildDate = null;
    const line = databaseDateLine(report) ?? '';
    expect(line).toContain('has no build date');
    expect(line).not.toMatch(RAW_CONTROL);
  });
});
