/**
 * `audit --baseline` in the CSV, Markdown, HTML and NDJSON reports: new groups marked, gone groups listed (or,
 * for NDJSON, deliberately absent), the earlier report named, every value escaped, and nothing of it in a
 * report made without a baseline (the golden files tests/golden/report.* hold the bytes of that case).
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CSV_BASELINE_HEADER, CSV_HEADER, renderCsv } from '../../src/report/csv/csv-renderer.js';
import { CLIENT_SCRIPT, clientScript } from '../../src/report/html/client-script.js';
import { renderHtml } from '../../src/report/html/html-renderer.js';
import { renderMarkdown } from '../../src/report/markdown/markdown-renderer.js';
import { renderNdjson } from '../../src/report/ndjson/ndjson-renderer.js';
import { reportFixture } from '../fixtures/report-fixture.js';
import {
  BASELINE_FILE,
  baselineReportFixture,
  hostileBaselineReportFixture,
  unchangedBaselineReportFixture,
} from '../fixtures/report-fixture-baseline.js';
import { parseCsv } from './read-csv.js';

const sha = (s: string): string => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;
const inlineBlocks = (html: string, tag: string): string[] =>
  [...html.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => m[1] ?? '');
// biome-ignore lint/suspicious/noControlCharactersInRegex: looking for raw control characters is the point
const RAW_CONTROLS = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u2028\u2029\u202e]/;

describe('CSV with --baseline', () => {
  const rows = parseCsv(renderCsv(baselineReportFixture()));
  const col = (name: string): number => CSV_BASELINE_HEADER.indexOf(name);

  it('keeps every column in place and adds `baseline` as the last one', () => {
    expect(rows[0]).toEqual(CSV_BASELINE_HEADER);
    expect(CSV_BASELINE_HEADER.slice(0, CSV_HEADER.length)).toEqual(CSV_HEADER);
    expect(CSV_BASELINE_HEADER.at(-1)).toBe('baseline');
    for (const r of rows) expect(r).toHaveLength(CSV_BASELINE_HEADER.length);
  });

  it('marks each group new or seen, then adds one `gone` row per gone group with what the baseline knew', () => {
    expect(rows).toHaveLength(1 + 7 + 2);
    const marks = rows.slice(1).map((r) => [r[col('id')], r[col('name')], r[col('baseline')]]);
    expect(marks.filter(([, , b]) => b === 'new').map(([id]) => id)).toEqual(['d2', 'd5']);
    expect(marks.filter(([, , b]) => b === 'seen')).toHaveLength(5);
    expect(marks.slice(7)).toEqual([
      ['', 'licence.pdfsuite-update.com', 'gone'],
      ['', 'connect.facebook.net', 'gone'],
    ]);
    const meta = rows[9] ?? [];
    expect(meta[col('risk')]).toBe('medium');
    expect(meta[col('other_names')]).toBe('www.facebook.com');
    expect(meta[col('country')]).toBe('IE');
    expect(meta[col('country_name')]).toBe('Ireland');
    expect(meta[col('operator')]).toBe('Meta Platforms, Inc.');
    // Nothing of this run: sums over bytes and flows are not changed by gone rows.
    for (const name of ['bytes_out', 'bytes_in', 'flows', 'first_seen', 'transfer', 'ips'])
      expect(meta[col(name)]).toBe('');
  });

  it('an identical baseline marks everything seen and adds no row', () => {
    const same = parseCsv(renderCsv(unchangedBaselineReportFixture()));
    expect(same).toHaveLength(8);
    expect(same.slice(1).map((r) => r[col('baseline')])).toEqual(Array(7).fill('seen'));
  });

  it('a report without a baseline has neither the column nor gone rows', () => {
    const plain = parseCsv(renderCsv(reportFixture()));
    expect(plain[0]).toEqual(CSV_HEADER);
    expect(plain).toHaveLength(8);
  });

  it('defuses formulas and control characters in gone groups', () => {
    const out = renderCsv(hostileBaselineReportFixture());
    expect(out).not.toMatch(RAW_CONTROLS);
    const cells = parseCsv(out).flat();
    for (const cell of cells) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    expect(cells).toContain('\'=HYPERLINK("http://x","gone")');
    expect(cells).toContain("'@SUM(A1)|x\\x1b[2J\\u{202e}");
  });
});

describe('Markdown with --baseline', () => {
  const md = renderMarkdown(baselineReportFixture());

  it('marks new groups in the destinations table and adds "Since the baseline" after it', () => {
    const headings = md.split('\n').filter((l) => l.startsWith('## '));
    expect(headings.slice(1, 4)).toEqual([
      '## Destinations',
      '## Since the baseline',
      '## Findings (high and medium risk)',
    ]);
    const marked = md.split('\n').filter((l) => l.startsWith('| **') && l.includes('*new* '));
    expect(marked.map((l) => l.split(' | ')[1])).toEqual([
      '*new* nexus.officeapps.live.com',
      '*new* cdnjs.cloudflare.com',
    ]);
    expect(md).toContain('| **high** | telemetry.pdfsuite-update.com |');
  });

  it('names the baseline file and date, counts new, seen and gone, and lists the gone groups', () => {
    expect(md).toContain(
      'Compared with reports/admin-pc-2026-02-23.json (generated 2026-02-23 14:05:00 UTC): 2 new (1 medium, 1 low), 5 seen, 2 gone.',
    );
    expect(md).toContain('| **high** | licence.pdfsuite-update.com | SG Singapore | — |');
    expect(md).toContain('| **medium** | connect.facebook.net (+1 more) | IE Ireland | Meta Platforms, Inc. |');
  });

  it('says so when nothing is gone, and shows nothing without a baseline', () => {
    const same = renderMarkdown(unchangedBaselineReportFixture());
    expect(same).toContain(': 0 new, 7 seen, 0 gone.');
    expect(same).toContain('No destination of the baseline is gone.');
    expect(same).not.toContain('*new*');
    const plain = renderMarkdown(reportFixture());
    expect(plain).not.toContain('Since the baseline');
    expect(plain).not.toContain('*new* ');
  });

  it('escapes the baseline file name and gone names; gone rows stay four cells on one line', () => {
    const hostile = renderMarkdown(hostileBaselineReportFixture());
    expect(hostile).not.toMatch(/(?<!\\)</);
    expect(hostile).not.toMatch(RAW_CONTROLS);
    expect(hostile).toContain('Compared with reports/\\<b\\>x\\|y\\</b\\>\\\\x1b\\]0;t\\\\x07\\\\u\\{2028\\}.json');
    const section = hostile.slice(hostile.indexOf('## Since the baseline'), hostile.indexOf('## Findings'));
    const rows = section.split('\n').filter((l) => l.startsWith('| **'));
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row.split(/(?<!\\)\|/).length).toBe(6);
    expect(rows[0]).toContain('\\<script\\>alert\\(3\\)\\</script\\>');
  });
});

describe('HTML with --baseline', () => {
  const html = renderHtml(baselineReportFixture(), { world: null });

  it('allows exactly its own (baseline) style and script by hash', () => {
    const styles = inlineBlocks(html, 'style');
    const scripts = inlineBlocks(html, 'script');
    expect(styles).toHaveLength(1);
    expect(scripts).toHaveLength(1);
    expect(scripts[0]).toBe(clientScript(true));
    expect(html).toContain(`style-src ${sha(styles[0] ?? '')}; script-src ${sha(scripts[0] ?? '')};`);
    expect(styles[0]).toContain('.mark.new{');
  });

  it('puts a badge on new groups, a since-baseline filter, and the baseline state in the row data', () => {
    expect(html.match(/<span class="mark new" title=/g)).toHaveLength(2);
    expect(html).toContain('<select id="baseline-filter">');
    const json = html.match(/<script type="application\/json" id="destination-data">(.*?)<\/script>/)?.[1] ?? '[]';
    const data = JSON.parse(json) as { name: string; baseline: string }[];
    expect(data.filter((d) => d.baseline === 'new').map((d) => d.name)).toEqual([
      'nexus.officeapps.live.com',
      'cdnjs.cloudflare.com',
    ]);
    expect(data.filter((d) => d.baseline === 'seen')).toHaveLength(5);
  });

  it('has a "Since the baseline" section after the table with the file, the counts and the gone groups', () => {
    const at = html.indexOf('<section id="since-baseline">');
    expect(at).toBeGreaterThan(html.indexOf('<section id="destinations-section"'));
    expect(at).toBeLessThan(html.indexOf('<section id="findings"'));
    expect(html).toContain(`Compared with <code>${BASELINE_FILE}</code> (generated 2026-02-23 14:05:00 UTC)`);
    expect(html).toContain('2 new (1 medium, 1 low), 5 seen, 2 gone.');
    expect(html).toContain('<h3 id="gone">Gone since the baseline (2)</h3>');
    expect(html).toContain(
      '<span class="host">connect.facebook.net</span><span class="sub">also www.facebook.com</span>',
    );
    expect(html).toContain(`compared with ${BASELINE_FILE}</p>`);
  });

  it('keeps a report without a baseline free of all of it, with the script it always had', () => {
    const plain = renderHtml(reportFixture(), { world: null });
    for (const s of ['baseline-filter', 'since-baseline', 'mark new', '.mark.new', 'compared with', 'sinceFilter'])
      expect(plain).not.toContain(s);
    expect(inlineBlocks(plain, 'script')).toEqual([CLIENT_SCRIPT]);
    expect(clientScript(false)).toBe(CLIENT_SCRIPT);
    expect(renderHtml(unchangedBaselineReportFixture(), { world: null })).toContain(
      '<p>No destination of the baseline is gone.</p>',
    );
  });

  it('escapes the baseline file name and the gone groups', () => {
    const hostile = renderHtml(hostileBaselineReportFixture(), { world: null });
    expect(hostile).not.toContain('<script>alert');
    expect(hostile).not.toContain('<b>x');
    expect(hostile).not.toMatch(RAW_CONTROLS);
    expect(hostile).toContain('&lt;script&gt;alert(3)&lt;/script&gt;');
    expect(hostile).toContain('<code>reports/&lt;b&gt;x|y&lt;/b&gt;\\x1b]0;t\\x07\\u{2028}.json</code>');
    expect(hostile).toContain('@SUM(A1)|x\\x1b[2J\\u{202e}');
  });
});

describe('NDJSON with --baseline', () => {
  const lines = renderNdjson(baselineReportFixture()).slice(0, -1).split('\n');
  const records = lines.map((l) => JSON.parse(l) as { id: string; baseline?: string; report: { baseline?: unknown } });

  it('carries the mark on each group and names the baseline in the context; gone groups are not lines', () => {
    expect(records).toHaveLength(7);
    expect(records.map((r) => [r.id, r.baseline])).toEqual([
      ['d1', 'seen'],
      ['d2', 'new'],
      ['d3', 'seen'],
      ['d4', 'seen'],
      ['d5', 'new'],
      ['d6', 'seen'],
      ['d7', 'seen'],
    ]);
    for (const r of records)
      expect(r.report.baseline).toEqual({ file: BASELINE_FILE, generatedAt: '2026-02-23T14:05:00.000Z' });
  });

  it('writes no baseline field without a baseline, and keeps a hostile file name on one line', () => {
    expect(renderNdjson(reportFixture())).not.toContain('"baseline"');
    const out = renderNdjson(hostileBaselineReportFixture());
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for raw control characters is the point
    expect(out).not.toMatch(/[\u2028\u2029\x1b]/);
    const first = JSON.parse(out.slice(0, out.indexOf('\n'))) as { report: { baseline: { file: string } } };
    expect(first.report.baseline.file).toBe('reports/<b>x|y</b>\x1b]0;t\x07\u2028.json');
  });
});
