/**
 * The summary's headline facts in words, one wording for the terminal, Markdown and HTML: what leaves the EEA
 * counted by destinations and flows, which are always known, and by bytes only as far as the input recorded
 * them (a Windows Firewall log records no size for allowed connections). Plain text: each renderer escapes it.
 */
import { formatBytes, formatCount, formatPercent } from './format.js';
import type { ReportSummary, Totals } from './model.js';

/** Whether the input recorded bytes for every flow, for some of them, or for none. */
export type BytesKnown = 'all' | 'some' | 'none';

export function bytesKnown(s: ReportSummary): BytesKnown {
  // A summary read from a report made before the count existed has no field: it claimed to know all bytes.
  const without = Number.isFinite(s.flowsWithoutBytes) ? s.flowsWithoutBytes : 0;
  if (without <= 0) return 'all';
  return without >= s.flows ? 'none' : 'some';
}

/** "41 of 65 destinations (63.1%), 1,204 of 2,000 flows (60.2%)". */
export function leavingCounts(s: ReportSummary): string {
  return (
    `${formatCount(s.destinationsLeavingEea)} of ${formatCount(s.destinations)} destination${s.destinations === 1 ? '' : 's'} ` +
    `(${formatPercent(s.destinationsLeavingEeaShare)}), ${formatCount(s.flowsLeavingEea)} of ${formatCount(s.flows)} ` +
    `flow${s.flows === 1 ? '' : 's'} (${formatPercent(s.flowsLeavingEeaShare)})`
  );
}

/** "31.4% of bytes", "12.0% of the recorded bytes", or null when no byte was recorded. */
export function leavingBytes(s: ReportSummary): string | null {
  const known = bytesKnown(s);
  if (known === 'none') return null;
  return `${formatPercent(s.bytesLeavingEeaShare)} of ${known === 'all' ? 'bytes' : 'the recorded bytes'}`;
}

/**
 * The whole "Leaving the EEA: …" fact without the label: destinations and flows, then the share of bytes only
 * when every flow's bytes are known. A share of the recorded bytes alone would mislead in a headline: the
 * flows a log does measure are often not the ones that leave (Windows Firewall sizes only dropped packets).
 */
export function leavingSentence(s: ReportSummary): string {
  return bytesKnown(s) === 'all' ? `${leavingCounts(s)}, ${leavingBytes(s) ?? ''}` : leavingCounts(s);
}

/**
 * "bytes unknown for all 2,000 flows (the input does not record them)", "bytes unknown for 1,888 of 2,000
 * flows (94.4%; the input does not record them)", or null when every flow's bytes are known.
 */
export function bytesUnknownSentence(s: ReportSummary): string | null {
  const known = bytesKnown(s);
  if (known === 'all') return null;
  const why = 'the input does not record them';
  return known === 'none'
    ? `bytes unknown for ${s.flows === 1 ? 'the only flow' : `all ${formatCount(s.flows)} flows`} (${why})`
    : `bytes unknown for ${formatCount(s.flowsWithoutBytes)} of ${formatCount(s.flows)} flows (${formatPercent(s.flowsWithoutBytesShare)}; ${why})`;
}

/** The data volume as far as it is known: "288 kB", "17.1 kB in 112 of 2,000 flows", or "not recorded". */
export function volumeText(s: ReportSummary): string {
  const known = bytesKnown(s);
  if (known === 'all') return formatBytes(s.bytes);
  if (known === 'none') return 'not recorded';
  return `${formatBytes(s.bytes)} in ${formatCount(s.flows - s.flowsWithoutBytes)} of ${formatCount(s.flows)} flows`;
}

/**
 * A breakdown entry's size by the measure the summary ranks by: bytes when every flow's are known, else flows
 * and destinations ("1,204 flows, 41 destinations"), which are known whatever the input recorded.
 */
export function totalsText(s: ReportSummary, t: Totals): string {
  if (bytesKnown(s) === 'all') return formatBytes(t.bytes);
  return `${formatCount(t.flows)} flow${t.flows === 1 ? '' : 's'}, ${formatCount(t.destinations)} destination${t.destinations === 1 ? '' : 's'}`;
}
