import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runTrendCommand } from '../../src/cli/commands/trend-run.js';
import type { OutputSink } from '../../src/cli/output.js';
import { reportFiles } from '../../src/cli/report-files.js';
import { buildTrend, riskChanges } from '../../src/compare/trend.js';
import { renderTrendHtml, trendContentSecurityPolicy } from '../../src/compare/trend-html.js';
import { renderTrendText } from '../../src/compare/trend-text.js';
import { InputError } from '../../src/core/errors.js';
import type { Report } from '../../src/report/model.js';
import { report } from './report-builder.js';

const tot = (bytes: number) => ({ flows: 1, bytes, destinations: 1 });

function withCountries(r: Report, countries: [string | null, number][]): Report {
  r.summary.byCountry = countries.map(([country, bytes]) => ({ country, ...tot(bytes) }));
  return r;
}

// Three nightly reports, given out of order: tracker goes medium → high, cdn gone in #3, mail new in #2.
const march1 = withCountries(
  report(
    [
      { name: 'tracker.example', risk: 'medium' },
      { name: 'cdn.example', country: 'NL', risk: 'none', transfer: 'eea' },
    ],
    { generatedAt: '2026-03-01T02:00:00.000Z', share: 0.4 },
  ),
  [
    ['US', 1500],
    ['NL', 1500],
  ],
);
const march2 = withCountries(
  report(
    [
      { name: 'tracker.example', risk: 'high' },
      { name: 'cdn.example', country: 'NL', risk: 'none', transfer: 'eea' },
      { name: 'mail.example', country: 'IE', risk: 'low' },
    ],
    { generatedAt: '2026-03-02T02:00:00.000Z', share: 0.5 },
  ),
  [
    ['US', 1500],
    ['NL', 1500],
    ['IE', 1500],
    [null, 10],
  ],
);
const march3 = withCountries(
  report(
    [
      { name: 'mail.example', country: 'IE', risk: 'low' },
      { name: 'tracker.example', risk: 'high' },
    ],
    { generatedAt: '2026-03-03T02:00:00.000Z', share: 1 },
  ),
  [
    ['US', 1500],
    ['IE', 1500],
  ],
);
const INPUTS = [
  { file: 'c.json', report: march3 },
  { file: 'a.json', report: march1 },
  { file: 'b.json', report: march2 },
];

describe('buildTrend', () => {
  const trend = buildTrend(INPUTS);

  it('orders reports by generatedAt and counts destinations per risk', () => {
    expect(trend.points.map((p) => p.file)).toEqual(['a.json', 'b.json', 'c.json']);
    expect(trend.points.map((p) => p.destinations)).toEqual([
      { high: 0, medium: 1, low: 0, none: 1 },
      { high: 1, medium: 0, low: 1, none: 1 },
      { high: 1, medium: 0, low: 1, none: 0 },
    ]);
    expect(trend.points.map((p) => p.bytesLeavingEeaShare)).toEqual([0.4, 0.5, 1]);
  });

  it('lists the top three countries by bytes, ties by code', () => {
    expect(trend.points[1]?.topCountries).toEqual([
      { country: 'IE', bytes: 1500 },
      { country: 'NL', bytes: 1500 },
      { country: 'US', bytes: 1500 },
    ]);
  });

  it('follows each destination key: risk per report, first seen, gone from', () => {
    const byName = new Map(trend.destinations.map((d) => [d.name, d]));
    expect(byName.get('tracker.example')).toMatchObject({
      risks: ['medium', 'high', 'high'],
      firstSeen: 0,
      goneFrom: null,
    });
    expect(byName.get('mail.example')).toMatchObject({ risks: [null, 'low', 'low'], firstSeen: 1, goneFrom: null });
    expect(byName.get('cdn.example')).toMatchObject({ risks: ['none', 'none', null], firstSeen: 0, goneFrom: 2 });
    // Current risk first, gone groups last.
    expect(trend.destinations.map((d) => d.name)).toEqual(['tracker.example', 'mail.example', 'cdn.example']);
    const tracker = byName.get('tracker.example');
    expect(tracker === undefined ? [] : riskChanges(tracker)).toEqual([{ at: 1, from: 'medium', to: 'high' }]);
  });

  it('does not depend on the order the reports are given in', () => {
    expect(buildTrend([...INPUTS].reverse())).toEqual(trend);
    expect(renderTrendHtml(buildTrend([...INPUTS].reverse()))).toBe(renderTrendHtml(trend));
  });

  it('refuses mixing pseudonymized and clear-text reports', () => {
    const p = report([{ name: 'x' }], { pseudonymized: true });
    expect(() => buildTrend([{ file: 'p.json', report: p }, ...INPUTS])).toThrow(InputError);
    expect(() => buildTrend([])).toThrow(InputError);
  });
});

