/**
 * The reader decision in numbers: our streaming reader against the design card's pcap-parser and a bare loop
 * over the same file's record headers (the floor), each iterating every packet record without decoding.
 */
import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import { Anomalies } from '../core/anomalies.js';
import { readCapture } from '../ingest/capture-reader.js';
import { openInput } from '../ingest/source.js';

export interface ReaderResult {
  name: string;
  seconds: number;
  note: string;
}

async function timeIt(fn: () => Promise<number>): Promise<[number, number]> {
  const t = process.hrtime.bigint();
  const n = await fn();
  return [Number(process.hrtime.bigint() - t) / 1e9, n];
}

async function ours(path: string): Promise<number> {
  let n = 0;
  const source = await openInput(path);
  await readCapture(
    source,
    {
      packet() {
        n++;
      },
    },
    new Anomalies(),
  );
  return n;
}

/** The floor: walk the classic-pcap record headers of 1 MiB chunks, nothing else. */
async function bareLoop(path: string): Promise<number> {
  let n = 0;
  let carry: Buffer = Buffer.alloc(0);
  let first = true;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    const buf: Buffer = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
    let pos = first ? 24 : 0;
    first = false;
    while (pos + 16 <= buf.length) {
      const len = buf.readUInt32LE(pos + 8);
      if (pos + 16 + len > buf.length) break;
      pos += 16 + len;
      n++;
    }
    carry = buf.subarray(pos);
  }
  return n;
}

interface PcapParserModule {
  parse(input: string): {
    on(event: 'packet', fn: () => void): void;
    on(event: 'end' | 'error', fn: (e?: unknown) => void): void;
  };
}

async function pcapParser(path: string): Promise<number> {
  const require = createRequire(import.meta.url);
  const mod = require('pcap-parser') as PcapParserModule;
  return new Promise((resolve, reject) => {
    let n = 0;
    const p = mod.parse(path);
    p.on('packet', () => {
      n++;
    });
    p.on('end', () => resolve(n));
    p.on('error', reject);
  });
}

export async function benchReaders(path: string): Promise<ReaderResult[]> {
  const out: ReaderResult[] = [];
  const [tb, nb] = await timeIt(() => bareLoop(path));
  out.push({ name: 'bare record-header loop (floor)', seconds: tb, note: `${nb} records` });
  const [to, no] = await timeIt(() => ours(path));
  out.push({ name: 'outflow reader', seconds: to, note: `${no} packets` });
  try {
    const [tp, np] = await timeIt(() => pcapParser(path));
    out.push({ name: 'pcap-parser 0.2.1', seconds: tp, note: `${np} packets; no pcapng, no ns timestamps` });
  } catch (e) {
    out.push({ name: 'pcap-parser', seconds: Number.NaN, note: `not run: ${String(e)}` });
  }
  return out;
}
