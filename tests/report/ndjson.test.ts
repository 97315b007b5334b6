import { describe, expect, it } from 'vitest';
import { renderNdjson } from '../../src/report/ndjson/ndjson-renderer.js';
import { hostileReportFixture, reportFixture } from '../fixtures/report-fixture.js';

describe('NDJSON renderer', () => {
  it('writes one destination group per line with report context', () => {
    const out = renderNdjson(reportFixture());
    expect(out.endsWith('\n')).toBe(true);
    const lines = out.slice(0, -1).split('\n');
    expect(lines).toHaveLength(7);
    const records = lines.map((l) => JSON.parse(l));
    expect(records.map((r) => r.id)).toEqual(['d1', 'd2', 'd3', 'd4', 'd5', 'd6', 'd7']);
    const { report, ...group } = records[0];
    expect(group).toEqual(reportFixture().destinations[0]);
    expect(report).toEqual({
      generatedAt: '2026-03-02T14:05:00.000Z',
      tool: 'outflow 0.1.0',
      schemaVersion: '1.3.0',
      inputs: [
        { file: 'captures/admin-pc-2026-03-02.pcapng', sha256: reportFixture().metadata.inputs[0]?.sha256 },
        { file: 'logs/fortigate-2026-03-02.log', sha256: reportFixture().metadata.inputs[1]?.sha256 },
      ],
    });
  });

  it('keeps hostile names on one line and round-trips them', () => {
    const out = renderNdjson(hostileReportFixture());
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for raw control characters is the point
    expect(out).not.toMatch(/[\u2028\u2029\x1b]/);
    const lines = out.slice(0, -1).split('\n');
    expect(lines).toHaveLength(7);
    expect(JSON.parse(lines[1] ?? '').names[0].name).toBe('a\x1b[2Jb\x07c\u202ed\u2028e|f*g');
  });
});
