/**
 * Destination groups → the report model: per group the assessment (personal data, risk, reasons, policy) and
 * its evidence, then the summary and the verdict. The report model is the contract with every renderer.
 */

import { countryName } from '../assess/countries.js';
import { observedInClear, personalDataKinds, personalDataLevel } from '../assess/personal-data.js';
import { assessRisk, type RiskPolicy } from '../assess/risk.js';
import { LEAVING_EEA, RISKS, TRANSFERS } from '../core/assessment-vocabulary.js';
import { compareText } from '../core/text-order.js';
import { locationNotFixed } from '../enrich/geo/cloud-ranges.js';
import { recipientName } from '../enrich/recipient/recipient.js';
import type {
  DestinationContent,
  DestinationGroup,
  Evidence,
  Operator,
  Recipient,
  Report,
  ReportMetadata,
  ReportSummary,
  Risk,
  SkippedEntry,
  Totals,
  Transfer,
} from '../report/model.js';
import { REPORT_SCHEMA_VERSION } from '../report/model.js';
import { ADDRESS_NOT_RECORDED } from './destination-facts.js';
import { defaultRecipientContext, groupRecipient, type RecipientContext } from './destination-recipient.js';
import type { GroupAccumulator, GroupContent } from './group-flows.js';
import type { LocationEvidence } from './location-evidence.js';

/** Name evidence items kept per group. */
const MAX_NAME_EVIDENCE = 5;

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

