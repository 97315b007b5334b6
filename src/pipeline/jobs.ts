/** How many inputs a run reads at once in worker threads (--jobs, config `jobs`). */
import { UsageError } from '../core/errors.js';

/** More workers than this only costs memory: each holds a flow table and a read buffer. */
export const MAX_JOBS = 64;

/**
 * One: everything on the main thread unless asked. On the 2-core reference machine every worker mode measured
 * slower than one thread (docs/commands.md "Several files at once": the per-packet work is bound by cache misses, which
 * two threads sharing one cache make worse, and each worker loads and warms up its own copy of the code), so
 * more threads are opt-in, for machines where they pay.
 */
export function defaultJobs(): number {
  return 1;
}

/** --jobs as given, else the config's, else defaultJobs(); a bad value is a usage error naming the option. */
export function resolveJobs(option: string | undefined, configured?: number): number {
  if (option === undefined) return configured ?? defaultJobs();
  const n = Number(option);
  if (!/^\d+$/.test(option.trim()) || !Number.isInteger(n) || n < 1 || n > MAX_JOBS) {
    throw new UsageError(`--jobs must be a whole number from 1 to ${MAX_JOBS}, not "${option}"`);
  }
  return n;
}
