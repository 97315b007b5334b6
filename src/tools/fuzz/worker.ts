/**
 * Fuzzer worker thread: runs one target until its time is up. Each execution takes an input from the corpus,
 * mutates it, and runs it; an input whose outcome was never seen before joins the corpus (and is saved), a throw
 * is posted as a finding. Before each execution the input is copied into shared memory with its start time, so
 * the main thread can save it and report it when the execution hangs or the thread dies (out of memory, a crash
 * outside the awaited call) — things a thread cannot report about itself.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { CliFinding, setCliWorkDir } from './cli-target.js';
import { fuzzLoop } from './loop.js';
import { MAX_INPUT_BYTES, Rng } from './mutate.js';
import { sharedSeeds } from './shared-seeds.js';
import { findTarget } from './targets.js';
import type { FindingMessage, WorkerJob, WorkerMessage } from './worker-protocol.js';
import { SLOT_BYTES, slotViews } from './worker-protocol.js';

const port = parentPort;
if (port === null) throw new Error('worker.js runs only as a worker thread');
const job = workerData as WorkerJob;

function post(m: WorkerMessage): void {
  port?.postMessage(m);
}

function sha(input: Uint8Array): string {
  return createHash('sha1').update(input).digest('hex').slice(0, 16);
}

/** Up to `limit` files of a directory (not recursive), each cut to the input bound: a saved corpus. */
function readDir(dir: string, limit: number): Uint8Array[] {
  if (!existsSync(dir)) return [];
  const out: Uint8Array[] = [];
  for (const f of readdirSync(dir).sort()) {
    if (out.length >= limit) break;
    try {
      const b = readFileSync(join(dir, f));
      if (b.length > 0) out.push(b.subarray(0, MAX_INPUT_BYTES));
    } catch {
      // A folder or an unreadable file: not a seed.
    }
  }
  return out;
}

async function main(): Promise<void> {
  const target = findTarget(job.target);
  if (target === undefined) throw new Error(`no fuzz target ${job.target}`);
  const views = slotViews(job.slot);
  const targetDir = join(job.dir, target.name);
  const corpusDir = join(targetDir, 'corpus');
  mkdirSync(corpusDir, { recursive: true });
  const cliWork = target.name === 'cli' ? join(targetDir, `work-${process.pid}-${job.seed}`) : null;
  if (cliWork !== null) setCliWorkDir(cliWork);
  const rng = new Rng(job.seed);

  // A promise a reader dropped and that failed: a bug of the input just run (or one shortly before it).
  let current: Uint8Array = new Uint8Array(0);
  process.on('unhandledRejection', (e) => post(findingOf(e, current, target.name, 'unhandled rejection')));
  const record = (input: Uint8Array): void => {
    current = input;
    const n = Math.min(input.length, SLOT_BYTES);
    views.bytes.set(input.subarray(0, n));
    views.meta[1] = n;
    views.time[0] = Date.now();
    Atomics.add(views.meta, 0, 1);
  };

  // Repro: one input, run once, its outcome or its error.
  if (job.repro !== undefined) {
    const input = readFileSync(job.repro);
    record(input);
    try {
      const outcome = await target.run(input, rng);
      post({ type: 'repro', outcome });
    } catch (e) {
      post(findingOf(e, input, target.name));
    }
    return;
  }

  const seeds = target.seeds();
  const extra = sharedSeeds(job.extraSeeds, target.name, target.name === 'cli' ? 20 : 50);
  const saved = readDir(corpusDir, 5000);
  const stats = await fuzzLoop({
    target,
    rng,
    corpus: [...seeds, ...extra],
    saved,
    deadline: job.deadline,
    // Not for the CLI: one run costs seconds.
    seedsFirst: target.name !== 'cli',
    onInput: record,
    onNew: (input) => {
      const file = join(corpusDir, `${sha(input)}.${target.ext}`);
      if (!existsSync(file)) writeFileSync(file, input);
    },
    onFinding: (e, input) => post(findingOf(e, input, target.name)),
    onStats: (s) => post({ type: 'stats', ...s }),
  });
  post({ type: 'stats', ...stats });
  if (cliWork !== null) rmSync(cliWork, { recursive: true, force: true });
  post({ type: 'done' });
}

function findingOf(e: unknown, input: Uint8Array, target: string, how = ''): FindingMessage {
  const thrown = e instanceof Error ? e : new Error(String(e));
  const err = how === '' ? thrown : Object.assign(new Error(`${how}: ${thrown.message}`), { stack: thrown.stack });
  const stack = err.stack ?? `${err.name}: ${err.message}`;
  // The same bug found again has the same kind, message shape and throwing frame: one entry, counted.
  const frame = stack.split('\n').find((l) => l.includes(' at ')) ?? '';
  const signature = `${target} ${err.name} ${err.message.replace(/\d+/g, '#').slice(0, 80)} ${frame.trim().replace(/:\d+:\d+\)?$/, '')}`;
  return {
    type: 'finding',
    kind: e instanceof CliFinding ? 'cli' : 'exception',
    signature,
    message: `${err.name}: ${err.message}`,
    stack,
    input,
    ...(e instanceof CliFinding ? { args: [...e.args] } : {}),
  };
}

main().catch((e: unknown) => {
  post({ type: 'fatal', message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
});
