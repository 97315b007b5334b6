/**
 * Agreement of decideEndpoint with a source's labels: for each labelled name, the decision the audit would make
 * for a flow named by it alone, compared with the label (vendor by vendors.ts sameVendor, category exactly).
 * Counts per vendor basis and per name pattern, so a pattern with poor precision shows.
 */
import type { Catalog } from '../../enrich/catalog/catalog.js';
import { decideEndpoint } from '../../enrich/catalog/endpoint-decision.js';
import type { NamePattern } from '../../enrich/catalog/name-patterns.js';
import type { DomainOwners } from '../../enrich/owners/domain-owners.js';
import type { LabelledName } from './holdout.js';
import { isVendorLabel, sameVendor } from './vendors.js';

export interface Agreement {
  /** Names scored (labels that name no organisation are skipped). */
  names: number;
  vendorDecided: number;
  vendorRight: number;
  /** Names whose source gives a category. */
  categoryLabelled: number;
  categoryDecided: number;
  categoryRight: number;
  /** Per vendor basis (rule, edge-name, cname-chain, domain-owner, none): decided and right. */
  byBasis: Record<string, { decided: number; right: number }>;
  /** Per name pattern: how often it gave the category, and how often that was the label. */
  byPattern: Record<string, { decided: number; right: number }>;
  /** Per catalog file whose rule decided: how often its rule gave the category, and how often that was the label. */
  byFile: Record<string, { decided: number; right: number }>;
  /** Up to `keepMisses` disagreements, for reading. */
  misses: string[];
}

export function emptyAgreement(): Agreement {
  return {
    names: 0,
    vendorDecided: 0,
    vendorRight: 0,
    categoryLabelled: 0,
    categoryDecided: 0,
    categoryRight: 0,
    byBasis: {},
    byPattern: {},
    byFile: {},
    misses: [],
  };
}

export function measure(
  items: readonly LabelledName[],
  catalog: Catalog,
  owners: DomainOwners,
  options: { namePatterns?: readonly NamePattern[]; siblings?: boolean; keepMisses?: number } = {},
): Agreement {
  const a = emptyAgreement();
  const keep = options.keepMisses ?? 0;
  for (const item of items) {
    if (!isVendorLabel(item.vendor)) continue;
    a.names++;
    const names = [{ name: item.name }];
    const d = decideEndpoint(catalog.matchFlow(names), names, owners, {
      ...(options.siblings === false ? {} : { catalog }),
      ...(options.namePatterns === undefined ? {} : { namePatterns: options.namePatterns }),
    });
    const basis = d.vendorBasis ?? 'none';
    const slot = counter(a.byBasis, basis);
    const vendorRight = d.vendor !== null && sameVendor(d.vendor, item.vendor);
    if (d.vendor !== null) {
      a.vendorDecided++;
      slot.decided++;
      if (vendorRight) {
        a.vendorRight++;
        slot.right++;
      }
    }
    let categoryRight = true;
    if (item.category !== null) {
      a.categoryLabelled++;
      categoryRight = d.category === item.category;
      if (d.category !== null) a.categoryDecided++;
      if (categoryRight) a.categoryRight++;
      if (d.categoryBasis === 'rule' && d.match !== null) {
        const f = counter(a.byFile, d.match.file);
        f.decided++;
        if (categoryRight) f.right++;
      }
      if (d.categoryBasis === 'sibling-rules') {
        const p = counter(a.byPattern, '(sibling rules)');
        p.decided++;
        if (categoryRight) p.right++;
      }
      if (d.categoryBasis === 'name-pattern' && d.namePattern !== null) {
        const p = counter(a.byPattern, d.namePattern.pattern);
        p.decided++;
        if (categoryRight) p.right++;
      }
    }
    if ((!vendorRight || !categoryRight) && a.misses.length < keep) {
      a.misses.push(
        `${item.name}: label ${item.vendor}/${item.category ?? '-'}, decided ${d.vendor ?? 'unknown'}/${d.category ?? 'unknown'} (${basis}) [${item.from}]`,
      );
    }
  }
  return a;
}

/** "45.0 % (9/20)"; "n/a" for no names. */
export function percent(right: number, of: number): string {
  return of === 0 ? 'n/a' : `${((100 * right) / of).toFixed(1)} % (${right}/${of})`;
}

export function merge(into: Agreement, from: Agreement): Agreement {
  into.names += from.names;
  into.vendorDecided += from.vendorDecided;
  into.vendorRight += from.vendorRight;
  into.categoryLabelled += from.categoryLabelled;
  into.categoryDecided += from.categoryDecided;
  into.categoryRight += from.categoryRight;
  for (const [k, v] of Object.entries(from.byBasis)) {
    const s = counter(into.byBasis, k);
    s.decided += v.decided;
    s.right += v.right;
  }
  for (const [k, v] of Object.entries(from.byPattern)) {
    const s = counter(into.byPattern, k);
    s.decided += v.decided;
    s.right += v.right;
  }
  for (const [k, v] of Object.entries(from.byFile)) {
    const s = counter(into.byFile, k);
    s.decided += v.decided;
    s.right += v.right;
  }
  into.misses.push(...from.misses);
  return into;
}

function counter(
  map: Record<string, { decided: number; right: number }>,
  key: string,
): { decided: number; right: number } {
  let slot = map[key];
  if (slot === undefined) {
    slot = { decided: 0, right: 0 };
    map[key] = slot;
  }
  return slot;
}
