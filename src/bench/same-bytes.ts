/**
 * `npm run same-bytes -- --baseline DIR`: proves a change left every output byte-identical (issue #18). Runs this
 * checkout's bin/outflow.js and the one of DIR (another checkout, its dist/ built) on the same inputs with the
 * same arguments, and compares exit code, stdout, stderr (run times masked) and written report files by sha256.
 * Prints OK / DIFF / FAIL per input, the first differing line of each difference, and a summary; exits 1 on any
 * difference or failure.
 *
 *   npm run same-bytes -- --baseline ../old [--corpus DIR] [--shared DIR] [--quick] [--only SUBSTR]
 *                         [--jobs N] [--timeout SECONDS] [--no-stderr] [--list]
 *
 * Inputs: see same-bytes/inputs.ts (corpus, ../shared logs/etl/netmon/payload/HAR, samples/, and bench-data/
 * unless --quick); commands: see same-bytes/commands.ts.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { commandsFor, runEnv } from './same-bytes/commands.js';
import { type CommandOutcome, compareInput, type Status } from './same-bytes/compare-input.js';
import { enumerateInputs, type Input } from './same-bytes/inputs.js';

const root = resolve(fileURLToPath(new URL('../../', import.meta.url)));

const USAGE =
  'usage: npm run same-bytes -- --baseline DIR [--corpus DIR] [--shared DIR] [--quick] [--only SUBSTR] [--jobs N] [--timeout SECONDS] [--no-stderr] [--list]';

function fail(message: string): never {
  process.stderr.write(`same-bytes: ${message}\n${USAGE}\n`);
  process.exit(2);
}

/** Seconds of CPU (user + sys) used by the children this process has waited for (Linux; null elsewhere). */
function childrenCpuSeconds(): number | null {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 16 and 17 of stat(5) (cutime, cstime), counted from the state field (3) on; 100 ticks a second.
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return null;
  }
}

/**
 * A run's time limit: generous for startup on a busy machine, and growing with the input's size — faster for
 * captures than for logs, whose audit enriches a record per line (the 96 MB bench log took 170 s at a load of 16
 * on 2 cores).
 */
function timeoutMs(input: Input, baseSeconds: number): number {
  const secondsPerMb = input.kind === 'log' ? 4 : 1;
  return (baseSeconds + (input.bytes / 1e6) * secondsPerMb) * 1000;
}

/** An input's status: its worst command's. */
function worstOf(outcomes: readonly CommandOutcome[]): Status {
  if (outcomes.some((o) => o.status === 'FAIL')) return 'FAIL';
  return outcomes.some((o) => o.status === 'DIFF') ? 'DIFF' : 'OK';
}

function report(n: number, total: number, input: Input, outcomes: CommandOutcome[]): string {
  const worst = worstOf(outcomes);
  const seconds = outcomes.reduce((s, o) => s + o.seconds.baseline + o.seconds.current, 0);
  const lines = [
    `[${String(n).padStart(String(total).length)}/${total}] ${worst.padEnd(4)} ${input.id} (${outcomes.length} commands, ${seconds.toFixed(1)} s)`,
  ];
  for (const o of outcomes) {
    if (o.status === 'OK') continue;
    lines.push(`    ${o.status} ${o.label}`);
    for (const f of o.findings) lines.push(`      ${f}`);
  }
  return `${lines.join('\n')}\n`;
}

function parse() {
  try {
    return parseOptions();
  } catch (e) {
    return fail(e instanceof Error ? e.message : String(e));
  }
}

function parseOptions() {
  return parseArgs({
    options: {
      baseline: { type: 'string' },
      corpus: { type: 'string' },
      shared: { type: 'string' },
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
      jobs: { type: 'string', default: '2' },
      timeout: { type: 'string', default: '120' },
      'no-stderr': { type: 'boolean', default: false },
      list: { type: 'boolean', default: false },
    },
    strict: true,
  }).values;
}

