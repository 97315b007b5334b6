/**
 * Destination groups → the report model: per group the assessment (personal data, risk, reasons, policy) and
 * its evidence, then the summary and the verdict. The report model is the contract with every renderer.
 */

import { countryName } from '../assess/countries.js';
import type { RiskPolicy } from '../assess/risk.js';
import { LEAVING_EEA, RISKS, TRANSFERS } from '../core/assessment-vocabulary.js';
import { compareText } from '../core/text-order.js';
import { locationNotFixed } from '../enrich/geo/cloud-ranges.js';
import type {
  DestinationContent,
  DestinationGroup,
  Evidence,
  GeoConflict,
  ReportMetadata,
  ReportSummary,
  ReportView,
  Risk,
  SkippedEntry,
  Totals,
  Transfer,
} from '../report/model.js';
import { REPORT_SCHEMA_VERSION } from '../report/model.js';
import { ADDRESS_NOT_RECORDED, type DestinationFacts } from './destination-facts.js';
import { defaultRecipientContext, type RecipientContext } from './destination-recipient.js';
import { GroupAssessor, type GroupVerdict, type NamesVerdict } from './group-assessment.js';
import { type GroupAccumulator, type GroupContent, groupKey, type NameSeen } from './group-flows.js';
import type { LocationEvidence } from './location-evidence.js';
import { AuditReportLists } from './report-lists.js';
import { type SmallSet, smallValues, sortTexts } from './small-set.js';

/** Name evidence items kept per group. */
const MAX_NAME_EVIDENCE = 5;

/**
 * The one empty list every destination with nothing in a list field holds (most have no names, region hints,
 * processes, ALPN or TLS versions in a perimeter log): an audit may hold 400,000 destinations, each with six such
 * lists. Frozen: the report model is never changed in place (--pseudonymize and --baseline work on copies), and a
 * change would throw instead of reaching every destination.
 */
const NONE: never[] = Object.freeze([]) as unknown as never[];

/**
 * A list shared by every destination that holds it (frozen for the same reason), where the lists of many
 * destinations are equal: the reasons and personal data kinds of one assessment, the port list of a group with
 * one port, the client list of a group with one client. The model's types are mutable lists; these never change.
 */
function shared<T>(list: readonly T[]): T[] {
  return (Object.isFrozen(list) ? list : Object.freeze(list)) as T[];
}

/** Lists of one value remembered for sharing, at most (a server's log may have a client per destination). */
const MAX_SHARED_LISTS = 10_000;

export interface BuildReportInput {
  groups: Iterable<GroupAccumulator>;
  metadata: ReportMetadata;
  policy: RiskPolicy;
  skipped: SkippedEntry[];
  limitations: string[];
  totalFlows: number;
  /** Flows whose input recorded no byte count either way (FlowGrouper.withoutBytes). */
  flowsWithoutBytes?: number;
  clients: number;
  location: LocationEvidence;
  /** Domain owners, the date and the --dpf mode the recipients are judged with (default: none, today, rely). */
  recipients?: RecipientContext;
}

/**
 * The report of the groups. Its destinations and evidence are built item by item each time a renderer walks
 * them (report-lists.ts), from the groups and a few columns per group: a report of 400,000 destinations would
 * otherwise hold them all, their evidence and the groups at once.
 */
export function buildReport(input: BuildReportInput): ReportView {
  const lists = new AuditReportLists(Array.from(input.groups), new ReportBuilder(input));
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    metadata: input.metadata,
    summary: summariseRows(lists.rows, input.totalFlows, input.clients, input.flowsWithoutBytes),
    destinations: lists.destinations,
    evidence: lists.evidence,
    skipped: input.skipped,
    limitations: input.limitations,
  };
}

/**
 * The report order: highest risk first, then most bytes, then key (unique, so the order is total); ids follow it.
 * Exported for `outflow merge`, which must order merged groups exactly like one audit would.
 */
export function sortDestinations(destinations: DestinationGroup[]): void {
  const sorted = reportOrder(destinations).map((i) => destinations[i] as DestinationGroup);
  sorted.forEach((d, i) => {
    d.id = `d${i + 1}`;
    destinations[i] = d;
  });
}

