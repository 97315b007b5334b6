/**
 * What a destination's names say about the endpoint, decided in one place for the audit and `rules test`: the
 * catalog rule that matched (directly, through the CNAME chain, or through the name an edge name embeds), else
 * the owner of the registrable domain ("Google, purpose not catalogued"). Each answer says what decided it.
 *
 * Order, first that applies:
 *   1. a rule on an asked name, on the host an asked edge name embeds, or on the CNAME chain (Catalog.matchFlow
 *      ranks these; `match.via` says which);
 *   2. the owner of an asked name's registrable domain, then of an embedded host's;
 *   3. the owner of a CNAME chain name's (or its embedded host's) registrable domain;
 *   4. a generic delivery-network rule ("*.akamaiedge.net", match.via "cdn-edge"): it names who delivers the bytes,
 *      so it never speaks over 1-3.
 * When no rule gave the category (2-4): the category all catalogued sibling names share (same parent domain, given
 * `options.catalog`), as "sibling-rules"; else the asked names' own labels (name-patterns.ts), as "name-pattern".
 */
import type { DomainOwner, DomainOwners } from '../owners/domain-owners.js';
import type { Catalog } from './catalog.js';
import { embeddedName, isEdgeName } from './edge-names.js';
import { categoryByName, NAME_PATTERNS, type NamePattern } from './name-patterns.js';
import type { CatalogMatch, Category } from './types.js';

export type VendorBasis = 'rule' | 'cname-chain' | 'edge-name' | 'domain-owner';
/** sibling-rules: no rule matched, but every catalogued name under the same parent domain has this category. */
export type CategoryBasis = 'rule' | 'sibling-rules' | 'name-pattern';
/** Which name the owner was found for: one the client asked for, the host an edge name embeds, or the chain. */
export type OwnerBasis = 'name' | 'edge-name' | 'cname-chain';

export interface EndpointName {
  name: string;
  cnameChain?: readonly string[];
}

export interface EndpointDecision {
  /** The catalog rule that decided, if any (a generic delivery-network rule set aside is in `setAside`). */
  match: CatalogMatch | null;
  /** The rule's vendor, else the owner of the first name's registrable domain; null when neither is known. */
  vendor: string | null;
  vendorBasis: VendorBasis | null;
  /** Owner of the registrable domain of the first name the owner table knows (kept even when a rule decided). */
  owner: DomainOwner | null;
  /** Which kind of name `owner` was found for, and the name. */
  ownerBasis: OwnerBasis | null;
  ownerName: string | null;
  category: Category | null;
  categoryBasis: CategoryBasis | null;
  /** The name pattern that gave the category (categoryBasis "name-pattern"), and the name it was found in. */
  namePattern: { pattern: string; name: string } | null;
  /** A generic delivery-network rule that matched but did not decide, because a domain owner was known. */
  setAside: CatalogMatch | null;
  /** One sentence naming what decided and its source. */
  explanation: string;
}

export interface DecideOptions {
  /** The catalog, for the category of a name's catalogued siblings (Catalog.siblingCategory) when no rule decided. */
  catalog?: Pick<Catalog, 'siblingCategory'>;
  /** Name patterns for the category when no rule gave one; [] turns them off. Default: NAME_PATTERNS. */
  namePatterns?: readonly NamePattern[];
}

interface OwnerFound {
  owner: DomainOwner;
  basis: OwnerBasis;
  name: string;
}

