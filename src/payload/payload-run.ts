/**
 * How a run reads content: the keys it has (key logs given with --keylog; pcapng Decryption Secrets Blocks add
 * theirs as a capture is read), which flows it follows, and what it does with requests. One capture's tap is
 * made here, so the main thread and the capture workers build it the same way.
 */
import type { PayloadTap } from '../flows/payload-seam.js';
import type { InspectOptions } from './content/inspect-exchange.js';
import { parseKeyLog } from './keys/key-log.js';
import { KeyStore } from './keys/key-store.js';
import type { PayloadReader } from './payload-tap.js';
import type { RequestRecord } from './request-record.js';

export interface PayloadRunOptions {
  keys: KeyStore;
  /**
   * always: follow every TCP/UDP flow (`requests`: plaintext HTTP needs no key); with-keys: only once a key is
   * known, so runs without keys pay nothing.
   */
  follow: 'always' | 'with-keys';
  inspect: InspectOptions | null;
  onRequest: ((request: RequestRecord) => void) | null;
}

/** The part of PayloadRunOptions a capture worker gets (structured-clone safe): key log texts, not the store. */
export interface PayloadJobOptions {
  keyLogTexts: string[];
  inspect: InspectOptions | null;
}

export function payloadJobOptions(run: PayloadRunOptions, keyLogTexts: string[]): PayloadJobOptions {
  return { keyLogTexts, inspect: run.inspect };
}

/** Keys a run was given (--keylog): the store and the texts it was built from (for capture workers). */
export interface GivenKeys {
  store: KeyStore;
  texts: string[];
}

/**
 * The content reading of `flows` and `audit`: flows are followed only once a key is known (given, or found in a
 * pcapng as it is read), so a run without keys pays nothing; `inspect` null only counts what was decrypted.
 */
export function readWithKeys(
  keys: GivenKeys | null,
  inspect: InspectOptions | null,
): { run: PayloadRunOptions; keyLogTexts: string[] } {
  return {
    run: { keys: keys?.store ?? new KeyStore(), follow: 'with-keys', inspect, onRequest: null },
    keyLogTexts: keys?.texts ?? [],
  };
}

/** A worker's run options, rebuilt from the key log texts (bad lines were already reported by the main thread). */
export function payloadRunFromJob(job: PayloadJobOptions): PayloadRunOptions {
  const keys = new KeyStore();
  for (const text of job.keyLogTexts) keys.addKeyLog(parseKeyLog(text));
  return { keys, follow: 'with-keys', inspect: job.inspect, onRequest: null };
}

/**
 * The content reader (TLS, QUIC, HTTP, inspection: ~40 modules), loaded only by runs that may read content:
 * a run without keys on a pcap never loads it (startup time counts in every run).
 */
let reader: typeof PayloadReader | null = null;

/**
 * Loads the content reader when this capture may need it: the run follows every flow, has keys, or reads a
 * pcapng (its Decryption Secrets Blocks may bring keys). Awaited before the capture is read: captureTap is
 * called while packets are read, and must not wait.
 */
export async function preparePayloadReading(run: PayloadRunOptions | null, captureFormat: string): Promise<void> {
  if (run === null || reader !== null) return;
  if (run.follow === 'always' || run.keys.size > 0 || captureFormat === 'pcapng') {
    reader = (await import('./payload-tap.js')).PayloadReader;
  }
}

/** The tap for one capture now, or null when the run follows flows only with keys and has none yet. */
export function captureTap(run: PayloadRunOptions | null, file: string): PayloadTap | null {
  if (run === null || (run.follow === 'with-keys' && run.keys.size === 0)) return null;
  // preparePayloadReading loaded it for every run that can get here; anything else is a bug.
  if (reader === null) throw new Error('captureTap before preparePayloadReading');
  return new reader({ file, keys: run.keys, inspect: run.inspect, onRequest: run.onRequest });
}
