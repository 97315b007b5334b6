/**
 * `outflow diff A.json B.json`: what changed from report A (before) to report B (after). Groups are matched by
 * `key` (operator|name|country). Because the key holds the country, a name that moved country would show as
 * one gone and one new group; when exactly one gone and one new group share operator|name, they are paired
 * as one group whose country changed, which is what a reader wants to see. Every list has a fixed order.
 */
import { groupBytes, riskRank } from '../report/format.js';
import type { DestinationGroup, PersonalData, Report, Risk, Transfer } from '../report/model.js';

export interface GroupBrief {
  key: string;
  name: string;
  operator: string | null;
  country: string | null;
  risk: Risk;
  transfer: Transfer;
  personalData: PersonalData;
  bytes: number;
}

export type FieldChange =
  | { field: 'risk'; from: Risk; to: Risk }
  | { field: 'transfer'; from: Transfer; to: Transfer }
  | { field: 'country'; from: string | null; to: string | null }
  | { field: 'personalData'; from: PersonalData; to: PersonalData }
  | { field: 'personalDataKinds'; added: string[]; removed: string[] }
  | { field: 'bytes'; from: number; to: number; delta: number };

export interface GroupChange {
  /** Key in B (in A too, unless the country changed). */
  key: string;
  fromKey: string;
  name: string;
  operator: string | null;
  risk: Risk;
  changes: FieldChange[];
}

export interface Delta {
  from: number;
  to: number;
  delta: number;
}

export interface ReportDiff {
  from: { file: string; generatedAt: string };
  to: { file: string; generatedAt: string };
  summary: {
    highestRisk: { from: Risk; to: Risk };
    bytesLeavingEeaShare: Delta;
    flowsLeavingEeaShare: Delta;
    /** Which share the words compare: of flows when either report's input left bytes unknown for some flows. */
    leavingEeaOf: 'bytes' | 'flows';
    destinations: Delta;
    flows: Delta;
    bytes: Delta;
    newGroups: number;
    goneGroups: number;
    changedGroups: number;
  };
  new: GroupBrief[];
  gone: GroupBrief[];
  changed: GroupChange[];
}

const delta = (from: number, to: number): Delta => ({ from, to, delta: to - from });
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** operator|name: the key without its last "|country" part (country codes hold no "|"). */
function keyWithoutCountry(key: string): string {
  const bar = key.lastIndexOf('|');
  return bar < 0 ? key : key.slice(0, bar);
}

function brief(g: DestinationGroup): GroupBrief {
  return {
    key: g.key,
    name: g.names[0]?.name ?? g.ips[0] ?? g.id,
    operator: g.operator?.name ?? null,
    country: g.country,
    risk: g.risk,
    transfer: g.transfer,
    personalData: g.personalData,
    bytes: groupBytes(g),
  };
}

function changesOf(a: DestinationGroup, b: DestinationGroup): FieldChange[] {
  const out: FieldChange[] = [];
  if (a.risk !== b.risk) out.push({ field: 'risk', from: a.risk, to: b.risk });
  if (a.transfer !== b.transfer) out.push({ field: 'transfer', from: a.transfer, to: b.transfer });
  if (a.country !== b.country) out.push({ field: 'country', from: a.country, to: b.country });
  if (a.personalData !== b.personalData) out.push({ field: 'personalData', from: a.personalData, to: b.personalData });
  const added = b.personalDataKinds.filter((k) => !a.personalDataKinds.includes(k)).sort(cmp);
  const removed = a.personalDataKinds.filter((k) => !b.personalDataKinds.includes(k)).sort(cmp);
  if (added.length > 0 || removed.length > 0) out.push({ field: 'personalDataKinds', added, removed });
  const [ba, bb] = [groupBytes(a), groupBytes(b)];
  if (ba !== bb) out.push({ field: 'bytes', from: ba, to: bb, delta: bb - ba });
  return out;
}