/**
 * The indices of `destinations` in report order: risk rank, then volume descending, then key in code-unit order,
 * then the order given (the sort is stable). The comparator reads numbers and keys from flat arrays indexed by
 * position: on objects spread over the heap it cost ~1.3 s at 130,000 groups, and strings made sortable by the
 * engine's own comparison (rank, volume digits, key, index) still cost 8 times this.
 */
function reportOrder(destinations: DestinationGroup[]): number[] {
  const n = destinations.length;
  const rank = new Uint8Array(n);
  const vol = new Float64Array(n);
  const keys: string[] = [];
  const order: number[] = [];
  for (let i = 0; i < n; i++) {
    const d = destinations[i] as DestinationGroup;
    rank[i] = RISKS.indexOf(d.risk) + 1;
    vol[i] = volume(d);
    keys.push(d.key);
    order.push(i);
  }
  order.sort(
    (a, b) =>
      (rank[a] as number) - (rank[b] as number) ||
      (vol[b] as number) - (vol[a] as number) ||
      compareText(keys[a] as string, keys[b] as string),
  );
  return order;
}

function volume(d: DestinationGroup): number {
  return (d.out.bytes ?? 0) + (d.in.bytes ?? 0);
}

/**
 * What a group's report entry rests on: its summary, destination and evidence all read it, so report-lists.ts
 * computes it once per group and keeps it (each step is also remembered per distinct answer).
 */
export interface GroupParts {
  names: NamesVerdict;
  verdict: GroupVerdict;
  geoConflict: GeoConflict | null;
}

/** What the report's order and summary read of a group (report-lists.ts keeps it as columns). */
export interface GroupSummary {
  risk: Risk;
  transfer: Transfer;
  category: string | null;
  /** How many evidence items the group has (evidenceOf makes them). */
  evidenceCount: number;
}

/**
 * Groups → destinations and their evidence. Objects are built with their keys in schema order and no spreads
 * (a spread of conditional objects is V8's slow generic copy, and a report may have 100k+ groups); the
 * assessment is remembered per distinct answer (group-assessment.ts). A group's evidence items are numbered from
 * the number it is given, consecutively, in one order (evidenceOf): names, catalog rule, recipient, findings,
 * geolocation, round-trip time. So its destination lists their ids without making them, and its evidence is made
 * without its destination.
 */
export class ReportBuilder {
  readonly #assessor: GroupAssessor;
  /** The words of the geolocation evidence after the address: the same for every address with these facts. */
  readonly #geoWords = new Map<DestinationFacts, string>();
  readonly #portLists = new Map<string, DestinationGroup['ports']>();
  readonly #clientLists = new Map<string, string[]>();

  constructor(readonly input: BuildReportInput) {
    this.#assessor = new GroupAssessor(input.recipients ?? defaultRecipientContext(), input.policy, input.location);
  }

  /** What the group's entry rests on: its names' verdict and its assessment (see partsOf for a kept one). */
  parts(g: GroupAccumulator): GroupParts {
    const names = this.#assessor.names(g);
    // Transfer and DPF are judged on the recipient (who runs the service), the host stays the operator.
    const verdict = this.#assessor.assess(g, names);
    return this.partsOf(g, names, verdict);
  }

  /** The parts of a group whose names' verdict and assessment were kept (the RTT check is recomputed: cheap). */
  partsOf(g: GroupAccumulator, names: NamesVerdict, verdict: GroupVerdict): GroupParts {
    return { names, verdict, geoConflict: this.input.location.geoConflict(g.facts.country, g.minRttMs) };
  }

  /** The group's risk, transfer, category and number of evidence items, without its destination or evidence. */
  summary(g: GroupAccumulator, parts = this.parts(g)): GroupSummary {
    return {
      risk: parts.verdict.risk,
      transfer: parts.verdict.transfer,
      category: parts.names.decision.category,
      evidenceCount: evidenceCount(g, parts),
    };
  }

