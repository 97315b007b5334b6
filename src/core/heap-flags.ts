/**
 * V8 heap flags set while running, and worker threads started so that they keep holding.
 *
 * outflow sets its heap flags from inside the process (bin/outflow.js: the young generation; heap-growth.ts: the
 * audit's old generation), as npm's shims give no way to node's command line. Flags are process-wide, and V8
 * raises --semi-space-growth-factor back to 2 whenever it sets up a new isolate's heap: every worker thread
 * started (the audit's hashing worker, the capture worker an audit reads through, `-j` workers) silently let the
 * main thread's young generation grow to 2 x 16 MiB for the rest of the run. startWorker sets the flags again
 * once the worker is running (tests/core/heap-flags.test.ts shows the loss and the fix in a child process).
 */
import { setFlagsFromString } from 'node:v8';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** The flags set so far, by name, with their last value. */
const applied = new Map<string, string>();

/** Sets V8 flag `--name=value` now, and again after each worker thread startWorker starts. */
export function setHeapFlag(name: string, value: number): void {
  applied.set(name, String(value));
  setFlagsFromString(`--${name}=${value}`);
}

/** The young generation kept at its starting size (two 1 MiB semi-spaces): bin/outflow.js says why. */
export function keepYoungGenerationSmall(): void {
  setHeapFlag('semi-space-growth-factor', 1);
}

/** Sets every flag of setHeapFlag again. */
function reapplyHeapFlags(): void {
  for (const [name, value] of applied) setFlagsFromString(`--${name}=${value}`);
}

/**
 * A worker thread, after whose start this thread's heap flags hold again. The worker's heap is set up on its own
 * thread before it runs (when 'online' is emitted), so the flags are set again then.
 */
export function startWorker(url: URL, options?: WorkerOptions): Worker {
  const worker = new Worker(url, options);
  worker.once('online', reapplyHeapFlags);
  return worker;
}
