import { describe, expect, it } from 'vitest';
import { mergeReports } from '../../src/estate/merge.js';
import { renderCsv } from '../../src/report/csv/csv-renderer.js';
import { renderMarkdown } from '../../src/report/markdown/markdown-renderer.js';
import type { Report } from '../../src/report/model.js';
import { parseReport } from '../../src/report-reader/read-report.js';
import { RECIPIENT_NOT_RECORDED } from '../../src/report-reader/upgrade.js';
import { reportFixture } from '../fixtures/report-fixture.js';

const opts = { generatedAt: '2026-03-03T00:00:00.000Z', toolVersion: '0.1.0' };

/** The fixture as schema 1.0.0 wrote it: no recipient in any group. */
function oldReport(): Report {
  const r = reportFixture();
  const doc = JSON.parse(JSON.stringify(r)) as { schemaVersion: string; destinations: Record<string, unknown>[] };
  doc.schemaVersion = '1.0.0';
  for (const g of doc.destinations) delete g.recipient;
  return doc as unknown as Report;
}

describe('recipients in merge and in older reports', () => {
  it('carries each group recipient through a merge', () => {
    const merged = mergeReports([reportFixture(), reportFixture()], opts);
    const ms = merged.destinations.find((d) => d.names[0]?.name === 'self.events.data.microsoft.com');
    expect(ms?.recipient).toMatchObject({ name: 'Microsoft', basis: 'catalog', hqCountry: 'US' });
    expect(merged.schemaVersion).toBe('1.3.0');
  });

  it('loads a 1.0 report for merge and export: recipient "not recorded", never invented', () => {
    const old = parseReport(JSON.stringify(oldReport()), 'old.json');
    for (const g of old.destinations) expect(g.recipient).toEqual(RECIPIENT_NOT_RECORDED);
    const merged = mergeReports([old, reportFixture()], opts);
    expect(merged.destinations.every((d) => typeof d.recipient === 'object')).toBe(true);
    expect(() => renderMarkdown(merged)).not.toThrow();
    expect(renderCsv(old)).toContain(',unknown,weak,');
  });

  it('still reads a 1.0 report as a baseline or for diff and trend', () => {
    expect(parseReport(JSON.stringify(oldReport()), 'old.json').destinations.length).toBeGreaterThan(0);
  });
});
