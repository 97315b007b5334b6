/**
 * Destination groups with the same key, from several reports → one group. Counts add (null-aware), time spans
 * widen, samples unite under the same bounds the flow grouper uses, and the assessment (facts, risk, reasons,
 * policy) is taken whole from the highest-risk group, so a merged group never mixes the reasoning of two runs.
 */
import { MAX_GROUP_CLIENTS, MAX_GROUP_IPS, MAX_GROUP_NAMES, MAX_GROUP_PII } from '../audit/group-flows.js';
import { compareText } from '../core/text-order.js';
import type { DestinationGroup, Evidence, PersonalData, Risk } from '../report/model.js';
import { addCount, boundedUnion, canonical, textUnion } from './canonical.js';

const RISK_RANK: Record<Risk, number> = { none: 0, low: 1, medium: 2, high: 3 };
const PD_RANK: Record<PersonalData, number> = { unknown: 0, unlikely: 1, possible: 2, likely: 3, observed: 4 };
/**
 * Evidence items kept per merged group: one audit keeps up to 5 names, 1 rule, 1 recipient, MAX_GROUP_PII
 * findings, 1 geo and 1 RTT item per group; a merge of many hosts keeps twice that, lowest-sorted first.
 */
export const MAX_MERGED_EVIDENCE = 2 * (5 + 1 + 1 + MAX_GROUP_PII + 2);

/** A group together with its evidence items resolved (ids are per report and are rewritten after the merge). */
export interface GroupWithEvidence {
  group: DestinationGroup;
  evidence: Omit<Evidence, 'id'>[];
}

/** The fields that make up one run's judgement of a destination: kept together, from one group. */
type Assessment = Pick<
  DestinationGroup,
  | 'scope'
  | 'country'
  | 'city'
  | 'location'
  | 'geoConflict'
  | 'locationNotFixed'
  | 'operator'
  | 'recipient'
  | 'transfer'
  | 'category'
  | 'vendor'
  | 'product'
  | 'rule'
  | 'endpointRegion'
  | 'personalData'
  | 'risk'
  | 'reasons'
  | 'policy'
>;

function assessmentOf(g: DestinationGroup): Assessment {
  return {
    scope: g.scope,
    country: g.country,
    city: g.city,
    location: g.location,
    geoConflict: g.geoConflict,
    locationNotFixed: g.locationNotFixed,
    operator: g.operator,
    recipient: g.recipient,
    transfer: g.transfer,
    category: g.category,
    vendor: g.vendor,
    product: g.product,
    rule: g.rule,
    endpointRegion: g.endpointRegion,
    personalData: g.personalData,
    risk: g.risk,
    reasons: g.reasons,
    policy: g.policy,
  };
}

/** Higher risk wins, then stronger personal-data evidence, then the canonical text: a total order (a maximum). */
function strongerAssessment(a: Assessment, b: Assessment): Assessment {
  const byRisk = RISK_RANK[a.risk] - RISK_RANK[b.risk];
  if (byRisk !== 0) return byRisk > 0 ? a : b;
  const byPd = PD_RANK[a.personalData] - PD_RANK[b.personalData];
  if (byPd !== 0) return byPd > 0 ? a : b;
  return compareText(canonical(a), canonical(b)) <= 0 ? a : b;
}

/**
 * Each group lists its best name first (the one in its key); groups with the same key agree on it, and the
 * smallest is taken should they not, so the merged group keeps it first and merges again the same way.
 */
function bestNameOf(groups: readonly DestinationGroup[]): string | undefined {
  return textUnion(groups.map((g) => (g.names[0] === undefined ? [] : [g.names[0].name])))[0];
}

/** Evidence in the order one audit writes it: names, rule, recipient, personal data, location. */
const EVIDENCE_KINDS = ['name', 'rule', 'recipient', 'pii', 'geo', 'rtt'];
function kindRank(kind: string): number {
  const i = EVIDENCE_KINDS.indexOf(kind);
  return i < 0 ? EVIDENCE_KINDS.length : i;
}

function minText(a: string, b: string): string {
  return compareText(a, b) <= 0 ? a : b;
}

export function mergeGroups(key: string, parts: readonly GroupWithEvidence[]): GroupWithEvidence {
  const first = parts[0];
  if (first === undefined) throw new Error(`mergeGroups(${key}): no groups`);
  const groups = parts.map((p) => p.group);
  let assessment = assessmentOf(first.group);
  for (const g of groups.slice(1)) assessment = strongerAssessment(assessment, assessmentOf(g));
  const best = bestNameOf(groups);
  const names = boundedUnion(
    groups.map((g) => g.names),
    (n) => n.name,
    (a, b) => (a.name === best ? 0 : 1) - (b.name === best ? 0 : 1) || compareText(a.name, b.name),
    MAX_GROUP_NAMES,
  );
  const ports = boundedUnion(
    groups.map((g) => g.ports),
    (p) => `${p.proto}/${p.port}`,
    // The string order build-report uses ("tcp/443" < "tcp/80"), so one audit and a merge agree.
    (a, b) => compareText(`${a.proto}/${a.port}`, `${b.proto}/${b.port}`),
  );
  const evidence = boundedUnion(
    parts.map((p) => p.evidence),
    canonical,
    (a, b) => kindRank(a.kind) - kindRank(b.kind) || compareText(canonical(a), canonical(b)),
    MAX_MERGED_EVIDENCE,
  );
  let firstSeen = first.group.firstSeen;
  let lastSeen = first.group.lastSeen;
  let flows = 0;
  const out = { packets: null as number | null, bytes: null as number | null };
  const inn = { packets: null as number | null, bytes: null as number | null };
  for (const g of groups) {
    firstSeen = minText(firstSeen, g.firstSeen);
    if (compareText(g.lastSeen, lastSeen) > 0) lastSeen = g.lastSeen;
    flows += g.flows;
    out.packets = addCount(out.packets, g.out.packets);
    out.bytes = addCount(out.bytes, g.out.bytes);
    inn.packets = addCount(inn.packets, g.in.packets);
    inn.bytes = addCount(inn.bytes, g.in.bytes);
  }
  const group: DestinationGroup = {
    id: '',
    key,
    names,
    ips: textUnion(
      groups.map((g) => g.ips),
      MAX_GROUP_IPS,
    ),
    ports,
    scope: assessment.scope,
    country: assessment.country,
    city: assessment.city,
    location: assessment.location,
    regionHints: textUnion(groups.map((g) => g.regionHints)),
    geoConflict: assessment.geoConflict,
    locationNotFixed: assessment.locationNotFixed,
    operator: assessment.operator,
    recipient: assessment.recipient,
    transfer: assessment.transfer,
    category: assessment.category,
    vendor: assessment.vendor,
    product: assessment.product,
    rule: assessment.rule,
    endpointRegion: assessment.endpointRegion,
    personalData: assessment.personalData,
    personalDataKinds: textUnion(groups.map((g) => g.personalDataKinds)),
    risk: assessment.risk,
    reasons: assessment.reasons,
    policy: assessment.policy,
    out,
    in: inn,
    flows,
    firstSeen,
    lastSeen,
    clients: textUnion(
      groups.map((g) => g.clients),
      MAX_GROUP_CLIENTS,
    ),
    processes: textUnion(groups.map((g) => g.processes)),
    evidence: [],
    alpn: textUnion(groups.map((g) => g.alpn)),
    tlsVersions: textUnion(groups.map((g) => g.tlsVersions)),
    ech: groups.some((g) => g.ech),
  };
  return { group, evidence };
}
