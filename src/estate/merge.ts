/**
 * Several audit reports (one per file, host or day) → one report with the same model, as if one audit had read
 * everything: groups merged by key, evidence renumbered, skipped input summed by reason, summary recomputed by
 * the same code an audit uses. Merging is associative and commutative (reports may be merged in any order and
 * grouping): unions are sorted by a total order and every choice is a maximum, see canonical.ts.
 */
import { sortDestinations, summarise } from '../audit/build-report.js';
import { MAX_EXAMPLES_PER_REASON } from '../core/anomalies.js';
import { UsageError } from '../core/errors.js';
import { compareText } from '../core/text-order.js';
import type { DestinationGroup, Evidence, Report, ReportMetadata, SkippedEntry } from '../report/model.js';
import { REPORT_SCHEMA_VERSION } from '../report/model.js';
import { boundedUnion, canonical, textUnion } from './canonical.js';
import { type GroupWithEvidence, mergeGroups } from './merge-group.js';

export interface MergeOptions {
  /** ISO time written into the merged report. */
  generatedAt: string;
  toolVersion: string;
}

type Options = ReportMetadata['options'];
type OptionValue = Options[string];

export function mergeReports(reports: readonly Report[], opts: MergeOptions): Report {
  if (reports.length === 0) throw new UsageError('nothing to merge: give at least one report');
  const pseudonymized = reports.map((r) => r.metadata.pseudonymized);
  if (pseudonymized.some((p) => p) && !pseudonymized.every((p) => p)) {
    // One side would show real internal addresses next to pseudonyms of the other: refuse rather than mislead.
    throw new UsageError('cannot merge pseudonymized reports with reports that are not pseudonymized');
  }
  const byKey = new Map<string, GroupWithEvidence[]>();
  for (const r of reports) {
    const evidence = new Map(r.evidence.map((e) => [e.id, e]));
    for (const g of r.destinations) {
      const items: Omit<Evidence, 'id'>[] = [];
      for (const id of g.evidence) {
        const e = evidence.get(id);
        if (e === undefined) continue;
        const { id: _id, ...rest } = e;
        items.push(rest);
      }
      const list = byKey.get(g.key);
      const part = { group: g, evidence: items };
      if (list === undefined) byKey.set(g.key, [part]);
      else list.push(part);
    }
  }
  const merged = [...byKey.entries()]
    .sort((a, b) => compareText(a[0], b[0]))
    .map(([key, parts]) => mergeGroups(key, parts));
  const destinations: DestinationGroup[] = merged.map((m) => m.group);
  sortDestinations(destinations);
  // Evidence ids follow the destination order, as in one audit: e1… for d1, then d2's, and so on.
  const evidenceOf = new Map(merged.map((m) => [m.group, m.evidence]));
  const evidence: Evidence[] = [];
  for (const d of destinations) {
    for (const e of evidenceOf.get(d) ?? []) {
      const id = `e${evidence.length + 1}`;
      evidence.push({ id, ...e });
      d.evidence.push(id);
    }
  }
  const flows = destinations.reduce((n, d) => n + d.flows, 0);
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    metadata: mergeMetadata(reports, opts),
    summary: summarise(destinations, flows, clientCount(reports, destinations), flowsWithoutBytes(reports)),
    destinations,
    evidence,
    skipped: mergeSkipped(reports.map((r) => r.skipped)),
    limitations: textUnion(reports.map((r) => r.limitations)),
  };
}

/**
 * Flows without a byte count: each flow is in one report, so the reports' counts add up exactly. A report made
 * before the count existed gives the flows of its groups that have no bytes at all (a lower bound).
 */
function flowsWithoutBytes(reports: readonly Report[]): number {
  let n = 0;
  for (const r of reports) {
    const counted: unknown = r.summary.flowsWithoutBytes;
    if (typeof counted === 'number' && Number.isFinite(counted) && counted >= 0) n += counted;
    else for (const d of r.destinations) if (d.out.bytes === null && d.in.bytes === null) n += d.flows;
  }
  return n;
}

