/**
 * Human units and shared presentation rules for every renderer: byte sizes, durations, percentages, dates,
 * country names, labels of the model's enums, and the one order in which destination groups are listed.
 * Pure and locale-fixed ('en', UTC) so golden files do not depend on the machine that renders them.
 */

import { RISKS } from '../core/assessment-vocabulary.js';
import { recipientName } from '../enrich/recipient/recipient.js';
import type { DestinationGroup, PersonalData, Risk, Transfer } from './model.js';
import { hasRendererOrder, listArray, type ReportList } from './report-list.js';

/** Highest risk first; renderers list groups in this order (the vocabulary's own order). */
export const RISK_ORDER: readonly Risk[] = RISKS;

/** Transfers as the summary lists them: most concerning first. */
export const TRANSFER_ORDER: readonly Transfer[] = [
  'third-country',
  'unknown',
  'adequate-if-certified',
  'adequate',
  'eea',
  'none',
];

export const TRANSFER_LABEL: Record<Transfer, string> = {
  none: 'not a transfer (local)',
  eea: 'within the EEA',
  adequate: 'adequate country',
  'adequate-if-certified': 'adequate if certified (DPF)',
  'third-country': 'third country',
  unknown: 'unknown',
};

export const PERSONAL_DATA_LABEL: Record<PersonalData, string> = {
  observed: 'observed',
  likely: 'likely',
  possible: 'possible',
  unlikely: 'unlikely',
  unknown: 'unknown',
};

// Made on first use: the region names load ICU display data (~20 ms of CPU), which was paid at every start, also by
// commands that name no country (flows formats only byte counts and durations; issue #18).
let numberFormat: Intl.NumberFormat | undefined;
let regionNames: Intl.DisplayNames | undefined;

/** 12345 -> "12,345". */
export function formatCount(n: number | null): string {
  if (n === null || !Number.isFinite(n)) return '—';
  numberFormat ??= new Intl.NumberFormat('en-US');
  return numberFormat.format(n);
}

const BYTE_UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];

