/**
 * Catalog matching per flow, cached by what the answer depends on. A flow's names repeat across thousands of
 * server addresses (one SNI, many CDN addresses), while the address matters only when a name rule constrains the
 * address range or when no name rule applies and the address-range rules are tried. So the name answer is cached
 * per (names, port), and the address part is one walk of the catalog's address-range trie.
 * Answers equal Catalog.matchFlow(namesWithLinks(names), server, port).
 *
 * Reverse links: a flow named only by an edge name (e1234.dscb.akamaiedge.net, seen as SNI or in a log without
 * the DNS answer) is judged by the name whose CNAME chain led to that edge name in an earlier flow of the same
 * run, when there was one. The links live here, not in the DNS cache, because the cache answers per address and
 * the flows that need a link are exactly those its answers did not name; they are bounded (EDGE_LINK_LIMIT).
 */
import type { Catalog, FlowNameInput } from './catalog.js';
import { isEdgeName } from './edge-names.js';
import type { CatalogMatch } from './types.js';

/** Name answers remembered per map; beyond that the map starts over. */
export const NAME_CACHE_LIMIT = 100_000;
/** Edge name → asked name links remembered; beyond that the map starts over. */
export const EDGE_LINK_LIMIT = 50_000;

export interface FlowName {
  name: string;
  cnameChain?: readonly string[];
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
  /** Several names or a chain, keyed by port, then by the names and chains length-prefixed ("n3:abcc5:d.com"). */
  readonly #multi = new Map<number | undefined, Map<string, NameAnswer>>();
  /** Edge name (in a CNAME chain) → the name the client asked for that resolved through it. */
  readonly #links = new Map<string, string>();
  /** Chains already learnt from (their cache key), so a repeated chain costs one lookup. */
  readonly #learnt = new Set<string>();

  constructor(readonly catalog: Catalog) {}

  /** `addresses` gives parseIp(server) when the address is needed (without it the catalog parses the text). */
  match(names: readonly FlowName[], server: string, port?: number, addresses?: AddressSource): CatalogMatch | null {
    if (names.length === 0) return this.catalog.matchRange(server, port, addresses?.addressOf(server));
    const first = names[0];
    let single = names.length === 1 && first !== undefined && first.cnameChain === undefined;
    // An edge name seen alone stands for the asked name that led to it, when a chain showed one.
    if (single && first !== undefined && this.#links.size > 0 && this.#links.has(first.name)) single = false;
    let effective: readonly FlowName[] = names;
    let key: string;
    if (single && first !== undefined) key = first.name;
    else {
      if (this.#links.size > 0) effective = this.namesWithLinks(names);
      key = keyOf(effective);
      this.#learn(effective, key);
    }
    const byPort = single ? this.#single : this.#multi;
    let byKey = byPort.get(port);
    if (byKey === undefined) {
      byKey = new Map();
      byPort.set(port, byKey);
    }
    let answer = byKey.get(key);
    if (answer === undefined) {
      answer = this.catalog.matchFlowNames(effective, server, port);
      if (byKey.size >= NAME_CACHE_LIMIT) byKey.clear();
      byKey.set(key, answer);
    }
    if (answer.usesAddress) return this.catalog.matchFlow(effective, server, port, addresses?.addressOf(server));
    return answer.match ?? this.catalog.matchRange(server, port, addresses?.addressOf(server));
  }

  /**
   * The names with the reverse links added: an edge name without a chain gets the chain [asked name, edge name]
   * an earlier flow showed. endpoint-decision.ts takes the same names, so owner look-ups see the link too.
   */
  namesWithLinks(names: readonly FlowName[]): FlowName[] {
    return names.map((n) => {
      if (n.cnameChain !== undefined && n.cnameChain.length > 0) return n;
      const asked = this.#links.get(n.name);
      return asked === undefined ? n : { name: n.name, cnameChain: [asked, n.name] };
    });
  }

  /** The asked name an edge name was reached from, if a chain in this run showed one. */
  linkOf(edgeName: string): string | undefined {
    return this.#links.get(edgeName);
  }

  #learn(names: readonly FlowName[], key: string): void {
    if (this.#learnt.has(key)) return;
    if (this.#learnt.size >= NAME_CACHE_LIMIT) this.#learnt.clear();
    this.#learnt.add(key);
    for (const n of names) {
      const chain = n.cnameChain;
      // An asked edge name links nowhere (that includes the chains namesWithLinks made).
      if (chain === undefined || isEdgeName(n.name)) continue;
      for (const c of chain) {
        if (c === n.name || !isEdgeName(c)) continue;
        if (this.#links.size >= EDGE_LINK_LIMIT) this.#links.clear();
        // The first asked name seen for an edge name stays: shared edge hosts serve many names; the first is as
        // good as any and keeps answers stable for the rest of the run.
        if (!this.#links.has(c)) this.#links.set(c, n.name);
      }
    }
  }
}

/** Length-prefixed, marked n (name) or c (chain link): no two name lists share a key whatever the names hold. */
function keyOf(names: readonly FlowNameInput[]): string {
  let key = '';
  for (const n of names) {
    key += `n${n.name.length}:${n.name}`;
    for (const c of n.cnameChain ?? []) key += `c${c.length}:${c}`;
  }
  return key;
}
