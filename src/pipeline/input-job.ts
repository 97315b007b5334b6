/**
 * The messages between the main thread and a capture worker (input-worker.ts), and the summary of one input
 * both sides build the same way. Everything here is structured-clone safe: plain objects, strings, numbers.
 */
import type { PiiOptions } from '../assess/pii/types.js';
import type { AnomalyEntry } from '../core/anomalies.js';
import type { UnusableInputReason } from '../core/errors.js';
import type { FlowRecord } from '../flows/flow-record.js';
import type { LogEvent } from '../ingest/logs/log-ingest.js';
import type { Compression, InputSource } from '../ingest/source.js';
import type { PayloadJobOptions } from '../payload/payload-run.js';
import type { CaptureFlowSummary } from './capture-flows.js';

export interface InputSummary {
  file: string;
  /** pcap, pcapng, or a log format id. */
  format: string;
  /** True when gzip-compressed on disk (kept for existing readers: `compression === 'gzip'`). */
  gzip: boolean;
  /** How the bytes on disk were compressed, or null when they were not. */
  compression: Compression | null;
  /** Size on disk, null for stdin. */
  size: number | null;
  /** Packets (captures) read. */
  packets: number | null;
  /** Decompressed bytes read. */
  bytes: number;
  /** Lines read (logs; line-count.ts); absent for captures and HAR files. */
  lines?: number;
  flows: number;
  firstSeen: number | null;
  lastSeen: number | null;
  linkTypes: number[];
}

export function captureInputSummary(source: InputSource, s: CaptureFlowSummary): InputSummary {
  return {
    file: source.name,
    format: s.format,
    gzip: source.gzip,
    compression: source.compression,
    size: source.size,
    packets: s.packets,
    bytes: s.bytes,
    flows: s.flows,
    firstSeen: s.firstTsMicros,
    lastSeen: s.lastTsMicros,
    linkTypes: s.linkTypes,
  };
}

/** How every capture of a run is read (the same for all inputs, so sent once per job). */
export interface InputJobOptions {
  naming: boolean;
  dnsGraceSeconds: number;
  pii: PiiOptions | null;
  /** Content reading with keys (key log texts; pcapng secrets blocks add theirs), or null. */
  payload: PayloadJobOptions | null;
  /** For log inputs: the run's zone option and "now", so a worker parses exactly as the main thread would. */
  timezone: string | null;
  nowMs: number;
  /**
   * Send capture flows as NDJSON bytes instead of records: for `flows -f ndjson`, where the main thread only
   * writes them. Handing a record to another thread costs more than writing it (structured clone both ways);
   * the bytes are spelt from the flow table's columns and their buffers moved, not copied.
   */
  ndjson: boolean;
}

export interface InputJobRequest {
  id: number;
  path: string;
  options: InputJobOptions;
}

/** Flows travel in batches: one message per flow would cost more than the flow. */
export const FLOW_BATCH = 1000;

/** What reading a log in a worker found, besides its events: the same on the wire and for the caller. */
export interface LogJobFacts {
  format: string;
  gzip: boolean;
  compression: Compression | null;
  size: number | null;
  lines: number;
  bytes: number;
  anomalies: AnomalyEntry[];
}

export type InputWorkerMessage =
  | { type: 'bytes'; id: number; bytes: number }
  | { type: 'flows'; id: number; flows: FlowRecord[] }
  /** NDJSON lines (UTF-8); `flows` lines ended in it (a line may continue into the next block). */
  | { type: 'ndjson'; id: number; bytes: Uint8Array; flows: number }
  /** Neither a capture nor a log format: the main thread reads it in its turn (and reports it). */
  | { type: 'unrecognised'; id: number }
  /** What a log parser did, in order, for LogIngest.replay on the main thread. */
  | { type: 'log-events'; id: number; events: LogEvent[] }
  | ({ type: 'log-done'; id: number } & LogJobFacts)
  | { type: 'done'; id: number; summary: InputSummary; anomalies: AnomalyEntry[] }
  /**
   * `input`: an InputError (unusable input, exit code 2); otherwise a bug, re-thrown as one. `cause`: the input
   * could not be opened at all (an UnreadableInputError, skipped by a run with other inputs). `resource`: the
   * system refused a resource (too many open files; a ResourceError, which ends the run).
   */
  | {
      type: 'error';
      id: number;
      input: boolean;
      message: string;
      file: string | null;
      cause?: string;
      reason?: UnusableInputReason;
      resource?: true;
    };
