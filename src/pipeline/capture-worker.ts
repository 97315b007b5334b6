/**
 * Worker-thread entry: reads one capture per request into flows, exactly as the main thread would
 * (captureFlows), and streams them back in batches with the input's summary and anomalies. Started by
 * CapturePool; never imported by the main thread.
 */
import { parentPort } from 'node:worker_threads';
import { Anomalies } from '../core/anomalies.js';
import { InputError } from '../core/errors.js';
import { captureFlows } from '../flows/capture-flows.js';
import type { FlowRecord } from '../flows/flow-record.js';
import { sniffCapture } from '../ingest/capture-reader.js';
import { type InputSource, openInput } from '../ingest/source.js';
import { type CaptureJobRequest, type CaptureWorkerMessage, captureInputSummary, FLOW_BATCH } from './capture-job.js';

const port = parentPort;
if (port === null) throw new Error('capture-worker.js runs only as a worker thread');

function post(message: CaptureWorkerMessage): void {
  port?.postMessage(message);
}

/** Counts bytes as the reader consumes them, for the main thread's progress line. */
function counted(source: InputSource, id: number): InputSource {
  const inner = source.chunks;
  async function* chunks(): AsyncGenerator<Buffer> {
    for await (const chunk of inner) {
      post({ type: 'bytes', id, bytes: chunk.length });
      yield chunk;
    }
  }
  return { ...source, chunks: chunks() };
}

async function run(job: CaptureJobRequest): Promise<void> {
  const { id } = job;
  const raw = await openInput(job.path);
  const format = sniffCapture(raw.head);
  if (format === null) {
    // Leaving the loop at once closes the file (the iterator's return() destroys the read stream).
    for await (const _ of raw.chunks) break;
    post({ type: 'not-capture', id });
    return;
  }
  const anomalies = new Anomalies();
  let batch: FlowRecord[] = [];
  const summary = await captureFlows(counted(raw, id), format, {
    anomalies,
    naming: job.options.naming,
    dnsGraceSeconds: job.options.dnsGraceSeconds,
    pii: job.options.pii,
    onFlow: (flow) => {
      batch.push(flow);
      if (batch.length >= FLOW_BATCH) {
        post({ type: 'flows', id, flows: batch });
        batch = [];
      }
    },
  });
  if (batch.length > 0) post({ type: 'flows', id, flows: batch });
  post({ type: 'done', id, summary: captureInputSummary(raw, summary), anomalies: anomalies.entries() });
}

port.on('message', (job: CaptureJobRequest) => {
  run(job).catch((e: unknown) => {
    const input = e instanceof InputError;
    post({
      type: 'error',
      id: job.id,
      input,
      message: e instanceof Error ? (input ? e.message : (e.stack ?? e.message)) : String(e),
      file: input ? (e.file ?? null) : null,
    });
  });
});
