/**
 * What the fuzzer runs: one target per reader, each with its seeds (made by the project's writers), the tokens
 * of its format, and one execution that calls the entry point the CLI uses. An execution resolves to a short
 * outcome (used to keep inputs that show new behaviour) or throws: a throw is a finding, because every reader's
 * contract is "a result or an InputError" (report consumers may also refuse with a UsageError).
 */
import { gzipSync } from 'node:zlib';
import { InputError, UsageError } from '../../core/errors.js';
import { LOG_FORMATS } from '../../ingest/logs/registry.js';
import { parseKeyLog } from '../../payload/keys/key-log.js';
import { DSB_TLS_KEY_LOG, KeyStore } from '../../payload/keys/key-store.js';
import { runCli } from './cli-target.js';
import type { Rng } from './mutate.js';
import { bucket, chunkSizes, readInput } from './read-input.js';
import { exerciseReport } from './report-consumers.js';
import {
  etlSeeds,
  gzipSeeds,
  lz4Seeds,
  netmonSeeds,
  pcapngSeeds,
  pcapSeeds,
  snoopSeeds,
  zstdSeeds,
} from './seeds-captures.js';
import { LOG_DICT, LOG_SEEDS } from './seeds-logs.js';
import { harSeeds, keyLogSeeds, reportSeeds } from './seeds-misc.js';

export interface FuzzTarget {
  name: string;
  about: string;
  /** Extension of saved inputs (so a saved crasher opens in the right tool). */
  ext: string;
  /** Valid inputs to start from. */
  seeds(): Uint8Array[];
  /** Tokens of the format, inserted by the dictionary mutator. */
  dict: readonly string[];
  /** Also mutate the input as a JSON document (structure-aware). */
  json?: boolean;
  /** Per-execution time limit (ms) after which the input counts as a hang. */
  limitMs: number;
  /** One execution: an outcome, or a throw (a finding). */
  run(input: Uint8Array, rng: Rng): Promise<string>;
  /** The command a person runs to reproduce a saved input, when it is not the fuzzer's --repro. */
  command?(file: string): string;
}

const text = (s: string): Uint8Array => Buffer.from(s, 'utf8');
const BINARY_DICT = ['\u0000\u0000\u0000\u0000', '\u00ff\u00ff\u00ff\u00ff', 'TLSK', '\n\r\n'];

function fileTarget(
  name: string,
  about: string,
  ext: string,
  seeds: () => Uint8Array[],
  dict = BINARY_DICT,
): FuzzTarget {
  return {
    name,
    about,
    ext,
    seeds,
    dict,
    limitMs: 30_000,
    run: (input, rng) => readInput(input, chunkSizes(rng, input), rng.chance(0.5)),
  };
}

const CAPTURE_TARGETS: FuzzTarget[] = [
  fileTarget('pcap', 'classic pcap (µs/ns, both byte orders) → decoder, flows, naming', 'pcap', pcapSeeds),
  fileTarget(
    'pcapng',
    'pcapng (sections, interfaces, NRB, DSB keys) → flows, TLS/QUIC/HTTP content',
    'pcapng',
    pcapngSeeds,
  ),
  fileTarget('snoop', 'Solaris snoop (RFC 1761)', 'snoop', snoopSeeds),
  fileTarget('netmon', 'Microsoft Network Monitor 2.x', 'cap', netmonSeeds),
  fileTarget('etl', 'ETW trace (pktmon), LZXPRESS buffers included', 'etl', etlSeeds),
  fileTarget('gzip', 'gzip-compressed captures (the compressed bytes are mutated)', 'pcap.gz', gzipSeeds),
  fileTarget('zstd', 'zstd-compressed captures (fzstd through zstd-stream.ts)', 'pcap.zst', zstdSeeds),
  fileTarget('lz4', 'lz4 frames (lz4-frame.ts)', 'pcap.lz4', lz4Seeds),
];

