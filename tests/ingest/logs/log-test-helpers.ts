/** Shared helpers for the log-format tests: run text through LogIngest in chosen chunk sizes. */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Anomalies } from '../../../src/core/anomalies.js';
import type { FlowRecord } from '../../../src/flows/flow-record.js';
import type { LogFormat } from '../../../src/ingest/logs/log-format.js';
import { LogIngest } from '../../../src/ingest/logs/log-ingest.js';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const sharedLogs = resolve(repoRoot, '../shared/logs');

/** A fixed "now" (2026-03-10T12:00:00Z) for formats without a year. */
export const NOW_MS = Date.UTC(2026, 2, 10, 12);

export async function* chunked(data: Buffer, size: number): AsyncIterable<Buffer> {
  for (let i = 0; i < data.length; i += size) yield data.subarray(i, i + size);
}

export interface RunResult {
  records: FlowRecord[];
  anomalies: Anomalies;
  ingest: LogIngest;
  format: LogFormat | null;
}

export interface FileInput {
  name: string;
  data: string | Buffer;
}

/** Sniffs and reads each input in one run; `chunk` bytes at a time (default: whole). */
export async function runLogs(
  inputs: FileInput[],
  opts: { timezone?: string | null; chunk?: number } = {},
): Promise<RunResult> {
  const anomalies = new Anomalies();
  const ingest = new LogIngest({ timezone: opts.timezone ?? null, anomalies, nowMs: NOW_MS });
  let format: LogFormat | null = null;
  for (const input of inputs) {
    const data = typeof input.data === 'string' ? Buffer.from(input.data, 'utf8') : input.data;
    format = LogIngest.sniff(data.subarray(0, 64 * 1024));
    if (format === null) throw new Error(`not sniffed: ${input.name}`);
    await ingest.addFile({ name: input.name, chunks: chunked(data, opts.chunk ?? data.length + 1) }, format);
  }
  return { records: ingest.finish(), anomalies, ingest, format };
}

export async function runLog(text: string | Buffer, opts: { timezone?: string | null; chunk?: number } = {}) {
  return runLogs([{ name: 'test.log', data: text }], opts);
}

/** Reads a shared sample when present (tests over it are skipIf-guarded). */
export async function sharedFile(...parts: string[]): Promise<Buffer> {
  return readFile(join(sharedLogs, ...parts));
}

export function hasShared(...parts: string[]): boolean {
  return existsSync(join(sharedLogs, ...parts));
}