describe('renderTrendText', () => {
  it('shows a row per report and a risk letter per report per destination', () => {
    const text = renderTrendText(buildTrend(INPUTS));
    expect(text).toContain('outflow trend: 3 report(s), 2026-03-01 02:00:00 UTC → 2026-03-03 02:00:00 UTC');
    expect(text).toContain(
      '1  2026-03-01 02:00:00 UTC  a.json     0       1    0     1  3.00 kB        40.0%  NL 1.50 kB, US 1.50 kB\n',
    );
    expect(text).toMatch(/tracker\.example +US United States +MHH +in #1\n/);
    expect(text).toMatch(/mail\.example +IE Ireland +·LL +new in #2\n/);
    expect(text).toMatch(/cdn\.example +NL Netherlands +NN· +in #1, gone from #3\n/);
  });

  it('escapes hostile names', () => {
    const r = report([{ name: 'evil\x1b[31m.example' }]);
    const text = renderTrendText(buildTrend([{ file: 'x\x07.json', report: r }]));
    expect(text).not.toContain('\x1b');
    expect(text).not.toContain('\x07');
    expect(text).toContain('evil\\x1b[31m.example');
  });
});

describe('renderTrendHtml', () => {
  const hostile = report([{ name: '<script>alert(1)</script>.example' }], { generatedAt: '2026-03-04T00:00:00.000Z' });
  const html = renderTrendHtml(buildTrend([...INPUTS, { file: '"><img src=x>.json', report: hostile }]));

  it('is self-contained under a strict CSP', () => {
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${trendContentSecurityPolicy()}">`);
    expect(trendContentSecurityPolicy()).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|url\(|@import|https?:/i);
    expect(html).not.toContain('style="');
  });

  it('escapes every report value', () => {
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;.example');
    expect(html).toContain('&quot;&gt;&lt;img src=x&gt;.json');
  });

  it('draws the risk bars and the share line as inline SVG', () => {
    expect(html.match(/<svg /g)?.length).toBe(2);
    expect(html).toContain('<rect class="b-high"');
    expect(html).toMatch(/<polyline class="line" points="[\d., ]+"\/>/);
    expect(html.match(/<circle class="dot"/g)?.length).toBe(4);
  });
});

describe('runTrendCommand', () => {
  const dir = mkdtempSync(join(tmpdir(), 'outflow-trend-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  for (const { file, report: r } of INPUTS) writeFileSync(join(dir, file), JSON.stringify(r));
  writeFileSync(join(dir, 'a.html'), '<html></html>');

  function sink(): OutputSink & { text: string } {
    return {
      text: '',
      write(t: string) {
        this.text += t;
      },
      writeBytes(b: Uint8Array) {
        this.text += Buffer.from(b).toString('utf8');
      },
      drain: async () => {},
      isTTY: false,
      columns: 100,
    };
  }

  it('reads the .json reports of a directory and prints the table', async () => {
    const files = await reportFiles([dir]);
    expect(files.map((f) => f.slice(dir.length + 1))).toEqual(['a.json', 'b.json', 'c.json']);
    const out = sink();
    expect(await runTrendCommand(files, {}, out)).toBe(0);
    expect(out.text).toContain('outflow trend: 3 report(s)');
  });

  it('writes HTML by extension and says so', async () => {
    const lines: string[] = [];
    const target = join(dir, 'out', 'trend.html');
    await runTrendCommand(await reportFiles([dir]), { output: target }, sink(), (l) => lines.push(l));
    expect(readFileSync(target, 'utf8')).toMatch(/^<!DOCTYPE html>/);
    expect(lines).toEqual([`outflow: wrote ${target} (html)`]);
  });

  it('fails with an InputError naming a bad report', async () => {
    writeFileSync(join(dir, 'bad.txt'), '{}');
    await expect(runTrendCommand([join(dir, 'bad.txt')], {}, sink())).rejects.toThrow(/bad\.txt/);
  });
});

describe('the share leaving the EEA per report', () => {
  it('is of flows, and marked so, for a report whose input left bytes unknown (a Windows Firewall log)', () => {
    const log = report([{ name: 'a.example.com' }], { generatedAt: '2026-03-03T00:00:00.000Z', share: 0 });
    log.summary.flowsWithoutBytes = 1;
    log.summary.flowsLeavingEeaShare = 0.853;
    const capture = report([{ name: 'a.example.com' }], { generatedAt: '2026-03-02T00:00:00.000Z', share: 0.25 });
    const trend = buildTrend([
      { file: 'log.json', report: log },
      { file: 'capture.json', report: capture },
    ]);
    expect(trend.points.map((p) => p.leavingEea)).toEqual([
      { share: 0.25, of: 'bytes' },
      { share: 0.853, of: 'flows' },
    ]);
    expect(renderTrendText(trend)).toContain('85.3% of flows');
    expect(renderTrendHtml(trend)).toContain('85.3% of flows');
  });
});
