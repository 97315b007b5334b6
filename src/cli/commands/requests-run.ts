/** What `outflow requests` does once its arguments are parsed (the command and its options: requests.ts). */
import { Anomalies } from '../../core/anomalies.js';
import { InputError, UnreadableInputError, UsageError } from '../../core/errors.js';
import { readHar } from '../../ingest/har/har-reader.js';
import { classifyInput, unrecognisedInput } from '../../ingest/input-registry.js';
import { openInput } from '../../ingest/source.js';
import type { PayloadRunOptions } from '../../payload/payload-run.js';
import type { RequestRecord } from '../../payload/request-record.js';
import { captureFlows } from '../../pipeline/capture-flows.js';
import { harEntryToRequest } from '../../pipeline/har-requests.js';
import { escapeTerminal } from '../../report/escape.js';
import { expandCliInputs } from '../expand-cli-inputs.js';
import { loadKeyLogs, stderrWarn } from '../keylogs.js';
import { type OutputSink, streamSink } from '../output.js';
import { REQUEST_FORMATS, type RequestFormat } from '../request-output.js';
import type { RequestsOptions } from './requests.js';

/** The command's action: inputs expanded (directories and globs), records on standard output. */
export async function requestsAction(inputs: string[], opts: RequestsOptions): Promise<void> {
  const { files, skipped } = await expandCliInputs(inputs);
  const code = await runRequests(files, opts, streamSink(process.stdout));
  process.exitCode = skipped > 0 ? 2 : code;
}

/** 0, or 2 when an input could not be opened (issue #20: named on stderr, the others read, as in flows). */
export async function runRequests(inputs: string[], opts: RequestsOptions, out: OutputSink): Promise<number> {
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
  let unreadable = 0;
  // An input that gives nothing is skipped when there are others (as read-inputs.ts does for audit and flows).
  const skip = (e: unknown): null => {
    if (!(e instanceof UnreadableInputError) || inputs.length === 1) throw e;
    unreadable++;
    process.stderr.write(`outflow: ${escapeTerminal(e.message)} (skipped)\n`);
    return null;
  };
  for (const path of inputs) {
    const source = await openInput(path).catch(skip);
    if (source === null) continue;
    const input = await classifyInput(source.head);
    if (input === null) {
      await source.close?.();
      skip(await unrecognisedInput(source.name, source.head));
      continue;
    }
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
  if (unreadable === inputs.length) throw new InputError(`none of the ${inputs.length} inputs could be read`);
  if (!renderer.streaming) out.write(renderer.all(kept, out.columns));
  await out.drain();
  if (opts.quiet !== true) {
    const keyNote =
      keys.summaries.length === 0 ? '' : `, ${keys.store.size} keys from ${keys.summaries.length} key logs`;
    const skipNote = harSkipped === 0 ? '' : `, ${harSkipped} HAR entries skipped`;
    process.stderr.write(`${count} requests from ${inputs.length} inputs${keyNote}${skipNote}\n`);
  }
  return unreadable > 0 ? 2 : 0;
}
