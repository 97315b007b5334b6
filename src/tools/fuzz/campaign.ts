/**
 * A fuzzing campaign: the chosen targets in turn, each for a slice of the time, each slice in a fresh worker
 * thread with a heap limit. The main thread watches the worker's shared slot: an execution that runs past the
 * target's time limit is a hang (the worker is stopped), a worker that dies is a crash or an out-of-memory, and
 * either way the input it was running is saved. Findings are saved once per signature with a reproducer.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { cliCommand } from './cli-target.js';
import type { FuzzTarget } from './targets.js';
import { currentInput, type FindingMessage, newSlot, slotViews, type WorkerMessage } from './worker-protocol.js';

export interface CampaignOptions {
  targets: readonly FuzzTarget[];
  seconds: number;
  seed: number;
  dir: string;
  sharedRoots: string[];
  /** Heap limit of a worker (MB): memory past it is a finding. */
  memoryMb: number;
  /** Longest slice one target gets before the next one's turn (s). */
  sliceSeconds: number;
  log: (line: string) => void;
}

export interface TargetStats {
  target: string;
  execs: number;
  seconds: number;
  corpus: number;
  outcomes: number;
}

export interface Finding {
  target: string;
  kind: string;
  signature: string;
  message: string;
  file: string;
  rerun: string;
  count: number;
}

export interface CampaignResult {
  stats: TargetStats[];
  findings: Finding[];
}

const WORKER_URL = new URL('./worker.js', import.meta.url);

function sha(input: Uint8Array): string {
  return createHash('sha1').update(input).digest('hex').slice(0, 16);
}

export class Campaign {
  readonly #o: CampaignOptions;
  readonly #stats = new Map<string, TargetStats>();
  readonly #findings = new Map<string, Finding>();

  constructor(options: CampaignOptions) {
    this.#o = options;
    for (const t of options.targets)
      this.#stats.set(t.name, { target: t.name, execs: 0, seconds: 0, corpus: 0, outcomes: 0 });
  }

