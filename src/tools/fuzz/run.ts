/**
 * `npm run fuzz -- --minutes N [--target NAME[,NAME]] [--seed S] [--dir DIR] [--list] [--repro FILE]`
 *
 * A mutation fuzzer of every reader and of the CLI end to end (targets.ts). Not coverage-guided: measuring
 * coverage per execution (inspector precise coverage) costs more than most executions, so inputs are kept when
 * their outcome (records, anomaly reasons, error message shape) is new, a cheap stand-in for new code paths.
 * Prints executions per second per target, and every finding with the saved input and how to rerun it. Exits 1
 * when there were findings.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { packageRoot } from '../../core/package-root.js';
import { Campaign } from './campaign.js';
import { findTarget, TARGETS } from './targets.js';

const USAGE =
  'usage: npm run fuzz -- [--minutes N] [--target NAME[,NAME...]] [--seed S] [--dir DIR] [--memory MB] [--slice S] [--shared DIR | --no-shared] [--list] [--repro FILE]';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      minutes: { type: 'string', default: '1' },
      target: { type: 'string' },
      seed: { type: 'string' },
      dir: { type: 'string' },
      memory: { type: 'string', default: '768' },
      slice: { type: 'string', default: '300' },
      shared: { type: 'string' },
      'no-shared': { type: 'boolean', default: false },
      list: { type: 'boolean', default: false },
      repro: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    allowPositionals: false,
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (values.list) {
    for (const t of TARGETS) console.log(`${t.name.padEnd(26)} ${t.about}`);
    return 0;
  }
  const root = packageRoot();
  const names = values.target?.split(',').filter((n) => n !== '') ?? TARGETS.map((t) => t.name);
  const targets = names.map((n) => {
    const t = findTarget(n);
    if (t === undefined) throw new Error(`no fuzz target "${n}" (npm run fuzz -- --list)`);
    return t;
  });
  const minutes = Number(values.minutes);
  if (!(minutes > 0)) throw new Error(`--minutes must be a positive number: ${values.minutes}`);
  const seed = values.seed === undefined ? Date.now() % 1_000_000_007 : Number(values.seed);
  const dir = resolve(values.dir ?? join(root, '.fuzz'));
  const sharedRoots = values['no-shared']
    ? []
    : ['corpus', 'logs', 'etl', 'netmon']
        .map((d) => join(resolve(values.shared ?? join(root, '..', 'shared')), d))
        .filter((d) => existsSync(d));
  const campaign = new Campaign({
    targets,
    seconds: minutes * 60,
    seed,
    dir,
    sharedRoots,
    memoryMb: Number(values.memory),
    sliceSeconds: Number(values.slice),
    log: (line) => console.log(line),
  });

  if (values.repro !== undefined) {
    const [t] = targets;
    if (t === undefined || targets.length !== 1) throw new Error('--repro needs exactly one --target');
    const r = await campaign.repro(t, resolve(values.repro));
    if ('outcome' in r) {
      console.log(`no finding: ${r.outcome}`);
      return 0;
    }
    return 1;
  }

  console.log(
    `fuzzing ${targets.length} target(s) for ${minutes} min, seed ${seed}, corpus and crashers in ${dir}${sharedRoots.length > 0 ? `, extra seeds from ${sharedRoots.length} shared folder(s)` : ''}`,
  );
  const result = await campaign.run();
  console.log('\ntarget                        execs      s   execs/s  corpus  outcomes');
  let total = 0;
  for (const s of result.stats) {
    total += s.execs;
    console.log(
      `${s.target.padEnd(26)} ${String(s.execs).padStart(8)} ${s.seconds.toFixed(0).padStart(6)} ${(s.execs / Math.max(s.seconds, 0.001)).toFixed(1).padStart(9)} ${String(s.corpus).padStart(7)} ${String(s.outcomes).padStart(9)}`,
    );
  }
  console.log(`total ${total} executions; ${result.findings.length} distinct finding(s)`);
  for (const f of result.findings)
    console.log(
      `- ${f.target} ${f.kind} (${f.count}x): ${f.message.split('\n')[0]?.slice(0, 200)}\n  ${f.file}\n  rerun: ${f.rerun}`,
    );
  return result.findings.length > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    console.error(`fuzz: ${e instanceof Error ? e.message : String(e)}\n${USAGE}`);
    process.exitCode = 2;
  },
);
