/**
 * Flows → destination groups, as they arrive (memory grows with groups, not with flows): one group per operator +
 * name + country, the unit a DPIA talks about ("Office telemetry, Microsoft, servers in the Netherlands").
 * Unnamed flows are grouped by their address. Each group keeps counts and bounded samples of what it saw, never
 * the flow: enrichment (address facts, catalog) is cached per address and names, and assessment runs per group
 * (build-report.ts). What is read of a flow is AuditFlow (audit-flow.ts), the engine → audit interface.
 */
import type { PiiFinding } from '../assess/pii/types.js';
import type { Catalog } from '../enrich/catalog/catalog.js';
import { FlowCatalogMatcher } from '../enrich/catalog/flow-matcher.js';
import { type CatalogMatch, MATCH_VIAS } from '../enrich/catalog/types.js';
import type { CertificateSeen } from '../enrich/recipient/resolve-recipient.js';
import type { AuditFlow } from './audit-flow.js';
import type { DestinationFacts, DestinationFactsResolver } from './destination-facts.js';
import { type SmallSet, smallAdd } from './small-set.js';

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

export interface GroupAccumulator {
  key: string;
  /** The destination facts of the first address seen (scope, country, operator, transfer). */
  facts: DestinationFacts;
  /** That first address. */
  firstIp: string;
  bestName: string | null;
  /** Shared and empty until the group's first name (NO_NAMES): only the grouper adds to it. */
  names: Map<string, NameSeen>;
  /** Server addresses (at most MAX_GROUP_IPS) and "proto/port" keys: small-set.ts. */
  ips: SmallSet;
  ports: SmallSet;
  match: CatalogMatch | null;
  outPackets: number | null;
  outBytes: number | null;
  inPackets: number | null;
  inBytes: number | null;
  flows: number;
  firstSeen: string;
  lastSeen: string;
  /** Client addresses, at most MAX_GROUP_CLIENTS (small-set.ts). */
  clients: SmallSet;
  /** Null until a flow names one: most groups never see a process, ALPN or TLS version (logs, plain TCP). */
  processes: Set<string> | null;
  /** Shared and empty until the group's first finding (NO_PII): only the grouper adds to it. */
  pii: (PiiFinding & { file: string })[];
  minRttMs: number | null;
  alpn: Set<string> | null;
  tlsVersions: Set<string> | null;
  ech: boolean;
  /** The first server certificate with a subject Organization (who runs the service), with where it was seen. */
  certificate: CertificateSeen | null;
  /** Null until a flow of the group had its content followed (runs with keys): what reading it gave. */
  content: GroupContent | null;
  /** First flow's evidence location. */
  firstFile: string;
  firstFrame?: number;
  firstLine?: number;
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
      if (g.pii === NO_PII) g.pii = [];
      g.pii.push({ ...p, file });
    }
  }
}

function addCount(a: number | null, b: number | null): number | null {
  return a === null || b === null ? (a ?? b) : a + b;
}

export class FlowGrouper {
  readonly groups = new Map<string, GroupAccumulator>();
  /** Catalog answers cached by names and port (enrich/catalog/flow-matcher.ts). */
  readonly #matcher: FlowCatalogMatcher;
  flows = 0;
  clients = new Set<string>();
  /** Milliseconds spent in enrichment proper (address facts and catalog matching), for --timings. */
  enrichMs = 0;
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