  /** The group's evidence items, numbered from `first` (evidenceCount of them); `parts` as parts(g) gives. */
  evidenceOf(g: GroupAccumulator, first: number, parts = this.parts(g)): Evidence[] {
    const f = g.facts;
    const rule = g.match?.rule ?? null;
    const items: Evidence[] = [];
    const add = (kind: string, summary: string, file: string, frame?: number, line?: number): Evidence => {
      const e: Evidence = { id: `e${first + items.length}`, kind, summary, file };
      if (frame !== undefined) e.frame = frame;
      if (line !== undefined) e.line = line;
      items.push(e);
      return e;
    };
    let namesKept = 0;
    for (const n of g.names.values()) {
      if (namesKept++ >= MAX_NAME_EVIDENCE) break;
      add('name', `${nameHow(n)}: ${n.name}`, n.file, n.frame, n.line);
    }
    if (g.match !== null && rule !== null) {
      add(
        'rule',
        `Catalog rule ${rule.id} (${rule.vendor} ${rule.product}) matched ${g.match.matchedName} by ${g.match.matchKind} pattern ${g.match.pattern}; source ${rule.source}${rule.verified !== undefined ? `, verified ${rule.verified}` : ', unverified source'}`,
        g.match.file,
      );
    }
    // The certificate's place when the recipient rests on it, else the group's first flow.
    const verdict = parts.verdict;
    const cert = verdict.recipient.basis === 'certificate' ? g.certificate : null;
    if (cert !== null) add('recipient', verdict.recipientSummary, cert.file, cert.frame);
    else add('recipient', verdict.recipientSummary, g.firstFile, g.firstFrame, g.firstLine);
    for (const p of g.pii) {
      const e = add('pii', `${p.kind} in ${p.field} (${p.confidence} confidence)`, p.file, p.frame, p.line);
      e.field = p.field;
      e.excerpt = p.excerpt;
      e.detector = p.detector;
    }
    if (f.scope === 'public' && f.geoSources.length > 0)
      add('geo', `${g.firstIp}: ${this.#geoText(f)}`, g.firstFile, g.firstFrame, g.firstLine);
    const geoConflict = parts.geoConflict;
    if (geoConflict !== null)
      add(
        'rtt',
        `TCP handshake RTT ${geoConflict.rttMs} ms from ${geoConflict.vantage} contradicts ${geoConflict.databaseCountry}`,
        g.firstFile,
        g.firstFrame,
      );
    return items;
  }

