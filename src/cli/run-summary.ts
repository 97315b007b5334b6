/** The closing summary on stderr: what was read, how many flows, what was skipped and why. */
import type { Anomalies } from '../core/anomalies.js';
import { isNormalState } from '../pipeline/capture-flows.js';
import type { ReadInputsResult } from '../pipeline/read-inputs.js';
import { escapeTerminal } from '../report/escape.js';

export function printRunSummary(
  err: NodeJS.WritableStream,
  result: ReadInputsResult,
  anomalies: Anomalies,
  flows: number,
  seconds: number,
): void {
  let bytes = 0;
  let packets = 0;
  for (const input of result.inputs) {
    bytes += input.bytes;
    packets += input.packets ?? 0;
  }
  const rate = seconds > 0 ? (bytes / 1e6 / seconds).toFixed(0) : '-';
  err.write(
    `outflow: ${result.inputs.length} input(s), ${packets} packets, ${flows} flows in ${seconds.toFixed(2)} s (${rate} MB/s)\n`,
  );
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