async function main(): Promise<void> {
  const values = parse();
  const sharedDir = resolve(values.shared ?? join(root, '..', 'shared'));
  const corpusDir = resolve(values.corpus ?? join(sharedDir, 'corpus'));
  const jobs = Number(values.jobs);
  const baseTimeout = Number(values.timeout);
  if (!Number.isInteger(jobs) || jobs < 1) fail(`--jobs ${values.jobs}: a whole number from 1`);
  if (!(baseTimeout > 0)) fail(`--timeout ${values.timeout}: seconds above 0`);

  const { inputs: all, notes } = enumerateInputs({ repoRoot: root, corpusDir, sharedDir, quick: values.quick });
  const only = values.only;
  const inputs = only === undefined ? all : all.filter((i) => i.id.includes(only));
  const plan = inputs.map((input) => ({ input, commands: commandsFor(input) }));
  const runs = plan.reduce((s, p) => s + p.commands.length, 0);
  for (const note of notes) process.stdout.write(`note: ${note}\n`);
  if (values.list) {
    for (const p of plan) process.stdout.write(`${p.input.id}: ${p.commands.map((c) => c.label).join('; ')}\n`);
    process.stdout.write(`${inputs.length} inputs, ${runs} input×command pairs\n`);
    return;
  }

  if (inputs.length === 0) fail(`no inputs${only === undefined ? '' : ` match --only ${only}`}: nothing compared`);
  if (values.baseline === undefined) fail('--baseline DIR is required (another checkout with its dist/ built)');
  const baselineRoot = resolve(values.baseline);
  const baselineBin = join(baselineRoot, 'bin', 'outflow.js');
  if (!existsSync(baselineBin) || !existsSync(join(baselineRoot, 'dist', 'cli', 'main.js')))
    fail(`${baselineRoot} has no bin/outflow.js and dist/cli/main.js: build it (npx tsc -p tsconfig.build.json)`);
  if (baselineRoot === root) process.stdout.write('note: the baseline is this checkout: it can only show flakiness\n');

  process.stdout.write(
    `same-bytes: baseline ${baselineRoot}\n            current  ${root}\n` +
      `${inputs.length} inputs, ${runs} input×command pairs (${runs * 2} runs), ${jobs} at a time\n\n`,
  );
  const scratchRoot = mkdtempSync(join(tmpdir(), 'same-bytes-'));
  // Ctrl-C reaches the runs too (same process group); the scratch folder goes with them.
  process.once('SIGINT', () => {
    rmSync(scratchRoot, { recursive: true, force: true });
    process.exit(130);
  });
  const cwd = join(scratchRoot, 'cwd');
  const env = runEnv(process.env);
  const sides = { baseline: baselineBin, current: join(root, 'bin', 'outflow.js') };
  // The bench files first (largest first): with the small inputs after them, the workers finish together.
  const queue = [...plan].sort(
    (x, y) => Number(y.input.bench) - Number(x.input.bench) || (x.input.bench ? y.input.bytes - x.input.bytes : 0),
  );
  const started = Date.now();
  const cpuBefore = childrenCpuSeconds();
  const tally = { inputs: { OK: 0, DIFF: 0, FAIL: 0 }, commands: { OK: 0, DIFF: 0, FAIL: 0 } };
  const bad: string[] = [];
  let done = 0;
  let next = 0;
  const worker = async (w: number): Promise<void> => {
    for (let item = queue[next++]; item !== undefined; item = queue[next++]) {
      const outcomes = await compareInput(item.commands, {
        sides,
        env,
        cwd,
        scratch: join(scratchRoot, `w${w}`),
        timeoutMs: timeoutMs(item.input, baseTimeout),
        compareStderr: !values['no-stderr'],
      });
      done++;
      process.stdout.write(report(done, queue.length, item.input, outcomes));
      const worst = worstOf(outcomes);
      tally.inputs[worst]++;
      for (const o of outcomes) tally.commands[o.status]++;
      if (worst !== 'OK') bad.push(`${worst} ${item.input.id}`);
    }
  };
  mkdirSync(cwd, { recursive: true });
  try {
    await Promise.all(Array.from({ length: Math.min(jobs, queue.length) }, (_, w) => worker(w)));
  } finally {
    rmSync(scratchRoot, { recursive: true, force: true });
  }
  const cpuAfter = childrenCpuSeconds();
  const wall = (Date.now() - started) / 1000;
  const cpu = cpuBefore === null || cpuAfter === null ? '' : `, ${(cpuAfter - cpuBefore).toFixed(0)} s CPU (user+sys)`;
  const t = tally;
  process.stdout.write(
    `\ninputs:   ${inputs.length} (OK ${t.inputs.OK}, DIFF ${t.inputs.DIFF}, FAIL ${t.inputs.FAIL})\n` +
      `commands: ${runs} input×command pairs (OK ${t.commands.OK}, DIFF ${t.commands.DIFF}, FAIL ${t.commands.FAIL})\n` +
      `time:     ${wall.toFixed(0)} s wall${cpu}\n`,
  );
  if (bad.length > 0) process.stdout.write(`not the same:\n${bad.map((b) => `  ${b}`).join('\n')}\n`);
  process.stdout.write(bad.length === 0 ? 'same bytes: yes\n' : 'same bytes: NO\n');
  if (bad.length > 0) process.exitCode = 1;
}

await main();
