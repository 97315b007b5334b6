/**
 * Reads several inputs at once (captures, and the parsing of logs), one per worker thread, while the caller consumes the results strictly in
 * input order: a job's flows are handed over as they arrive when it is the job being consumed, and held until
 * then otherwise. So a parallel run emits the same flows in the same order, with the same anomalies, as a
 * sequential one (tests/e2e/parallel-inputs.test.ts compares the bytes).
 */
import type { Worker } from 'node:worker_threads';
import type { AnomalyEntry } from '../core/anomalies.js';
import { InputError, ResourceError, resourceErrorOf, UnreadableInputError } from '../core/errors.js';
import { startWorker } from '../core/heap-flags.js';
import { onInterrupt } from '../core/interrupt.js';
import type { FlowRecord } from '../flows/flow-record.js';
import type { LogEvent } from '../ingest/logs/log-ingest.js';
import type { InputJobOptions, InputSummary, InputWorkerMessage, LogJobFacts } from './input-job.js';

/**
 * The compiled worker beside this module. When this module itself runs as TypeScript (vitest runs src/ in
 * process, e.g. the CLI command tests), worker threads still need JavaScript: the build's copy in dist/ (npm
 * test builds first).
 */
const DEFAULT_WORKER_URL = import.meta.url.endsWith('.ts')
  ? new URL('../../dist/pipeline/input-worker.js', import.meta.url)
  : new URL('./input-worker.js', import.meta.url);

/**
 * Each worker's V8 young generation, in MiB (V8 counts three semi-spaces): two 1 MiB semi-spaces, what the
 * launcher keeps the main thread's at (bin/outflow.js: why). Its flag does not reach worker threads on Node 20
 * and 22, whose young generations grew to 2 x 16 MiB each; a worker reading one benchmark capture beside another
 * is the same engine as the main thread reading it alone.
 */
export const WORKER_YOUNG_GENERATION_MB = 3;

export type InputJobOutcome =
  | { kind: 'capture'; summary: InputSummary; anomalies: AnomalyEntry[] }
  /** A log, parsed in the worker: its events went to `logEvents` in order; store and joins are the caller's. */
  | ({ kind: 'log' } & LogJobFacts)
  | { kind: 'unrecognised' };

/** Where a consumed job's results go, in the order the worker produced them. */
export interface JobSink {
  flow(flow: FlowRecord): void;
  /** Flows already written as NDJSON (job option `ndjson`): `count` lines ended in `bytes` (UTF-8). */
  ndjson?(bytes: Uint8Array, count: number): void;
  logEvents(events: LogEvent[]): void;
}

type Batch = { flows: FlowRecord[] } | { events: LogEvent[] } | { bytes: Uint8Array; count: number };

/** One input handed to the pool. */
export class InputJob {
  #held: Batch[] = [];
  #sink: JobSink | null = null;
  readonly #outcome: Promise<InputJobOutcome>;
  readonly #resolve: (outcome: InputJobOutcome) => void;
  readonly #reject: (error: Error) => void;

  constructor(
    readonly id: number,
    readonly path: string,
  ) {
    let resolve: (outcome: InputJobOutcome) => void = () => undefined;
    let reject: (error: Error) => void = () => undefined;
    this.#outcome = new Promise<InputJobOutcome>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    this.#resolve = resolve;
    this.#reject = reject;
    // A job read ahead may fail before its turn; the failure is reported when it is consumed, not as unhandled.
    this.#outcome.catch(() => undefined);
  }