const LOG_TARGETS: FuzzTarget[] = LOG_FORMATS.map((f) => ({
  ...fileTarget(
    `log-${f.id}`,
    `${f.id} log lines through LogIngest (sniffed as the CLI does)`,
    'log',
    () => (LOG_SEEDS[f.id]?.() ?? []).map(text),
    LOG_DICT,
  ),
  json: f.id.includes('json') || f.id === 'suricata-eve' || f.id === 'zeek',
}));

const harTarget: FuzzTarget = {
  ...fileTarget(
    'har',
    'HAR files (streaming JSON scanner, entries to flows, content inspection)',
    'har',
    () => harSeeds().map(text),
    LOG_DICT,
  ),
  json: true,
};

const keyLogTarget: FuzzTarget = {
  name: 'keylog',
  about: 'NSS key logs (--keylog) and pcapng Decryption Secrets Block contents',
  ext: 'keys',
  seeds: () => keyLogSeeds().map(text),
  dict: [
    'CLIENT_RANDOM ',
    'CLIENT_TRAFFIC_SECRET_0 ',
    'SERVER_HANDSHAKE_TRAFFIC_SECRET ',
    '\n',
    '\r',
    ' ',
    '#',
    '00',
    'zz',
  ],
  limitMs: 30_000,
  async run(input) {
    const parse = parseKeyLog(Buffer.from(input).toString('utf8'));
    const store = new KeyStore();
    store.addKeyLog(parse);
    store.addDsb(DSB_TLS_KEY_LOG, input);
    const reasons = [...new Set(parse.badLines.map((b) => b.reason.replace(/^\S*: /, '')))].sort();
    return `e${bucket(parse.entries.length)} b${bucket(parse.badCount)} i${bucket(parse.ignoredCount)} ${reasons.join(',')}`;
  },
};

const reportTarget: FuzzTarget = {
  name: 'report',
  about: 'report JSON (--baseline, diff, merge, trend, export): schema check, then every consumer',
  ext: 'json',
  seeds: () => reportSeeds().map(text),
  dict: ['"schemaVersion"', '"1.0.0"', '"99.0.0"', 'null', '[]', '{}', '-1', '1e999', '"\\u0000"', '\ufeff'],
  json: true,
  limitMs: 30_000,
  async run(input, rng) {
    try {
      return await exerciseReport(Buffer.from(input).toString('utf8'), rng);
    } catch (e) {
      // Details in parentheses (a property name, the values allowed) would make every edit look new.
      if (e instanceof InputError || e instanceof UsageError)
        return `${e.name} ${e.message.replace(/\(.*?\)/g, '()').slice(0, 120)}`;
      throw e;
    }
  },
};

/** Seeds of every kind the CLI reads, for the end-to-end target: small ones (each run costs a process start). */
function cliSeeds(): Uint8Array[] {
  const logs = LOG_FORMATS.map((f) => text(LOG_SEEDS[f.id]?.()[0] ?? ''));
  return [
    ...pcapSeeds().slice(0, 2),
    ...pcapngSeeds().slice(0, 2),
    ...snoopSeeds().slice(0, 1),
    ...netmonSeeds().slice(0, 1),
    ...etlSeeds().slice(0, 2),
    gzipSync(pcapSeeds()[1] ?? new Uint8Array(0)),
    ...lz4Seeds().slice(0, 1),
    ...zstdSeeds().slice(0, 1),
    ...logs,
    ...harSeeds().map(text),
    ...reportSeeds().map(text),
  ];
}

const cliTarget: FuzzTarget = {
  name: 'cli',
  about: 'the real CLI end to end (audit, flows, requests, diff, merge, trend, export, --baseline, --keylog)',
  ext: 'bin',
  seeds: cliSeeds,
  dict: [...BINARY_DICT, ...LOG_DICT.slice(0, 20)],
  json: true,
  limitMs: 150_000,
  run: (input, rng) => runCli(input, rng),
};

export const TARGETS: readonly FuzzTarget[] = [
  ...CAPTURE_TARGETS,
  ...LOG_TARGETS,
  harTarget,
  keyLogTarget,
  reportTarget,
  cliTarget,
];

export function findTarget(name: string): FuzzTarget | undefined {
  return TARGETS.find((t) => t.name === name);
}