export function buildReport(input: BuildReportInput): Report {
  const evidence: Evidence[] = [];
  const addEvidence = (e: Omit<Evidence, 'id'>): string => {
    const id = `e${evidence.length + 1}`;
    evidence.push({ id, ...e });
    return id;
  };
  const destinations: DestinationGroup[] = [];
  const recipients = input.recipients ?? defaultRecipientContext();
  for (const g of input.groups) destinations.push(toDestination(g, input, recipients, addEvidence));
  sortDestinations(destinations);
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    metadata: input.metadata,
    summary: summarise(destinations, input.totalFlows, input.clients, input.flowsWithoutBytes),
    destinations,
    evidence,
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

/** Volumes written as this many digits in a sort string (below 10^15 bytes, a petabyte). */
const VOLUME_DIGITS = 15;
const VOLUME_CAP = 10 ** VOLUME_DIGITS - 1;

/**
 * The indices of `destinations` in report order. Each group gets a string whose code-unit order is that order
 * (risk rank, volume counted down from a fixed-width cap, key, then the index, fixed-width: equal keys keep
 * their order, as in a stable sort), and the engine's own string sort orders
 * them: a comparator function, called ~n log n times on objects spread over the heap, cost ~1.3 s at 130,000
 * groups. Groups the strings cannot order exactly (a volume past the cap or not whole, a key holding U+0000)
 * are ordered by the comparator instead.
 */
function reportOrder(destinations: DestinationGroup[]): number[] {
  const strings: string[] = [];
  for (const [i, d] of destinations.entries()) {
    const v = volume(d);
    if (!Number.isInteger(v) || v < 0 || v > VOLUME_CAP || d.key.includes('\u0000'))
      return comparatorOrder(destinations);
    const rank = RISKS.indexOf(d.risk) + 1;
    strings.push(
      `${rank}${String(VOLUME_CAP - v).padStart(VOLUME_DIGITS, '0')}${d.key}\u0000${String(i).padStart(10, '0')}`,
    );
  }
  strings.sort();
  return strings.map((s) => Number(s.slice(s.lastIndexOf('\u0000') + 1)));
}

function comparatorOrder(destinations: DestinationGroup[]): number[] {
  const keyed = destinations.map((d, i) => ({ i, key: d.key, rank: RISKS.indexOf(d.risk), volume: volume(d) }));
  keyed.sort((a, b) => a.rank - b.rank || b.volume - a.volume || compareText(a.key, b.key));
  return keyed.map((k) => k.i);
}

function volume(d: DestinationGroup): number {
  return (d.out.bytes ?? 0) + (d.in.bytes ?? 0);
}

function toDestination(
  g: GroupAccumulator,
  input: BuildReportInput,
  recipients: RecipientContext,
  addEvidence: (e: Omit<Evidence, 'id'>) => string,
): DestinationGroup {
  const f = g.facts;
  const rule = g.match?.rule ?? null;
  const personalData = personalDataLevel(g.pii, rule?.personalData.rating ?? null);
  const kinds = personalDataKinds(g.pii, rule?.personalData.kinds ?? []);
  // Transfer and DPF are judged on the recipient (who runs the service), the host stays the operator.
  const { decision, recipient, transfer } = groupRecipient(g, recipients);
  const assessment = assessRisk({
    transfer,
    personalData,
    category: decision.category,
    recipient,
    personalDataInClear: observedInClear(g.pii),
    asOf: recipients.asOf,
    dpf: recipients.dpf,
    operator:
      f.operator === null
        ? null
        : {
            name: f.operator.name,
            hqCountry: f.operator.hqCountry,
            dpfCertified: f.operator.dpfCertified,
            dpfAsOf: f.operator.dpfAsOf,
            ...(f.operator.dpfSource === undefined ? {} : { dpfSource: f.operator.dpfSource }),
          },
    known: rule !== null,
    rule: rule === null ? null : { id: rule.id, product: rule.product, vendor: rule.vendor, source: rule.source },
    observedKinds: [...new Set(g.pii.map((p) => p.kind))],
    policy: input.policy,
    country: f.country,
  });
  const ids: string[] = [];
  let namesKept = 0;
  for (const n of g.names.values()) {
    if (namesKept++ >= MAX_NAME_EVIDENCE) break;
    const how =
      n.via === 'sni'
        ? 'TLS ClientHello server name'
        : n.via === 'quic-sni'
          ? 'QUIC Initial ClientHello server name'
          : n.via === 'http-host'
            ? 'HTTP Host header'
            : n.via === 'http-connect'
              ? 'HTTP CONNECT authority'
              : `DNS answer${n.cnameChain !== undefined ? ` (CNAME chain ${n.cnameChain.join(' → ')})` : ''}`;
    ids.push(
      addEvidence({
        kind: 'name',
        summary: `${how}: ${n.name}`,
        file: n.file,
        ...(n.frame !== undefined ? { frame: n.frame } : {}),
        ...(n.line !== undefined ? { line: n.line } : {}),
      }),
    );
  }
  if (g.match !== null && rule !== null) {
    ids.push(
      addEvidence({
        kind: 'rule',
        summary: `Catalog rule ${rule.id} (${rule.vendor} ${rule.product}) matched ${g.match.matchedName} by ${g.match.matchKind} pattern ${g.match.pattern}; source ${rule.source}${rule.verified !== undefined ? `, verified ${rule.verified}` : ', unverified source'}`,
        file: g.match.file,
      }),
    );
  }
  ids.push(addEvidence(recipientEvidence(recipient, f.operator, f.country, g)));
  for (const p of g.pii) {
    ids.push(
      addEvidence({
        kind: 'pii',
        summary: `${p.kind} in ${p.field} (${p.confidence} confidence)`,
        file: p.file,
        ...(p.frame !== undefined ? { frame: p.frame } : {}),
        ...(p.line !== undefined ? { line: p.line } : {}),
        field: p.field,
        excerpt: p.excerpt,
        detector: p.detector,
      }),
    );
  }
  if (f.scope === 'public' && f.geoSources.length > 0) {
    ids.push(
      addEvidence({
        kind: 'geo',
        summary: `${g.firstIp}: ${f.country ?? 'no country'}${f.operator?.asn != null ? `, AS${f.operator.asn} ${f.operator.asOrg ?? ''}`.trimEnd() : ''} per ${f.geoSources.map((s) => (s.type === 'cloud-ranges' ? s.database : `${s.database} (built ${s.buildDate})`)).join(', ')}${f.cloud !== null && f.cloud.databaseCountry !== f.country ? `; the database alone says ${f.cloud.databaseCountry ?? 'no country'}` : ''}`,
        file: g.firstFile,
        ...(g.firstFrame !== undefined ? { frame: g.firstFrame } : {}),
        ...(g.firstLine !== undefined ? { line: g.firstLine } : {}),
      }),
    );
  }
  const names = [...g.names.values()].map((n) => ({
    name: n.name,
    via: n.via,
    ...(n.unicode !== undefined ? { unicode: n.unicode } : {}),
    ...(n.suspicious !== undefined ? { suspicious: n.suspicious } : {}),
  }));
  const chainNames = [...g.names.values()].flatMap((n) => [n.name, ...(n.cnameChain ?? [])]);
  const regionHints = input.location.regionHints(chainNames);
  const geoConflict = input.location.geoConflict(f.country, g.minRttMs);
  const reasons = [...assessment.reasons];
  if (g.content !== null) reasons.push(contentReason(destinationContent(g.content)));
  if (f === ADDRESS_NOT_RECORDED)
    reasons.push(
      'The input did not record the server address (a HAR entry without serverIPAddress): only the name tells the destination, its country is unknown',
    );
  if (f.cloud?.reason != null) reasons.push(f.cloud.reason);
  // An anycast or worldwide published range already said why the location is not fixed, for this address.
  if (f.operator?.anycast === true && (f.cloud === null || !locationNotFixed(f.cloud.range))) {
    reasons.push('The host runs anycast/CDN addresses: the database country may not be where the server is');
  }
  if (regionHints.length > 0) reasons.push(`Region hints in the names: ${regionHints.join(', ')}`);
  if (geoConflict !== null) {
    reasons.push(
      `Round-trip time ${geoConflict.rttMs} ms is too short for ${countryName(geoConflict.databaseCountry)} from the vantage point (at most ${geoConflict.maxDistanceKm} km, nearest part ${geoConflict.minDistanceKm} km away): the database location is doubtful`,
    );
    ids.push(
      addEvidence({
        kind: 'rtt',
        summary: `TCP handshake RTT ${geoConflict.rttMs} ms from ${geoConflict.vantage} contradicts ${geoConflict.databaseCountry}`,
        file: g.firstFile,
        ...(g.firstFrame !== undefined ? { frame: g.firstFrame } : {}),
      }),
    );
  }
  if (g.ech)
    reasons.push('The ClientHello used Encrypted Client Hello: the server name shown is only the public outer name');
  if (f.unwrapped !== null) reasons.push(`Address carries IPv4 ${f.unwrapped} (${f.scopeLabel}), which was geolocated`);
  return {
    id: '',
    key: g.key,
    names,
    ips: [...g.ips].sort(),
    ports: [...g.ports].sort().map((p) => {
      const [proto, port] = p.split('/');
      return { proto: proto ?? '', port: Number(port) };
    }),
    scope: f.scope,
    country: f.country,
    city: f.city,
    location: f.location,
    regionHints,
    geoConflict,
    locationNotFixed: f.locationNotFixed,
    operator: f.operator,
    recipient,
    transfer,
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
    personalData,
    personalDataKinds: kinds,
    risk: assessment.risk,
    reasons,
    policy: assessment.policy,
    out: { packets: g.outPackets, bytes: g.outBytes },
    in: { packets: g.inPackets, bytes: g.inBytes },
    flows: g.flows,
    firstSeen: g.firstSeen,
    lastSeen: g.lastSeen,
    clients: [...g.clients].sort(),
    processes: sortedOrEmpty(g.processes),
    evidence: ids,
    alpn: sortedOrEmpty(g.alpn),
    tlsVersions: sortedOrEmpty(g.tlsVersions),
    ech: g.ech,
    ...(g.content === null ? {} : { content: destinationContent(g.content) }),
  };
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

/** The recipient evidence item: who, on what basis and how strong, beside the host. */
function recipientEvidence(
  r: Recipient,
  host: Operator | null,
  country: string | null,
  g: GroupAccumulator,
): Omit<Evidence, 'id'> {
  const who = recipientName(r);
  const hostText =
    host === null
      ? 'host unknown'
      : `hosted by ${host.name}${host.asn === null ? '' : ` (AS${host.asn})`}${country === null ? '' : `, server in ${country}`}`;
  const cert = r.basis === 'certificate' ? g.certificate : null;
  return {
    kind: 'recipient',
    summary: `Recipient ${who} (${r.basis}, ${r.strength}): ${r.evidence}; ${hostText}`,
    file: cert?.file ?? g.firstFile,
    ...(cert !== null ? { frame: cert.frame } : g.firstFrame !== undefined ? { frame: g.firstFrame } : {}),
    ...(cert === null && g.firstLine !== undefined ? { line: g.firstLine } : {}),
  };
}

function sortedOrEmpty(values: Set<string> | null): string[] {
  return values === null ? [] : [...values].sort();
}

function totals(groups: DestinationGroup[]): Totals {
  let flows = 0;
  let bytes = 0;
  for (const g of groups) {
    flows += g.flows;
    bytes += volume(g);
  }
  return { flows, bytes, destinations: groups.length };
}

/**
 * Groups by a key, most bytes first, or most flows first when bytes are not known for every flow (`byFlows`):
 * a log that records no sizes would otherwise rank by the few flows it measured (local broadcasts, drops).
 */
function grouped<K extends string | null>(
  groups: DestinationGroup[],
  keyOf: (g: DestinationGroup) => K,
  byFlows: boolean,
): [K, DestinationGroup[]][] {
  const m = new Map<K, DestinationGroup[]>();
  for (const g of groups) {
    const k = keyOf(g);
    const list = m.get(k);
    if (list === undefined) m.set(k, [g]);
    else list.push(g);
  }
  // Each list's totals summed once, not in every comparison of the sort.
  const withTotals = [...m.entries()].map((entry) => ({ entry, t: totals(entry[1]) }));
  if (byFlows) withTotals.sort((a, b) => b.t.flows - a.t.flows || b.t.bytes - a.t.bytes);
  else withTotals.sort((a, b) => b.t.bytes - a.t.bytes);
  return withTotals.map((w) => w.entry);
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
  const all = totals(groups);
  let packets = 0;
  let leavingBytes = 0;
  let leavingFlows = 0;
  let leavingGroups = 0;
  let bytelessGroupFlows = 0;
  for (const g of groups) {
    packets += (g.out.packets ?? 0) + (g.in.packets ?? 0);
    if (g.out.bytes === null && g.in.bytes === null) bytelessGroupFlows += g.flows;
    if (LEAVING_EEA.has(g.transfer)) {
      leavingBytes += volume(g);
      leavingFlows += g.flows;
      leavingGroups++;
    }
  }
  // Shares are of the flows the groups hold when a caller's total is smaller, so none exceeds 1.
  const flowTotal = Math.max(flows, all.flows);
  const withoutBytes = Math.min(flowTotal, Math.max(bytelessGroupFlows, flowsWithoutBytes ?? 0));
  const byFlows = withoutBytes > 0;
  const byRisk = Object.fromEntries(RISKS.map((r) => [r, totals(groups.filter((g) => g.risk === r))])) as Record<
    Risk,
    Totals
  >;
  const byTransfer = Object.fromEntries(
    TRANSFERS.map((t) => [t, totals(groups.filter((g) => g.transfer === t))]),
  ) as Record<Transfer, Totals>;
  const highestRisk = RISKS.find((r) => byRisk[r].destinations > 0) ?? 'none';
  return {
    verdict: verdict(groups, highestRisk),
    flows,
    bytes: all.bytes,
    packets,
    destinations: groups.length,
    clients,
    bytesLeavingEeaShare: share(leavingBytes, all.bytes),
    destinationsLeavingEea: leavingGroups,
    destinationsLeavingEeaShare: share(leavingGroups, groups.length),
    flowsLeavingEea: leavingFlows,
    flowsLeavingEeaShare: share(leavingFlows, flowTotal),
    flowsWithoutBytes: withoutBytes,
    flowsWithoutBytesShare: share(withoutBytes, flowTotal),
    byRisk,
    byTransfer,
    byCountry: grouped(groups, (g) => g.country, byFlows).map(([country, gs]) => ({ country, ...totals(gs) })),
    byOperator: grouped(groups, (g) => g.operator?.name ?? null, byFlows).map(([operator, gs]) => ({
      operator,
      hqCountry: gs[0]?.operator?.hqCountry ?? null,
      ...totals(gs),
    })),
    byCategory: grouped(groups, (g) => g.category, byFlows).map(([category, gs]) => ({ category, ...totals(gs) })),
    highestRisk,
  };
}

function verdict(groups: DestinationGroup[], highest: Risk): string {
  if (groups.length === 0) return 'No flows found in the input';
  const at = groups.filter((g) => g.risk === highest);
  const first = weightiest(at);
  if (highest === 'none' || first === undefined) return 'No personal data leaves the local network';
  if (highest === 'low')
    return `No transfer at medium or high risk; ${groups.length} destination groups, all low risk or local`;
  const where = first.country === null ? 'an unknown location' : countryName(first.country);
  const who =
    first.product !== null
      ? `${first.vendor ?? ''} ${first.product}`.trim()
      : (first.names[0]?.name ?? first.ips[0] ?? 'an endpoint');
  const more = at.length > 1 ? ` and ${at.length - 1} more` : '';
  return `${at.length} ${highest}-risk destination${at.length > 1 ? 's' : ''}: ${who} (${where}, personal data ${first.personalData})${more}`;
}

/**
 * The group the verdict names: most bytes, then most flows (a log without sizes gives every group 0 bytes, and
 * the report order would then name the first key, not the destination most talked to); the first on a tie.
 */
function weightiest(groups: DestinationGroup[]): DestinationGroup | undefined {
  let best: DestinationGroup | undefined;
  for (const g of groups) {
    if (best === undefined || volume(g) > volume(best) || (volume(g) === volume(best) && g.flows > best.flows))
      best = g;
  }
  return best;
}