  /** Delivers this job's results (held ones first) to `sink`; resolves when the input is read. */
  consume(sink: JobSink): Promise<InputJobOutcome> {
    this.#sink = sink;
    for (const batch of this.#held) deliver(sink, batch);
    this.#held = [];
    return this.#outcome;
  }

  receive(batch: Batch): void {
    if (this.#sink === null) this.#held.push(batch);
    else deliver(this.#sink, batch);
  }

  settle(outcome: InputJobOutcome): void {
    this.#resolve(outcome);
  }

  fail(error: Error): void {
    this.#reject(error);
  }
}

function deliver(sink: JobSink, batch: Batch): void {
  if ('flows' in batch) for (const flow of batch.flows) sink.flow(flow);
  else if ('events' in batch) sink.logEvents(batch.events);
  else sink.ndjson?.(batch.bytes, batch.count);
}

interface Slot {
  worker: Worker;
  job: InputJob | null;
}

export interface InputPoolOptions {
  /** Worker threads at most. */
  size: number;
  job: InputJobOptions;
  /** Told of bytes read by any worker (the progress line). */
  onBytes?: (bytes: number) => void;
  /** The compiled worker script; tests running the TypeScript sources point it at dist/. */
  workerUrl?: URL;
}

export class InputPool {
  readonly #options: InputPoolOptions;
  readonly #slots: Slot[] = [];
  readonly #queue: InputJob[] = [];
  readonly #jobs = new Map<number, InputJob>();
  #nextId = 1;
  #closed = false;
  /** A signal (core/interrupt.ts) stops the workers mid-read; close() unregisters that. */
  readonly #forget: () => void;

  constructor(options: InputPoolOptions) {
    if (!Number.isInteger(options.size) || options.size < 1) throw new RangeError('pool size must be ≥ 1');
    this.#options = options;
    this.#forget = onInterrupt(() => this.close());
  }

  submit(path: string): InputJob {
    if (this.#closed) throw new Error('capture pool is closed');
    const job = new InputJob(this.#nextId++, path);
    this.#jobs.set(job.id, job);
    this.#queue.push(job);
    this.#dispatch();
    return job;
  }

  /** Stops every worker (also the busy ones: after an error nobody waits for their results). */
  async close(): Promise<void> {
    this.#forget();
    this.#closed = true;
    this.#queue.length = 0;
    const slots = this.#slots.splice(0);
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  #dispatch(): void {
    while (!this.#closed && this.#queue.length > 0) {
      let slot = this.#slots.find((s) => s.job === null);
      if (slot === undefined) {
        if (this.#slots.length >= this.#options.size) return;
        slot = this.#spawn();
      }
      const job = this.#queue.shift();
      if (job === undefined) return;
      slot.job = job;
      slot.worker.postMessage({ id: job.id, path: job.path, options: this.#options.job });
    }
  }

  #spawn(): Slot {
    const url = this.#options.workerUrl ?? DEFAULT_WORKER_URL;
    const worker = startWorker(url, { resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
    const slot: Slot = { worker, job: null };
    slot.worker.on('message', (m: InputWorkerMessage) => this.#onMessage(slot, m));
    // A crash of the worker itself (not an error it reported): fail its job, and retire the slot.
    slot.worker.on('error', (e) => this.#retire(slot, e));
    slot.worker.on('exit', (code) => {
      if (slot.job !== null) this.#retire(slot, new Error(`capture worker exited with code ${code}`));
    });
    this.#slots.push(slot);
    return slot;
  }

  #retire(slot: Slot, error: Error): void {
    const job = slot.job;
    slot.job = null;
    const at = this.#slots.indexOf(slot);
    if (at >= 0) this.#slots.splice(at, 1);
    if (job !== null) {
      this.#jobs.delete(job.id);
      // A worker that could not load its modules for want of descriptors: the run's resource, not a bug.
      job.fail(resourceErrorOf(error) ?? error);
    }
    this.#dispatch();
  }

  #onMessage(slot: Slot, m: InputWorkerMessage): void {
    const job = this.#jobs.get(m.id);
    if (job === undefined) return;
    switch (m.type) {
      case 'bytes':
        this.#options.onBytes?.(m.bytes);
        return;
      case 'flows':
        job.receive({ flows: m.flows });
        return;
      case 'ndjson':
        job.receive({ bytes: m.bytes, count: m.flows });
        return;
      case 'log-events':
        job.receive({ events: m.events });
        return;
      case 'log-done':
        this.#finish(slot, job);
        job.settle({
          kind: 'log',
          format: m.format,
          gzip: m.gzip,
          compression: m.compression,
          size: m.size,
          lines: m.lines,
          bytes: m.bytes,
          anomalies: m.anomalies,
        });
        return;
      case 'unrecognised':
        this.#finish(slot, job);
        job.settle({ kind: 'unrecognised' });
        return;
      case 'done':
        this.#finish(slot, job);
        job.settle({ kind: 'capture', summary: m.summary, anomalies: m.anomalies });
        return;
      case 'error':
        this.#finish(slot, job);
        job.fail(
          m.resource === true
            ? new ResourceError(m.message)
            : m.cause !== undefined
              ? new UnreadableInputError(m.message, m.file ?? job.path, m.cause, m.reason)
              : m.input
                ? new InputError(m.message, m.file ?? undefined)
                : new Error(m.message),
        );
        return;
    }
  }

  #finish(slot: Slot, job: InputJob): void {
    this.#jobs.delete(job.id);
    slot.job = null;
    this.#dispatch();
  }
}
