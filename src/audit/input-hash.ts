/** SHA-256 of an input file as it is on disk (compressed or not): what an auditor checks a report against. */
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../core/heap-flags.js';

/** Bytes read at a time into one buffer. */
const HASH_READ_BYTES = 1 << 20;

export async function sha256File(path: string): Promise<string | null> {
  if (path === '-') return null;
  const hash = createHash('sha256');
  let handle: FileHandle | undefined;
  try {
    handle = await open(path, 'r');
    // One buffer for the whole file: a new Buffer per read (as a read stream makes) left the hashing worker's
    // allocator holding ~25-35 MB for the rest of an audit (its peak RSS on a 60 MB log, issue #18).
    const buf = Buffer.allocUnsafeSlow(HASH_READ_BYTES);
    for (;;) {
      const { bytesRead } = await handle.read(buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      hash.update(buf.subarray(0, bytesRead));
    }
  } catch {
    return null;
  } finally {
    await handle?.close().catch(() => {});
  }
  return hash.digest('hex');
}

const WORKER_URL = import.meta.url.endsWith('.ts')
  ? new URL('../../dist/audit/input-hash-worker.js', import.meta.url)
  : new URL('./input-hash-worker.js', import.meta.url);

/**
 * The inputs' hashes, computed on a worker thread while the audit reads them: after the reading, on this thread,
 * they cost ~0.35 s of a 589 MB capture's audit, while the second core idled. Only regular files are hashed
 * ahead (a pipe or device read twice would lose its data to one of the readers); anything else, and anything the
 * worker could not do, is hashed here when asked, after the reading, as before.
 */
export class InputHashes {
  readonly #ahead = new Map<string, Promise<string | null | undefined>>();
  readonly #worker: Worker | null;

  private constructor(paths: readonly string[], workerUrl: URL) {
    const files = [...new Set(paths)].filter(isRegularFile);
    this.#worker = files.length === 0 ? null : startHashWorker(workerUrl);
    const worker = this.#worker;
    if (worker === null) return;
    const waiting = new Map<string, (sha256: string | null | undefined) => void>();
    for (const path of files) this.#ahead.set(path, new Promise((resolve) => waiting.set(path, resolve)));
    // undefined: the worker gave no answer (it failed to start or died); the caller hashes on this thread.
    const giveUp = (): void => {
      for (const resolve of waiting.values()) resolve(undefined);
      waiting.clear();
    };
    worker.on('message', (m: { path: string; sha256: string | null }) => {
      waiting.get(m.path)?.(m.sha256);
      waiting.delete(m.path);
      if (waiting.size === 0) void worker.terminate();
    });
    worker.on('error', giveUp);
    worker.on('exit', giveUp);
    for (const path of files) worker.postMessage(path);
  }

  /** Starts hashing the regular files among `paths` ('-' is stdin); `workerUrl` only for tests. */
  static start(paths: readonly string[], workerUrl: URL = WORKER_URL): InputHashes {
    return new InputHashes(paths, workerUrl);
  }

  /** The hash of `path` ('-' for stdin: null), from the worker when it has one, else computed here. */
  async get(path: string): Promise<string | null> {
    const ahead = await this.#ahead.get(path);
    return ahead !== undefined ? ahead : sha256File(path);
  }

  /**
   * Stops the worker if it is still running (the audit failed, or not every input was asked for): the caller
   * must call it, the worker keeps the process alive until it is done.
   */
  close(): void {
    void this.#worker?.terminate();
  }
}

function isRegularFile(path: string): boolean {
  if (path === '-') return false;
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function startHashWorker(url: URL): Worker | null {
  try {
    return startWorker(url);
  } catch {
    return null;
  }
}
