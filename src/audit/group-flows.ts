/**
 * Flows → destination groups, as they arrive (memory grows with groups, not with flows): one group per operator +
 * name + country, the unit a DPIA talks about ("Office telemetry, Microsoft, servers in the Netherlands").
 * Unnamed flows are grouped by their address. Each group keeps counts and bounded samples of what it saw, never
 * the flow: enrichment (address facts, catalog) is cached per address and names, and assessment runs per group
 * (build-report.ts). What is read of a flow is AuditFlow (audit-flow.ts), the engine → audit interface.
 */
import type { PiiFinding } from '../assess/pii/types.js';
import { parseIsoMicros } from '../core/parse-iso-micros.js';
import { SampledLaps } from '../core/sampled-laps.js';
import type { Catalog } from '../enrich/catalog/catalog.js';
import { FlowCatalogMatcher } from '../enrich/catalog/flow-matcher.js';
import { type CatalogMatch, MATCH_VIAS } from '../enrich/catalog/types.js';
import type { CertificateSeen } from '../enrich/recipient/resolve-recipient.js';
import { isoMicros } from '../flows/flow-to-record.js';
import type { AuditFlow } from './audit-flow.js';
import type { DestinationFacts, DestinationFactsResolver } from './destination-facts.js';
import { type SmallSet, smallAdd, smallSize } from './small-set.js';

/** Facts objects whose group map is remembered at most. */
const MAX_FACTS_MAPS = 200_000;

/** Per-group bounds: a CDN group can see thousands of addresses and clients. */
export const MAX_GROUP_NAMES = 20;
export const MAX_GROUP_IPS = 64;
export const MAX_GROUP_CLIENTS = 256;
export const MAX_GROUP_PII = 50;

export interface NameSeen {
  name: string;
  via: string;
  unicode?: string;
  suspicious?: string;
  file: string;
  frame?: number;
  line?: number;
  cnameChain?: string[];
}

/**
 * Texts a group's flows brought: the first flow's list itself while every flow brings that same list (capture
 * flows share one list per client's ClientHello), a Set of them once another list comes. A Set per group and
 * field cost ~300 bytes a group of a 40,000-destination capture.
 */
type TextList = readonly string[] | Set<string> | null;

function withList(have: TextList, list: readonly string[]): TextList {
  if (have === null || have === list) return list;
  let set: Set<string>;
  if (have instanceof Set) set = have;
  else {
    set = new Set<string>();
    for (let i = 0; i < have.length; i++) set.add(have[i] as string);
  }
  for (let i = 0; i < list.length; i++) set.add(list[i] as string);
  return set;
}

/** What few groups have (names, findings, handshake details, content): one object, made at the first of them. */
interface GroupRare {
  names: Map<string, NameSeen>;
  processes: Set<string> | null;
  pii: (PiiFinding & { file: string })[];
  minRttMs: number | null;
  /** The one list every flow so far brought (shared with the flows: read only), or a Set once they differ. */
  alpn: TextList;
  tlsVersions: TextList;
  ech: boolean;
  certificate: CertificateSeen | null;
  content: GroupContent | null;
}

/**
 * One destination group being summed. A perimeter log of 400,000 destinations makes 400,000 of these, so a group
 * holds only what every group has, each field 8 bytes: times as microseconds (their ISO texts were ~175 bytes a
 * group), no key text (the grouper finds groups by host, place and name: groupKey spells it when asked), and what
 * few groups have in one GroupRare behind getters (the readers see one shape either way).
 */
export class GroupAccumulator {
  /** The destination facts of the first address seen (scope, country, operator, transfer). */
  readonly facts: DestinationFacts;
  /** That first address. */
  readonly firstIp: string;
  readonly bestName: string | null;
  /** Server addresses (at most MAX_GROUP_IPS) and "proto/port" keys: small-set.ts. */
  ips: SmallSet = null;
  ports: SmallSet = null;
  match: CatalogMatch | null = null;
  outPackets: number | null = null;
  outBytes: number | null = null;
  inPackets: number | null = null;
  inBytes: number | null = null;
  flows = 0;
  /** First and last time in microseconds, while every time seen was an ISO text isoMicros spells back. */
  firstTs: number;
  lastTs: number;
  /** The texts themselves once a time was not such a text (they are then compared as text, as given). */
  times: { first: string; last: string } | null = null;
  /** Client addresses, at most MAX_GROUP_CLIENTS (small-set.ts). */
  clients: SmallSet = null;
  /** First flow's evidence location. */
  readonly firstFile: string;
  readonly firstFrame: number | undefined;
  readonly firstLine: number | undefined;
  rare: GroupRare | null = null;