  /** The group's destination (its id left empty), its evidence ids numbered from `firstEvidence`. */
  destination(g: GroupAccumulator, firstEvidence: number, parts = this.parts(g)): DestinationGroup {
    const f = g.facts;
    const rule = g.match?.rule ?? null;
    const { names, verdict, geoConflict } = parts;
    const decision = names.decision;
    const ids: string[] = [];
    for (let i = 0, n = evidenceCount(g, parts); i < n; i++) ids.push(`e${firstEvidence + i}`);
    const reportNames: DestinationGroup['names'] = g.names.size === 0 ? NONE : [];
    for (const n of g.names.values()) {
      const item: DestinationGroup['names'][number] = { name: n.name, via: n.via };
      if (n.unicode !== undefined) item.unicode = n.unicode;
      if (n.suspicious !== undefined) item.suspicious = n.suspicious;
      reportNames.push(item);
    }
    // The assessment's reasons, shared with every group of the same assessment, copied only to add to them.
    let reasons = shared(verdict.reasons);
    const addReason = (text: string): void => {
      if (Object.isFrozen(reasons)) reasons = reasons.slice();
      reasons.push(text);
    };
    if (g.content !== null) addReason(contentReason(destinationContent(g.content)));
    if (f === ADDRESS_NOT_RECORDED)
      addReason(
        'The input did not record the server address (a HAR entry without serverIPAddress): only the name tells the destination, its country is unknown',
      );
    if (f.cloud?.reason != null) addReason(f.cloud.reason);
    // An anycast or worldwide published range already said why the location is not fixed, for this address.
    if (f.operator?.anycast === true && (f.cloud === null || !locationNotFixed(f.cloud.range))) {
      addReason('The host runs anycast/CDN addresses: the database country may not be where the server is');
    }
    const regionHints = names.regionHints.length === 0 ? NONE : names.regionHints.slice();
    if (regionHints.length > 0) addReason(`Region hints in the names: ${regionHints.join(', ')}`);
    if (geoConflict !== null) {
      addReason(
        `Round-trip time ${geoConflict.rttMs} ms is too short for ${countryName(geoConflict.databaseCountry)} from the vantage point (at most ${geoConflict.maxDistanceKm} km, nearest part ${geoConflict.minDistanceKm} km away): the database location is doubtful`,
      );
    }
    if (g.ech)
      addReason('The ClientHello used Encrypted Client Hello: the server name shown is only the public outer name');
    if (f.unwrapped !== null) addReason(`Address carries IPv4 ${f.unwrapped} (${f.scopeLabel}), which was geolocated`);
    const d: DestinationGroup = {
      id: '',
      key: groupKey(g),
      names: reportNames,
      ips: sorted(g.ips),
      ports: this.#ports(g.ports),
      scope: f.scope,
      country: f.country,
      city: f.city,
      location: f.location,
      regionHints,
      geoConflict,
      locationNotFixed: f.locationNotFixed,
      operator: f.operator,
      recipient: verdict.recipient,
      transfer: verdict.transfer,
      category: decision.category,
      vendor: decision.vendor,
      product: rule?.product ?? null,
      rule:
        g.match === null || rule === null
          ? null
          : {
              id: rule.id,
              matchedName: g.match.matchedName,
              matchKind: g.match.matchKind,
              source: rule.source,
              verified: rule.verified ?? null,
            },
      endpointRegion: rule?.region ?? null,
      personalData: verdict.personalData,
      personalDataKinds: verdict.personalDataKinds.length === 0 ? NONE : shared(verdict.personalDataKinds),
      risk: verdict.risk,
      reasons,
      policy: verdict.policy,
      out: { packets: g.outPackets, bytes: g.outBytes },
      in: { packets: g.inPackets, bytes: g.inBytes },
      flows: g.flows,
      firstSeen: g.firstSeen,
      lastSeen: g.lastSeen,
      clients: this.#clients(g.clients),
      processes: sorted(g.processes),
      evidence: ids,
      alpn: sorted(g.alpn),
      tlsVersions: sorted(g.tlsVersions),
      ech: g.ech,
    };
    if (g.content !== null) d.content = destinationContent(g.content);
    return d;
  }

  /** The group's ports; a single port's list shared by every group with that port alone. */
  #ports(ports: SmallSet): DestinationGroup['ports'] {
    if (typeof ports !== 'string') return reportPorts(ports);
    let list = this.#portLists.get(ports);
    if (list === undefined) {
      list = shared(reportPorts(ports).map((p) => Object.freeze(p)));
      if (this.#portLists.size < MAX_SHARED_LISTS) this.#portLists.set(ports, list);
    }
    return list;
  }

  /** The group's clients; a single client's list shared by every group with that client alone. */
  #clients(clients: SmallSet): string[] {
    if (typeof clients !== 'string') return sorted(clients);
    let list = this.#clientLists.get(clients);
    if (list === undefined) {
      list = shared([clients]);
      if (this.#clientLists.size < MAX_SHARED_LISTS) this.#clientLists.set(clients, list);
    }
    return list;
  }

  /** "CN, AS4134 Chinanet per dbip-country.mmdb (built 2026-06-01), …": what the databases said, once per facts. */
  #geoText(f: DestinationFacts): string {
    let text = this.#geoWords.get(f);
    if (text === undefined) {
      text = `${f.country ?? 'no country'}${f.operator?.asn != null ? `, AS${f.operator.asn} ${f.operator.asOrg ?? ''}`.trimEnd() : ''} per ${f.geoSources.map((s) => (s.type === 'cloud-ranges' ? s.database : `${s.database} (built ${s.buildDate})`)).join(', ')}${f.cloud !== null && f.cloud.databaseCountry !== f.country ? `; the database alone says ${f.cloud.databaseCountry ?? 'no country'}` : ''}`;
      this.#geoWords.set(f, text);
    }
    return text;
  }
}

