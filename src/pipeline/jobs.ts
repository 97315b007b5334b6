/** How many captures a run reads at once (--jobs, config `jobs`). */
import { availableParallelism } from 'node:os';
import { UsageError } from '../core/errors.js';

/** More workers than this only costs memory: each holds a flow table and a read buffer. */
export const MAX_JOBS = 64;

/** The machine's cores: one worker per core, the main thread consuming their flows in between. */
export function defaultJobs(): number {
  return Math.min(MAX_JOBS, Math.max(1, availableParallelism()));
}

/** --jobs as given, else the config's, else one per core; a bad value is a usage error naming the option. */
export function resolveJobs(option: string | undefined, configured?: number): number {
  if (option === undefined) return configured ?? defaultJobs();
  const n = Number(option);
  if (!/^\d+$/.test(option.trim()) || !Number.isInteger(n) || n < 1 || n > MAX_JOBS) {
    throw new UsageError(`--jobs must be a whole number from 1 to ${MAX_JOBS}, not "${option}"`);
  }
  return n;
}
