/**
 * What a destination's names say about the endpoint, decided in one place for the audit and `rules test`: the
 * catalog rule that matched (directly, through the CNAME chain, or through the name an edge name embeds), else
 * the owner of the registrable domain ("Google, purpose not catalogued"). Each answer says what decided it.
 */
import type { DomainOwner, DomainOwners } from '../recipient/domain-owners.js';
import type { CatalogMatch, Category } from './types.js';

export type VendorBasis = 'rule' | 'cname-chain' | 'edge-name' | 'domain-owner';
export type CategoryBasis = 'rule' | 'name-pattern';

export interface EndpointName {
  name: string;
  cnameChain?: string[];
}

export interface EndpointDecision {
  /** The catalog rule that matched, if any. */
  match: CatalogMatch | null;
  /** The rule's vendor, else the owner of the first name's registrable domain; null when neither is known. */
  vendor: string | null;
  vendorBasis: VendorBasis | null;
  /** Owner of the registrable domain of the first name the owner table knows (kept even when a rule decided). */
  owner: DomainOwner | null;
  category: Category | null;
  categoryBasis: CategoryBasis | null;
  /** One sentence naming what decided and its source. */
  explanation: string;
}

export function decideEndpoint(
  match: CatalogMatch | null,
  names: readonly EndpointName[],
  owners: DomainOwners,
): EndpointDecision {
  let owner: DomainOwner | null = null;
  for (const n of names) {
    owner = owners.ownerOf(n.name);
    if (owner !== null) break;
  }
  if (match !== null) {
    const rule = match.rule;
    return {
      match,
      vendor: rule.vendor,
      vendorBasis: 'rule',
      owner,
      category: rule.category,
      categoryBasis: 'rule',
      explanation: `catalog rule ${rule.id} matched ${match.matchedName} by ${match.matchKind} pattern ${match.pattern} (source ${rule.source})`,
    };
  }
  if (owner !== null) {
    return {
      match: null,
      vendor: owner.owner,
      vendorBasis: 'domain-owner',
      owner,
      category: null,
      categoryBasis: null,
      explanation: `no catalog rule; ${owner.registrableDomain} is owned by ${owner.owner} (${owner.source}): purpose not catalogued`,
    };
  }
  return {
    match: null,
    vendor: null,
    vendorBasis: null,
    owner: null,
    category: null,
    categoryBasis: null,
    explanation: 'no catalog rule and no known owner of the registrable domain',
  };
}