/**
 * Distinct clients: exact when no group reached MAX_GROUP_CLIENTS (every client is then listed in a group),
 * otherwise a lower bound; never below what any one report counted.
 */
function clientCount(reports: readonly Report[], destinations: readonly DestinationGroup[]): number {
  const seen = new Set<string>();
  for (const d of destinations) for (const c of d.clients) seen.add(c);
  let most = seen.size;
  for (const r of reports) most = Math.max(most, r.summary.clients);
  return most;
}

function mergeSkipped(lists: readonly SkippedEntry[][]): SkippedEntry[] {
  const byReason = new Map<string, SkippedEntry[]>();
  for (const list of lists) {
    for (const s of list) {
      const known = byReason.get(s.reason);
      if (known === undefined) byReason.set(s.reason, [s]);
      else known.push(s);
    }
  }
  return [...byReason.entries()]
    .map(([reason, entries]) => ({
      reason,
      count: entries.reduce((n, e) => n + e.count, 0),
      examples: boundedUnion(
        entries.map((e) => e.examples),
        canonical,
        (a, b) => compareText(a.file, b.file) || compareText(canonical(a), canonical(b)),
        MAX_EXAMPLES_PER_REASON,
      ),
    }))
    .sort((a, b) => b.count - a.count || compareText(a.reason, b.reason));
}

/** The same value in every report is kept; any disagreement gives null (associative: null absorbs). */
function agreed<T>(values: readonly T[]): T | null {
  const first = values[0];
  if (first === undefined) return null;
  const text = canonical(first);
  return values.every((v) => canonical(v) === text) ? first : null;
}

function mergeOptions(all: readonly Options[]): Options {
  const keys = textUnion(all.map((o) => Object.keys(o)));
  const out: Options = {};
  for (const k of keys) {
    // A key missing from one report counts as a disagreement: that run did not record it.
    const values: (OptionValue | undefined)[] = all.map((o) => (Object.hasOwn(o, k) ? o[k] : undefined));
    const v = values.some((x) => x === undefined) ? null : agreed(values);
    out[k] = v === undefined ? null : v;
  }
  return out;
}

function mergeMetadata(reports: readonly Report[], opts: MergeOptions): ReportMetadata {
  const metas = reports.map((r) => r.metadata);
  const firsts = metas.flatMap((m) => (m.timeSpan === null ? [] : [m.timeSpan.first])).sort(compareText);
  const lasts = metas.flatMap((m) => (m.timeSpan === null ? [] : [m.timeSpan.last])).sort(compareText);
  const first = firsts[0];
  const last = lasts.at(-1);
  const all = <T>(pick: (m: ReportMetadata) => T[]) => metas.map(pick);
  const byCanonical = <T>(lists: T[][]) =>
    boundedUnion(lists, canonical, (a: T, b: T) => compareText(canonical(a), canonical(b)));
  return {
    tool: { name: 'outflow', version: opts.toolVersion },
    generatedAt: opts.generatedAt,
    inputs: boundedUnion(
      all((m) => m.inputs),
      canonical,
      (a, b) => compareText(a.file, b.file) || compareText(canonical(a), canonical(b)),
    ),
    vantage: agreed(metas.map((m) => m.vantage)),
    databases: boundedUnion(
      all((m) => m.databases),
      canonical,
      (a, b) => compareText(a.role, b.role) || compareText(a.file, b.file) || compareText(canonical(a), canonical(b)),
    ),
    catalog: {
      version: textUnion(metas.map((m) => m.catalog.version.split(', ').filter((v) => v !== ''))).join(', '),
      updated: metas.map((m) => m.catalog.updated).reduce((a, b) => (compareText(a, b) >= 0 ? a : b), ''),
      rules: Math.max(...metas.map((m) => m.catalog.rules)),
      files: textUnion(metas.map((m) => m.catalog.files)),
    },
    options: mergeOptions(metas.map((m) => m.options)),
    timeSpan: first === undefined || last === undefined ? null : { first, last },
    timeAssumptions: byCanonical(all((m) => m.timeAssumptions)),
    pseudonymized: metas.every((m) => m.pseudonymized),
  };
}
