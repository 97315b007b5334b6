/** The closing summary on stderr: what was read (packets, lines, bytes), how many flows, what was skipped and why. */
import type { Anomalies } from '../core/anomalies.js';
import { isNormalState } from '../pipeline/capture-flows.js';
import type { ReadInputsResult } from '../pipeline/read-inputs.js';
import { escapeTerminal } from '../report/escape.js';
import { runLine } from './progress.js';

export function printRunSummary(
  err: NodeJS.WritableStream,
  result: ReadInputsResult,
  anomalies: Anomalies,
  flows: number,
  seconds: number,
): void {
  let bytes = 0;
  let packets: number | null = null;
  let lines: number | null = null;
  for (const input of result.inputs) {
    bytes += input.bytes;
    if (input.packets !== null) packets = (packets ?? 0) + input.packets;
    if (input.lines !== undefined) lines = (lines ?? 0) + input.lines;
  }
  err.write(`outflow: ${runLine({ inputs: result.inputs.length, packets, lines, bytes, flows, seconds })}\n`);
  const damage = anomalies.entries().filter((e) => !isNormalState(e.reason));
  if (damage.length > 0) {
    const total = damage.reduce((sum, e) => sum + e.count, 0);
    err.write(`outflow: skipped or partly read: ${total}\n`);
    for (const e of damage.slice(0, 12)) {
      const where = e.examples[0];
      const at =
        where === undefined
          ? ''
          : ` (first: ${escapeTerminal(where.file)}${where.frame !== undefined ? ` frame ${where.frame}` : ''}${where.offset !== undefined ? ` offset ${where.offset}` : ''}${where.line !== undefined ? ` line ${where.line}` : ''})`;
      err.write(`  ${escapeTerminal(e.reason)}: ${e.count}${at}\n`);
    }
    if (damage.length > 12) err.write(`  ... and ${damage.length - 12} more reasons (see --stats)\n`);
  }
  for (const t of result.timeAssumptions) {
    if (t.how === 'assumed-utc') {
      err.write(`outflow: ${escapeTerminal(t.file)}: local times read as UTC (no zone in the log; use --timezone)\n`);
    }
  }
}

/** -v: one line per input read: "outflow: read x.log: windows-firewall, 3000 lines, 0.29 MB, 2995 flows". */
export function printInputLines(err: NodeJS.WritableStream, result: ReadInputsResult): void {
  for (const i of result.inputs) {
    const counted = i.packets !== null ? `${i.packets} packets, ` : i.lines !== undefined ? `${i.lines} lines, ` : '';
    const mb = (i.bytes / 1e6).toFixed(2);
    err.write(
      `outflow: read ${escapeTerminal(i.file)}: ${escapeTerminal(i.format)}${i.compression === null ? '' : ` (${i.compression})`}, ${counted}${mb} MB, ${i.flows} flows\n`,
    );
  }
}
