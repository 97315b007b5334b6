import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import { renderJson } from '../../src/report/json/json-renderer.js';
import { parseReport, readReportFile, reportProblem } from '../../src/schedule/report-file.js';
import { report } from './report-builder.js';

const good = () => JSON.parse(renderJson(report([{ name: 'a.example.com' }]))) as Record<string, unknown>;

describe('reading a report file', () => {
  it('accepts a report written by the JSON renderer', () => {
    expect(reportProblem(good())).toBeNull();
    expect(parseReport(`\n${JSON.stringify(good())}`, 'r.json').destinations[0]?.key).toBe('|a.example.com|US');
  });

  it('refuses other schema majors, wrong shapes and non-JSON with one line naming the file', () => {
    const cases: [unknown, RegExp][] = [
      [{ ...good(), schemaVersion: '2.0.0' }, /schema 2\.0\.0; this outflow reads 1\.x/],
      [{ ...good(), schemaVersion: undefined }, /no schemaVersion/],
      [[], /not a JSON object/],
      [{ ...good(), destinations: {} }, /destinations is not a list/],
      [{ ...good(), destinations: [{ key: 1 }] }, /destinations\[0\]\.key/],
      [{ ...good(), summary: { highestRisk: 'extreme' } }, /highestRisk/],
      [{ ...good(), metadata: {} }, /generatedAt/],
    ];
    for (const [doc, re] of cases) {
      expect(() => parseReport(JSON.stringify(doc), 'prev.json')).toThrow(re);
      expect(() => parseReport(JSON.stringify(doc), 'prev.json')).toThrow(InputError);
    }
    expect(() => parseReport('{"schemaVersion":', 'prev.json')).toThrow(/^prev\.json is not a report JSON file/);
  });

  it('accepts a newer minor version and reports unreadable files as InputError', async () => {
    expect(reportProblem({ ...good(), schemaVersion: '1.7.0' })).toBeNull();
    const dir = mkdtempSync(join(tmpdir(), 'outflow-rf-'));
    await expect(readReportFile(join(dir, 'missing.json'))).rejects.toThrow(/cannot read report .*ENOENT/);
    const file = join(dir, 'bom.json');
    writeFileSync(file, `\uFEFF${JSON.stringify(good())}`);
    await expect(readReportFile(file)).resolves.toMatchObject({ schemaVersion: '1.0.0' });
  });
});
