/**
 * `outflow requests INPUT... [--keylog FILE]`: one record per HTTP request read from captures (plaintext HTTP;
 * TLS and QUIC where keys are given or inside the pcapng) and HAR files, with the personal data found in each.
 * NDJSON and CSV stream as requests are read; table and JSON are written at the end.
 */
import type { Command } from 'commander';
import { Option } from 'commander';
import { Anomalies } from '../../core/anomalies.js';
import { UsageError } from '../../core/errors.js';
import { expandInputs } from '../../estate/expand-inputs.js';
import { readHar } from '../../ingest/har/har-reader.js';
import { classifyInput, unrecognisedInput } from '../../ingest/input-registry.js';
import { openInput } from '../../ingest/source.js';
import type { PayloadRunOptions } from '../../payload/payload-run.js';
import type { RequestRecord } from '../../payload/request-record.js';
import { captureFlows } from '../../pipeline/capture-flows.js';
import { harEntryToRequest } from '../../pipeline/har-requests.js';
import { loadKeyLogs, stderrWarn } from '../keylogs.js';
import { type OutputSink, streamSink } from '../output.js';
import { REQUEST_FORMATS, type RequestFormat } from '../request-output.js';

interface RequestsOptions {
  format?: RequestFormat;
  keylog: string[];
  showValues?: boolean;
  internalDomain: string[];
  quiet?: boolean;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function registerRequestsCommand(program: Command): void {
  program
    .command('requests')
    .description('list the HTTP requests in captures (decrypted with --keylog) and HAR files, with personal data found')
    .argument('<input...>', 'capture or HAR files, directories or globs ("-" for stdin)')
    .addOption(
      new Option('-f, --format <format>', 'output format (default: table on a terminal, else ndjson)').choices(
        Object.keys(REQUEST_FORMATS),
      ),
    )
    .option('--keylog <file>', 'NSS key log (SSLKEYLOGFILE) to decrypt TLS and QUIC; repeatable', collect, [])
    .option('--show-values', 'show query values and personal data unmasked')
    .option('--internal-domain <suffix>', "the organisation's own domain (e.g. corp.example); repeatable", collect, [])
    .option('-q, --quiet', 'no summary on stderr')
    .action(async (inputs: string[], opts: RequestsOptions) => {
      await runRequests(await expandInputs(inputs), opts, streamSink(process.stdout));
    });
}

export async function runRequests(inputs: string[], opts: RequestsOptions, out: OutputSink): Promise<void> {
  if (inputs.filter((p) => p === '-').length > 1) throw new UsageError('stdin (-) can be given only once');
  const format: RequestFormat = opts.format ?? (out.isTTY ? 'table' : 'ndjson');
  const renderer = REQUEST_FORMATS[format];
  const keys = await loadKeyLogs(opts.keylog, stderrWarn);
  const anomalies = new Anomalies();
  const inspect = { showValues: opts.showValues === true, internalSuffixes: opts.internalDomain };
  const kept: RequestRecord[] = [];
  let count = 0;
  const emit = (request: RequestRecord): void => {
    count++;
    if (renderer.streaming) renderer.write(out, request);
    else kept.push(request);
  };
  const run: PayloadRunOptions = { keys: keys.store, follow: 'always', inspect, onRequest: emit };
  if (renderer.header !== undefined) out.write(renderer.header());
  let harSkipped = 0;
  for (const path of inputs) {
    const source = await openInput(path);
    const input = classifyInput(source.head);
    if (input === null) throw unrecognisedInput(source.name, source.head);
    if (input.kind === 'har') {
      const summary = await readHar(source.chunks, source.name, (entry) =>
        emit(harEntryToRequest(entry, source.name, inspect)),
      );
      harSkipped += summary.skipped.length;
      for (const s of summary.skipped.slice(0, 3))
        anomalies.add(`har-entry-skipped`, { file: source.name, detail: `entry ${s.entry}: ${s.reason}` });
    } else if (input.kind === 'log') {
      stderrWarn(`${source.name}: a ${input.format.id} log records flows, not HTTP requests; skipped`);
    } else {
      await captureFlows(source, input.format, {
        anomalies,
        naming: false,
        onFlow: () => undefined,
        payload: run,
      });
    }
    await out.drain();
  }
  if (!renderer.streaming) out.write(renderer.all(kept, out.columns));
  await out.drain();
  if (opts.quiet !== true) {
    const keyNote =
      keys.summaries.length === 0 ? '' : `, ${keys.store.size} keys from ${keys.summaries.length} key logs`;
    const skipNote = harSkipped === 0 ? '' : `, ${harSkipped} HAR entries skipped`;
    process.stderr.write(`${count} requests from ${inputs.length} inputs${keyNote}${skipNote}\n`);
  }
}