  async run(): Promise<CampaignResult> {
    const o = this.#o;
    const started = Date.now();
    const end = started + o.seconds * 1000;
    const slice = Math.max(0.2, Math.min(o.sliceSeconds, o.seconds / o.targets.length));
    for (let round = 0; Date.now() < end; round++) {
      for (const [i, t] of o.targets.entries()) {
        const left = (end - Date.now()) / 1000;
        if (left <= 0) break;
        await this.#slice(t, o.seed + round * 1009 + i, Math.min(slice, Math.max(left, 0.2)));
      }
    }
    return { stats: [...this.#stats.values()], findings: [...this.#findings.values()] };
  }

  /** Runs one input once; resolves to its outcome, or to the finding it makes. */
  async repro(target: FuzzTarget, file: string): Promise<{ outcome: string } | { finding: Finding }> {
    let outcome: string | null = null;
    await this.#runWorker(target, this.#o.seed, 0, file, (m) => {
      if (m.type === 'repro') outcome = m.outcome;
    });
    const f = [...this.#findings.values()][0];
    if (f !== undefined) return { finding: f };
    return { outcome: outcome ?? '(no outcome)' };
  }

  async #slice(t: FuzzTarget, seed: number, seconds: number): Promise<void> {
    const s = this.#stats.get(t.name);
    if (s === undefined) return;
    const t0 = Date.now();
    let last = { execs: 0, corpus: 0, outcomes: 0, findings: 0 };
    const execs = await this.#runWorker(t, seed, seconds, undefined, (m) => {
      if (m.type === 'stats') last = m;
    });
    // A worker stopped for a hang never sends its last stats: the slot's counter is the truth.
    last = { ...last, execs: Math.max(last.execs, execs) };
    const took = (Date.now() - t0) / 1000;
    s.execs += last.execs;
    s.seconds += took;
    s.corpus = Math.max(s.corpus, last.corpus);
    s.outcomes = Math.max(s.outcomes, last.outcomes);
    const rate = last.execs / Math.max(took, 0.001);
    this.#o.log(
      `${t.name.padEnd(26)} ${String(last.execs).padStart(8)} execs ${rate.toFixed(1).padStart(8)}/s  corpus ${String(last.corpus).padStart(5)}  outcomes ${String(last.outcomes).padStart(5)}  findings ${this.#countFor(t.name)}`,
    );
  }

  #countFor(target: string): number {
    let n = 0;
    for (const f of this.#findings.values()) if (f.target === target) n++;
    return n;
  }

  #runWorker(
    t: FuzzTarget,
    seed: number,
    seconds: number,
    repro: string | undefined,
    onMessage: (m: WorkerMessage) => void,
  ): Promise<number> {
    const o = this.#o;
    const slot = newSlot();
    const views = slotViews(slot);
    const worker = new Worker(WORKER_URL, {
      workerData: {
        target: t.name,
        seed,
        deadline: Date.now() + seconds * 1000,
        dir: o.dir,
        extraSeeds: o.sharedRoots,
        slot,
        ...(repro === undefined ? {} : { repro }),
      },
      resourceLimits: { maxOldGenerationSizeMb: o.memoryMb },
      stdout: true,
      stderr: true,
    });
    // The readers' own warnings are not the fuzzer's output.
    worker.stdout.resume();
    worker.stderr.resume();
    return new Promise((resolve) => {
      let stopped: string | null = null;
      let finished = false;
      const watchdog = setInterval(() => {
        const startedAt = views.time[0] ?? 0;
        if (startedAt > 0 && Date.now() - startedAt > t.limitMs && stopped === null) {
          stopped = 'hang';
          this.#save(t, {
            kind: 'hang',
            message: `no result after ${t.limitMs / 1000} s (execution ${views.meta[0]})`,
            stack: '',
            input: currentInput(slot),
          });
          void worker.terminate();
        }
      }, 200);
      const hardStop =
        seconds > 0 ? setTimeout(() => void worker.terminate(), (seconds + 30) * 1000 + t.limitMs) : null;
      worker.on('message', (m: WorkerMessage) => {
        if (m.type === 'finding') this.#saveFinding(t, m);
        else if (m.type === 'fatal') o.log(`${t.name}: worker failed: ${m.message}`);
        else if (m.type === 'done') finished = true;
        onMessage(m);
        // The worker's loop ended: time of the watched slot no longer counts.
        if (m.type === 'done' || m.type === 'repro') views.time[0] = 0;
      });
      worker.on('error', (e: Error & { code?: string }) => {
        if (stopped !== null) return;
        stopped = 'error';
        // Died before its first execution (a module that failed to load, say while dist/ is rebuilt): the
        // fuzzer's failure, not the target's.
        if ((views.meta[0] ?? 0) === 0) {
          o.log(`${t.name}: worker failed before its first execution: ${e.message}`);
          return;
        }
        const oom = e.code === 'ERR_WORKER_OUT_OF_MEMORY';
        this.#save(t, {
          kind: oom ? 'memory' : 'uncaught',
          message: oom ? `heap past ${o.memoryMb} MB: ${e.message}` : `${e.name}: ${e.message}`,
          stack: e.stack ?? '',
          input: currentInput(slot),
        });
      });
      worker.on('exit', () => {
        clearInterval(watchdog);
        if (hardStop !== null) clearTimeout(hardStop);
        resolve(views.meta[0] ?? 0);
        if (!finished && stopped === null && repro === undefined)
          o.log(`${t.name}: worker stopped before the end of its slice`);
      });
    });
  }

  #saveFinding(t: FuzzTarget, m: FindingMessage): void {
    this.#save(t, {
      kind: m.kind,
      message: m.message,
      stack: m.stack,
      input: m.input,
      signature: m.signature,
      ...(m.args === undefined ? {} : { args: m.args }),
    });
  }

  #save(
    t: FuzzTarget,
    f: { kind: string; message: string; stack: string; input: Uint8Array; signature?: string; args?: string[] },
  ): void {
    const signature = f.signature ?? `${t.name} ${f.kind} ${f.message.replace(/\d+/g, '#').slice(0, 80)}`;
    const known = this.#findings.get(signature);
    if (known !== undefined) {
      known.count++;
      return;
    }
    const dir = join(this.#o.dir, t.name, 'crashes');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${f.kind}-${sha(f.input)}.${t.ext}`);
    if (!existsSync(file)) writeFileSync(file, f.input);
    const rerun =
      f.args !== undefined
        ? cliCommand(f.args, file, join(this.#o.dir, t.name, 'repro-out'))
        : `npm run fuzz -- --target ${t.name} --repro ${file}`;
    writeFileSync(
      `${file}.txt`,
      `target: ${t.name}\nkind: ${f.kind}\nmessage: ${f.message}\nrerun: ${rerun}\n\n${f.stack}\n`,
    );
    const finding: Finding = { target: t.name, kind: f.kind, signature, message: f.message, file, rerun, count: 1 };
    this.#findings.set(signature, finding);
    this.#o.log(
      `FINDING ${t.name} ${f.kind}: ${f.message.split('\n')[0]?.slice(0, 300)}\n  saved: ${file}\n  rerun: ${rerun}`,
    );
  }
}