/** How many evidence items evidenceOf makes for the group, in the same order of conditions. */
function evidenceCount(g: GroupAccumulator, parts: GroupParts): number {
  const f = g.facts;
  return (
    Math.min(g.names.size, MAX_NAME_EVIDENCE) +
    (g.match !== null && g.match.rule != null ? 1 : 0) +
    1 +
    g.pii.length +
    (f.scope === 'public' && f.geoSources.length > 0 ? 1 : 0) +
    (parts.geoConflict !== null ? 1 : 0)
  );
}

/** How a name was seen, in words. */
function nameHow(n: NameSeen): string {
  switch (n.via) {
    case 'sni':
      return 'TLS ClientHello server name';
    case 'quic-sni':
      return 'QUIC Initial ClientHello server name';
    case 'http-host':
      return 'HTTP Host header';
    case 'http-connect':
      return 'HTTP CONNECT authority';
    default:
      return `DNS answer${n.cnameChain !== undefined ? ` (CNAME chain ${n.cnameChain.join(' → ')})` : ''}`;
  }
}

/** A set's values sorted (code-unit order). */
function sorted(values: string | ReadonlySet<string> | readonly string[] | null): string[] {
  if (values === null) return NONE;
  if (typeof values === 'string' || !isList(values)) return sortTexts(smallValues(values));
  // A list as a group's flows brought it (group-flows.ts TextList): sorted and without repeats, as its set would be.
  const out = sortTexts(values.slice());
  let kept = 0;
  for (let i = 0; i < out.length; i++) if (i === 0 || out[i] !== out[kept - 1]) out[kept++] = out[i] as string;
  out.length = kept;
  return out;
}

function isList(values: ReadonlySet<string> | readonly string[]): values is readonly string[] {
  return Array.isArray(values);
}

/** "tcp/443" keys in code-unit order as { proto, port }. */
function reportPorts(ports: SmallSet): { proto: string; port: number }[] {
  return sorted(ports).map((p) => {
    const [proto, port] = p.split('/');
    return { proto: proto ?? '', port: Number(port) };
  });
}

/** The group's content summary for the report ("decrypted 12 of 14 flows"; "read, nothing found"). */
function destinationContent(c: GroupContent): DestinationContent {
  return {
    flows: c.flows,
    read: c.read,
    decrypted: c.decrypted,
    requests: c.requests,
    findings: c.findings,
    outcome: c.read === 0 ? 'not-readable' : c.findings > 0 ? 'found' : 'read-nothing-found',
    notReadable: [...c.notReadable]
      .map(([reason, flows]) => ({ reason, flows }))
      .sort((a, b) => b.flows - a.flows || compareText(a.reason, b.reason)),
  };
}

/** The reason a DPO reads first about the content: read or not, and what was in it. */
export function contentReason(c: DestinationContent): string {
  const read = `${c.read} of ${c.flows} flow${c.flows === 1 ? '' : 's'}`;
  const unreadable =
    c.notReadable.length === 0
      ? ''
      : `; not readable: ${c.notReadable.map((n) => `${n.flows} ${n.reason}`).join(', ')}`;
  if (c.outcome === 'not-readable')
    return `Content not readable (${c.flows} flow${c.flows === 1 ? '' : 's'}${unreadable})`;
  const what =
    c.outcome === 'found'
      ? `${c.findings} finding${c.findings === 1 ? '' : 's'} of personal data or identifiers`
      : 'no personal data found in it';
  return `Content read for ${read} (${c.decrypted} decrypted, ${c.requests} HTTP request${c.requests === 1 ? '' : 's'}): ${what}${unreadable}`;
}

/**
 * What the summary reads of the destinations, by position in report order: the audit answers from its columns
 * (report-lists.ts) without building a destination, `merge` from its array (destinationRows). `destination` is
 * asked for one group only: the one the verdict names.
 */
export interface SummaryRows {
  readonly length: number;
  risk(i: number): Risk;
  transfer(i: number): Transfer;
  flows(i: number): number;
  /** Bytes both ways; unknown directions count as 0. */
  volume(i: number): number;
  packets(i: number): number;
  /** Neither direction's bytes recorded. */
  byteless(i: number): boolean;
  country(i: number): string | null;
  operator(i: number): string | null;
  hqCountry(i: number): string | null;
  category(i: number): string | null;
  destination(i: number): DestinationGroup;
}