  constructor(flow: AuditFlow, facts: DestinationFacts, bestName: string | null) {
    this.facts = facts;
    this.firstIp = flow.server;
    this.bestName = bestName;
    this.firstFile = flow.source.file;
    this.firstFrame = flow.source.firstFrame;
    this.firstLine = flow.source.line;
    if (hasMicros(flow)) {
      // + 0: -0 is 0, as parsing its text gives.
      this.firstTs = flow.firstMicros + 0;
      this.lastTs = flow.lastMicros + 0;
      return;
    }
    const first = parseIsoMicros(flow.firstSeen);
    const last = parseIsoMicros(flow.lastSeen);
    if (Number.isNaN(first) || Number.isNaN(last)) {
      this.firstTs = 0;
      this.lastTs = 0;
      this.times = { first: flow.firstSeen, last: flow.lastSeen };
    } else {
      this.firstTs = first;
      this.lastTs = last;
    }
  }

  get firstSeen(): string {
    return this.times === null ? isoMicros(this.firstTs) : this.times.first;
  }

  get lastSeen(): string {
    return this.times === null ? isoMicros(this.lastTs) : this.times.last;
  }

  /** Widens the group's time span by a flow's: by its microseconds where they stand for its texts (hasMicros). */
  addTimesOf(flow: AuditFlow): void {
    if (this.times === null && hasMicros(flow)) {
      const a = flow.firstMicros + 0;
      const b = flow.lastMicros + 0;
      if (a < this.firstTs) this.firstTs = a;
      if (b > this.lastTs) this.lastTs = b;
      return;
    }
    this.addTimes(flow.firstSeen, flow.lastSeen);
  }

  /** Widens the group's time span by a flow's (as text comparison of the ISO texts would). */
  addTimes(first: string, last: string): void {
    if (this.times === null) {
      const a = parseIsoMicros(first);
      const b = parseIsoMicros(last);
      if (!Number.isNaN(a) && !Number.isNaN(b)) {
        if (a < this.firstTs) this.firstTs = a;
        if (b > this.lastTs) this.lastTs = b;
        return;
      }
      this.times = { first: isoMicros(this.firstTs), last: isoMicros(this.lastTs) };
    }
    if (first < this.times.first) this.times.first = first;
    if (last > this.times.last) this.times.last = last;
  }

  /** The rare part, made on first use (only the grouper adds to it). */
  own(): GroupRare {
    this.rare ??= {
      names: NO_NAMES,
      processes: null,
      pii: NO_PII,
      minRttMs: null,
      alpn: null,
      tlsVersions: null,
      ech: false,
      certificate: null,
      content: null,
    };
    return this.rare;
  }

  /** Shared and empty until the group's first name (NO_NAMES). */
  get names(): ReadonlyMap<string, NameSeen> {
    return this.rare?.names ?? NO_NAMES;
  }
  /** Null until a flow names one: most groups never see a process, ALPN or TLS version (logs, plain TCP). */
  get processes(): ReadonlySet<string> | null {
    return this.rare?.processes ?? null;
  }
  /** Shared and empty until the group's first finding (NO_PII). */
  get pii(): readonly (PiiFinding & { file: string })[] {
    return this.rare?.pii ?? NO_PII;
  }
  get minRttMs(): number | null {
    return this.rare?.minRttMs ?? null;
  }
  /** The group's ALPN names: a list (possibly with repeats) or a set; build-report sorts them without repeats. */
  get alpn(): ReadonlySet<string> | readonly string[] | null {
    return this.rare?.alpn ?? null;
  }
  get tlsVersions(): ReadonlySet<string> | readonly string[] | null {
    return this.rare?.tlsVersions ?? null;
  }
  get ech(): boolean {
    return this.rare?.ech ?? false;
  }
  /** The first server certificate with a subject Organization (who runs the service), with where it was seen. */
  get certificate(): CertificateSeen | null {
    return this.rare?.certificate ?? null;
  }
  /** Null until a flow of the group had its content followed (runs with keys): what reading it gave. */
  get content(): GroupContent | null {
    return this.rare?.content ?? null;
  }
}

