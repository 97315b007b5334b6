import { describe, expect, it } from 'vitest';
import { chooseRenderer, rendererForPath } from '../../src/core/renderer-choice.js';
import { RENDERER_IDS, RENDERERS } from '../../src/report/registry.js';
import { reportFixture } from '../fixtures/report-fixture.js';

describe('renderer registry', () => {
  it('has one renderer per id, keyed by its own id', () => {
    expect(RENDERER_IDS).toEqual(['table', 'json', 'csv', 'md', 'html', 'ndjson']);
    for (const id of RENDERER_IDS) expect(RENDERERS[id].id).toBe(id);
  });

  it('picks the renderer from the file extension, case-insensitively', () => {
    expect(rendererForPath(RENDERERS, 'out/report.json')?.id).toBe('json');
    expect(rendererForPath(RENDERERS, 'report.CSV')?.id).toBe('csv');
    expect(rendererForPath(RENDERERS, 'annex.md')?.id).toBe('md');
    expect(rendererForPath(RENDERERS, 'annex.markdown')?.id).toBe('md');
    expect(rendererForPath(RENDERERS, 'r.html')?.id).toBe('html');
    expect(rendererForPath(RENDERERS, 'r.htm')?.id).toBe('html');
    expect(rendererForPath(RENDERERS, 'siem.ndjson')?.id).toBe('ndjson');
    expect(rendererForPath(RENDERERS, 'siem.jsonl')?.id).toBe('ndjson');
    expect(rendererForPath(RENDERERS, 'report.txt')?.id).toBe('table');
  });

  it('returns null for unknown or missing extensions', () => {
    expect(rendererForPath(RENDERERS, 'report.pdf')).toBeNull();
    expect(rendererForPath(RENDERERS, 'report')).toBeNull();
    expect(rendererForPath(RENDERERS, '.json')).toBeNull();
  });

  it('chooses one way for every command: stdout takes -f, a file its extension, -f covers unknown extensions', () => {
    expect(chooseRenderer(RENDERERS, undefined, undefined, 'table').id).toBe('table');
    expect(chooseRenderer(RENDERERS, '-', 'json', 'table').id).toBe('json');
    expect(chooseRenderer(RENDERERS, 'r.md', 'json', 'table').id).toBe('md');
    expect(chooseRenderer(RENDERERS, 'r.out', 'csv', 'table').id).toBe('csv');
    expect(() => chooseRenderer(RENDERERS, 'r.out', undefined, 'table')).toThrow(
      /cannot tell the format of r\.out from its extension; use -f \(table, json, csv, md, html, ndjson\)/,
    );
  });

  it('every renderer returns a non-empty string and does not mutate the report', () => {
    for (const id of RENDERER_IDS) {
      const report = reportFixture();
      const before = JSON.stringify(report);
      expect(RENDERERS[id].render(report, { color: false, columns: 100 }).length).toBeGreaterThan(100);
      expect(JSON.stringify(report)).toBe(before);
    }
  });

  it('JSON, NDJSON, CSV, Markdown and HTML hand a big report over in pieces that join to what render returns', () => {
    const small = reportFixture();
    // 1,000 copies of the fixture's groups under their own keys: a report far past one write batch.
    const destinations = Array.from({ length: 1000 }, (_, i) =>
      small.destinations.map((d) => ({ ...d, id: `${d.id}-${i}`, key: `${d.key}#${i}` })),
    ).flat();
    const big = { ...small, destinations };
    const ctx = { color: false, columns: 120 };
    for (const id of ['json', 'ndjson', 'csv', 'md', 'html'] as const) {
      const parts: string[] = [];
      RENDERERS[id].write(big, ctx, (text) => parts.push(text));
      expect(parts.length, id).toBeGreaterThan(3);
      expect(parts.join(''), id).toBe(RENDERERS[id].render(big, ctx));
      expect(parts.join('').length, id).toBeGreaterThan(300_000);
    }
  });
});
