/**
 * Log throughput, per generated format (Windows Firewall, netfilter, zeek conn, FortiGate): LogIngest alone
 * (read, parse, hold, hand out every FlowRecord; no output; with the CPU of the reading alone) and the whole `outflow flows` CLI writing NDJSON
 * into a pipe, each in its own process so peak RSS is that run's. MB/s are of log text; CPU is user + system
 * seconds.
 *
 *   node dist/bench/log-bench.js [--lines N] [--quick] [--audit]
 *   node dist/bench/log-bench.js --ingest FILE [--timezone ZONE]   (one LogIngest run; prints JSON)
 */
import { closeSync, existsSync, mkdirSync, openSync, statSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Anomalies } from '../core/anomalies.js';
import { LogIngest } from '../ingest/logs/log-ingest.js';
import { generateFortigatePieces } from '../ingest/logs/testing/generate-fortigate.js';
import { generateNetfilterPieces } from '../ingest/logs/testing/generate-netfilter.js';
import { generateWindowsFirewallPieces } from '../ingest/logs/testing/generate-windows-firewall.js';
import { generateZeekConnPieces } from '../ingest/logs/testing/generate-zeek-conn.js';
import { openInput } from '../ingest/source.js';
import { type Measurement, measure } from './measure.js';

const root = resolve(fileURLToPath(new URL('../../', import.meta.url)));
const dataDir = join(root, 'bench-data');
const ZONE = 'Europe/Amsterdam';
/** The seed run.ts uses for its Windows Firewall log, so both name and reuse the same file. */
const SEED = 20261129;

type Generator = (lines: number, seed: number) => Iterable<string>;
const FORMATS: { id: string; file: (lines: number) => string; generate: Generator }[] = [
  { id: 'windows-firewall', file: (n) => `pfirewall-${n}.log`, generate: generateWindowsFirewallPieces },
  { id: 'netfilter', file: (n) => `netfilter-${n}.log`, generate: generateNetfilterPieces },
  { id: 'zeek-conn', file: (n) => `zeek-conn-${n}.log`, generate: generateZeekConnPieces },
  { id: 'fortigate', file: (n) => `fortigate-${n}.log`, generate: generateFortigatePieces },
];

/** The generated log of `lines` lines for a format, written once under bench-data/. */
export function ensureLog(format: string, lines: number): { path: string; bytes: number } {
  const f = FORMATS.find((x) => x.id === format);
  if (f === undefined) throw new Error(`no generator for ${format}`);
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, f.file(lines));
  if (!existsSync(path)) {
    const fd = openSync(path, 'w');
    for (const piece of f.generate(lines, SEED)) writeSync(fd, piece);
    closeSync(fd);
  }
  return { path, bytes: statSync(path).size };
}

/**
 * One LogIngest run over `path` in this process: flows handed out and CPU seconds used, in all and for the
 * reading alone (read, split, parse, hold: what precedes the hand-out, which the output's cost is compared to).
 */
async function ingestOnce(
  path: string,
  timezone: string | null,
): Promise<{ flows: number; cpu: number; parseCpu: number }> {
  const cpu0 = process.cpuUsage();
  const ingest = new LogIngest({ timezone, anomalies: new Anomalies() });
  const source = await openInput(path);
  const format = LogIngest.sniff(source.head);
  if (format === null) throw new Error(`${path}: not a log format`);
  await ingest.addFile(source, format);
  const parsed = process.cpuUsage(cpu0);
  let flows = 0;
  ingest.finish(() => {
    flows++;
  });
  const used = process.cpuUsage(cpu0);
  return { flows, cpu: (used.user + used.system) / 1e6, parseCpu: (parsed.user + parsed.system) / 1e6 };
}

/** One result line; `okExits` are the exit codes that mean success for the command (audit: 1 = findings). */
function row(label: string, m: Measurement, bytes: number, cpu: number | null, okExits = [0]): string {
  const rss = m.peakRssMb === null ? '?' : m.peakRssMb.toFixed(0);
  const ok = m.exitCode !== null && okExits.includes(m.exitCode);
  const status = ok ? '' : `  (exit ${m.exitCode}: ${m.stderrTail.split('\n')[0]})`;
  const cpuText = cpu === null ? '' : `${cpu.toFixed(2).padStart(6)} s cpu`;
  return `  ${label.padEnd(36)} ${m.seconds.toFixed(2).padStart(6)} s ${(bytes / 1e6 / m.seconds).toFixed(0).padStart(5)} MB/s ${cpuText} ${rss.padStart(5)} MB${status}`;
}

async function main(): Promise<void> {
  const argv = process.argv;
  const opt = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const single = opt('--ingest');
  if (single !== undefined) {
    const r = await ingestOnce(single, opt('--timezone') ?? null);
    // On stderr: measure() keeps the tail of stderr and only counts stdout.
    process.stderr.write(`${JSON.stringify(r)}\n`);
    return;
  }
  const lines = Number(opt('--lines') ?? (argv.includes('--quick') ? 200_000 : 1_000_000));
  const self = fileURLToPath(import.meta.url);
  const cli = join(root, 'bin', 'outflow.js');
  process.stdout.write(`log throughput, ${lines} generated lines per format, --timezone ${ZONE}\n`);
  for (const f of FORMATS) {
    const log = ensureLog(f.id, lines);
    process.stdout.write(`${f.id}: ${(log.bytes / 1e6).toFixed(0)} MB\n`);
    const alone = await measure(process.execPath, [self, '--ingest', log.path, '--timezone', ZONE]);
    const parsed = alone.exitCode === 0 ? (JSON.parse(alone.stderrTail) as { cpu: number; parseCpu: number }) : null;
    process.stdout.write(`${row('LogIngest alone', alone, log.bytes, parsed?.cpu ?? null)}\n`);
    if (parsed !== null) {
      const mbs = log.bytes / 1e6 / parsed.parseCpu;
      process.stdout.write(
        `    of which reading alone (read, split, parse, hold): ${parsed.parseCpu.toFixed(2)} s cpu, ${mbs.toFixed(0)} MB/s of cpu\n`,
      );
    }
    const whole = await measure(process.execPath, [
      cli,
      'flows',
      '--format',
      'ndjson',
      '--quiet',
      '--timezone',
      ZONE,
      log.path,
    ]);
    process.stdout.write(`${row('outflow flows (NDJSON into a pipe)', whole, log.bytes, null)}\n`);
    if (argv.includes('--audit') && f.id === 'windows-firewall') {
      // JSON report: the terminal table is not what a large run is timed on.
      const audit = await measure(process.execPath, [
        cli,
        'audit',
        '-f',
        'json',
        '--quiet',
        '--timezone',
        ZONE,
        log.path,
      ]);
      process.stdout.write(`${row('outflow audit -f json', audit, log.bytes, null, [0, 1])}\n`);
    }
  }
}

await main();
