import { describe, expect, it } from 'vitest';
import { applyBaseline } from '../../src/compare/baseline.js';
import { UsageError } from '../../src/core/errors.js';
import { renderJson } from '../../src/report/json/json-renderer.js';
import { listArray } from '../../src/report/report-list.js';
import schema from '../../src/report/schema.json' with { type: 'json' };
import { renderTable } from '../../src/report/terminal/table-renderer.js';
import { operator, report } from './report-builder.js';

const ms = operator('Microsoft Corporation');

describe('--baseline', () => {
  const previous = report(
    [
      { name: 'a.example.com', country: 'NL', operator: ms },
      { name: 'b.example.com', country: 'US', risk: 'low' },
      { name: 'gone.example.net', country: 'SG', risk: 'high' },
      { name: 'z-gone.example.net', country: 'DE', risk: 'low' },
    ],
    { generatedAt: '2026-03-01T08:00:00.000Z' },
  );
  const current = report([
    { name: 'a.example.com', country: 'NL', operator: ms },
    // Same operator and name, other country: a different key, so new (and the US one is gone).
    { name: 'b.example.com', country: 'IE', risk: 'low' },
    { name: 'fresh.example.org', country: 'US' },
  ]);
  const marked = applyBaseline(current, previous, 'reports/prev.json');

  it('marks groups seen or new by key; keys differing only in country do not match', () => {
    expect(listArray(marked.destinations).map((g) => [g.key, g.baseline])).toEqual([
      ['Microsoft Corporation|a.example.com|NL', 'seen'],
      ['|b.example.com|IE', 'new'],
      ['|fresh.example.org|US', 'new'],
    ]);
  });

  it('lists gone groups riskiest first, then by key, with names, country, operator', () => {
    expect(marked.gone).toEqual([
      { key: '|gone.example.net|SG', names: ['gone.example.net'], country: 'SG', operator: null, risk: 'high' },
      { key: '|b.example.com|US', names: ['b.example.com'], country: 'US', operator: null, risk: 'low' },
      { key: '|z-gone.example.net|DE', names: ['z-gone.example.net'], country: 'DE', operator: null, risk: 'low' },
    ]);
    expect(marked.metadata.baseline).toEqual({ file: 'reports/prev.json', generatedAt: '2026-03-01T08:00:00.000Z' });
  });

  it('leaves the input report untouched and an identical baseline marks everything seen', () => {
    expect(current.destinations[0]?.baseline).toBeUndefined();
    expect(current.gone).toBeUndefined();
    const same = applyBaseline(current, current, 'x.json');
    expect(listArray(same.destinations).every((g) => g.baseline === 'seen')).toBe(true);
    expect(same.gone).toEqual([]);
  });

  it('refuses a clear-text baseline for a pseudonymized report', () => {
    const pseudo = report([{ name: 'a.example.com' }], { pseudonymized: true });
    expect(() => applyBaseline(pseudo, previous, 'prev.json')).toThrow(UsageError);
    expect(() => applyBaseline(pseudo, pseudo, 'prev.json')).not.toThrow();
  });

  it('writes the new fields in JSON and marks new groups in the table only when present', () => {
    const json = JSON.parse(renderJson(marked)) as { gone: unknown[]; metadata: { baseline: unknown } };
    expect(json.gone).toHaveLength(3);
    expect(json.metadata.baseline).toEqual(marked.metadata.baseline);
    expect(renderTable(marked, { color: false, columns: 160 })).toContain('new: fresh.example.org');
    expect(renderTable(current, { color: false, columns: 160 })).not.toContain('new: ');
  });

  it('declares the fields as optional in schema.json', () => {
    const s = schema as unknown as {
      required: string[];
      properties: Record<string, unknown>;
      $defs: Record<string, { required?: string[]; properties: Record<string, unknown> }>;
    };
    expect(s.properties.gone).toBeDefined();
    expect(s.required).not.toContain('gone');
    expect(s.$defs.destinationGroup?.properties.baseline).toEqual(expect.objectContaining({ enum: ['new', 'seen'] }));
    expect(s.$defs.destinationGroup?.required).not.toContain('baseline');
    expect(s.$defs.metadata?.properties.baseline).toBeDefined();
    expect(s.$defs.metadata?.required).not.toContain('baseline');
  });
});
