/**
 * The command lines `npm run same-bytes` runs on each input, the same on both builds. Everything that could make
 * two runs differ besides the code is pinned: the report time (SOURCE_DATE_EPOCH), the legal date (--as-of), the
 * time zone of logs without one (--timezone, as the log tests use), the process time zone (TZ) and colour.
 */
import { SAMPLE_AS_OF, SAMPLE_AUDITS, SAMPLE_FORMATS, SAMPLE_REPORT_EPOCH } from '../../samples/sample-audits.js';
import type { Input } from './inputs.js';

export interface CommandSpec {
  /** Short label printed in reports, e.g. `flows -f csv`. */
  label: string;
  /** The CLI arguments (after bin/outflow.js); `outDir` is a fresh folder per side for commands that write files. */
  args: (outDir: string) => string[];
  /** Files the command writes into outDir, compared like stdout. */
  outputs: string[];
}

/** The time zone given to logs that write local time without one (the log tests use the same). */
export const LOG_TIMEZONE = 'Europe/Amsterdam';

/** Options every command of this input needs: the log time zone, the key log beside a payload capture. */
export function inputOptions(input: Input): string[] {
  const opts: string[] = [];
  if (input.kind === 'log') opts.push('--timezone', LOG_TIMEZONE);
  if (input.keylog !== null) opts.push('--keylog', input.keylog);
  return opts;
}

/**
 * `flows` prints ndjson, csv or table (there is no json). The table is left out: it renders the same records as
 * csv, and every run costs a CLI start (~0.7 s of CPU) times ~1900 input×command pairs.
 */
const FLOW_RUNS: readonly (readonly string[])[] = [
  ['-f', 'ndjson'],
  ['-f', 'csv'],
  ['--no-names', '-f', 'ndjson'],
];

export function commandsFor(input: Input): CommandSpec[] {
  const opts = inputOptions(input);
  const list: CommandSpec[] = FLOW_RUNS.map((run) => ({
    label: `flows ${run.join(' ')}`,
    args: () => ['flows', ...run, ...opts, input.path],
    outputs: [],
  }));
  list.push({
    label: 'audit -f json',
    args: () => ['audit', '-f', 'json', '--as-of', SAMPLE_AS_OF, ...opts, input.path],
    outputs: [],
  });
  // HTTP requests exist only where content can be read: HAR files, and captures with keys beside them or inside
  // (the payload corpus's -dsb files and the decrypted sample carry Decryption Secrets Blocks).
  if (input.kind === 'har' || input.keylog !== null || /-dsb\.pcapng$|decrypted/i.test(input.path)) {
    const keylog = input.keylog === null ? [] : ['--keylog', input.keylog];
    list.push({
      label: 'requests -f ndjson --show-values',
      args: () => ['requests', '-f', 'ndjson', '--show-values', ...keylog, input.path],
      outputs: [],
    });
  }
  const sample = SAMPLE_AUDITS.find((s) => input.kind === 'sample' && input.path.endsWith(s.input));
  if (sample !== undefined) {
    // The committed sample reports: the same options, every format written with -o.
    const files = SAMPLE_FORMATS.map((ext) => `${sample.stem}.${ext}`);
    list.push({
      label: 'audit (sample reports, every format)',
      args: (outDir) => ['audit', input.path, ...sample.options, ...files.flatMap((f) => ['-o', `${outDir}/${f}`])],
      outputs: files,
    });
  }
  return list;
}

/** The environment of every run: same on both sides, nothing taken from the caller that changes output. */
export function runEnv(base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(base)) {
    if (k === 'FORCE_COLOR' || k.startsWith('OUTFLOW_') || k === 'NODE_OPTIONS') continue;
    env[k] = v;
  }
  return { ...env, SOURCE_DATE_EPOCH: SAMPLE_REPORT_EPOCH, NO_COLOR: '1', TZ: 'UTC' };
}