/**
 * Whether a flow's times are given as microseconds the texts are isoMicros of (audit-flow.ts): safe integers,
 * which parseIsoMicros gives back from those texts exactly (four-digit years, about 1685 to 2255). Any other
 * number (fractions, NaN, beyond that range) goes the text way, as every time did before.
 */
function hasMicros(flow: AuditFlow): flow is AuditFlow & { firstMicros: number; lastMicros: number } {
  return Number.isSafeInteger(flow.firstMicros) && Number.isSafeInteger(flow.lastMicros);
}

/** The group's key: host (operator) | best name or first address | country or scope (model.ts DestinationGroup). */
export function groupKey(g: GroupAccumulator): string {
  return `${keyHost(g.facts)}|${g.bestName ?? g.firstIp}|${keyPlace(g.facts)}`;
}

/** The key's first part: the host (operator) name, or "-". */
export function keyHost(f: DestinationFacts): string {
  return f.operator?.name ?? '-';
}

export function keyPlace(f: DestinationFacts): string {
  return f.country ?? f.scope;
}

/** What reading the content of a group's flows gave (payload/: decryption, HTTP, inspection). */
export interface GroupContent {
  /** Flows whose content was followed (TLS or QUIC with or without a key, plaintext HTTP). */
  flows: number;
  /** Of those, flows whose content was read: decrypted, or plaintext. */
  read: number;
  decrypted: number;
  requests: number;
  /** Findings from the content (they are also in the group's pii list). */
  findings: number;
  /** Flows not readable, by reason ("no key for client random …" grouped by status). */
  notReadable: Map<string, number>;
}

/**
 * Content findings as payload findings of the group: from a plaintext flow they were on the wire ("http."), from
 * a decrypted one only in the encrypted stream ("decrypted "), which does not count as sent in clear.
 */
function contentPii(flow: AuditFlow): PiiFinding[] {
  const content = flow.content;
  if (content === undefined) return [];
  const prefix = content.status === 'plaintext' ? 'http.' : 'decrypted ';
  return content.findings.map((f) => ({
    kind: f.kind,
    detector: f.detector,
    field: `${prefix}${f.field}`,
    excerpt: f.excerpt,
    confidence: f.confidence,
    ...(flow.source.firstFrame === undefined ? {} : { frame: flow.source.firstFrame }),
  }));
}

/**
 * What a group holds until it sees its first name or finding (most groups of a perimeter log never do): one
 * shared empty map and list, replaced by the group's own before anything is added (only here), so a log of
 * 400,000 destinations does not hold 800,000 empty containers.
 */
const NO_NAMES = new Map<string, NameSeen>();
/** Frozen: an addition that missed the replacement throws instead of reaching every group. */
const NO_PII = Object.freeze([]) as unknown as (PiiFinding & { file: string })[];

function addPii(g: GroupAccumulator, findings: readonly PiiFinding[], file: string): void {
  for (const p of findings) {
    if (g.pii.length >= MAX_GROUP_PII) return;
    if (!g.pii.some((q) => q.kind === p.kind && q.excerpt === p.excerpt)) {
      const rare = g.own();
      if (rare.pii === NO_PII) rare.pii = [];
      rare.pii.push({ ...p, file });
    }
  }
}

function addCount(a: number | null, b: number | null): number | null {
  return a === null || b === null ? (a ?? b) : a + b;
}

/** "proto/port" keys, one string per distinct key (most groups hold one, and many groups the same). */
const PORT_KEYS = new Map<string, Map<number, string>>();
const MAX_PORT_KEYS = 1 << 17;
let portKeys = 0;

/**
 * The keys of TCP and UDP ports (nearly every flow), by port number, made on first use: a look-up in an array
 * where the maps above took two (~0.15 s of an audit of 1,000,000 log lines to ports all over the range).
 */
const PORT_RANGE = 65_536;
let tcpPortKeys: (string | undefined)[] | null = null;
let udpPortKeys: (string | undefined)[] | null = null;

function portKey(proto: string, port: number): string {
  const inRange = Number.isInteger(port) && port >= 0 && port < PORT_RANGE;
  if (inRange && proto === 'tcp') {
    tcpPortKeys ??= new Array<string | undefined>(PORT_RANGE).fill(undefined);
    return keyAt(tcpPortKeys, proto, port);
  }
  if (inRange && proto === 'udp') {
    udpPortKeys ??= new Array<string | undefined>(PORT_RANGE).fill(undefined);
    return keyAt(udpPortKeys, proto, port);
  }
  return portKeyOf(proto, port);
}

