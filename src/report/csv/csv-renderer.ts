/**
 * CSV: one row per destination group, RFC 4180 (CRLF line ends, quoted fields, header row). Every cell goes
 * through csvCell, which also defuses spreadsheet formulas (= + - @ ...); lists are joined with "; ".
 */
import { csvRow } from '../escape.js';
import { bestName, countryName, sortGroups } from '../format.js';
import type { DestinationGroup, Report } from '../model.js';

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
];

export const CSV_HEADER = COLUMNS.map(([name]) => name);

export function renderCsv(report: Report): string {
  let out = csvRow(CSV_HEADER);
  for (const g of sortGroups(report.destinations)) out += csvRow(COLUMNS.map(([, value]) => value(g)));
  return out;
}
