/**
 * `outflow flows INPUT...`: one record per flow, as NDJSON (the documented contract), a table or CSV.
 * NDJSON streams as flows end; table and CSV are written when all input is read.
 */
import type { Command } from 'commander';
import { Option } from 'commander';
import { Anomalies } from '../../core/anomalies.js';
import { UsageError } from '../../core/errors.js';
import { expandInputs } from '../../estate/expand-inputs.js';
import type { FlowRecord } from '../../flows/flow-record.js';
import { readWithKeys } from '../../payload/payload-run.js';
import { resolveJobs } from '../../pipeline/jobs.js';
import { readInputs } from '../../pipeline/read-inputs.js';
import { FLOW_FORMATS, type FlowFormat } from '../flow-output.js';
import { loadKeyLogs, stderrWarn } from '../keylogs.js';
import { type OutputSink, streamSink, writeTextFile } from '../output.js';
import { createReadProgress } from '../progress.js';
import { printRunSummary } from '../run-summary.js';

interface FlowsOptions {
  format?: FlowFormat;
  stats?: string;
  names: boolean;
  dnsGrace: string;
  timezone?: string;
  quiet?: boolean;
  jobs?: string;
  keylog?: string[];
}

export function registerFlowsCommand(program: Command): void {
  program
    .command('flows')
    .description('list the flows in captures and logs, one record per flow')
    .argument('<input...>', 'capture or log files (pcap, pcapng, gzip\'d or not; "-" for stdin)')
    .addOption(
      new Option('-f, --format <format>', 'output format (default: table on a terminal, else ndjson)').choices(
        Object.keys(FLOW_FORMATS),
      ),
    )
    .option('--stats <file>', 'write input and skip statistics as JSON to this file')
    .option('--no-names', 'skip naming (DNS, TLS SNI, HTTP Host, QUIC)')
    .option('--dns-grace <seconds>', 'seconds a DNS answer stays usable after its TTL', '3600')
    .option('--timezone <zone>', 'IANA time zone of logs that write local time without a zone')
    .option(
      '--keylog <file>',
      'NSS key log (SSLKEYLOGFILE): decrypt TLS and QUIC and add "decrypted" bytes to each flow (repeatable)',
      (value: string, previous: string[]) => [...previous, value],
      [],
    )
    .option('-j, --jobs <n>', 'inputs read at once in worker threads (default 1: all on one thread)')
    .option('-q, --quiet', 'no summary on stderr')
    .action(async (inputs: string[], opts: FlowsOptions) => {
      await runFlows(await expandInputs(inputs), opts, streamSink(process.stdout)); // estate: dirs and globs
    });
}

export async function runFlows(inputs: string[], opts: FlowsOptions, out: OutputSink): Promise<void> {
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
    ...(format === 'ndjson'
      ? {
          onNdjson: (text: string, n: number) => {
            count += n;
            out.write(text);
          },
        }
      : {}),
    onFlow: (flow) => {
      count++;
      if (renderer.streaming) renderer.write(out, flow);
      else kept.push(flow);
    },
  }).finally(() => progress.end());
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
  if (opts.quiet !== true) printRunSummary(process.stderr, result, anomalies, count, seconds);
}
