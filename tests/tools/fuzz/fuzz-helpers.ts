/** A short fuzz loop of one target with a fixed seed, as the fuzzer's tests run it. */
import { expect } from 'vitest';
import { fuzzLoop } from '../../../src/tools/fuzz/loop.js';
import { Rng } from '../../../src/tools/fuzz/mutate.js';
import { targetOf } from '../../../src/tools/fuzz/shared-seeds.js';
import type { FuzzTarget } from '../../../src/tools/fuzz/targets.js';

/** Loop time per target: short, so each test file stays within a few seconds. */
export const MS_PER_TARGET = 150;

/** Checks that the target's seeds are read by its own reader, then fuzzes it briefly: no finding expected. */
export async function shortRun(t: FuzzTarget): Promise<void> {
  const seeds = t.seeds();
  expect(seeds.length).toBeGreaterThan(0);
  if (t.name !== 'keylog' && t.name !== 'report') for (const s of seeds) expect(targetOf(s)).toBe(t.name);
  const findings: string[] = [];
  const stats = await fuzzLoop({
    target: t,
    rng: new Rng(20261207),
    corpus: seeds,
    deadline: Date.now() + MS_PER_TARGET,
    seedsFirst: true,
    onFinding: (e) => findings.push(e instanceof Error ? (e.stack ?? e.message) : String(e)),
  });
  expect(findings).toEqual([]);
  expect(stats.execs).toBeGreaterThan(0);
}
