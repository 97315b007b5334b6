/**
 * The end-to-end target: the real CLI (bin/outflow.js, the built dist/) started as a child process on a mutated
 * file, with one of the commands that read it. Exit codes 0, 1 and 2 are the documented outcomes for any input
 * (2 = the input was refused); anything else, a signal, a timeout, or "internal error" on stderr is a finding.
 * The child gets a heap limit, so a run whose memory grows with hostile input fails instead of swapping.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../core/package-root.js';
import type { Rng } from './mutate.js';

/** Heap limit of the child (MB): far above what these small inputs need. */
export const CLI_HEAP_MB = 1024;
/** Per-run wall-clock limit (ms): generous, a loaded machine can make a 2 s run take 20. */
export const CLI_TIMEOUT_MS = 120_000;

/** Placeholders in a command: the mutated input, the output folder, the package root (samples). */
type Template = readonly string[];

const INPUT_COMMANDS: Template[] = [
  ['audit', '@IN', '--fail-on', 'never', '-q', '-o', '@OUT/r.json', '-o', '@OUT/r.html', '-o', '@OUT/r.csv'],
  ['audit', '@IN', '-f', 'md', '--pseudonymize', '--internal', '10.0.0.0/8', '-v'],
  ['audit', '@IN', '-f', 'ndjson', '-j', '2', '--fail-on', 'medium'],
  ['flows', '@IN', '-f', 'ndjson', '--stats', '@OUT/stats.json'],
  ['flows', '@IN', '-f', 'csv', '--no-names', '--timezone', 'Europe/Amsterdam'],
  ['requests', '@IN', '-f', 'json', '--show-values'],
  ['audit', '@ROOT/samples/telemetry-decrypted.pcapng', '--keylog', '@IN', '-f', 'json'],
];

const REPORT_COMMANDS: Template[] = [
  ['diff', '@ROOT/samples/reports/admin-pc-workday.json', '@IN'],
  ['diff', '@IN', '@ROOT/samples/reports/telemetry-decrypted.json', '-f', 'md'],
  ['merge', '@IN', '@ROOT/samples/reports/admin-pc-workday.json', '-o', '@OUT/m.json', '-o', '@OUT/m.html'],
  ['trend', '@ROOT/samples/reports/admin-pc-workday.json', '@IN', '-f', 'html'],
  ['export', 'ecs', '@IN'],
  ['audit', '@ROOT/samples/telemetry-decrypted.pcapng', '--baseline', '@IN', '--fail-on', 'never', '-f', 'json'],
];

/** A finding of the CLI target: the arguments (with @IN for the input) tell how to reproduce it. */
export class CliFinding extends Error {
  override readonly name = 'CliFinding';
  constructor(
    message: string,
    readonly args: readonly string[],
  ) {
    super(message);
  }
}

let workDir: string | null = null;

/** Where the CLI target writes its current input and outputs (under the fuzzer's directory). */
export function setCliWorkDir(dir: string): void {
  workDir = dir;
  mkdirSync(dir, { recursive: true });
}

function looksLikeReport(input: Uint8Array): boolean {
  const head = Buffer.from(input.subarray(0, 4096)).toString('latin1');
  return head.includes('"schemaVersion"');
}

/** The command line for `args`, the input at `inputPath` (for the reproducer). */
export function cliCommand(args: readonly string[], inputPath: string, outDir: string): string {
  const root = packageRoot();
  const concrete = args.map((a) => a.replace('@IN', inputPath).replace('@OUT', outDir).replace('@ROOT', root));
  return `node ${join(root, 'bin', 'outflow.js')} ${concrete.map((a) => (/^[\w./@:=,-]+$/.test(a) ? a : `'${a}'`)).join(' ')}`;
}

export async function runCli(input: Uint8Array, rng: Rng): Promise<string> {
  const dir = workDir ?? join(packageRoot(), '.fuzz', 'cli-work');
  if (workDir === null) setCliWorkDir(dir);
  const out = join(dir, 'out');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const inPath = join(dir, 'input');
  writeFileSync(inPath, input);
  const templates = looksLikeReport(input) && rng.chance(0.85) ? REPORT_COMMANDS : INPUT_COMMANDS;
  const args = rng.pick(templates);
  const root = packageRoot();
  const argv = args.map((a) => a.replace('@IN', inPath).replace('@OUT', out).replace('@ROOT', root));
  const r = await spawnCli(argv);
  const bad =
    r.signal !== null
      ? `killed by ${r.signal}${r.timedOut ? ` (no exit after ${CLI_TIMEOUT_MS / 1000} s)` : ''}`
      : r.code !== 0 && r.code !== 1 && r.code !== 2
        ? `exit code ${r.code}`
        : /internal error/i.test(r.stderr)
          ? 'stderr says "internal error"'
          : null;
  if (bad !== null)
    throw new CliFinding(
      `${args[0]}: ${bad}: ${r.stderr.trim().split('\n').slice(-6).join(' | ').slice(0, 600)}`,
      args,
    );
  const firstLine = r.stderr.split('\n').find((l) => l.trim() !== '') ?? '';
  return `${args[0]} ${args.length} exit ${r.code} ${firstLine.replace(/\d+/g, '#').replace(/\/\S+/g, '/…').slice(0, 100)}`;
}

interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  timedOut: boolean;
}

function spawnCli(argv: readonly string[]): Promise<CliResult> {
  const root = packageRoot();
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [`--max-old-space-size=${CLI_HEAP_MB}`, join(root, 'bin', 'outflow.js'), ...argv],
      {
        cwd: root,
        env: { ...process.env, NO_COLOR: '1', OUTFLOW_FUZZ: '1' },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    let timedOut = false;
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (s: string) => {
      if (stderr.length < 64 * 1024) stderr += s;
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, CLI_TIMEOUT_MS);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stderr, timedOut });
    });
  });
}