/** First occurrence of each key wins (keys are unique in a report outflow wrote). */
function byKey(groups: DestinationGroup[]): Map<string, DestinationGroup> {
  const map = new Map<string, DestinationGroup>();
  for (const g of groups) if (!map.has(g.key)) map.set(g.key, g);
  return map;
}

const byRiskBytesKey = (a: GroupBrief, b: GroupBrief): number =>
  riskRank(a.risk) - riskRank(b.risk) || b.bytes - a.bytes || cmp(a.key, b.key);

/** Classification changes before byte-only ones, then riskiest, biggest byte change, key. */
function changeOrder(a: GroupChange, b: GroupChange): number {
  const volumeOnly = (c: GroupChange): number => (c.changes.every((x) => x.field === 'bytes') ? 1 : 0);
  const bytesDelta = (c: GroupChange): number => {
    const x = c.changes.find((f) => f.field === 'bytes');
    return x?.field === 'bytes' ? Math.abs(x.delta) : 0;
  };
  return (
    volumeOnly(a) - volumeOnly(b) ||
    riskRank(a.risk) - riskRank(b.risk) ||
    bytesDelta(b) - bytesDelta(a) ||
    cmp(a.key, b.key)
  );
}

export function diffReports(a: Report, b: Report, files: { from: string; to: string }): ReportDiff {
  const before = byKey(a.destinations);
  const after = byKey(b.destinations);
  const pairs: [DestinationGroup, DestinationGroup][] = [];
  const added: DestinationGroup[] = [];
  for (const [key, g] of after) {
    const old = before.get(key);
    if (old !== undefined) pairs.push([old, g]);
    else added.push(g);
  }
  let removed = [...before.values()].filter((g) => !after.has(g.key));
  // Pair a gone and a new group with the same operator|name when that pairing is unambiguous.
  const count = (gs: DestinationGroup[]) => {
    const m = new Map<string, number>();
    for (const g of gs) m.set(keyWithoutCountry(g.key), (m.get(keyWithoutCountry(g.key)) ?? 0) + 1);
    return m;
  };
  const [addedCount, removedCount] = [count(added), count(removed)];
  const moved = new Set<string>();
  for (const g of added) {
    const stem = keyWithoutCountry(g.key);
    if (addedCount.get(stem) !== 1 || removedCount.get(stem) !== 1) continue;
    const old = removed.find((r) => keyWithoutCountry(r.key) === stem);
    if (old === undefined) continue;
    pairs.push([old, g]);
    moved.add(g.key).add(old.key);
  }
  removed = removed.filter((g) => !moved.has(g.key));
  const changed: GroupChange[] = [];
  for (const [old, g] of pairs) {
    const changes = changesOf(old, g);
    if (changes.length === 0) continue;
    const b0 = brief(g);
    changed.push({ key: g.key, fromKey: old.key, name: b0.name, operator: b0.operator, risk: g.risk, changes });
  }
  const newList = added.filter((g) => !moved.has(g.key)).map(brief);
  const goneList = removed.map(brief);
  return {
    from: { file: files.from, generatedAt: a.metadata.generatedAt },
    to: { file: files.to, generatedAt: b.metadata.generatedAt },
    summary: {
      highestRisk: { from: a.summary.highestRisk, to: b.summary.highestRisk },
      bytesLeavingEeaShare: delta(a.summary.bytesLeavingEeaShare, b.summary.bytesLeavingEeaShare),
      flowsLeavingEeaShare: delta(a.summary.flowsLeavingEeaShare, b.summary.flowsLeavingEeaShare),
      leavingEeaOf: a.summary.flowsWithoutBytes > 0 || b.summary.flowsWithoutBytes > 0 ? 'flows' : 'bytes',
      destinations: delta(a.summary.destinations, b.summary.destinations),
      flows: delta(a.summary.flows, b.summary.flows),
      bytes: delta(a.summary.bytes, b.summary.bytes),
      newGroups: newList.length,
      goneGroups: goneList.length,
      changedGroups: changed.length,
    },
    new: newList.sort(byRiskBytesKey),
    gone: goneList.sort(byRiskBytesKey),
    changed: changed.sort(changeOrder),
  };
}
