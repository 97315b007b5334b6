/**
 * docs/method.md quotes two tables for the DPO; this keeps the quotes equal to the tables the audit uses: the
 * dated jurisdiction table (src/enrich/jurisdiction/jurisdiction-table.ts: every adequacy decision, with its
 * adoption date and reference, one row each, and the date the table was last checked) and the base risk table
 * (src/assess/risk.ts).
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RISK_TABLE } from '../../src/assess/risk.js';
import { PERSONAL_DATA_LEVELS } from '../../src/core/assessment-vocabulary.js';
import { ADEQUACY_DECISIONS, JURISDICTION_TABLE_AS_OF } from '../../src/enrich/jurisdiction/jurisdiction-table.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const method = readFileSync(join(repoRoot, 'docs', 'method.md'), 'utf8');

/** The rows of the table in method.md whose header starts with `first`, as cells. */
function tableRows(first: string): string[][] {
  const start = method.indexOf(`| ${first} `);
  expect(start, `docs/method.md has no table starting "${first}"`).toBeGreaterThan(0);
  const rows: string[][] = [];
  for (const line of method.slice(start).split('\n')) {
    if (!line.startsWith('|')) break;
    rows.push(
      line
        .slice(1, -1)
        .split('|')
        .map((c) => c.trim()),
    );
  }
  return rows.slice(2); // header and separator
}

describe('docs/method.md and the jurisdiction table', () => {
  it('lists every adequacy decision with its date and reference, and no other', () => {
    const rows = tableRows('country');
    expect(rows.map((r) => r[0])).toEqual(ADEQUACY_DECISIONS.map((d) => d.territory));
    for (const d of ADEQUACY_DECISIONS) {
      const row = rows.find((r) => r[0] === d.territory) ?? [];
      expect(row[1], d.territory).toBe(d.adopted);
      expect(row[2], d.territory).toBe(d.reference.split(';')[0]);
    }
  });

  it('names the date the table was last checked', () => {
    expect(method).toContain(`as of its last check on ${JURISDICTION_TABLE_AS_OF}`);
  });
});

/** The rows of the risk table in method.md, by the key of RISK_TABLE they stand for. */
const RISK_ROWS: Record<string, keyof typeof RISK_TABLE> = {
  'none (local network)': 'none',
  eea: 'eea',
  adequate: 'adequate',
  'US, recipient DPF-certified': 'certified',
  'US, recipient not certified': 'not-certified',
  "US, recipient's certification unknown": 'certification-unknown',
  'third-country': 'third-country',
  'unknown (no location)': 'unknown',
};

describe('docs/method.md and the risk table', () => {
  it('quotes every cell of the base table', () => {
    const rows = tableRows('transfer \\ personal data');
    expect(rows.map((r) => RISK_ROWS[r[0] ?? ''])).toEqual(Object.keys(RISK_TABLE));
    for (const r of rows) {
      const key = RISK_ROWS[r[0] ?? ''];
      if (key === undefined) continue;
      expect(r.slice(1), r[0]).toEqual(PERSONAL_DATA_LEVELS.map((p) => RISK_TABLE[key][p]));
    }
  });
});
