/**
 * The words every diff renderer uses for a change, so the table and Markdown say the same thing. Callers
 * escape the result for their output kind: names, operators and kinds come from hostile input.
 */
import { countryLabel, formatBytes, formatPercent, PERSONAL_DATA_LABEL, TRANSFER_LABEL } from '../report/format.js';
import type { Delta, FieldChange, GroupBrief, ReportDiff } from './diff.js';

/** "+1.2 MB", "-300 B", "±0 B". */
export function signedBytes(n: number): string {
  return n === 0 ? '±0 B' : `${n > 0 ? '+' : ''}${formatBytes(n)}`;
}

/** "+3", "-1", "±0". */
export function signedCount(n: number): string {
  return n === 0 ? '±0' : `${n > 0 ? '+' : ''}${n}`;
}

/** Share delta in percentage points: "+4.1 pp". */
function signedPoints(d: Delta): string {
  const pp = d.delta * 100;
  return `${pp > 0 ? '+' : pp < 0 ? '-' : '±'}${Math.abs(pp).toFixed(1)} pp`;
}

export function changeWords(c: FieldChange): string {
  switch (c.field) {
    case 'risk':
      return `risk ${c.from} → ${c.to}`;
    case 'transfer':
      return `transfer ${TRANSFER_LABEL[c.from]} → ${TRANSFER_LABEL[c.to]}`;
    case 'country':
      return `country ${countryLabel(c.from)} → ${countryLabel(c.to)}`;
    case 'personalData':
      return `personal data ${PERSONAL_DATA_LABEL[c.from]} → ${PERSONAL_DATA_LABEL[c.to]}`;
    case 'personalDataKinds':
      return [
        ...(c.added.length > 0 ? [`now also ${c.added.join(', ')}`] : []),
        ...(c.removed.length > 0 ? [`no longer ${c.removed.join(', ')}`] : []),
      ].join('; ');
    case 'bytes':
      return `bytes ${formatBytes(c.from)} → ${formatBytes(c.to)} (${signedBytes(c.delta)})`;
  }
}

export function briefWords(g: GroupBrief): string {
  const who = g.operator === null ? '' : `, ${g.operator}`;
  return `${g.name} (${countryLabel(g.country)}${who}): risk ${g.risk}, ${TRANSFER_LABEL[g.transfer]}, personal data ${PERSONAL_DATA_LABEL[g.personalData]}, ${formatBytes(g.bytes)}`;
}

/** The summary lines: highest risk, share leaving the EEA, destinations, flows, bytes, counts. */
export function summaryWords(d: ReportDiff): string[] {
  const s = d.summary;
  const risk =
    s.highestRisk.from === s.highestRisk.to
      ? `highest risk ${s.highestRisk.to} (unchanged)`
      : `highest risk ${s.highestRisk.from} → ${s.highestRisk.to}`;
  // A log that records no bytes for some flows is compared by flows, as its own report's headline is.
  const byFlows = s.leavingEeaOf === 'flows';
  const share = byFlows ? s.flowsLeavingEeaShare : s.bytesLeavingEeaShare;
  return [
    risk,
    `share ${byFlows ? 'of flows ' : ''}leaving the EEA ${formatPercent(share.from)} → ${formatPercent(share.to)} (${signedPoints(share)})`,
    `destinations ${s.destinations.from} → ${s.destinations.to} (${signedCount(s.destinations.delta)}), flows ${signedCount(s.flows.delta)}, bytes ${signedBytes(s.bytes.delta)}`,
    `${s.newGroups} new, ${s.goneGroups} gone, ${s.changedGroups} changed`,
  ];
}
