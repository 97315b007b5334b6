/**
 * Worker-thread entry: reads one input per request, exactly as the main thread would. A capture becomes flows
 * (captureFlows), streamed back in batches with the input's summary and anomalies; a log is parsed here and
 * what its parser did is streamed back as events, which the main thread replays into its one LogIngest (log
 * records are joined across files there). Started by InputPool; never imported by the main thread.
 */
import { parentPort } from 'node:worker_threads';
import { Anomalies } from '../core/anomalies.js';
import { ByteOutput } from '../core/byte-output.js';
import { InputError, resourceErrorOf, UnreadableInputError } from '../core/errors.js';
import type { EndedFlow } from '../flows/ended-flow.js';
import { writeEndedFlowNdjson } from '../flows/flow-ndjson-bytes.js';
import type { FlowRecord } from '../flows/flow-record.js';
import { classifyInput } from '../ingest/input-registry.js';
import type { LogFormat } from '../ingest/logs/log-format.js';
import { type LogEvent, parseLogSource, recordingContext } from '../ingest/logs/log-ingest.js';
import { type InputSource, openInput } from '../ingest/source.js';
import { payloadRunFromJob } from '../payload/payload-run.js';
import { captureFlows } from './capture-flows.js';
import { captureInputSummary, FLOW_BATCH, type InputJobRequest, type InputWorkerMessage } from './input-job.js';
import { countedLines } from './line-count.js';
import { pacedSource } from './paced-source.js';

const port = parentPort;
if (port === null) throw new Error('input-worker.js runs only as a worker thread');

function post(message: InputWorkerMessage, transfer?: ArrayBuffer[]): void {
  port?.postMessage(message, transfer);
}

/** Counts bytes as the reader consumes them, for the main thread's progress line. */
function counted(source: InputSource, id: number): InputSource {
  return pacedSource(source, (bytes) => post({ type: 'bytes', id, bytes }), null);
}

async function run(job: InputJobRequest): Promise<void> {
  const { id } = job;
  const raw = await openInput(job.path);
  const input = await classifyInput(raw.head);
  // A HAR file (whole requests, no packets) is read by the main thread, like an unrecognised input.
  if (input === null || input.kind === 'har') {
    // Leaving the loop at once closes the file (the iterator's return() destroys the read stream). The main
    // thread opens it again and reports it (read-inputs.ts), as it does for an input it reads itself.
    for await (const _ of raw.chunks) break;
    post({ type: 'unrecognised', id });
    return;
  }
  if (input.kind === 'log') return parseLog(job, raw, input.format);
  const format = input.format;
  const anomalies = new Anomalies();
  let batch: FlowRecord[] = [];
  /** NDJSON lines finished since the last block was posted. */
  let lines = 0;
  // ByteOutput hands on each block once and never touches it again, and its blocks own their memory
  // (allocUnsafeSlow): the block's buffer is moved to the main thread, not copied.
  const bytes = job.options.ndjson
    ? new ByteOutput((block) => {
        post({ type: 'ndjson', id, bytes: block, flows: lines }, [block.buffer as ArrayBuffer]);
        lines = 0;
      })
    : null;
  const flush = (): void => {
    if (batch.length > 0) post({ type: 'flows', id, flows: batch });
    batch = [];
  };
  const summary = await captureFlows(counted(raw, id), format, {
    anomalies,
    naming: job.options.naming,
    dnsGraceSeconds: job.options.dnsGraceSeconds,
    pii: job.options.pii,
    payload: job.options.payload === null ? null : payloadRunFromJob(job.options.payload),
    ...(bytes === null
      ? {}
      : {
          onEnded: (flow: EndedFlow) => {
            writeEndedFlowNdjson(bytes, flow);
            lines++;
          },
        }),
    onFlow: (flow) => {
      batch.push(flow);
      if (batch.length >= FLOW_BATCH) flush();
    },
  });
  bytes?.flush();
  flush();
  post({ type: 'done', id, summary: captureInputSummary(raw, summary), anomalies: anomalies.entries() });
}

/** A log file: its parser runs here, its records are stored and joined by the main thread (LogIngest.replay). */
async function parseLog(job: InputJobRequest, raw: InputSource, format: LogFormat): Promise<void> {
  const { id } = job;
  const anomalies = new Anomalies();
  let events: LogEvent[] = [];
  const ctx = recordingContext(raw.name, job.options.timezone, job.options.nowMs, anomalies, (event) => {
    events.push(event);
    if (events.length >= FLOW_BATCH) {
      post({ type: 'log-events', id, events });
      events = [];
    }
  });
  const read = countedLines(counted(raw, id));
  await parseLogSource(read.source, format, ctx);
  if (events.length > 0) post({ type: 'log-events', id, events });
  post({
    type: 'log-done',
    id,
    format: format.id,
    gzip: raw.gzip,
    compression: raw.compression,
    size: raw.size,
    ...read.tally(),
    anomalies: anomalies.entries(),
  });
}

port.on('message', (job: InputJobRequest) => {
  run(job).catch((e: unknown) => {
    const resource = resourceErrorOf(e);
    if (resource !== null) {
      post({ type: 'error', id: job.id, input: false, resource: true, message: resource.message, file: null });
      return;
    }
    const input = e instanceof InputError;
    post({
      type: 'error',
      id: job.id,
      input,
      message: e instanceof Error ? (input ? e.message : (e.stack ?? e.message)) : String(e),
      file: input ? (e.file ?? null) : null,
      ...(e instanceof UnreadableInputError ? { cause: e.detail, reason: e.reason } : {}),
    });
  });
});
