/**
 * How far V8 lets the old generation grow over what was live after a full collection before it collects again.
 *
 * V8 picks the factor from the program's allocation rate, up to 4x for a program that allocates fast, which an
 * audit does: it builds each destination, its assessment and its evidence while it writes the report. An audit
 * of a Windows Firewall log of 398,621 destinations (live heap ~210 MB at the end) peaked at 530-620 MB RSS; with
 * growth of 20 % per collection, 440-456 MB, and the CPU time the same within the noise of runs back to back
 * (2026-12-07, issue #20). V8 reads the factor each time it sets the next limit, so setting the flag after start
 * holds for the rest of the run (tests/core/heap-growth.test.ts shows it in a child process), like the young
 * generation's flag in bin/outflow.js; heap-flags.ts sets both again after a worker thread starts.
 */
import { setHeapFlag } from './heap-flags.js';

export const AUDIT_HEAP_GROWING_PERCENT = 20;

/** From now on the heap grows by at most `percent` % between full collections. */
export function limitHeapGrowth(percent = AUDIT_HEAP_GROWING_PERCENT): void {
  setHeapFlag('heap-growing-percent', Math.max(1, Math.floor(percent)));
}
