/**
 * CSV: one row per destination group, RFC 4180 (CRLF line ends, quoted fields, header row). Every cell goes
 * through csvCell, which also defuses spreadsheet formulas (= + - @ ...); lists are joined with "; ".
 *
 * With --baseline (src/compare/baseline.ts) one column, `baseline`, is added after the last one: `new` or
 * `seen` per group, and one more row per group of the baseline that is gone, marked `gone`. Columns never move,
 * so a sheet that reads them by position keeps working; a run without a baseline writes exactly the columns
 * it always wrote (the golden file tests/golden/report.csv holds that).
 */

import { hasBaseline } from '../baseline-words.js';
import { csvRow } from '../escape.js';
import { bestName, countryName, inRendererOrder } from '../format.js';
import type { DestinationGroup, GoneGroup, ReportView } from '../model.js';
import { batchedSink, collectText } from '../text-sink.js';

type Cell = string | number | boolean | null;

const list = (values: readonly string[]): string => values.join('; ');

/** Column name -> value; the order here is the column order. */
const COLUMNS: [string, (g: DestinationGroup) => Cell][] = [
  ['id', (g) => g.id],
  ['risk', (g) => g.risk],
  ['name', (g) => bestName(g)],
  ['other_names', (g) => list(g.names.slice(1).map((n) => n.name))],
  ['ips', (g) => list(g.ips)],
  ['ports', (g) => list(g.ports.map((p) => `${p.proto}/${p.port}`))],
  ['scope', (g) => g.scope],
  ['country', (g) => g.country],
  ['country_name', (g) => (g.country === null ? null : countryName(g.country))],
  ['city', (g) => g.city],
  ['geo_conflict', (g) => g.geoConflict !== null],
  ['anycast', (g) => g.operator?.anycast ?? false],
  ['location_not_fixed', (g) => g.locationNotFixed],
  ['operator', (g) => g.operator?.name ?? null],
  ['operator_hq', (g) => g.operator?.hqCountry ?? null],
  ['dpf_certified', (g) => g.operator?.dpfCertified ?? null],
  ['dpf_as_of', (g) => g.operator?.dpfAsOf ?? null],
  ['asn', (g) => g.operator?.asn ?? null],
  ['transfer', (g) => g.transfer],
  ['category', (g) => g.category],
  ['vendor', (g) => g.vendor],
  ['product', (g) => g.product],
  ['rule', (g) => g.rule?.id ?? null],
  ['endpoint_region', (g) => g.endpointRegion],
  ['personal_data', (g) => g.personalData],
  ['personal_data_kinds', (g) => list(g.personalDataKinds)],
  ['policy', (g) => g.policy],
  ['bytes_out', (g) => g.out.bytes],
  ['bytes_in', (g) => g.in.bytes],
  ['packets_out', (g) => g.out.packets],
  ['packets_in', (g) => g.in.packets],
  ['flows', (g) => g.flows],
  ['first_seen', (g) => g.firstSeen],
  ['last_seen', (g) => g.lastSeen],
  ['clients', (g) => list(g.clients)],
  ['processes', (g) => list(g.processes)],
  ['reasons', (g) => list(g.reasons)],
  ['evidence', (g) => list(g.evidence)],
  // Schema 1.1.0: the recipient beside the host (`operator` above is the host, the network operator). Appended,
  // so no column moves.
  ['recipient', (g) => g.recipient?.name ?? null],
  ['recipient_domain', (g) => g.recipient?.domain ?? null],
  ['recipient_basis', (g) => g.recipient?.basis ?? null],
  ['recipient_strength', (g) => g.recipient?.strength ?? null],
  ['recipient_hq', (g) => g.recipient?.hqCountry ?? null],
  ['recipient_dpf_certified', (g) => g.recipient?.dpfCertified ?? null],
  ['recipient_dpf_as_of', (g) => g.recipient?.dpfAsOf ?? null],
];

export const CSV_HEADER = COLUMNS.map(([name]) => name);

/** The header of a run with --baseline: the same columns, then `baseline`. */
export const CSV_BASELINE_HEADER = [...CSV_HEADER, 'baseline'];

/**
 * The cells a gone group has: what the baseline report recorded about it (its risk then), nothing about this
 * run. Every other cell is empty, so sums over bytes or flows are not changed by gone rows.
 */
const GONE_CELLS: Record<string, (g: GoneGroup) => Cell> = {
  risk: (g) => g.risk,
  name: (g) => g.names[0] ?? null,
  other_names: (g) => list(g.names.slice(1)),
  country: (g) => g.country,
  country_name: (g) => (g.country === null ? null : countryName(g.country)),
  operator: (g) => g.operator,
};

function goneRow(g: GoneGroup): Cell[] {
  return [...CSV_HEADER.map((name) => GONE_CELLS[name]?.(g) ?? null), 'gone'];
}

/** The CSV, handed to `sink` a batch of rows at a time (a report may have hundreds of thousands of groups). */
export function writeCsv(report: ReportView, sink: (text: string) => void): void {
  const groups = inRendererOrder(report.destinations);
  const baseline = hasBaseline(report);
  const out = batchedSink(sink);
  out.put(csvRow(baseline ? CSV_BASELINE_HEADER : CSV_HEADER));
  for (const g of groups) {
    const cells = COLUMNS.map(([, value]) => value(g));
    out.put(csvRow(baseline ? [...cells, g.baseline ?? null] : cells));
  }
  if (baseline) for (const g of report.gone ?? []) out.put(csvRow(goneRow(g)));
  out.end();
}

export function renderCsv(report: ReportView): string {
  return collectText((sink) => writeCsv(report, sink));
}