/** The rows of destinations held in an array (in report order). */
export function destinationRows(groups: readonly DestinationGroup[]): SummaryRows {
  const at = (i: number): DestinationGroup => groups[i] as DestinationGroup;
  return {
    length: groups.length,
    risk: (i) => at(i).risk,
    transfer: (i) => at(i).transfer,
    flows: (i) => at(i).flows,
    volume: (i) => volume(at(i)),
    packets: (i) => (at(i).out.packets ?? 0) + (at(i).in.packets ?? 0),
    byteless: (i) => at(i).out.bytes === null && at(i).in.bytes === null,
    country: (i) => at(i).country,
    operator: (i) => at(i).operator?.name ?? null,
    hqCountry: (i) => at(i).operator?.hqCountry ?? null,
    category: (i) => at(i).category,
    destination: at,
  };
}

/** Totals being summed, with the first row counted (the operator's HQ country is taken from it). */
interface Tally extends Totals {
  first: number;
}

/** Adds row `i` to the tally under its key (insertion order: the key's first row in report order). */
function count<K>(tallies: Map<K, Tally>, key: K, flows: number, bytes: number, i: number): void {
  const t = tallies.get(key);
  if (t === undefined) tallies.set(key, { flows, bytes, destinations: 1, first: i });
  else {
    t.flows += flows;
    t.bytes += bytes;
    t.destinations++;
  }
}

function totalsOf(t: Tally | undefined): Totals {
  return t === undefined
    ? { flows: 0, bytes: 0, destinations: 0 }
    : { flows: t.flows, bytes: t.bytes, destinations: t.destinations };
}

/**
 * The tallies by key, most bytes first, or most flows first when bytes are not known for every flow (`byFlows`):
 * a log that records no sizes would otherwise rank by the few flows it measured (local broadcasts, drops).
 * Stable: equal totals keep the order of their first groups.
 */
function ranked<K>(tallies: Map<K, Tally>, byFlows: boolean): [K, Tally][] {
  const entries = [...tallies.entries()];
  if (byFlows) entries.sort((a, b) => b[1].flows - a[1].flows || b[1].bytes - a[1].bytes);
  else entries.sort((a, b) => b[1].bytes - a[1].bytes);
  return entries;
}

/** part / whole as a share 0..1; 0 when the whole is empty. */
function share(part: number, whole: number): number {
  return whole > 0 ? Math.min(1, part / whole) : 0;
}

/**
 * The summary and verdict over sorted groups; exported for `outflow merge` (one definition of the totals).
 * `flowsWithoutBytes` is the input's exact count of flows with no byte count either way; without it (a report
 * written before the count existed) only groups with no bytes at all are known to lack them, a lower bound.
 */
export function summarise(
  groups: DestinationGroup[],
  flows: number,
  clients: number,
  flowsWithoutBytes?: number,
): ReportSummary {
  return summariseRows(destinationRows(groups), flows, clients, flowsWithoutBytes);
}

