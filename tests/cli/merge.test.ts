import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runExport } from '../../src/cli/commands/export-run.js';
import { runMerge } from '../../src/cli/commands/merge-run.js';
import { memorySink } from '../../src/cli/output.js';
import { InputError, UsageError } from '../../src/core/errors.js';
import { mergeReports } from '../../src/estate/merge.js';
import type { Report } from '../../src/report/model.js';
import { readReport } from '../../src/report-reader/read-report.js';
import { reportFixture } from '../fixtures/report-fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'outflow-merge-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
mkdirSync(join(dir, 'hosts'));
const hostA = reportFixture();
const hostB: Report = { ...reportFixture(), destinations: reportFixture().destinations.slice(0, 2) };
writeFileSync(join(dir, 'hosts', 'a.json'), JSON.stringify(hostA));
writeFileSync(join(dir, 'hosts', 'b.json'), JSON.stringify(hostB));
// An output template writes the other formats beside the JSON: a folder of reports holds them too.
writeFileSync(join(dir, 'hosts', 'a.csv'), 'destination,country\r\nx,US\r\n');
writeFileSync(join(dir, 'hosts', 'a.html'), '<!doctype html><title>report</title>');
writeFileSync(join(dir, 'not-a-report.json'), '{"hello":1}');
writeFileSync(join(dir, 'broken.json'), '{');

const written = new Map<string, string>();
const deps = (out = memorySink(), err: string[] = []) => ({
  out,
  err: (line: string) => void err.push(line),
  generatedAt: '2026-03-04T00:00:00.000Z',
  toolVersion: '9.9.9',
  load: (file: string) => readReport(file),
  writeFile: async (path: string, write: (sink: (text: string) => void) => void) => {
    let text = '';
    write((t) => {
      text += t;
    });
    written.set(path, text);
  },
});

describe('outflow merge', () => {
  it('merges a directory of reports to JSON on stdout', async () => {
    const out = memorySink();
    const err: string[] = [];
    await runMerge([join(dir, 'hosts')], { output: [] }, deps(out, err));
    const merged = JSON.parse(out.text()) as Report;
    const expected = mergeReports([hostA, hostB], { generatedAt: '2026-03-04T00:00:00.000Z', toolVersion: '9.9.9' });
    expect(merged.destinations.map((d) => [d.key, d.flows])).toEqual(
      expected.destinations.map((d) => [d.key, d.flows]),
    );
    expect(merged.summary.flows).toBe(hostA.summary.flows + hostB.destinations.reduce((n, d) => n + d.flows, 0));
    expect(err[0]).toMatch(/^merged 2 reports: /);
  });

  it('writes -o files by extension, and -f for stdout', async () => {
    const out = memorySink();
    await runMerge([join(dir, 'hosts', '*.json')], { output: [join(dir, 't.md'), '-'], format: 'csv' }, deps(out));
    expect(written.get(join(dir, 't.md'))).toMatch(/^#/m);
    expect(out.text().split('\r\n')[0]).toContain(',');
  });

  it('refuses what is not a report, naming the file and the field', async () => {
    await expect(runMerge([join(dir, 'not-a-report.json')], { output: [] }, deps())).rejects.toThrow(InputError);
    await expect(runMerge([join(dir, 'not-a-report.json')], { output: [] }, deps())).rejects.toThrow(
      /not-a-report\.json is not a usable outflow report: no schemaVersion/,
    );
    await expect(runMerge([join(dir, 'broken.json')], { output: [] }, deps())).rejects.toThrow(
      /broken\.json is not a report JSON file/,
    );
    await expect(runMerge([join(dir, 'none-*.json')], { output: [] }, deps())).rejects.toThrow(UsageError);
    await expect(runMerge([join(dir, 'x.json')], { output: [join(dir, 'x.unknown')] }, deps())).rejects.toThrow(
      /cannot tell the format/,
    );
  });
});

describe('outflow export ecs', () => {
  it('writes ECS NDJSON to stdout or a file', async () => {
    const out = memorySink();
    await runExport('ecs', join(dir, 'hosts', 'a.json'), {}, deps(out));
    const docs = out
      .text()
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { event: { dataset: string } });
    expect(docs).toHaveLength(hostA.destinations.length);
    expect(docs[0]?.event.dataset).toBe('outflow.destination');
    const err: string[] = [];
    await runExport('ecs', join(dir, 'hosts', 'b.json'), { output: join(dir, 'b.ndjson') }, deps(memorySink(), err));
    expect(written.get(join(dir, 'b.ndjson'))?.split('\n')).toHaveLength(hostB.destinations.length + 1);
    expect(err[0]).toContain('2 documents');
  });

  it('refuses an unknown target', async () => {
    await expect(runExport('splunk', join(dir, 'hosts', 'a.json'), {}, deps())).rejects.toThrow(
      /unknown export target/,
    );
    expect(readFileSync(join(dir, 'hosts', 'a.json'), 'utf8').length).toBeGreaterThan(0);
  });
});
