/** What `outflow flows` does once its arguments are parsed (the command and its options: flows.ts). */
import { Anomalies } from '../../core/anomalies.js';
import { ByteOutput } from '../../core/byte-output.js';
import { UsageError } from '../../core/errors.js';
import type { EndedFlow } from '../../flows/ended-flow.js';
import { flowToNdjson } from '../../flows/flow-ndjson.js';
import { writeEndedFlowNdjson } from '../../flows/flow-ndjson-bytes.js';
import type { FlowRecord } from '../../flows/flow-record.js';
import { readWithKeys } from '../../payload/payload-run.js';
import { resolveJobs } from '../../pipeline/jobs.js';
import { readInputs } from '../../pipeline/read-inputs.js';
import type { CommonFlags } from '../common-flags.js';
import { expandCliInputs } from '../expand-cli-inputs.js';
import { FLOW_FORMATS, type FlowFormat } from '../flow-output.js';
import { loadKeyLogs, stderrWarn } from '../keylogs.js';
import { type OutputSink, streamSink, writeTextFile } from '../output.js';
import { createReadProgress } from '../progress.js';
import { printInputLines, printRunSummary } from '../run-summary.js';
import type { FlowsOptions } from './flows.js';

/** The command's action: inputs expanded (estate: directories and globs), records on standard output. */
export async function flowsAction(inputs: string[], opts: FlowsOptions & CommonFlags): Promise<void> {
  const { files, skipped } = await expandCliInputs(inputs);
  const code = await runFlows(files, opts, streamSink(process.stdout));
  process.exitCode = skipped > 0 ? 2 : code;
}

/** 0, or 2 when an input could not be read (issue #20: named on stderr, the others read and written). */
export async function runFlows(inputs: string[], opts: FlowsOptions & CommonFlags, out: OutputSink): Promise<number> {
  const grace = Number(opts.dnsGrace);
  if (!Number.isFinite(grace) || grace < 0) throw new UsageError(`--dns-grace must be a number of seconds ≥ 0`);
  const jobs = resolveJobs(opts.jobs);
  const format: FlowFormat = opts.format ?? (out.isTTY ? 'table' : 'ndjson');
  const renderer = FLOW_FORMATS[format];
  const anomalies = new Anomalies();
  const keylogs = opts.keylog ?? [];
  const keys = keylogs.length === 0 ? null : await loadKeyLogs(keylogs, stderrWarn);
  const started = process.hrtime.bigint();
  const kept: FlowRecord[] = [];
  let count = 0;
  if (renderer.header !== undefined) out.write(renderer.header());
  // NDJSON: every line, whichever way it comes, goes through one byte writer, so lines keep their order.
  const bytes = format === 'ndjson' ? new ByteOutput((block) => out.writeBytes(block)) : null;
  // scheduled-use: progress line on stderr; not when streamed records go to the same terminal.
  const progress = createReadProgress(process.stderr, opts.quiet === true || (out.isTTY && renderer.streaming));
  const result = await readInputs(inputs, {
    progress,
    anomalies,
    naming: opts.names,
    dnsGraceSeconds: grace,
    timezone: opts.timezone ?? null,
    drain: () => out.drain(),
    jobs,
    // Keys: given (--keylog), or found in a pcapng (secrets blocks) as it is read.
    payload: readWithKeys(keys, null),
    // Worker-read captures arrive already written: no record crosses threads only to be stringified here.
    ...(bytes !== null
      ? {
          onNdjson: (block: Uint8Array, n: number) => {
            count += n;
            // Copied into the one writer (not handed on at once), so output is held back exactly as for flows
            // read on this thread: an input error later in the run leaves the same bytes written either way.
            bytes.bytes(block);
          },
          // Flows of captures read here are spelt from the flow table's columns: no record, no string per flow.
          onEnded: (flow: EndedFlow) => {
            count++;
            writeEndedFlowNdjson(bytes, flow);
          },
          // Log flows likewise, from the log store's columns.
          logNdjson: {
            out: bytes,
            written: (n: number) => {
              count += n;
            },
          },
        }
      : {}),
    onFlow: (flow) => {
      count++;
      if (bytes !== null) bytes.utf8(flowToNdjson(flow));
      else if (renderer.streaming) renderer.write(out, flow);
      else kept.push(flow);
    },
  }).finally(() => progress.end());
  bytes?.flush();
  if (!renderer.streaming) out.write(renderer.all(kept, out.columns));
  await out.drain();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (opts.stats !== undefined) {
    const stats = {
      inputs: result.inputs,
      flows: count,
      seconds,
      timeAssumptions: result.timeAssumptions,
      skipped: anomalies.entries(),
    };
    await writeTextFile(opts.stats, `${JSON.stringify(stats, null, 2)}\n`);
  }
  if (opts.quiet !== true) {
    if (opts.verbose === true) printInputLines(process.stderr, result);
    printRunSummary(process.stderr, result, anomalies, count, seconds);
  }
  return progress.skippedInputs.length > 0 ? 2 : 0;
}
