/**
 * The fuzzing loop of one target, independent of threads and files so a test can run it in process: seeds
 * first (their outcomes are the known behaviour), then mutations of corpus entries until the deadline. An input
 * whose outcome was never seen joins the corpus; a throw is handed to `onFinding`.
 */
import { mutateJson } from './json-mutate.js';
import { mutate, type Rng } from './mutate.js';
import type { FuzzTarget } from './targets.js';

/**
 * Numbers (decimal, and hex words holding a digit such as checksums) blanked: an outcome that differs only in a
 * count, an offset or a checksum is not new behaviour.
 */
export function blankNumbers(outcome: string): string {
  return outcome.replace(/\b(?:0x)?[0-9a-f]*\d[0-9a-f]*\b/gi, '#');
}

/** Corpus entries kept per target at most (memory, disk, and the chance of picking a recent one). */
const MAX_CORPUS = 3000;
/** Bytes the corpus holds at most, so the worker's own memory stays far below its heap limit. */
const MAX_CORPUS_BYTES = 96 * 1024 * 1024;

export interface LoopStats {
  execs: number;
  corpus: number;
  outcomes: number;
  findings: number;
}

export interface LoopOptions {
  target: FuzzTarget;
  rng: Rng;
  /** Inputs to start from: the target's seeds, shared files. */
  corpus: Uint8Array[];
  /** Inputs kept by earlier runs: mutated, not run first. */
  saved?: Uint8Array[];
  /** When to stop (ms since the epoch). */
  deadline: number;
  /** Run the starting inputs unmutated first. */
  seedsFirst: boolean;
  /** Called before each execution with its input (the worker shows it to the watchdog). */
  onInput?: (input: Uint8Array) => void;
  /** A new corpus entry (the worker saves it). */
  onNew?: (input: Uint8Array) => void;
  onFinding: (error: unknown, input: Uint8Array) => void;
  onStats?: (stats: LoopStats) => void;
}

export async function fuzzLoop(o: LoopOptions): Promise<LoopStats> {
  const { target, rng } = o;
  const corpus = o.corpus.filter((s) => s.length > 0);
  if (corpus.length === 0) throw new Error(`target ${target.name} has no seeds`);
  const dict = target.dict.map((t) => Buffer.from(t, 'latin1'));
  const outcomes = new Set<string>();
  const queue: Uint8Array[] = o.seedsFirst ? [...corpus] : [];
  for (const s of o.saved ?? []) if (s.length > 0 && corpus.length < MAX_CORPUS) corpus.push(s);
  let corpusBytes = corpus.reduce((n, c) => n + c.length, 0);
  const stats: LoopStats = { execs: 0, corpus: corpus.length, outcomes: 0, findings: 0 };
  let lastReport = Date.now();
  while (Date.now() < o.deadline) {
    let input: Uint8Array;
    const next = queue.shift();
    if (next !== undefined) input = next;
    else {
      // Newer corpus entries are picked more often: they are where new behaviour was last found.
      const base = rng.chance(0.3)
        ? (corpus[corpus.length - 1 - rng.below(Math.min(corpus.length, 16))] ?? rng.pick(corpus))
        : rng.pick(corpus);
      const other = rng.pick(corpus);
      const asJson =
        target.json === true && rng.chance(0.5) ? mutateJson(Buffer.from(base).toString('utf8'), rng) : null;
      input = asJson !== null ? Buffer.from(asJson, 'utf8') : mutate(base, rng, other, dict);
    }
    o.onInput?.(input);
    stats.execs++;
    try {
      const outcome = blankNumbers(await target.run(input, rng));
      if (!outcomes.has(outcome)) {
        outcomes.add(outcome);
        if (next === undefined && corpus.length < MAX_CORPUS && corpusBytes + input.length <= MAX_CORPUS_BYTES) {
          corpusBytes += input.length;
          corpus.push(input);
          o.onNew?.(input);
        }
      }
    } catch (e) {
      stats.findings++;
      o.onFinding(e, input);
    }
    stats.corpus = corpus.length;
    stats.outcomes = outcomes.size;
    const now = Date.now();
    if (now - lastReport >= 2000) {
      o.onStats?.({ ...stats });
      lastReport = now;
    }
  }
  return stats;
}