/** Decimal (SI) units as network tools count them: 1 kB = 1000 B. */
export function formatBytes(n: number | null): string {
  if (n === null || !Number.isFinite(n)) return '—';
  let value = Math.abs(n);
  let unit = 0;
  while (value >= 1000 && unit < BYTE_UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${n < 0 ? '-' : ''}${value.toFixed(digits)} ${BYTE_UNITS[unit]}`;
}

/** Milliseconds -> "2 h 14 min", "38 s", "3 d 4 h". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const min = Math.floor(s / 60);
  const join = (a: string, b: number, unit: string): string => (b === 0 ? a : `${a} ${b} ${unit}`);
  if (min < 60) return join(`${min} min`, s % 60, 's');
  const h = Math.floor(min / 60);
  if (h < 48) return join(`${h} h`, min % 60, 'min');
  return join(`${Math.floor(h / 24)} d`, h % 24, 'h');
}

/** Share 0..1 -> "41.2%"; tiny non-zero shares are shown as "<0.1%" rather than a misleading "0.0%". */
export function formatPercent(share: number): string {
  if (!Number.isFinite(share)) return '—';
  const pct = share * 100;
  if (pct > 0 && pct < 0.1) return '<0.1%';
  return `${pct.toFixed(1)}%`;
}

/** ISO 8601 -> "2026-03-02 09:14:05 UTC"; unparseable input is returned as given (callers escape it). */
export function formatTime(iso: string | null): string {
  if (iso === null) return '—';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return `${new Date(t).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** ISO 3166-1 alpha-2 -> English name ("NL" -> "Netherlands"); anything else is returned unchanged. */
export function countryName(code: string | null): string {
  if (code === null || code === '') return 'unknown';
  if (!/^[A-Za-z]{2}$/.test(code)) return code;
  try {
    regionNames ??= new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });
    return regionNames.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

/** "NL Netherlands", or "unknown". */
export function countryLabel(code: string | null): string {
  return code === null || code === '' ? 'unknown' : `${code} ${countryName(code)}`;
}

export function riskRank(risk: Risk): number {
  const i = RISK_ORDER.indexOf(risk);
  return i < 0 ? RISK_ORDER.length : i;
}

/** Bytes both ways; unknown directions count as 0. */
export function groupBytes(g: DestinationGroup): number {
  return (g.out.bytes ?? 0) + (g.in.bytes ?? 0);
}

/** Risk high -> none, then bytes out+in descending, then id, so equal groups keep a stable order. */
export function sortGroups(groups: readonly DestinationGroup[]): DestinationGroup[] {
  return [...groups].sort(
    (a, b) =>
      riskRank(a.risk) - riskRank(b.risk) || groupBytes(b) - groupBytes(a) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/**
 * The groups in the renderers' order (sortGroups): an audit's sequence gives them one at a time in that order
 * without holding them, an array is sorted as a copy.
 */
export function inRendererOrder(groups: ReportList<DestinationGroup>): Iterable<DestinationGroup> {
  return hasRendererOrder(groups) ? groups.inRendererOrder() : sortGroups(listArray(groups));
}

/** The best name, or the first address, or the id. */
export function bestName(g: DestinationGroup): string {
  return g.names[0]?.name ?? g.ips[0] ?? g.id;
}

/** "name (+2 more)". */
export function nameWithMore(g: DestinationGroup): string {
  const more = g.names.length - 1;
  return more > 0 ? `${bestName(g)} (+${more} more)` : bestName(g);
}

/** "Microsoft Corporation (US)", or "—". */
export function operatorLabel(g: DestinationGroup): string {
  if (g.operator === null) return '—';
  return g.operator.hqCountry === null ? g.operator.name : `${g.operator.name} (${g.operator.hqCountry})`;
}

/**
 * The recipient (who runs the service and receives the data): "Microsoft (US)", "vendor-x.example (owner
 * unknown)" or "unknown". A group read from a report older than schema 1.1.0 may have none: "not recorded".
 */
export function recipientLabel(g: DestinationGroup): string {
  if (g.scope !== 'public') return '—';
  const r = g.recipient as DestinationGroup['recipient'] | undefined;
  if (r === undefined) return 'not recorded';
  return r.name !== null && r.hqCountry !== null ? `${r.name} (${r.hqCountry})` : recipientName(r);
}

/** "hosted by Microsoft Corporation (US)" or "host unknown": the network operator from the ASN. */
export function hostLabel(g: DestinationGroup): string {
  if (g.scope !== 'public') return '—';
  return g.operator === null ? 'host unknown' : `hosted by ${operatorLabel(g)}`;
}

/** "Recipient: vendor-x.example (owner unknown) · hosted by Alphabet Inc. (Google LLC) (US)": both, side by side. */
export function recipientAndHost(g: DestinationGroup): string {
  if (g.scope !== 'public') return 'no recipient outside the site';
  return `Recipient: ${recipientLabel(g)} · ${hostLabel(g)}`;
}

/** "DPF-certified as of 2023-08-23 (company statement)" for a certified recipient, else null. */
export function recipientDpfLabel(g: DestinationGroup): string | null {
  const r = g.recipient as DestinationGroup['recipient'] | undefined;
  if (r?.dpfCertified !== true || r.dpfAsOf === null) return null;
  return `DPF-certified as of ${r.dpfAsOf}${r.dpfSource?.startsWith('company statement') === true ? ' (company statement)' : ''}`;
}

/** "telemetry / Microsoft", "telemetry", "Microsoft" or "—". */
export function categoryLabel(g: DestinationGroup): string {
  const parts = [g.category, g.vendor].filter((p): p is string => p !== null && p !== '');
  return parts.length === 0 ? '—' : parts.join(' / ');
}

/** Marks that qualify the country of a group: a geolocation conflict and anycast. */
export function countryMarks(g: DestinationGroup): string[] {
  const marks: string[] = [];
  if (g.geoConflict !== null) marks.push('geo conflict');
  if (g.operator?.anycast === true) marks.push('anycast');
  else if (g.locationNotFixed) marks.push('location not fixed');
  return marks;
}

/** "observed: e-mail address", "likely", ... */
export function personalDataLabel(g: DestinationGroup): string {
  const label = PERSONAL_DATA_LABEL[g.personalData] ?? g.personalData;
  return g.personalDataKinds.length > 0 ? `${label}: ${g.personalDataKinds.join(', ')}` : label;
}