export function decideEndpoint(
  match: CatalogMatch | null,
  names: readonly EndpointName[],
  owners: DomainOwners,
  options: DecideOptions = {},
): EndpointDecision {
  const found = findOwner(names, owners);
  const owner = found?.owner ?? null;
  const ownerFields = { owner, ownerBasis: found?.basis ?? null, ownerName: found?.name ?? null };
  const generic = match !== null && match.via === 'cdn-edge';
  if (match !== null && !generic) {
    const rule = match.rule;
    return {
      match,
      vendor: rule.vendor,
      vendorBasis: match.via === 'cname-chain' ? 'cname-chain' : match.via === 'edge-name' ? 'edge-name' : 'rule',
      ...ownerFields,
      category: rule.category,
      categoryBasis: 'rule',
      namePattern: null,
      setAside: null,
      explanation: ruleSentence(match),
    };
  }
  const sibling = siblingOf(names, options.catalog);
  const pattern = sibling === null ? patternOf(names, options.namePatterns ?? NAME_PATTERNS) : null;
  const category: { category: Category; categoryBasis: CategoryBasis } | null =
    sibling !== null
      ? { category: sibling.category, categoryBasis: 'sibling-rules' }
      : pattern === null
        ? null
        : { category: pattern.category, categoryBasis: 'name-pattern' };
  const patternText =
    sibling !== null
      ? `; category ${sibling.category} shared by all ${sibling.siblings} catalogued names under ${sibling.parent} (rules ${sibling.ruleIds.join(', ')})`
      : pattern === null
        ? ''
        : `; category ${pattern.category} from the name pattern "${pattern.pattern}" in ${pattern.name}`;
  if (found !== null) {
    // A generic delivery-network rule never speaks over a known owner; a chain owner goes before it too.
    const o = found.owner;
    const where =
      found.basis === 'name'
        ? o.registrableDomain
        : found.basis === 'edge-name'
          ? `${o.registrableDomain} (the host embedded in the edge name ${found.name})`
          : `${o.registrableDomain} (${found.name}, reached through the CNAME chain)`;
    return {
      match: null,
      vendor: o.owner,
      vendorBasis: 'domain-owner',
      ...ownerFields,
      category: category?.category ?? null,
      categoryBasis: category?.categoryBasis ?? null,
      namePattern: pattern === null ? null : { pattern: pattern.pattern, name: pattern.name },
      setAside: generic ? match : null,
      explanation: `no catalog rule; ${where} is owned by ${o.owner} (${o.source})${patternText === '' ? ': purpose not catalogued' : patternText}${generic && match !== null ? `; the delivery-network rule ${match.rule.id} on ${match.matchedName} was set aside` : ''}`,
    };
  }
  if (match !== null) {
    // Only a generic delivery-network rule: it names who delivers the bytes; the purpose stays the rule's unless
    // the asked name's own labels say more.
    const rule = match.rule;
    return {
      match,
      vendor: rule.vendor,
      vendorBasis: 'rule',
      ...ownerFields,
      category: category?.category ?? rule.category,
      categoryBasis: category?.categoryBasis ?? 'rule',
      namePattern: pattern === null ? null : { pattern: pattern.pattern, name: pattern.name },
      setAside: null,
      explanation: `${ruleSentence(match)}: a delivery network's rule, no owner of the asked name is known${patternText}`,
    };
  }
  return {
    match: null,
    vendor: null,
    vendorBasis: null,
    ...ownerFields,
    category: category?.category ?? null,
    categoryBasis: category?.categoryBasis ?? null,
    namePattern: pattern === null ? null : { pattern: pattern.pattern, name: pattern.name },
    setAside: null,
    explanation: `no catalog rule and no known owner of the registrable domain${patternText}`,
  };
}

function ruleSentence(match: CatalogMatch): string {
  const rule = match.rule;
  const base = `catalog rule ${rule.id} matched ${match.matchedName} by ${match.matchKind} pattern ${match.pattern} (source ${rule.source}${rule.verified === undefined ? ', unverified' : `, verified ${rule.verified}`})`;
  const asked = match.askedName ?? match.matchedName;
  switch (match.via) {
    case 'edge-name':
      return `${base}, the host embedded in the edge name ${asked}`;
    case 'cname-chain':
      return `${base}, via the CNAME chain of ${asked}`;
    case 'cdn-edge':
      return `${base}, a generic delivery-network rule${asked === match.matchedName ? '' : ` on the CNAME chain of ${asked}`}`;
    default:
      return base;
  }
}

/** Owner of the first name the table knows: asked names, then their embedded hosts, then the CNAME chains. */
function findOwner(names: readonly EndpointName[], owners: DomainOwners): OwnerFound | null {
  for (const n of names) {
    const owner = owners.ownerOf(n.name);
    if (owner !== null) return { owner, basis: 'name', name: n.name };
  }
  for (const n of names) {
    const embedded = isEdgeName(n.name) ? embeddedName(n.name) : null;
    const owner = embedded === null ? null : owners.ownerOf(embedded);
    if (owner !== null) return { owner, basis: 'edge-name', name: n.name };
  }
  for (const n of names) {
    for (const c of n.cnameChain ?? []) {
      if (c === n.name) continue;
      const embedded = isEdgeName(c) ? embeddedName(c) : null;
      const owner = owners.ownerOf(c) ?? (embedded === null ? null : owners.ownerOf(embedded));
      if (owner !== null) return { owner, basis: 'cname-chain', name: c };
    }
  }
  return null;
}

/** The catalogued siblings' shared category for the first asked name (or embedded host) that has one. */
function siblingOf(
  names: readonly EndpointName[],
  catalog: Pick<Catalog, 'siblingCategory'> | undefined,
): ReturnType<Catalog['siblingCategory']> {
  if (catalog === undefined) return null;
  for (const n of names) {
    const target = isEdgeName(n.name) ? embeddedName(n.name) : n.name;
    const hit = target === null ? null : catalog.siblingCategory(target);
    if (hit !== null) return hit;
  }
  return null;
}

/** The first name-pattern hit among the asked names and the hosts their edge names embed. */
function patternOf(
  names: readonly EndpointName[],
  table: readonly NamePattern[],
): (NamePattern & { name: string }) | null {
  if (table.length === 0) return null;
  for (const n of names) {
    const target = isEdgeName(n.name) ? embeddedName(n.name) : n.name;
    if (target === null) continue;
    const hit = categoryByName(target, table);
    if (hit !== null) return { ...hit, name: n.name };
  }
  return null;
}