/** keys[port], made on first use. */
function keyAt(keys: (string | undefined)[], proto: string, port: number): string {
  const known = keys[port];
  if (known !== undefined) return known;
  const key = `${proto}/${port}`;
  keys[port] = key;
  return key;
}

function portKeyOf(proto: string, port: number): string {
  let byPort = PORT_KEYS.get(proto);
  if (byPort === undefined) {
    byPort = new Map();
    PORT_KEYS.set(proto, byPort);
  }
  let key = byPort.get(port);
  if (key === undefined) {
    key = `${proto}/${port}`;
    if (portKeys < MAX_PORT_KEYS) {
      byPort.set(port, key);
      portKeys++;
    }
  }
  return key;
}

/** The steps of FlowGrouper.add timed for --timings (the group look-up counts with the match). */
const FACTS_LAP = 0;
const MATCH_LAP = 1;
const GROUP_LAP = 2;

export class FlowGrouper {
  /**
   * Groups by host (operator name) and place (country or scope), then by best name or address: the key's three
   * parts (groupKey) without spelling the key for every flow and keeping it for every group.
   */
  readonly #byHostPlace = new Map<string, Map<string, Map<string, GroupAccumulator>>>();
  /** The name-or-address maps of the facts objects seen (facts are shared by many addresses). */
  readonly #byFacts = new Map<DestinationFacts, Map<string, GroupAccumulator>>();
  /** The last #groupsOf answer and its facts. */
  #lastFacts: DestinationFacts | null = null;
  #lastGroups: Map<string, GroupAccumulator> | null = null;
  /** The previous flow's group, its map and its name or address. */
  #prevMap: Map<string, GroupAccumulator> | null = null;
  #prevName = '';
  #prevGroup: GroupAccumulator | undefined = undefined;
  /** Every group, in the order made. */
  readonly groups: GroupAccumulator[] = [];
  /** Catalog answers cached by names and port (enrich/catalog/flow-matcher.ts). */
  readonly #matcher: FlowCatalogMatcher;
  flows = 0;
  clients = new Set<string>();
  /** Time spent per flow in address facts, catalog matching and the rest of add(), for --timings: sampled. */
  readonly #time = new SampledLaps(3);
  /** Flows whose log gave only both directions summed (FlowRecord.bytesTotal): their out/in bytes are unknown. */
  undirected = { flows: 0, bytes: 0 };
  /** Flows with no byte count either way (a Windows Firewall ALLOW line records none): the summary says so. */
  withoutBytes = 0;

  constructor(
    readonly facts: DestinationFactsResolver,
    readonly catalog: Catalog,
  ) {
    this.#matcher = new FlowCatalogMatcher(catalog);
  }

  /** Estimated milliseconds spent in enrichment proper (address facts and catalog matching), for --timings. */
  get enrichMs(): number {
    return this.#time.ms(FACTS_LAP) + this.#time.ms(MATCH_LAP);
  }

  /** Estimated milliseconds spent in add() in all, enrichment included, for --timings. */
  get addMs(): number {
    return this.#time.totalMs();
  }

  /** The groups of one host and place, by best name or address. */
  #groupsOf(facts: DestinationFacts): Map<string, GroupAccumulator> {
    // Flows in a row often share their facts (one object per geolocation answer): asked once for the run.
    if (facts === this.#lastFacts && this.#lastGroups !== null) return this.#lastGroups;
    let byName = this.#byFacts.get(facts);
    if (byName === undefined) {
      const host = keyHost(facts);
      const place = keyPlace(facts);
      let byPlace = this.#byHostPlace.get(host);
      if (byPlace === undefined) {
        byPlace = new Map();
        this.#byHostPlace.set(host, byPlace);
      }
      byName = byPlace.get(place);
      if (byName === undefined) {
        byName = new Map();
        byPlace.set(place, byName);
      }
      // Facts are cached per address only up to a limit (destination-facts.ts): so is this.
      if (this.#byFacts.size >= MAX_FACTS_MAPS) this.#byFacts.clear();
      this.#byFacts.set(facts, byName);
    }
    this.#lastFacts = facts;
    this.#lastGroups = byName;
    return byName;
  }

  /**
   * Whether the catalog's answer for this flow is one its group has counted already, so matching it again would
   * change nothing: an unnamed flow is judged by the address-range rules alone, and a group made by an unnamed
   * flow to the same address had that answer for it (unless a rule is limited to ports). Parsing the address for
   * the range check on every flow was ~6 % of a large log's audit.
   */
  #sameRangeMatch(g: GroupAccumulator | undefined, flow: AuditFlow): boolean {
    return (
      g !== undefined &&
      flow.names.length === 0 &&
      g.bestName === null &&
      g.firstIp === flow.server &&
      !this.catalog.rangeMatchUsesPort
    );
  }

