/**
 * The one report reader: every command that reads a report back (--baseline, diff, trend, merge, export) goes
 * through it, so a file is accepted or refused the same way everywhere, with one line naming it.
 */
import { constants } from 'node:buffer';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import { renderJson } from '../../src/report/json/json-renderer.js';
import { REPORT_SCHEMA_VERSION } from '../../src/report/model.js';
import { parseReport, readReport, reportProblem } from '../../src/report-reader/read-report.js';
import { report } from '../compare/report-builder.js';
import { reportFixture } from '../fixtures/report-fixture.js';

const good = () => JSON.parse(renderJson(report([{ name: 'a.example.com' }]))) as Record<string, unknown>;

describe('reading a report', () => {
  it('accepts a report written by the JSON renderer, with or without a byte-order mark', () => {
    expect(reportProblem(good())).toBeNull();
    expect(reportProblem(JSON.parse(renderJson(reportFixture())))).toBeNull();
    expect(parseReport(`\n${JSON.stringify(good())}`, 'r.json').destinations[0]?.key).toBe('|a.example.com|US');
    expect(parseReport(`\uFEFF${JSON.stringify(good())}`, 'r.json').schemaVersion).toBe(REPORT_SCHEMA_VERSION);
  });

  it('refuses other majors, newer minors, wrong shapes and non-JSON with one line naming the file', () => {
    const g = good();
    const cases: [unknown, RegExp][] = [
      [{ ...g, schemaVersion: '2.0.0' }, /schema 2\.0\.0; this outflow reads 1\.x/],
      [{ ...g, schemaVersion: '1.9.0' }, /schema 1\.9\.0 was written by a newer outflow; this one reads up to/],
      [{ ...g, schemaVersion: undefined }, /no schemaVersion/],
      [[], /not a JSON object/],
      [{ ...g, destinations: {} }, /destinations must be array/],
      [{ ...g, destinations: [{ key: 1 }] }, /destinations\.0 must have required property/],
      [{ ...g, summary: { ...(g.summary as object), highestRisk: 'extreme' } }, /summary\.highestRisk must be equal/],
      [{ ...g, metadata: {} }, /metadata must have required property/],
      [{ ...g, extra: true }, /must NOT have additional properties \(extra\)/],
    ];
    for (const [doc, re] of cases) {
      expect(() => parseReport(JSON.stringify(doc), 'prev.json')).toThrow(re);
      expect(() => parseReport(JSON.stringify(doc), 'prev.json')).toThrow(InputError);
    }
    expect(() => parseReport('{"schemaVersion":', 'prev.json')).toThrow(/^prev\.json is not a report JSON file/);
  });

  it('reads files and standard input alike, and names an unreadable file with its error code', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'outflow-rr-'));
    await expect(readReport(join(dir, 'missing.json'))).rejects.toThrow(/cannot read report .*ENOENT/);
    const file = join(dir, 'bom.json');
    writeFileSync(file, `\uFEFF${JSON.stringify(good())}`);
    await expect(readReport(file)).resolves.toMatchObject({ schemaVersion: REPORT_SCHEMA_VERSION });
    const fromStdin = await readReport('-', async () => Buffer.from(`\uFEFF${JSON.stringify(good())}`));
    expect(fromStdin.destinations).toHaveLength(1);
    await expect(readReport('-', async () => Buffer.from('{'))).rejects.toThrow(/^stdin is not a report JSON file/);
  });

  it('refuses a report longer than a string can be with that reason, as unusable input', async () => {
    // One byte more than the longest string: the text cannot be made (a 257,000-destination report is 735 MB).
    const huge = Buffer.alloc(constants.MAX_STRING_LENGTH + 1, 0x20);
    const read = readReport('-', async () => huge);
    await expect(read).rejects.toThrow(/^stdin is too large to read as a report \(537 MB; at most 536 million/);
    await expect(read).rejects.toBeInstanceOf(InputError);
  });

  it('upgrades a 1.0 report: recipient "not recorded", summary counts from its own destinations', () => {
    const doc = JSON.parse(renderJson(reportFixture())) as Record<string, unknown> & {
      destinations: Record<string, unknown>[];
      summary: Record<string, unknown>;
    };
    doc.schemaVersion = '1.0.0';
    for (const g of doc.destinations) {
      delete g.recipient;
      delete g.locationNotFixed;
    }
    const expected = { ...doc.summary };
    for (const k of [
      'destinationsLeavingEea',
      'destinationsLeavingEeaShare',
      'flowsLeavingEea',
      'flowsLeavingEeaShare',
    ])
      delete doc.summary[k];
    const r = parseReport(JSON.stringify(doc), 'old.json');
    expect(r.destinations.every((d) => d.recipient.basis === 'unknown' && d.recipient.name === null)).toBe(true);
    // 1.0 knew only the anycast host as a place that is not fixed.
    expect(r.destinations.map((d) => d.locationNotFixed)).toEqual(
      r.destinations.map((d) => d.operator?.anycast === true),
    );
    expect(r.summary.destinationsLeavingEea).toBe(expected.destinationsLeavingEea);
    expect(r.summary.flowsLeavingEea).toBe(expected.flowsLeavingEea);
  });

  it('upgrades a 1.2 report: the compression of each input from its gzip flag', () => {
    const doc = JSON.parse(renderJson(reportFixture())) as Record<string, unknown> & {
      metadata: { inputs: Record<string, unknown>[] };
    };
    doc.schemaVersion = '1.2.0';
    for (const i of doc.metadata.inputs) delete i.compression;
    const r = parseReport(JSON.stringify(doc), 'old.json');
    expect(r.metadata.inputs.map((i) => [i.gzip, i.compression])).toEqual([
      [false, null],
      [true, 'gzip'],
    ]);
    // A current report must name it.
    doc.schemaVersion = REPORT_SCHEMA_VERSION;
    for (const i of doc.metadata.inputs) delete i.compression;
    expect(() => parseReport(JSON.stringify(doc), 'new.json')).toThrow(/compression/);
  });

  it('never throws anything but InputError on hostile text or mangled reports', () => {
    const base = JSON.stringify(good());
    fc.assert(
      fc.property(fc.nat(base.length), fc.string({ maxLength: 8 }), (at, insert) => {
        const text = base.slice(0, at) + insert + base.slice(at + insert.length);
        try {
          parseReport(text, 'x.json');
        } catch (e) {
          expect(e).toBeInstanceOf(InputError);
        }
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        try {
          parseReport(JSON.stringify(value) ?? 'null', 'x.json');
        } catch (e) {
          expect(e).toBeInstanceOf(InputError);
        }
      }),
      { numRuns: 300 },
    );
  });
});
