/**
 * The byte-level readers (LogParser.bytes) must not change a single output byte: every file is read twice,
 * once as the run reads it (bytes first, declined lines decoded for the text reader) and once by the text
 * reader alone (the parser with its `bytes` method hidden, i.e. the reading before the byte paths existed),
 * and the records (NDJSON), anomalies and time notes must be equal. Inputs: generated logs, then the same
 * lines mutated at the byte level (hostile bytes, invalid and cut UTF-8, CR, blanks, digits, separators),
 * cut short, and fed in random chunk sizes so that lines straddle chunk boundaries.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Anomalies } from '../../../src/core/anomalies.js';
import { fortigateFormat } from '../../../src/ingest/logs/fortigate.js';
import type { LogFormat } from '../../../src/ingest/logs/log-format.js';
import { LogIngest, parseLogSource, recordingContext } from '../../../src/ingest/logs/log-ingest.js';
import { netfilterFormat } from '../../../src/ingest/logs/netfilter.js';
import { generateFortigatePieces } from '../../../src/ingest/logs/testing/generate-fortigate.js';
import { generateNetfilterPieces } from '../../../src/ingest/logs/testing/generate-netfilter.js';
import { generateWindowsFirewallPieces } from '../../../src/ingest/logs/testing/generate-windows-firewall.js';
import { generateZeekConnPieces } from '../../../src/ingest/logs/testing/generate-zeek-conn.js';
import { windowsFirewallFormat } from '../../../src/ingest/logs/windows-firewall.js';
import { zeekFormat } from '../../../src/ingest/logs/zeek.js';
import { chunked, NOW_MS } from './log-test-helpers.js';

/** The format with its parsers' byte reader hidden: what the run did before the byte paths. */
function textOnly(format: LogFormat): LogFormat {
  return {
    ...format,
    createParser: (ctx) => {
      const p = format.createParser(ctx);
      return { line: (text, lineNo) => p.line(text, lineNo), end: () => p.end() };
    },
  };
}

interface Reading {
  records: string[];
  anomalies: string;
  times: string;
}

async function read(format: LogFormat, data: Buffer, chunk: number, timezone: string | null): Promise<Reading> {
  const anomalies = new Anomalies();
  const ingest = new LogIngest({ timezone, anomalies, nowMs: NOW_MS });
  await ingest.addFile({ name: 'log', chunks: chunked(data, chunk) }, format);
  const records: string[] = [];
  ingest.finish((f) => records.push(JSON.stringify(f)));
  return {
    records,
    anomalies: JSON.stringify(anomalies.entries()),
    times: JSON.stringify(ingest.timeAssumptions()),
  };
}

/** A packed IPv4 (what byte readers hand over) as the text a text reader hands over. */
function addressText(a: string | number): string {
  return typeof a === 'string' ? a : `${a >>> 24}.${(a >>> 16) & 255}.${(a >>> 8) & 255}.${a & 255}`;
}

/**
 * Every call the parser makes on its context, in order, as text: the records before the run joins, merges
 * and sorts them (so a difference cannot hide in a merged zeek row), addresses spelt as text, keys sorted.
 */
async function events(format: LogFormat, data: Buffer, chunk: number, timezone: string | null): Promise<string[]> {
  const out: string[] = [];
  const ctx = recordingContext('log', timezone, NOW_MS, new Anomalies(), (e) => {
    if (e[0] === 'emit') {
      const f = { ...e[1], client: addressText(e[1].client), server: addressText(e[1].server) };
      out.push(JSON.stringify(['emit', f, e[2]], (_k, v: unknown) => sortedKeys(v)));
    } else out.push(JSON.stringify(e));
  });
  await parseLogSource({ name: 'log', chunks: chunked(data, chunk) }, format, ctx);
  return out;
}

function sortedKeys(v: unknown): unknown {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return v;
  const o = v as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(o)
      .sort()
      .map((k) => [k, o[k]]),
  );
}

async function expectSameReading(format: LogFormat, data: Buffer, chunk: number, timezone: string | null) {
  const viaBytes = await read(format, data, chunk, timezone);
  const viaText = await read(textOnly(format), data, data.length + 1, timezone);
  expect(viaBytes.records).toEqual(viaText.records);
  expect(viaBytes.anomalies).toEqual(viaText.anomalies);
  expect(viaBytes.times).toEqual(viaText.times);
  expect(await events(format, data, chunk, timezone)).toEqual(await events(textOnly(format), data, chunk, timezone));
  return viaBytes;
}