/** summarise over rows in report order (SummaryRows). */
export function summariseRows(
  rows: SummaryRows,
  flows: number,
  clients: number,
  flowsWithoutBytes?: number,
): ReportSummary {
  const n = rows.length;
  let allFlows = 0;
  let allBytes = 0;
  let packets = 0;
  let leavingBytes = 0;
  let leavingFlows = 0;
  let leavingGroups = 0;
  let bytelessGroupFlows = 0;
  // One pass over the rows for every breakdown (each was a filter or a list per key, ~11 passes).
  const risks = new Map<Risk, Tally>();
  const transfers = new Map<Transfer, Tally>();
  const countries = new Map<string | null, Tally>();
  const operators = new Map<string | null, Tally>();
  const categories = new Map<string | null, Tally>();
  for (let i = 0; i < n; i++) {
    const f = rows.flows(i);
    const bytes = rows.volume(i);
    const transfer = rows.transfer(i);
    allFlows += f;
    allBytes += bytes;
    packets += rows.packets(i);
    if (rows.byteless(i)) bytelessGroupFlows += f;
    if (LEAVING_EEA.has(transfer)) {
      leavingBytes += bytes;
      leavingFlows += f;
      leavingGroups++;
    }
    count(risks, rows.risk(i), f, bytes, i);
    count(transfers, transfer, f, bytes, i);
    count(countries, rows.country(i), f, bytes, i);
    count(operators, rows.operator(i), f, bytes, i);
    count(categories, rows.category(i), f, bytes, i);
  }
  // Shares are of the flows the groups hold when a caller's total is smaller, so none exceeds 1.
  const flowTotal = Math.max(flows, allFlows);
  const withoutBytes = Math.min(flowTotal, Math.max(bytelessGroupFlows, flowsWithoutBytes ?? 0));
  const byFlows = withoutBytes > 0;
  const byRisk = Object.fromEntries(RISKS.map((r) => [r, totalsOf(risks.get(r))])) as Record<Risk, Totals>;
  const byTransfer = Object.fromEntries(TRANSFERS.map((t) => [t, totalsOf(transfers.get(t))])) as Record<
    Transfer,
    Totals
  >;
  const highestRisk = RISKS.find((r) => byRisk[r].destinations > 0) ?? 'none';
  return {
    verdict: verdict(rows, highestRisk, byRisk[highestRisk].destinations),
    flows,
    bytes: allBytes,
    packets,
    destinations: n,
    clients,
    bytesLeavingEeaShare: share(leavingBytes, allBytes),
    destinationsLeavingEea: leavingGroups,
    destinationsLeavingEeaShare: share(leavingGroups, n),
    flowsLeavingEea: leavingFlows,
    flowsLeavingEeaShare: share(leavingFlows, flowTotal),
    flowsWithoutBytes: withoutBytes,
    flowsWithoutBytesShare: share(withoutBytes, flowTotal),
    byRisk,
    byTransfer,
    byCountry: ranked(countries, byFlows).map(([country, t]) => ({
      country,
      flows: t.flows,
      bytes: t.bytes,
      destinations: t.destinations,
    })),
    byOperator: ranked(operators, byFlows).map(([operator, t]) => ({
      operator,
      hqCountry: rows.hqCountry(t.first),
      flows: t.flows,
      bytes: t.bytes,
      destinations: t.destinations,
    })),
    byCategory: ranked(categories, byFlows).map(([category, t]) => ({
      category,
      flows: t.flows,
      bytes: t.bytes,
      destinations: t.destinations,
    })),
    highestRisk,
  };
}

function verdict(rows: SummaryRows, highest: Risk, atHighest: number): string {
  if (rows.length === 0) return 'No flows found in the input';
  const i = weightiest(rows, highest);
  if (highest === 'none' || i === -1) return 'No personal data leaves the local network';
  if (highest === 'low')
    return `No transfer at medium or high risk; ${rows.length} destination groups, all low risk or local`;
  const first = rows.destination(i);
  const where = first.country === null ? 'an unknown location' : countryName(first.country);
  const who =
    first.product !== null
      ? `${first.vendor ?? ''} ${first.product}`.trim()
      : (first.names[0]?.name ?? first.ips[0] ?? 'an endpoint');
  const more = atHighest > 1 ? ` and ${atHighest - 1} more` : '';
  return `${atHighest} ${highest}-risk destination${atHighest > 1 ? 's' : ''}: ${who} (${where}, personal data ${first.personalData})${more}`;
}

/**
 * The row the verdict names among those at `risk`: most bytes, then most flows (a log without sizes gives every
 * group 0 bytes, and the report order would then name the first key, not the destination most talked to); the
 * first on a tie. -1 when no row has that risk.
 */
function weightiest(rows: SummaryRows, risk: Risk): number {
  let best = -1;
  for (let i = 0; i < rows.length; i++) {
    if (rows.risk(i) !== risk) continue;
    if (
      best === -1 ||
      rows.volume(i) > rows.volume(best) ||
      (rows.volume(i) === rows.volume(best) && rows.flows(i) > rows.flows(best))
    )
      best = i;
  }
  return best;
}
