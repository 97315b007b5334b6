/**
 * Catalog matching per flow, cached by what the answer depends on. A flow's names repeat across thousands of
 * server addresses (one SNI, many CDN addresses), while the address matters only when a name rule constrains the
 * address range or when no name rule applies and the address-range rules are tried. So the name answer is cached
 * per (names, port), and the address part is one walk of the catalog's address-range trie.
 * Answers equal Catalog.match(candidates, server, port) for the candidates SNI/Host/DNS name, then CNAME chain.
 */
import type { Catalog } from './catalog.js';
import type { CatalogMatch } from './types.js';

/** Name answers remembered per map; beyond that the map starts over. */
export const NAME_CACHE_LIMIT = 100_000;

export interface FlowName {
  name: string;
  cnameChain?: string[];
}

/** Where the address bytes come from (audit/destination-facts.ts reuses the parse it just made). */
export interface AddressSource {
  addressOf(ip: string): Uint8Array | null;
}

interface NameAnswer {
  match: CatalogMatch | null;
  /** A matching name rule constrains the address range: the answer must be computed per address. */
  usesAddress: boolean;
}

export class FlowCatalogMatcher {
  /** One name without a CNAME chain (the common case), keyed by port, then by the name itself. */
  readonly #single = new Map<number | undefined, Map<string, NameAnswer>>();
  /** Several names or a chain, keyed by port, then by the candidates length-prefixed ("3:abc5:d.com"). */
  readonly #multi = new Map<number | undefined, Map<string, NameAnswer>>();

  constructor(readonly catalog: Catalog) {}

  /** `addresses` gives parseIp(server) when the address is needed (without it the catalog parses the text). */
  match(names: readonly FlowName[], server: string, port?: number, addresses?: AddressSource): CatalogMatch | null {
    if (names.length === 0) return this.catalog.matchRange(server, port, addresses?.addressOf(server));
    const first = names[0];
    let single = names.length === 1 && first !== undefined && first.cnameChain === undefined;
    let candidates: string[] | null = null;
    let key: string;
    if (single && first !== undefined) key = first.name;
    else {
      candidates = candidatesOf(names);
      // Length-prefixed, so no two candidate lists share a key whatever characters the names hold.
      key = '';
      for (const c of candidates) key += `${c.length}:${c}`;
      single = false;
    }
    const byPort = single ? this.#single : this.#multi;
    let byKey = byPort.get(port);
    if (byKey === undefined) {
      byKey = new Map();
      byPort.set(port, byKey);
    }
    let answer = byKey.get(key);
    if (answer === undefined) {
      candidates ??= candidatesOf(names);
      answer = this.catalog.matchNames(candidates, server, port);
      if (byKey.size >= NAME_CACHE_LIMIT) byKey.clear();
      byKey.set(key, answer);
    }
    if (answer.usesAddress) {
      return this.catalog.match(candidates ?? candidatesOf(names), server, port, addresses?.addressOf(server));
    }
    return answer.match ?? this.catalog.matchRange(server, port, addresses?.addressOf(server));
  }
}

/** The catalog's candidate list: each name, followed by its CNAME chain. */
function candidatesOf(names: readonly FlowName[]): string[] {
  const out: string[] = [];
  for (const n of names) {
    out.push(n.name);
    for (const c of n.cnameChain ?? []) out.push(c);
  }
  return out;
}
