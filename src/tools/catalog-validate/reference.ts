/**
 * The independent reference list (../shared/reference/telemetry-endpoints.csv: hostname_pattern, vendor, product,
 * category, personal_data, source) as labelled names: an exact host as itself, "*.domain" as its domain.
 * RFC 4180 CSV (quoted fields, doubled quotes); malformed rows are counted and skipped.
 */
import { CATEGORIES } from '../../enrich/catalog/types.js';
import type { LabelledName } from './holdout.js';

export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field.length > 0 || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

const CATEGORY_SET = new Set<string>(CATEGORIES);

export function referenceItems(text: string): { items: LabelledName[]; skipped: number } {
  const rows = parseCsv(text);
  const header = rows[0] ?? [];
  const col = (name: string): number => header.indexOf(name);
  const [iHost, iVendor, iCategory] = [col('hostname_pattern'), col('vendor'), col('category')];
  const items: LabelledName[] = [];
  let skipped = 0;
  if (iHost < 0 || iVendor < 0 || iCategory < 0) return { items, skipped: rows.length };
  for (const row of rows.slice(1)) {
    const host = (row[iHost] ?? '').trim().toLowerCase();
    const vendor = (row[iVendor] ?? '').trim();
    const category = (row[iCategory] ?? '').trim();
    // A pattern with a wildcard inside a label (router*.example.com) names no host to test.
    const base = host.replace(/^\*\./, '');
    if (base.length === 0 || base.includes('*') || vendor.length === 0) {
      if (row.some((f) => f.length > 0)) skipped++;
      continue;
    }
    items.push({
      name: base,
      vendor,
      category: CATEGORY_SET.has(category) ? category : null,
      kind: host.startsWith('*.') ? 'suffix-base' : 'exact',
      from: 'reference',
    });
  }
  return { items, skipped };
}