  add(flow: AuditFlow): void {
    this.flows++;
    this.#time.start();
    const facts = this.facts.facts(flow.server);
    this.#time.lap(FACTS_LAP);
    const names = flow.names;
    const best = names[0]?.name ?? null;
    const byName = this.#groupsOf(facts);
    const nameOrAddress = best ?? flow.server;
    // A flow to the previous flow's group (connections come in bursts) needs no lookup in a map of thousands.
    let g = byName === this.#prevMap && nameOrAddress === this.#prevName ? this.#prevGroup : byName.get(nameOrAddress);
    const match = this.#sameRangeMatch(g, flow)
      ? null
      : this.#matcher.match(names, flow.server, flow.serverPort, this.facts);
    this.#time.lap(MATCH_LAP);
    if (g === undefined) {
      g = new GroupAccumulator(flow, facts, best);
      byName.set(nameOrAddress, g);
      this.groups.push(g);
    } else g.addTimesOf(flow);
    this.#prevMap = byName;
    this.#prevName = nameOrAddress;
    this.#prevGroup = g;
    g.flows++;
    if (flow.bytesOut === null && flow.bytesIn === null) this.withoutBytes++;
    if (flow.bytesTotal !== undefined) {
      this.undirected.flows++;
      this.undirected.bytes += flow.bytesTotal;
    }
    g.outPackets = addCount(g.outPackets, flow.packetsOut);
    g.outBytes = addCount(g.outBytes, flow.bytesOut);
    g.inPackets = addCount(g.inPackets, flow.packetsIn);
    g.inBytes = addCount(g.inBytes, flow.bytesIn);
    if (flow.server !== '') g.ips = smallAdd(g.ips, flow.server, MAX_GROUP_IPS);
    g.ports = smallAdd(g.ports, portKey(flow.proto, flow.serverPort), Number.POSITIVE_INFINITY);
    // A HAR entry has no client address (''): it counts no client.
    // The group's one client so far being this one, the run's set has it already (they are added together).
    if (flow.client !== '' && g.clients !== flow.client) {
      const before = smallSize(g.clients);
      g.clients = smallAdd(g.clients, flow.client, MAX_GROUP_CLIENTS);
      // A client the group held already is in the run's set too; one it could not take (full) may not be.
      if (smallSize(g.clients) !== before || before >= MAX_GROUP_CLIENTS) this.clients.add(flow.client);
    }
    if (flow.process?.image !== undefined) {
      const rare = g.own();
      rare.processes ??= new Set();
      rare.processes.add(flow.process.image);
    }
    if (flow.rttMs !== null && (g.minRttMs === null || flow.rttMs < g.minRttMs)) g.own().minRttMs = flow.rttMs;
    if (flow.alpn !== undefined && flow.alpn.length > 0) {
      const rare = g.own();
      rare.alpn = withList(rare.alpn, flow.alpn);
    }
    if (flow.tlsVersions !== undefined && flow.tlsVersions.length > 0) {
      const rare = g.own();
      rare.tlsVersions = withList(rare.tlsVersions, flow.tlsVersions);
    }
    if (flow.ech === true) g.own().ech = true;
    const org = flow.serverCertificate?.subjectOrg;
    if (org != null && org !== '' && flow.serverCertificate !== undefined && g.certificate === null)
      g.own().certificate = { subjectOrg: org, file: flow.source.file, frame: flow.serverCertificate.frame };
    for (const n of names) {
      const known = g.names.get(n.name);
      if (known !== undefined) {
        // The same name seen again through DNS: keep its CNAME chain (operator and region hints live there).
        if (known.cnameChain === undefined && n.cnameChain !== undefined) known.cnameChain = n.cnameChain;
        continue;
      }
      if (g.names.size >= MAX_GROUP_NAMES) continue;
      const rare = g.own();
      if (rare.names === NO_NAMES) rare.names = new Map();
      const seen: NameSeen = { name: n.name, via: n.via, file: flow.source.file };
      if (n.unicode !== undefined) seen.unicode = n.unicode;
      if (n.suspicious !== undefined) seen.suspicious = n.suspicious;
      if (flow.source.line !== undefined) seen.line = flow.source.line;
      else seen.frame = n.frame;
      if (n.cnameChain !== undefined) seen.cnameChain = n.cnameChain;
      rare.names.set(n.name, seen);
    }
    if (flow.content !== undefined) {
      const c = flow.content;
      const rare = g.own();
      rare.content ??= { flows: 0, read: 0, decrypted: 0, requests: 0, findings: 0, notReadable: new Map() };
      const content = rare.content;
      content.flows++;
      if (c.status === 'decrypted' || c.status === 'plaintext') content.read++;
      else content.notReadable.set(c.status, (content.notReadable.get(c.status) ?? 0) + 1);
      if (c.status === 'decrypted') content.decrypted++;
      content.requests += c.requests;
      content.findings += c.findings.length;
    }
    if (flow.pii !== undefined) addPii(g, flow.pii, flow.source.file);
    if (flow.content !== undefined) addPii(g, contentPii(flow), flow.source.file);
    if (match !== null && (g.match === null || rank(match) > rank(g.match))) g.match = match;
    this.#time.lap(GROUP_LAP);
  }

