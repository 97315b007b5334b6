/**
 * The catalog matcher. Rules are indexed by exact name and by suffix (hash maps keyed by the name after the
 * wildcard), so a lookup walks the labels of each flow name from the right and does one hash lookup per label:
 * cost grows with the name's label count, not with the number of rules.
 *
 * Precedence, most specific first:
 *   1. exact name over suffix over address range (cidr-only rule);
 *   2. longer suffix (more labels) over shorter; longer prefix over shorter;
 *   3. a rule that also constrains the port or the address range (and holds) over one that does not;
 *   4. a rule loaded later (user files come after the shipped ones) over one loaded earlier;
 *   5. among the flow's names, the one given first (callers pass SNI, Host, DNS name, then CNAME chain).
 * A rule whose port or cidr constraint cannot be checked (no port/address given) does not match.
 *
 * matchFlow (what the audit uses) adds one rank above all of these: whose name it is. A rule on a name the client
 * asked for beats one on the host an asked edge name embeds, which beats one on the CNAME chain, which beats a
 * generic delivery-network rule ("*.akamaiedge.net") anywhere; so a CDN's name in the chain never speaks for the
 * vendor whose host the client asked for (see types.ts MatchVia).
 */
import { getDomain } from 'tldts';
import { CidrMatcher } from '../addresses/cidr-matcher.js';
import { type Cidr, cidrContains, parseCidr, parseIp } from './cidr.js';
import { EDGE_SUFFIXES, embeddedName, isEdgeName } from './edge-names.js';
import { catalogFileLabel, packageRoot, readCatalogFile } from './load.js';
import type { CatalogFile, CatalogMatch, CatalogRule, Category, MatchKind, MatchVia } from './types.js';

interface Entry {
  rule: CatalogRule;
  file: string;
  order: number;
  cidrs: Cidr[];
  ports: Set<number> | null;
}

interface Candidate {
  entry: Entry;
  kind: MatchKind;
  pattern: string;
  matchedName: string;
  length: number;
  constrained: boolean;
  nameIndex: number;
}

/** A flow's name as matchFlow takes it (flow-record.ts FlowName and endpoint-decision.ts EndpointName fit). */
export interface FlowNameInput {
  name: string;
  /** The name's CNAME chain, from the asked name (usually repeated first) to the owner of the address record. */
  cnameChain?: readonly string[];
}

/** One rank of matchFlow: the names tried together, each with the asked name it stands for. */
interface Tier {
  via: MatchVia;
  names: string[];
  asked: string[];
  /** Whether generic delivery-network suffix rules may match in this rank (only in the last name rank). */
  generic: boolean;
}

/** Suffix keys of generic delivery-network rules: "*.akamaiedge.net" says only who delivers the bytes. */
const GENERIC_EDGE_KEYS = new Set(EDGE_SUFFIXES);

/** Sibling names needed before their shared category is offered for an uncatalogued name. */
export const MIN_SIBLINGS = 2;
const MAX_SIBLING_IDS = 8;
const KIND_RANK: Record<MatchKind, number> = { exact: 3, suffix: 2, cidr: 1 };
/** Longest DNS name (RFC 1035 §2.3.4); longer inputs are not names and are skipped. */
const MAX_NAME = 253;

export function normaliseName(name: string): string {
  const lower = name.trim().toLowerCase();
  return lower.endsWith('.') ? lower.slice(0, -1) : lower;
}

export class Catalog {
  readonly #exact = new Map<string, Entry[]>();
  readonly #suffix = new Map<string, Entry[]>();
  readonly #cidrOnly: Entry[] = [];
  /**
   * Every network of the cidr-only rules in one trie: an address outside all of them (nearly every address)
   * is rejected with one walk instead of a bigint comparison per network.
   */
  readonly #cidrOnlyNetworks = new CidrMatcher<true>();
  /** False when a network did not go into the trie: then every address takes the full comparison. */
  #trieComplete = true;
  /** Whether any rule is a generic delivery-network suffix ("*.akamaiedge.net"): else matchFlow skips that rank. */
  #hasGenericEdge = false;
  /** Whether an address-range (cidr-only) rule is limited to ports: else matchRange's answer ignores the port. */
  #rangeRulesHavePorts = false;
  readonly #rules: Entry[] = [];
  /** Parent domain of each exact rule name → the categories of its names ("upd.kaspersky.com" → update ×12). */
  readonly #siblings = new Map<string, { category: Category; count: number; mixed: boolean; ids: Set<string> }>();
  readonly files: { file: string; catalogVersion: string; updated: string }[] = [];

