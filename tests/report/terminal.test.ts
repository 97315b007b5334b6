import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { drawBoxTable } from '../../src/report/terminal/box-table.js';
import { fitColumns, LAYOUTS } from '../../src/report/terminal/columns.js';
import { databaseDateLine } from '../../src/report/terminal/summary-lines.js';
import { renderTable, TERMINAL_MAX_ROWS } from '../../src/report/terminal/table-renderer.js';
import { displayWidth, wrapText } from '../../src/report/terminal/wrap.js';
import { report } from '../compare/report-builder.js';
import { hostileReportFixture, reportFixture } from '../fixtures/report-fixture.js';

// biome-ignore lint/suspicious/noControlCharactersInRegex: looking for raw control characters is the point
const RAW_CONTROL = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: looking for raw control characters is the point
const ANSI = /\x1b\[[0-9;]*m/g;
const plain = (s: string): string => s.replace(ANSI, '');
// What cli-table3 measures with (its own dependency): the display cells a terminal gives a line.
const stringWidth = createRequire(import.meta.url)('string-width') as (s: string) => number;
const width = (line: string): number => stringWidth(plain(line));
const WIDTHS = [60, 80, 100, 120, 160, 200];
const tableLines = (out: string): string[] => out.split('\n').filter((l) => /^[┌│├└]/.test(plain(l)));
/** The table's head: the lines above the first rule under it. */
const headOf = (out: string): string => {
  const lines = tableLines(plain(out));
  return lines
    .slice(
      0,
      lines.findIndex((l, i) => i > 0 && l.startsWith('├')),
    )
    .join('\n');
};

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

  it('fits the table into the terminal width, keeping Category and Personal data at every width', () => {
    for (const fixture of [reportFixture(), hostileReportFixture()]) {
      for (const columns of WIDTHS) {
        const out = renderTable(fixture, { color: true, columns });
        const lines = tableLines(out);
        expect(lines.length).toBeGreaterThan(10);
        for (const line of lines) expect(width(line), `${columns}: ${plain(line)}`).toBeLessThanOrEqual(columns);
        const head = headOf(out);
        expect(head, `${columns}`).toMatch(/Category/);
        expect(head, `${columns}`).toMatch(/Personal/);
        expect(plain(out)).not.toMatch(RAW_CONTROL);
      }
    }
  });

  it('cuts no word with "…": every fact of every row is there whole at every width', () => {
    const facts = [
      'telemetry.pdfsuite-update.com',
      'observed: e-mail address',
      'likely: device identifiers, usage data',
      'stadskantoor-sync.eu (owner unknown)',
      'Hetzner Online GmbH (DE)',
      'telemetry / Microsoft',
      'cdn / Cloudflare',
      'third country',
      'adequate if DPF',
      'Singapore',
      '⚠ geo conflict',
    ];
    for (const columns of WIDTHS) {
      const out = plain(renderTable(reportFixture(), { color: false, columns }));
      const table = tableLines(out).join('\n');
      expect(table, `${columns}`).not.toContain('…');
      // Joined back across the cell borders and line ends (spaces aside), each fact reads as it was.
      const cells = new Map<number, string>();
      for (const line of tableLines(out).filter((l) => l.startsWith('│'))) {
        line
          .split('│')
          .slice(1, -1)
          .forEach((c, i) => {
            cells.set(i, `${cells.get(i) ?? ''}${c}`);
          });
      }
      const text = [...cells.values()].join('').replace(/\s+/g, '');
      for (const fact of facts) expect(text, `${columns}: ${fact}`).toContain(fact.replace(/\s+/g, ''));
    }
  });

  it('stacks facts into fewer columns as the terminal narrows, never dropping one', () => {
    const heads = WIDTHS.map((columns) => headOf(renderTable(reportFixture(), { color: false, columns })));
    // 200 and 160: all nine columns; 80 and 60: four, the risk over the destination, the country over the recipient.
    for (const h of heads.slice(-2)) expect(h).toMatch(/Flows/);
    for (const h of heads.slice(0, 2)) {
      expect(h).not.toMatch(/Flows/);
      expect(h).toMatch(/Risk \//);
      expect(h).toMatch(/Country \//);
    }
    const narrow = plain(renderTable(reportFixture(), { color: false, columns: 80 }));
    expect(narrow).toMatch(/│ high +│/);
    expect(narrow).toMatch(/│ out [\d.]+ [kMG]?B,( in [\d.]+ [kMG]?B)? +│/);
    expect(narrow).toMatch(/│ \d+ flows? +│/);
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
  it('takes the widest layout that fits comfortably, and fits down to 40 columns', () => {
    expect(fitColumns(160).columns).toBe(LAYOUTS[0]);
    expect(fitColumns(120).columns).toBe(LAYOUTS[3]);
    expect(fitColumns(80).columns).toBe(LAYOUTS[4]);
    for (const layout of LAYOUTS) {
      const parts = layout.flatMap((c) => c.parts);
      expect(new Set(parts).size).toBe(9);
      expect(parts).toHaveLength(9);
    }
    for (let total = 40; total <= 260; total++) {
      const { widths } = fitColumns(total);
      expect(widths.reduce((a, b) => a + b, 0) + widths.length + 1, `${total}`).toBeLessThanOrEqual(total);
    }
  });

  it('wraps at spaces, then after dots and hyphens, then at the edge, by display cells', () => {
    expect(wrapText('self.events.data.microsoft.com', 16)).toEqual(['self.events.', 'data.microsoft.', 'com']);
    expect(wrapText('observed: device-id, email, windows-profile-path', 12)).toEqual([
      'observed:',
      'device-id,',
      'email,',
      'windows-',
      'profile-path',
    ]);
    expect(wrapText('a'.repeat(20), 8)).toEqual(['aaaaaaaa', 'aaaaaaaa', 'aaaa']);
    expect(wrapText('out 6.69\u00a0kB', 7)).toEqual(['out', '6.69 kB']);
    expect(wrapText('short', 16)).toEqual(['short']);
    expect(wrapText('例え例え例え.jp', 7)).toEqual(['例え例', 'え例え.', 'jp']);
    for (const s of ['例え.jp', 'e\u0301', 'a\u200bb', '⚠ geo', '👍', 'ｆｕｌｌ', 'Ünïcödé']) {
      expect(displayWidth(s), s).toBe(stringWidth(s));
    }
  });

  it('draws boxes as cli-table3 did, padding by display cells, colour codes not counted', () => {
    const out = drawBoxTable({
      widths: [6, 8],
      aligns: ['left', 'right'],
      head: ['A', 'B'],
      rows: [
        ['例え', '\x1b[31m1\x1b[39m\n22'],
        ['', ''],
      ],
    });
    expect(out.split('\n')).toEqual([
      '┌──────┬────────┐',
      '│ A    │      B │',
      '├──────┼────────┤',
      '│ 例え │      \x1b[31m1\x1b[39m │',
      '│      │     22 │',
      '├──────┼────────┤',
      '│      │        │',
      '└──────┴────────┘',
    ]);
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

describe('terminal summary line', () => {
  it('says "1 flow" and "1 destination" in the singular', () => {
    const one = plain(renderTable(report([{ name: 'one.example', flows: 1 }]), { color: false, columns: 120 }));
    expect(one).toContain('1 flow · ');
    expect(one).toContain(' · 1 destination · ');
    const two = plain(
      renderTable(report([{ name: 'a.example', flows: 2 }, { name: 'b.example' }]), { color: false, columns: 120 }),
    );
    expect(two).toMatch(/\d+ flows · .* · 2 destinations · /);
  });
});