function joinPieces(pieces: Iterable<string>): string {
  let out = '';
  for (const piece of pieces) out += piece;
  return out;
}

/** Byte strings a mutation inserts: separators, digits, words, hostile and invalid/cut UTF-8 bytes. */
const INSERTS: number[][] = [
  [0x20],
  [0x09],
  [0x0d],
  [0x2d],
  [0x2e],
  [0x3a],
  [0x30],
  [0x39],
  [0x00],
  [0x7f],
  [0x80],
  [0xff],
  [0xc3, 0x28],
  [0xe2, 0x82],
  [0xf0, 0x9f, 0x98],
  [0xc3, 0xa9],
  [0xef, 0xbb, 0xbf],
  [0x5b],
  [0x5d],
  [0x3d],
  [0x22],
  [0x2c],
  [0x7b],
  [0x5c],
  [0x3e],
  [0x23],
  [0x5c, 0x22],
];

const mutation = fc.record({
  line: fc.nat(),
  /** Most edits land at the start of a field, where a reader decides what the field is. */
  field: fc.option(fc.nat(40), { freq: 2 }),
  at: fc.nat(200),
  cut: fc.nat(4),
  insert: fc.oneof(
    fc.constantFrom(...INSERTS),
    fc.uint8Array({ minLength: 1, maxLength: 4 }).map((a) => [...a]),
  ),
});

/** `lines` with each mutation applied to one of them (byte level), joined with `eol`. */
function mutate(lines: Buffer[], mutations: Mutation[], eol: string): Buffer {
  const out = lines.map((l) => Buffer.from(l));
  for (const m of mutations) {
    const k = m.line % out.length;
    const l = out[k] ?? Buffer.alloc(0);
    const at = m.field === null ? Math.min(m.at, l.length) : fieldStart(l, m.field);
    out[k] = Buffer.concat([l.subarray(0, at), Buffer.from(m.insert), l.subarray(Math.min(l.length, at + m.cut))]);
  }
  return Buffer.concat(out.flatMap((l) => [l, Buffer.from(eol)]));
}

/** Where field `n` (counted over blank, tab, comma, '=' and '"' separators) of `line` starts. */
function fieldStart(line: Buffer, n: number): number {
  let seen = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === 0x20 || c === 0x09 || c === 0x2c || c === 0x3d || c === 0x22) {
      if (seen++ === n) return i + 1;
    }
  }
  return line.length;
}

interface Mutation {
  line: number;
  field: number | null;
  at: number;
  cut: number;
  insert: number[];
}

interface ByteFormat {
  format: LogFormat;
  /** A generated log: header lines first. */
  generate: (lines: number, seed: number) => string;
  /** Lines at the top that mutations leave alone (headers). */
  header: number;
}

const FORMATS: Record<string, ByteFormat> = {
  'windows-firewall': {
    format: windowsFirewallFormat,
    generate: (n, seed) => joinPieces(generateWindowsFirewallPieces(n, seed)),
    header: 5,
  },
  'zeek-conn': {
    format: zeekFormat,
    generate: (n, seed) => joinPieces(generateZeekConnPieces(n, seed)),
    header: 8,
  },
  netfilter: {
    format: netfilterFormat,
    generate: (n, seed) => joinPieces(generateNetfilterPieces(n, seed)),
    header: 0,
  },
  fortigate: {
    format: fortigateFormat,
    generate: (n, seed) => joinPieces(generateFortigatePieces(n, seed)),
    header: 0,
  },
};

