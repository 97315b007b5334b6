/**
 * Golden files: every renderer's output for the fixture report, compared byte for byte.
 * Regenerate after an intended change with `UPDATE_GOLDEN=1 npx vitest run tests/report/golden.test.ts` and
 * review the diff; with CI set the test never writes (a missing golden file fails instead).
 * The HTML golden is rendered without country geometry so it does not depend on data/geo/countries.json.
 * The report-baseline.* files are the same report made with --baseline (tests/fixtures/report-fixture-baseline.ts);
 * the report.* files are runs without one, and a baseline must not change a byte of them.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/report/html/html-renderer.js';
import { RENDERERS } from '../../src/report/registry.js';
import { reportFixture } from '../fixtures/report-fixture.js';
import { baselineReportFixture } from '../fixtures/report-fixture-baseline.js';

const GOLDEN_DIR = resolve(fileURLToPath(new URL('.', import.meta.url)), '../golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1' && !process.env.CI;
const CTX = { color: false, columns: 120 };

const CASES: [file: string, render: () => string][] = [
  ['report.txt', () => RENDERERS.table.render(reportFixture(), CTX)],
  ['report.json', () => RENDERERS.json.render(reportFixture(), CTX)],
  ['report.csv', () => RENDERERS.csv.render(reportFixture(), CTX)],
  ['report.md', () => RENDERERS.md.render(reportFixture(), CTX)],
  ['report.ndjson', () => RENDERERS.ndjson.render(reportFixture(), CTX)],
  ['report.html', () => renderHtml(reportFixture(), { world: null })],
  ['report-baseline.txt', () => RENDERERS.table.render(baselineReportFixture(), CTX)],
  ['report-baseline.json', () => RENDERERS.json.render(baselineReportFixture(), CTX)],
  ['report-baseline.csv', () => RENDERERS.csv.render(baselineReportFixture(), CTX)],
  ['report-baseline.md', () => RENDERERS.md.render(baselineReportFixture(), CTX)],
  ['report-baseline.ndjson', () => RENDERERS.ndjson.render(baselineReportFixture(), CTX)],
  ['report-baseline.html', () => renderHtml(baselineReportFixture(), { world: null })],
];

describe('golden report files', () => {
  for (const [file, render] of CASES) {
    it(file, () => {
      const path = resolve(GOLDEN_DIR, file);
      const actual = render();
      if (UPDATE) writeFileSync(path, actual);
      expect(existsSync(path), `${path} is missing: run with UPDATE_GOLDEN=1 (not in CI) to create it`).toBe(true);
      expect(actual).toBe(readFileSync(path, 'utf8'));
    });
  }

  it('renders the same twice (no clock, no randomness)', () => {
    for (const [, render] of CASES) expect(render()).toBe(render());
  });
});