  /** Reads and validates files (shipped first, then user files); throws InputError naming every problem. */
  static load(files: string[]): Catalog {
    const root = packageRoot();
    return Catalog.fromCatalogs(
      files.map((file) => ({ file: catalogFileLabel(file, root), catalog: readCatalogFile(file) })),
    );
  }

  /** Builds from parsed files; a later rule with the same id replaces the earlier one. */
  static fromCatalogs(parts: { file: string; catalog: CatalogFile }[]): Catalog {
    const byId = new Map<string, { rule: CatalogRule; file: string }>();
    const catalog = new Catalog();
    for (const { file, catalog: data } of parts) {
      catalog.files.push({ file, catalogVersion: data.catalogVersion, updated: data.updated });
      for (const rule of data.rules) {
        byId.delete(rule.id);
        byId.set(rule.id, { rule, file });
      }
    }
    let order = 0;
    for (const { rule, file } of byId.values()) catalog.#add(rule, file, order++);
    return catalog;
  }

  #add(rule: CatalogRule, file: string, order: number): void {
    const cidrs: Cidr[] = [];
    for (const text of rule.match.cidrs ?? []) {
      const cidr = parseCidr(text);
      if (cidr !== null) cidrs.push(cidr);
    }
    const entry: Entry = { rule, file, order, cidrs, ports: rule.match.ports ? new Set(rule.match.ports) : null };
    this.#rules.push(entry);
    for (const name of rule.match.names ?? []) {
      const n = normaliseName(name);
      push(this.#exact, n, entry);
      this.#addSibling(n, rule);
    }
    for (const suffix of rule.match.suffixes ?? []) {
      const key = suffixKey(suffix);
      if (GENERIC_EDGE_KEYS.has(key)) this.#hasGenericEdge = true;
      push(this.#suffix, key, entry);
    }
    if (rule.match.names === undefined && rule.match.suffixes === undefined) {
      this.#cidrOnly.push(entry);
      if (entry.ports !== null) this.#rangeRulesHavePorts = true;
      for (const cidr of cidrs) if (!this.#cidrOnlyNetworks.add(cidr.text, true)) this.#trieComplete = false;
    }
  }

  #addSibling(name: string, rule: CatalogRule): void {
    // Constrained rules (ports, ranges) say less about the name's siblings; leave them out.
    // "other" names no purpose, so it is no hint either.
    if (rule.match.ports !== undefined || rule.match.cidrs !== undefined || rule.category === 'other') return;
    const dot = name.indexOf('.');
    if (dot <= 0) return;
    const parent = name.slice(dot + 1);
    // Siblings directly under a registrable domain (x.googleapis.com, y.facebook.com) serve every purpose a
    // company has; only a deeper parent (upd.kaspersky.com, events.data.microsoft.com) groups one service.
    const domain = getDomain(parent, { allowPrivateDomains: true });
    if (domain === null || domain === parent) return;
    const s = this.#siblings.get(parent);
    if (s === undefined)
      this.#siblings.set(parent, { category: rule.category, count: 1, mixed: false, ids: new Set([rule.id]) });
    else {
      s.count++;
      if (s.category !== rule.category) s.mixed = true;
      if (s.ids.size < MAX_SIBLING_IDS) s.ids.add(rule.id);
    }
  }

  /**
   * The category every catalogued sibling of `name` (exact rule names under the same parent domain, at least
   * MIN_SIBLINGS of them) agrees on: "p17.upd.kaspersky.com" → update, from p01…p16. Null when they disagree or
   * are too few. A hint for names no rule matched, reported as such (endpoint-decision.ts "sibling-rules").
   */
  siblingCategory(name: string): { category: Category; parent: string; siblings: number; ruleIds: string[] } | null {
    const n = normaliseName(name);
    const dot = n.indexOf('.');
    if (dot <= 0 || n.length > MAX_NAME) return null;
    const parent = n.slice(dot + 1);
    const s = this.#siblings.get(parent);
    if (s === undefined || s.mixed || s.count < MIN_SIBLINGS) return null;
    return { category: s.category, parent, siblings: s.count, ruleIds: [...s.ids] };
  }

  get size(): number {
    return this.#rules.length;
  }

  rules(): { rule: CatalogRule; file: string }[] {
    return this.#rules.map(({ rule, file }) => ({ rule, file }));
  }

  match(names: string[], ip?: string, port?: number, address?: Uint8Array | null): CatalogMatch | null {
    const bigint = new LazyAddress(ip);
    // Any name candidate beats any address-range candidate (precedence 1), so the ranges are tried only after.
    const found = this.#bestByName(names, bigint, port) ?? this.#bestByRange(names.length, ip, port, bigint, address);
    return found === null ? null : toMatch(found);
  }

  /**
   * The name rules alone, for callers that cache by names and port (flow-matcher.ts): `usesAddress` is true when
   * a rule with an address-range constraint was reached, so the answer depends on the address too.
   */
  matchNames(names: string[], ip?: string, port?: number): { match: CatalogMatch | null; usesAddress: boolean } {
    const bigint = new LazyAddress(ip);
    const found = this.#bestByName(names, bigint, port);
    return { match: found === null ? null : toMatch(found), usesAddress: bigint.used };
  }

  /** Whether matchRange's answer can depend on the port (an address-range rule is limited to ports). */
  get rangeMatchUsesPort(): boolean {
    return this.#rangeRulesHavePorts;
  }

  /**
   * The address-range (cidr-only) rules alone: what match() answers when no name rule applies. `address` is
   * core/ip-format.ts parseIp(ip), when the caller has it already.
   */
  matchRange(ip: string, port?: number, address?: Uint8Array | null): CatalogMatch | null {
    const found = this.#bestByRange(0, ip, port, null, address);
    return found === null ? null : toMatch(found);
  }

  /**
   * What the flow's names match, ranked by whose name it is (see the precedence above), then the address-range
   * rules. The answer carries `via` and `askedName`.
   */
  matchFlow(
    names: readonly FlowNameInput[],
    ip?: string,
    port?: number,
    address?: Uint8Array | null,
  ): CatalogMatch | null {
    const bigint = new LazyAddress(ip);
    const named = this.#bestByTiers(tiersOf(names), bigint, port);
    if (named !== null) return named;
    const found = this.#bestByRange(0, ip, port, bigint, address);
    return found === null ? null : toMatch(found);
  }

  /** matchFlow's name ranks alone, for callers that cache by names and port (as matchNames). */
  matchFlowNames(
    names: readonly FlowNameInput[],
    ip?: string,
    port?: number,
  ): { match: CatalogMatch | null; usesAddress: boolean } {
    const bigint = new LazyAddress(ip);
    const match = this.#bestByTiers(tiersOf(names), bigint, port);
    return { match, usesAddress: bigint.used };
  }

  #bestByTiers(tiers: Tier[], address: LazyAddress, port: number | undefined): CatalogMatch | null {
    for (const tier of tiers) {
      if (tier.names.length === 0 || (tier.generic && !this.#hasGenericEdge)) continue;
      const found = this.#bestByName(tier.names, address, port, tier.generic);
      if (found === null) continue;
      const match = toMatch(found);
      match.via = tier.via;
      match.askedName = tier.asked[found.nameIndex] ?? found.matchedName;
      return match;
    }
    return null;
  }

  #bestByName(names: string[], address: LazyAddress, port: number | undefined, generic = true): Candidate | null {
    let best: Candidate | null = null;
    const consider = (candidate: Candidate): void => {
      if (best === null || better(candidate, best)) best = candidate;
    };
    const get = (): { family: 4 | 6; value: bigint } | null => address.get();
    names.forEach((raw, nameIndex) => {
      const name = normaliseName(raw);
      if (name.length === 0 || name.length > MAX_NAME) return;
      for (const entry of this.#exact.get(name) ?? []) {
        const constrained = constraintsHold(entry, get, port);
        if (constrained !== null) consider(candidateOf(entry, 'exact', name, name, 0, constrained, nameIndex));
      }
      // Walk proper suffixes from the longest: "a.b.c" → "b.c" → "c".
      let labels = name.split('.').length - 1;
      for (let dot = name.indexOf('.'); dot >= 0; dot = name.indexOf('.', dot + 1), labels--) {
        const key = name.slice(dot + 1);
        if (!generic && GENERIC_EDGE_KEYS.has(key)) continue;
        for (const entry of this.#suffix.get(key) ?? []) {
          const constrained = constraintsHold(entry, get, port);
          if (constrained !== null)
            consider(candidateOf(entry, 'suffix', `*.${key}`, name, labels, constrained, nameIndex));
        }
      }
    });
    return best;
  }

  #bestByRange(
    nameCount: number,
    ip: string | undefined,
    port: number | undefined,
    /** The address parsed for the name rules, if they asked for it. */
    parsed: LazyAddress | null,
    bytes: Uint8Array | null | undefined,
  ): Candidate | null {
    if (ip === undefined || this.#cidrOnly.length === 0) return null;
    if (this.#trieComplete) {
      const hit =
        bytes === undefined
          ? this.#cidrOnlyNetworks.match(ip)
          : bytes === null
            ? null
            : this.#cidrOnlyNetworks.matchBytes(bytes);
      if (hit === null) return null;
    }
    const addr = (parsed ?? new LazyAddress(ip)).get();
    if (addr === null) return null;
    let best: Candidate | null = null;
    for (const entry of this.#cidrOnly) {
      if (entry.ports !== null && (port === undefined || !entry.ports.has(port))) continue;
      for (const cidr of entry.cidrs) {
        if (!cidrContains(cidr, addr)) continue;
        const candidate = candidateOf(entry, 'cidr', cidr.text, ip, cidr.prefix, entry.ports !== null, nameCount);
        if (best === null || better(candidate, best)) best = candidate;
      }
    }
    return best;
  }
}

/**
 * matchFlow's ranks: asked names; hosts embedded in asked edge names; CNAME chain names and their embedded hosts
 * (each once, asked names excluded); then every one of them again with generic delivery-network rules allowed.
 */
function tiersOf(names: readonly FlowNameInput[]): Tier[] {
  const seen = new Set<string>();
  const asked: Tier = { via: 'name', names: [], asked: [], generic: false };
  const edge: Tier = { via: 'edge-name', names: [], asked: [], generic: false };
  const chain: Tier = { via: 'cname-chain', names: [], asked: [], generic: false };
  const add = (tier: Tier, raw: string, askedName: string): void => {
    const name = normaliseName(raw);
    if (name.length === 0 || seen.has(name)) return;
    seen.add(name);
    tier.names.push(name);
    tier.asked.push(askedName);
  };
  for (const n of names) add(asked, n.name, n.name);
  for (const n of names) {
    const embedded = isEdgeName(n.name) ? embeddedName(n.name) : null;
    if (embedded !== null) add(edge, embedded, n.name);
  }
  for (const n of names) {
    for (const c of n.cnameChain ?? []) {
      add(chain, c, n.name);
      const embedded = isEdgeName(c) ? embeddedName(c) : null;
      if (embedded !== null) add(chain, embedded, n.name);
    }
  }
  const all: Tier = {
    via: 'cdn-edge',
    names: [...asked.names, ...edge.names, ...chain.names],
    asked: [...asked.asked, ...edge.asked, ...chain.asked],
    generic: true,
  };
  return [asked, edge, chain, all];
}

/** The address as a bigint, parsed once and only when a rule needs it (bigint parsing costs more than names). */
class LazyAddress {
  #parsed: { family: 4 | 6; value: bigint } | null | undefined;
  constructor(readonly ip: string | undefined) {}
  get(): { family: 4 | 6; value: bigint } | null {
    if (this.#parsed === undefined) this.#parsed = this.ip === undefined ? null : parseIp(this.ip);
    return this.#parsed;
  }
  /** Whether a rule asked for the address. */
  get used(): boolean {
    return this.#parsed !== undefined;
  }
}

function toMatch(found: Candidate): CatalogMatch {
  return {
    rule: found.entry.rule,
    matchedName: found.matchedName,
    matchKind: found.kind,
    pattern: found.pattern,
    constrained: found.constrained,
    file: found.entry.file,
  };
}

function candidateOf(
  entry: Entry,
  kind: MatchKind,
  pattern: string,
  matchedName: string,
  length: number,
  constrained: boolean,
  nameIndex: number,
): Candidate {
  return { entry, kind, pattern, matchedName, length, constrained, nameIndex };
}

/** null: a constraint fails or cannot be checked; true: constraints exist and hold; false: none. */
function constraintsHold(
  entry: Entry,
  address: () => { family: 4 | 6; value: bigint } | null,
  port?: number,
): boolean | null {
  let constrained = false;
  if (entry.ports !== null) {
    if (port === undefined || !entry.ports.has(port)) return null;
    constrained = true;
  }
  if (entry.cidrs.length > 0) {
    const a = address();
    if (a === null || !entry.cidrs.some((c) => cidrContains(c, a))) return null;
    constrained = true;
  }
  return constrained;
}

function better(a: Candidate, b: Candidate): boolean {
  if (KIND_RANK[a.kind] !== KIND_RANK[b.kind]) return KIND_RANK[a.kind] > KIND_RANK[b.kind];
  if (a.length !== b.length) return a.length > b.length;
  if (a.constrained !== b.constrained) return a.constrained;
  if (a.entry.order !== b.entry.order) return a.entry.order > b.entry.order;
  return a.nameIndex < b.nameIndex;
}

function suffixKey(suffix: string): string {
  return normaliseName(suffix.startsWith('*.') ? suffix.slice(2) : suffix.slice(1));
}

function push(map: Map<string, Entry[]>, key: string, entry: Entry): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [entry]);
  else list.push(entry);
}