  add(flow: AuditFlow): void {
    this.flows++;
    const started = performance.now();
    const facts = this.facts.facts(flow.server);
    const match = this.#matcher.match(flow.names, flow.server, flow.serverPort, this.facts);
    this.enrichMs += performance.now() - started;
    const names = flow.names;
    const best = names[0]?.name ?? null;
    const operator = facts.operator?.name ?? '-';
    const key = `${operator}|${best ?? flow.server}|${facts.country ?? facts.scope}`;
    let g = this.groups.get(key);
    if (g === undefined) {
      // A plain literal of one shape (optional evidence fields assigned after): a spread of conditional objects
      // here went through V8's slow generic copy, once per group, and an audit may make 100k+ groups.
      g = {
        key,
        facts,
        firstIp: flow.server,
        bestName: best,
        names: NO_NAMES,
        ips: null,
        ports: null,
        match: null,
        outPackets: null,
        outBytes: null,
        inPackets: null,
        inBytes: null,
        flows: 0,
        firstSeen: flow.firstSeen,
        lastSeen: flow.lastSeen,
        clients: null,
        processes: null,
        pii: NO_PII,
        minRttMs: null,
        alpn: null,
        tlsVersions: null,
        ech: false,
        certificate: null,
        content: null,
        firstFile: flow.source.file,
      };
      if (flow.source.firstFrame !== undefined) g.firstFrame = flow.source.firstFrame;
      if (flow.source.line !== undefined) g.firstLine = flow.source.line;
      this.groups.set(key, g);
    }
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
    if (flow.firstSeen < g.firstSeen) g.firstSeen = flow.firstSeen;
    if (flow.lastSeen > g.lastSeen) g.lastSeen = flow.lastSeen;
    if (flow.server !== '') g.ips = smallAdd(g.ips, flow.server, MAX_GROUP_IPS);
    g.ports = smallAdd(g.ports, `${flow.proto}/${flow.serverPort}`, Number.POSITIVE_INFINITY);
    // A HAR entry has no client address (''): it counts no client.
    if (flow.client !== '') {
      g.clients = smallAdd(g.clients, flow.client, MAX_GROUP_CLIENTS);
      this.clients.add(flow.client);
    }
    if (flow.process?.image !== undefined) {
      g.processes ??= new Set();
      g.processes.add(flow.process.image);
    }
    if (flow.rttMs !== null && (g.minRttMs === null || flow.rttMs < g.minRttMs)) g.minRttMs = flow.rttMs;
    if (flow.alpn !== undefined && flow.alpn.length > 0) {
      g.alpn ??= new Set();
      for (const a of flow.alpn) g.alpn.add(a);
    }
    if (flow.tlsVersions !== undefined && flow.tlsVersions.length > 0) {
      g.tlsVersions ??= new Set();
      for (const v of flow.tlsVersions) g.tlsVersions.add(v);
    }
    if (flow.ech === true) g.ech = true;
    const org = flow.serverCertificate?.subjectOrg;
    if (g.certificate === null && org != null && org !== '' && flow.serverCertificate !== undefined)
      g.certificate = { subjectOrg: org, file: flow.source.file, frame: flow.serverCertificate.frame };
    for (const n of names) {
      const known = g.names.get(n.name);
      if (known !== undefined) {
        // The same name seen again through DNS: keep its CNAME chain (operator and region hints live there).
        if (known.cnameChain === undefined && n.cnameChain !== undefined) known.cnameChain = n.cnameChain;
        continue;
      }
      if (g.names.size >= MAX_GROUP_NAMES) continue;
      if (g.names === NO_NAMES) g.names = new Map();
      const seen: NameSeen = { name: n.name, via: n.via, file: flow.source.file };
      if (n.unicode !== undefined) seen.unicode = n.unicode;
      if (n.suspicious !== undefined) seen.suspicious = n.suspicious;
      if (flow.source.line !== undefined) seen.line = flow.source.line;
      else seen.frame = n.frame;
      if (n.cnameChain !== undefined) seen.cnameChain = n.cnameChain;
      g.names.set(n.name, seen);
    }
    if (flow.content !== undefined) {
      const c = flow.content;
      g.content ??= { flows: 0, read: 0, decrypted: 0, requests: 0, findings: 0, notReadable: new Map() };
      g.content.flows++;
      if (c.status === 'decrypted' || c.status === 'plaintext') g.content.read++;
      else g.content.notReadable.set(c.status, (g.content.notReadable.get(c.status) ?? 0) + 1);
      if (c.status === 'decrypted') g.content.decrypted++;
      g.content.requests += c.requests;
      g.content.findings += c.findings.length;
    }
    if (flow.pii !== undefined) addPii(g, flow.pii, flow.source.file);
    if (flow.content !== undefined) addPii(g, contentPii(flow), flow.source.file);
    if (match !== null && (g.match === null || rank(match) > rank(g.match))) g.match = match;
  }

  /**
   * The groups, each removed as it is handed over: a report built from them need not hold every group and its
   * destination at once (the groups it has turned into destinations can be collected).
   */
  *drain(): Generator<GroupAccumulator> {
    // Taken out of the map at once (deleting entry by entry cost more than building the report's order).
    const all: (GroupAccumulator | undefined)[] = [...this.groups.values()];
    this.groups.clear();
    for (let i = 0; i < all.length; i++) {
      const g = all[i] as GroupAccumulator;
      all[i] = undefined;
      yield g;
    }
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
