/**
 * One input read in process the way `flows`/`audit` read a file (pipeline/read-inputs.ts readHere): opened as a
 * stream (compression by magic bytes), classified by its first bytes, then read as a capture (captureFlows:
 * decoder, flow table, naming, and content reading when keys are known), a HAR file or a log (LogIngest).
 * The bytes arrive in chunks of the given sizes, so the readers' chunk-boundary paths are exercised too.
 *
 * The readers' contract: hostile input ends in a result or an InputError. Anything else escaping is a finding,
 * so it is left to propagate; an InputError becomes part of the outcome.
 */
import { Anomalies } from '../../core/anomalies.js';
import { InputError } from '../../core/errors.js';
import { readHar } from '../../ingest/har/har-reader.js';
import { classifyInput, unrecognisedInput } from '../../ingest/input-registry.js';
import { LogIngest } from '../../ingest/logs/log-ingest.js';
import { openStream, sniffCompression } from '../../ingest/source.js';
import { KeyStore } from '../../payload/keys/key-store.js';
import type { PayloadRunOptions } from '../../payload/payload-run.js';
import { captureFlows } from '../../pipeline/capture-flows.js';
import { harEntryToFlow } from '../../pipeline/har-flows.js';
import type { Rng } from './mutate.js';

/** A fixed "now" for formats without a year, so an input reads the same on every run. */
const NOW_MS = Date.UTC(2026, 2, 10, 12);
const INSPECT = { showValues: false, internalSuffixes: ['corp.example'] };

async function* chunked(bytes: Uint8Array, sizes: readonly number[]): AsyncGenerator<Buffer> {
  let at = 0;
  let k = 0;
  while (at < bytes.length) {
    const n = Math.max(1, sizes[k++ % sizes.length] ?? 1);
    yield Buffer.from(bytes.subarray(at, at + n));
    at += n;
  }
}

/**
 * Chunk sizes for one read: usually whole, often mixed pieces, rarely tiny ones (a read of 1-8 byte chunks costs
 * 10-40 times a whole one, and compressed input through node:zlib far more).
 */
export function chunkSizes(rng: Rng, input: Uint8Array): number[] {
  const r = rng.float();
  if (r < 0.7) return [Math.max(1, input.length)];
  if (r < (sniffCompression(input) === null ? 0.97 : 0.995)) return [8 + rng.below(256), 64 + rng.below(8192)];
  return [1 + rng.below(8)];
}

/**
 * Reads `bytes` as the CLI would read a file holding them; returns a short outcome (kind, records, anomaly
 * reasons, or the InputError's message with numbers blanked) used to tell new behaviour from seen behaviour.
 */
export async function readInput(bytes: Uint8Array, sizes: readonly number[], followAll: boolean): Promise<string> {
  const anomalies = new Anomalies();
  try {
    const source = await openStream(chunked(bytes, sizes), 'fuzz-input', bytes.length);
    const input = await classifyInput(source.head);
    if (input === null) throw await unrecognisedInput(source.name, source.head);
    let records = 0;
    if (input.kind === 'capture') {
      // `requests` follows every flow; `flows` and `audit` only once a key is known (pcapng secrets blocks).
      const payload: PayloadRunOptions = {
        keys: new KeyStore(),
        follow: followAll ? 'always' : 'with-keys',
        inspect: INSPECT,
        onRequest: (request) => JSON.stringify(request),
      };
      const s = await captureFlows(source, input.format, {
        anomalies,
        pii: {},
        payload,
        onFlow: (flow) => {
          records++;
          JSON.stringify(flow);
        },
      });
      return outcome(
        `${input.format.id}${source.compression === null ? '' : `+${source.compression}`}`,
        records,
        anomalies,
        s.packets,
      );
    }
    if (input.kind === 'har') {
      const summary = await readHar(source.chunks, source.name, (entry) => {
        records++;
        JSON.stringify(harEntryToFlow(entry, source.name, INSPECT));
      });
      for (const s of summary.skipped) anomalies.add('har-entry-skipped', { file: source.name, detail: s.reason });
      return outcome('har', records, anomalies, summary.entries);
    }
    const ingest = new LogIngest({ timezone: null, anomalies, nowMs: NOW_MS });
    await ingest.addFile(source, input.format);
    ingest.finish((flow) => {
      records++;
      JSON.stringify(flow);
    });
    JSON.stringify(ingest.httpQueries());
    ingest.timeAssumptions();
    return outcome(input.format.id, records, anomalies, 0);
  } catch (e) {
    if (e instanceof InputError) return `InputError ${e.message.slice(0, 160)}`;
    throw e;
  }
}

function outcome(kind: string, records: number, anomalies: Anomalies, units: number): string {
  const reasons = anomalies
    .entries()
    .map((e) => e.reason)
    .join(',');
  return `${kind} r${bucket(records)} u${bucket(units)} ${reasons}`;
}

/** 0, 1, 2-3, 4-7, ...: counts in powers of two, so every extra record is not "new behaviour". */
export function bucket(n: number): number {
  return n <= 0 ? 0 : 32 - Math.clz32(n);
}