  /**
   * The groups, in the order made, handed over once: the grouper forgets them (a report built from them holds
   * them for as long as it is rendered).
   */
  drain(): GroupAccumulator[] {
    const all = this.groups.splice(0);
    this.#byHostPlace.clear();
    this.#byFacts.clear();
    this.#lastFacts = null;
    this.#lastGroups = null;
    this.#prevMap = null;
    this.#prevGroup = undefined;
    return all;
  }
}

/**
 * The group's best match, ranked as Catalog.matchFlow ranks one flow's: first whose name matched (the asked name
 * over an embedded edge host over the CNAME chain over a generic delivery-network rule; an address-range match
 * counts with the asked names), then exact beats suffix beats cidr, a constrained (port/range) rule beats an
 * unconstrained one, a longer pattern a shorter one.
 */
function rank(m: CatalogMatch): number {
  const via = MATCH_VIAS.length - MATCH_VIAS.indexOf(m.via ?? 'name');
  const kind = m.matchKind === 'exact' ? 3 : m.matchKind === 'suffix' ? 2 : 1;
  return via * 10_000 + kind * 1000 + (m.constrained ? 500 : 0) + m.pattern.length;
}

/** `${h1}|${n1}|${p1}` against `${h2}|${n2}|${p2}` in code-unit order. */
export function compareKeyParts(h1: string, n1: string, p1: string, h2: string, n2: string, p2: string): number {
  // Where two parts differ before either ends, that difference decides (the common case, and native).
  if (h1 !== h2) {
    if (!h1.startsWith(h2) && !h2.startsWith(h1)) return h1 < h2 ? -1 : 1;
  } else if (n1 !== n2) {
    if (!n1.startsWith(n2) && !n2.startsWith(n1)) return n1 < n2 ? -1 : 1;
  } else return p1 < p2 ? -1 : p1 > p2 ? 1 : 0;
  // One part is a prefix of the other's ("1.2.3.4" and "1.2.3.45"): walk the keys as written.
  const parts1 = [h1, n1, p1];
  const parts2 = [h2, n2, p2];
  const len1 = h1.length + n1.length + p1.length + 2;
  const len2 = h2.length + n2.length + p2.length + 2;
  const at1 = new KeyCursor(parts1);
  const at2 = new KeyCursor(parts2);
  for (let i = 0; i < len1 && i < len2; i++) {
    const c1 = at1.next();
    const c2 = at2.next();
    if (c1 !== c2) return c1 - c2;
  }
  return len1 - len2;
}

/** Code units of parts joined by "|", one at a time. */
class KeyCursor {
  #part = 0;
  #at = 0;
  constructor(readonly parts: string[]) {}

  next(): number {
    const part = this.parts[this.#part] as string;
    if (this.#at < part.length) return part.charCodeAt(this.#at++);
    this.#part++;
    this.#at = 0;
    return 0x7c;
  }
}