describe.each(Object.entries(FORMATS))('%s: the byte reader reads what the text reader reads', (_id, f) => {
  it('a generated log, whole and in odd chunk sizes, with and without a zone', async () => {
    const data = Buffer.from(f.generate(3000, 7));
    for (const [chunk, tz] of [
      [data.length + 1, 'Europe/Amsterdam'],
      [4093, null],
      [97, 'America/New_York'],
    ] as const) {
      const r = await expectSameReading(f.format, data, chunk, tz);
      expect(r.records.length).toBeGreaterThan(2500);
    }
  });

  it('every insert, at every field start and end, with and without the next byte, in one log', async () => {
    const text = f.generate(40, 5).replace(/\r\n/g, '\n');
    const all = text.split('\n');
    const head = Buffer.from(`${all.slice(0, f.header).join('\n')}\n`);
    const lines = all
      .slice(f.header)
      .filter((l) => l !== '')
      .map((l) => Buffer.from(l));
    const edited: Buffer[] = [];
    for (const line of lines.slice(0, 3)) {
      for (let field = 0; field < 200; field++) {
        const start = fieldStart(line, field);
        if (start === line.length && field > 0) break;
        for (const at of [start, Math.max(start - 1, 0)]) {
          for (const insert of INSERTS) {
            for (const cut of [0, 1]) {
              edited.push(Buffer.concat([line.subarray(0, at), Buffer.from(insert), line.subarray(at + cut)]));
            }
          }
        }
      }
    }
    const data = Buffer.concat([head, ...edited.flatMap((l) => [l, Buffer.from('\n')])]);
    await expectSameReading(f.format, data, 65_536, 'Europe/Amsterdam');
    const emitted = (await events(f.format, data, 65_536, 'Europe/Amsterdam')).filter((e) => e.startsWith('["emit"'));
    expect(emitted.length).toBeGreaterThan(edited.length / 4);
  });

  it('mutated lines, CRLF or LF, cut short, in random chunks (fuzz)', async () => {
    const text = f.generate(60, 3).replace(/\r\n/g, '\n');
    const all = text.split('\n').filter((l, i) => l !== '' || i < f.header);
    const head = all.slice(0, f.header).map((l) => Buffer.from(l));
    const body = all.slice(f.header).map((l) => Buffer.from(l));
    await fc.assert(
      fc.asyncProperty(
        fc.array(mutation, { minLength: 1, maxLength: 8 }),
        fc.constantFrom('\n', '\r\n'),
        fc.nat(400),
        fc.integer({ min: 1, max: 300 }),
        async (mutations, eol, cutTail, chunk) => {
          const data = Buffer.concat([
            Buffer.concat(head.flatMap((l) => [l, Buffer.from(eol)])),
            mutate(body, mutations, eol),
          ]);
          const cut = data.subarray(0, Math.max(0, data.length - cutTail));
          await expectSameReading(f.format, cut, chunk, 'Europe/Amsterdam');
        },
      ),
      // The suite's share of it; `npm run fuzz -- --target <format>` mutates these readers for as long as asked.
      { numRuns: 150 },
    );
  });

  it('random bytes after the header (fuzz)', async () => {
    const text = f.generate(2, 1).replace(/\r\n/g, '\n');
    const head = Buffer.from(`${text.split('\n').slice(0, f.header).join('\n')}\n`);
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 600 }), fc.integer({ min: 1, max: 64 }), async (junk, chunk) => {
        await expectSameReading(f.format, Buffer.concat([head, junk]), chunk, null);
      }),
      { numRuns: 80 },
    );
  });
});

describe('netfilter: UFW AUDIT lines pair with their decision line across the two readers', () => {
  it('pairs and unpairs the same whichever reader reads each line', async () => {
    const base =
      'Feb 27 22:00:02 gw kernel: [40693602.000000] [UFW PREFIX] IN=eth0 OUT= SRC=203.0.113.9 DST=192.168.1.12 LEN=60 TOS=0x00 PREC=0x00 TTL=50 ID=4242 DF PROTO=TCP SPT=40000 DPT=22 WINDOW=100 RES=0x00 SYN URGP=0';
    const v6 =
      'Feb 27 22:00:03 gw kernel: [UFW PREFIX] IN=eth0 OUT= SRC=2001:0db8::0001 DST=2001:db8::2 LEN=80 TC=0 HOPLIMIT=64 FLOWLBL=77 PROTO=UDP SPT=5353 DPT=53';
    // 'é' in the prefix sends a line to the text reader (the byte reader declines non-ASCII there).
    const variants = (line: string) =>
      ['AUDIT', 'BLOCK', 'AUDIT é', 'BLOCK é', 'ALLOW'].map((p) => line.replace('PREFIX', p));
    const lines: string[] = [];
    for (const line of [base, v6]) {
      const [audit = '', block = '', auditText = '', blockText = '', allow = ''] = variants(line);
      lines.push(audit, block, auditText, block, audit, blockText, auditText, blockText, audit, audit, allow);
      lines.push(audit, line.replace('PREFIX', 'BLOCK').replace('ID=4242', 'ID=4243'), audit);
    }
    const data = Buffer.from(`${lines.join('\n')}\n`);
    for (const chunk of [data.length + 1, 37]) await expectSameReading(netfilterFormat, data, chunk, null);
    const r = await read(netfilterFormat, data, data.length + 1, null);
    expect(r.records.length).toBeLessThan(lines.length);
  });
});
