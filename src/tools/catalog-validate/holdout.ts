/**
 * The deterministic held-out part of a source: a name is held out when the first four bytes of its SHA-256, read
 * as a number, fall in the lowest `share` of the range. The same name is held out in every file and every run, so
 * figures are reproducible and a name never trains one file while testing another.
 */
import { createHash } from 'node:crypto';
import type { CatalogFile, CatalogRule } from '../../enrich/catalog/types.js';
import type { DomainOwnersFile } from '../../enrich/owners/domain-owners.js';

export const HOLDOUT_SHARE = 0.2;

export function isHeldOut(name: string, share: number = HOLDOUT_SHARE): boolean {
  const digest = createHash('sha256').update(name.toLowerCase()).digest();
  return digest.readUInt32BE(0) / 0x1_0000_0000 < share;
}

/** A held-out name with its source's labels. */
export interface LabelledName {
  name: string;
  vendor: string;
  /** Null for sources that give no purpose (the domain-owner table). */
  category: string | null;
  /** exact: a host name; suffix-base: the domain of a held-out "*.domain" pattern, tested as a name. */
  kind: 'exact' | 'suffix-base';
  /** Where the label comes from: the catalog file (and rule id) or the owner table. */
  from: string;
}

/** A catalog file without its held-out names and suffixes (a rule left with neither is dropped). */
export function splitCatalog(
  file: string,
  catalog: CatalogFile,
  share: number = HOLDOUT_SHARE,
): { train: CatalogFile; heldOut: LabelledName[] } {
  const heldOut: LabelledName[] = [];
  const rules: CatalogRule[] = [];
  for (const rule of catalog.rules) {
    const m = rule.match;
    if (m.names === undefined && m.suffixes === undefined) {
      rules.push(rule);
      continue;
    }
    const names: string[] = [];
    const suffixes: string[] = [];
    const from = `${file}#${rule.id}`;
    for (const n of m.names ?? []) {
      if (isHeldOut(n, share))
        heldOut.push({ name: n, vendor: rule.vendor, category: rule.category, kind: 'exact', from });
      else names.push(n);
    }
    for (const s of m.suffixes ?? []) {
      const base = s.replace(/^\*?\./, '');
      if (isHeldOut(base, share))
        heldOut.push({ name: base, vendor: rule.vendor, category: rule.category, kind: 'suffix-base', from });
      else suffixes.push(s);
    }
    if (names.length === 0 && suffixes.length === 0) continue;
    const { names: _n, suffixes: _s, ...rest } = m;
    rules.push({
      ...rule,
      match: { ...rest, ...(names.length > 0 ? { names } : {}), ...(suffixes.length > 0 ? { suffixes } : {}) },
    });
  }
  return { train: { ...catalog, rules }, heldOut };
}

/** The owner table without its held-out domains. */
export function splitOwners(
  table: DomainOwnersFile,
  share: number = HOLDOUT_SHARE,
): { train: DomainOwnersFile; heldOut: LabelledName[] } {
  const heldOut: LabelledName[] = [];
  const owners = table.owners.map((entry) => {
    const domains: string[] = [];
    for (const d of entry.domains) {
      if (isHeldOut(d, share))
        heldOut.push({ name: d, vendor: entry.owner, category: null, kind: 'exact', from: `owners:${entry.source}` });
      else domains.push(d);
    }
    return { ...entry, domains };
  });
  return { train: { ...table, owners }, heldOut };
}
