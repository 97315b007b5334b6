/**
 * How destinations, countries and risk evolved over several audit reports (`outflow trend`). Reports are put in
 * time order (metadata.generatedAt, then file name, so equal times still give one order); each becomes a point
 * with the destination count per risk, the share of bytes leaving the EEA and the top countries by bytes, and
 * each destination group (matched by its `key`, as baselines and diffs match them) gets its risk per report,
 * the report it was first seen in and the one it was gone from. Pure: no clock, no file access.
 */
import { InputError } from '../core/errors.js';
import { bestName, RISK_ORDER, riskRank } from '../report/format.js';
import type { Report, Risk } from '../report/model.js';

/** Countries listed per report. */
export const TREND_TOP_COUNTRIES = 3;

export interface TrendInput {
  file: string;
  report: Report;
}

export interface TrendPoint {
  file: string;
  generatedAt: string;
  /** Destination groups per risk level. */
  destinations: Record<Risk, number>;
  totalDestinations: number;
  bytes: number;
  bytesLeavingEeaShare: number;
  /**
   * The share leaving the EEA that the report can stand behind: of bytes, or of flows when its input recorded no
   * bytes for some flows (a Windows Firewall log: its byte share would read 0 % of almost nothing).
   */
  leavingEea: { share: number; of: 'bytes' | 'flows' };
  topCountries: { country: string | null; bytes: number }[];
}

export interface DestinationTrend {
  key: string;
  /** Best name in the latest report that has the group. */
  name: string;
  country: string | null;
  /** Risk in each report (same order as `points`); null where the group is absent. */
  risks: (Risk | null)[];
  /** Index of the report the group first appears in. */
  firstSeen: number;
  /** Index of the first report after its last appearance; null when it is in the latest report. */
  goneFrom: number | null;
}

export interface Trend {
  points: TrendPoint[];
  destinations: DestinationTrend[];
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function point(file: string, r: Report): TrendPoint {
  const destinations: Record<Risk, number> = { high: 0, medium: 0, low: 0, none: 0 };
  for (const g of r.destinations) destinations[g.risk]++;
  const topCountries = [...r.summary.byCountry]
    .filter((c) => c.bytes > 0)
    .sort((a, b) => b.bytes - a.bytes || byText(a.country ?? '~', b.country ?? '~'))
    .slice(0, TREND_TOP_COUNTRIES)
    .map((c) => ({ country: c.country, bytes: c.bytes }));
  return {
    file,
    generatedAt: r.metadata.generatedAt,
    destinations,
    totalDestinations: r.destinations.length,
    bytes: r.summary.bytes,
    bytesLeavingEeaShare: r.summary.bytesLeavingEeaShare,
    leavingEea: leavingShare(r),
    topCountries,
  };
}

/** Of flows when the report's input left bytes unknown for some flows, else of bytes (as its own headline says). */
export function leavingShare(r: Report): { share: number; of: 'bytes' | 'flows' } {
  return r.summary.flowsWithoutBytes > 0
    ? { share: r.summary.flowsLeavingEeaShare, of: 'flows' }
    : { share: r.summary.bytesLeavingEeaShare, of: 'bytes' };
}

/** The latest risk first (high..none), groups gone last, then key: a stable order that puts current risk on top. */
function compareDestinations(a: DestinationTrend, b: DestinationTrend): number {
  const gone = (d: DestinationTrend): number => (d.goneFrom === null ? 0 : 1);
  const latest = (d: DestinationTrend): number => {
    const r = d.risks.findLast((x) => x !== null);
    return r === undefined || r === null ? RISK_ORDER.length : riskRank(r);
  };
  return gone(a) - gone(b) || latest(a) - latest(b) || byText(a.key, b.key);
}

export function buildTrend(inputs: readonly TrendInput[]): Trend {
  if (inputs.length === 0) throw new InputError('trend needs at least one report');
  // Keys of pseudonymized reports are keyed hashes: they never match clear-text keys (nor those of another key).
  const pseudonymized = new Set(inputs.map((i) => i.report.metadata.pseudonymized === true));
  if (pseudonymized.size > 1) {
    throw new InputError('cannot compare pseudonymized and clear-text reports: their destination keys differ');
  }
  const ordered = [...inputs].sort(
    (a, b) =>
      Date.parse(a.report.metadata.generatedAt) - Date.parse(b.report.metadata.generatedAt) || byText(a.file, b.file),
  );
  const n = ordered.length;
  const byKey = new Map<string, DestinationTrend>();
  ordered.forEach(({ report }, i) => {
    for (const g of report.destinations) {
      let d = byKey.get(g.key);
      if (d === undefined) {
        d = {
          key: g.key,
          name: '',
          country: null,
          risks: new Array<Risk | null>(n).fill(null),
          firstSeen: i,
          goneFrom: null,
        };
        byKey.set(g.key, d);
      }
      // A key appearing twice in one report (merged estates) counts once, at its highest risk.
      const prev = d.risks[i] ?? null;
      if (prev === null || riskRank(g.risk) < riskRank(prev)) d.risks[i] = g.risk;
      d.name = bestName(g);
      d.country = g.country;
    }
  });
  for (const d of byKey.values()) {
    const last = d.risks.findLastIndex((r) => r !== null);
    d.goneFrom = last < n - 1 ? last + 1 : null;
  }
  return {
    points: ordered.map((o) => point(o.file, o.report)),
    destinations: [...byKey.values()].sort(compareDestinations),
  };
}

/** Positions where a destination's risk changed from one appearance to the next (for "risk went up" notes). */
export function riskChanges(d: DestinationTrend): { at: number; from: Risk; to: Risk }[] {
  const out: { at: number; from: Risk; to: Risk }[] = [];
  let prev: Risk | null = null;
  d.risks.forEach((r, at) => {
    if (r === null) return;
    if (prev !== null && prev !== r) out.push({ at, from: prev, to: r });
    prev = r;
  });
  return out;
}
