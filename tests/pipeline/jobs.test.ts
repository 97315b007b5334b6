import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/core/errors.js';
import { defaultJobs, MAX_JOBS, resolveJobs } from '../../src/pipeline/jobs.js';

describe('resolveJobs', () => {
  it('takes --jobs first, then the config, then one thread', () => {
    expect(resolveJobs('3', 2)).toBe(3);
    expect(resolveJobs(undefined, 2)).toBe(2);
    expect(resolveJobs(undefined)).toBe(defaultJobs());
    expect(defaultJobs()).toBe(1);
  });

  it('refuses anything but a whole number from 1 to MAX_JOBS', () => {
    for (const bad of ['0', '-2', '1.5', '', ' ', 'x', '1e2', String(MAX_JOBS + 1)]) {
      expect(() => resolveJobs(bad)).toThrow(UsageError);
    }
    expect(resolveJobs(String(MAX_JOBS))).toBe(MAX_JOBS);
  });
});
