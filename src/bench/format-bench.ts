/**
 * Each capture format's reader on the same packets: the first packets of the benchmark capture written by the
 * project's writers as pcap, snoop, Network Monitor 2.3, pktmon ETL (compressed buffers, as pktmon writes them),
 * and the pcap gzip- and lz4-compressed, then read by outflow's reader (every record, no decoding). The files
 * are made once per run in a temporary folder; the rates are MB/s of the file as it lies on disk, and
 * packets/s, so formats with larger or smaller framing compare fairly by packets.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Anomalies } from '../core/anomalies.js';
import { readCapture } from '../ingest/capture-reader.js';
import { openInput } from '../ingest/source.js';
import { writeEtl } from '../writer/etl-writer.js';
import { writeLz4Frame } from '../writer/lz4-frame-writer.js';
import { writeNetmon } from '../writer/netmon-writer.js';
import { writePcap } from '../writer/pcap-writer.js';
import { writeSnoop } from '../writer/snoop-writer.js';

/** Packets taken from the benchmark capture (about 60 MB of frames). */
const PACKETS = 120_000;

export interface FormatResult {
  format: string;
  bytes: number;
  seconds: number;
  packets: number;
}

async function readAll(path: string): Promise<number> {
  let n = 0;
  await readCapture(
    await openInput(path),
    {
      packet() {
        n++;
      },
    },
    new Anomalies(),
  );
  return n;
}

async function firstPackets(path: string): Promise<{ data: Uint8Array; tsMicros: number }[]> {
  const out: { data: Uint8Array; tsMicros: number }[] = [];
  await readCapture(
    await openInput(path),
    {
      packet(_frame, _linkType, data, _origLen, tsMicros) {
        if (out.length < PACKETS) out.push({ data: data.slice(), tsMicros });
      },
    },
    new Anomalies(),
  );
  return out;
}

export async function benchFormats(benchCapture: string): Promise<FormatResult[]> {
  const frames = await firstPackets(benchCapture);
  const dir = mkdtempSync(join(tmpdir(), 'outflow-format-bench-'));
  try {
    const pcap = writePcap({ linkType: 1 }, frames);
    const files: [string, Uint8Array][] = [
      ['pcap', pcap],
      ['snoop', writeSnoop({}, frames)],
      ['netmon', writeNetmon({ minor: 3 }, frames)],
      [
        'etl (pktmon)',
        writeEtl(
          frames.map((f, i) => ({ kind: 'pktmon' as const, tsMicros: f.tsMicros, data: f.data, groupId: i + 1 })),
          { compress: true },
        ),
      ],
      ['pcap, gzip', gzipSync(pcap)],
      ['pcap, lz4', writeLz4Frame(pcap)],
    ];
    const results: FormatResult[] = [];
    for (const [format, bytes] of files) {
      const path = join(dir, format.replace(/[^a-z0-9]+/g, '-'));
      writeFileSync(path, bytes);
      let best = Number.POSITIVE_INFINITY;
      let packets = 0;
      for (let run = 0; run < 2; run++) {
        const started = process.hrtime.bigint();
        packets = await readAll(path);
        best = Math.min(best, Number(process.hrtime.bigint() - started) / 1e9);
      }
      results.push({ format, bytes: bytes.length, seconds: best, packets });
    }
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
