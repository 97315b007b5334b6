/**
 * Seed captures for the fuzzer, made at startup by the project's own writers (src/writer/) from the sample
 * scenarios (src/samples/): a few short windows of the admin PC's working day (DNS, TLS, QUIC, plain HTTP) in
 * every capture format, and the decrypted-telemetry pcapng with its Decryption Secrets Block (TLS 1.2/1.3, QUIC,
 * HTTP/1.1, /2, /3 read with the keys it carries). Small on purpose: every execution reads a whole seed.
 */
import { spawnSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { adminPcWorkday } from '../../samples/admin-pc-workday.js';
import { telemetryDecryptedPcapng } from '../../samples/telemetry-decrypted.js';
import { writeEtl } from '../../writer/etl-writer.js';
import { writeLz4Frame } from '../../writer/lz4-frame-writer.js';
import { writeNetmon } from '../../writer/netmon-writer.js';
import { writePcap } from '../../writer/pcap-writer.js';
import { PcapngWriter } from '../../writer/pcapng-writer.js';
import { writeSnoop } from '../../writer/snoop-writer.js';

type Frames = [Uint8Array, number][];

/** Seeds are made once per thread: some take a second (TLS sessions, the zstd tool). */
function once<T>(make: () => T): () => T {
  let memo: { value: T } | null = null;
  return () => {
    memo ??= { value: make() };
    return memo.value;
  };
}

let windowsMemo: Frames[] | null = null;

/** Short runs of consecutive frames from several points of the scenario (its start has the DNS lookups). */
function windows(): Frames[] {
  if (windowsMemo !== null) return windowsMemo;
  const all = adminPcWorkday();
  const out: Frames[] = [];
  const size = 24;
  for (const at of [0, 0.1, 0.25, 0.4, 0.55, 0.7, 0.85, 0.97]) {
    const from = Math.floor(at * Math.max(0, all.length - size));
    out.push(all.slice(from, from + size).filter(([f]) => f.length <= 1600));
  }
  // The smallest frames (DNS, handshakes, ACKs): dense in headers.
  out.push(all.filter(([f]) => f.length < 200).slice(0, 40));
  windowsMemo = out;
  return out;
}

export const pcapSeeds = once((): Uint8Array[] => {
  const out = windows().map((w) =>
    writePcap(
      { linkType: 1 },
      w.map(([data, tsMicros]) => ({ data, tsMicros })),
    ),
  );
  out.push(
    writePcap(
      { linkType: 1, nanosecond: true, bigEndian: true },
      (windows()[0] ?? []).map(([data, tsMicros]) => ({ data, tsMicros })),
    ),
  );
  return out;
});

export const pcapngSeeds = once((): Uint8Array[] => {
  const out: Uint8Array[] = [telemetryDecryptedPcapng().bytes];
  for (const w of windows().slice(0, 5)) {
    const p = new PcapngWriter().section();
    p.interface({ linkType: 1, tsresol: 9, name: 'eth0' });
    p.interface({ linkType: 1, snaplen: 96 });
    p.nrb([10, 0, 0, 1], 'host.corp.example');
    w.forEach(([data, ts], i) => {
      if (i % 5 === 4) p.spb(data);
      else p.epb(data, ts, { interfaceId: i % 2, options: i === 0 ? [{ code: 1, value: Buffer.from('c') }] : [] });
    });
    p.isb(0);
    out.push(p.toBuffer());
  }
  return out;
});

export const snoopSeeds = once((): Uint8Array[] => {
  return windows()
    .slice(0, 4)
    .map((w) =>
      writeSnoop(
        {},
        w.map(([data, tsMicros]) => ({ data, tsMicros })),
      ),
    );
});

export const netmonSeeds = once((): Uint8Array[] => {
  return windows()
    .slice(0, 4)
    .map((w, i) =>
      writeNetmon(
        { minor: i % 4, padHeader: i === 1 },
        w.map(([data, tsMicros]) => ({ data, tsMicros })),
      ),
    );
});

export const etlSeeds = once((): Uint8Array[] => {
  return windows()
    .slice(0, 4)
    .map((w, i) =>
      writeEtl(
        w.map(([data, tsMicros], k) => ({
          kind: 'pktmon' as const,
          tsMicros,
          data,
          groupId: 1 + (k % 3),
          pktNumber: k,
        })),
        { compress: i % 2 === 1, clock: i === 2 ? 'filetime' : 'qpc', bufferBytes: 4096 },
      ),
    );
});

/** The same captures compressed: the compressed bytes are what gets mutated. */
export const gzipSeeds = once((): Uint8Array[] => {
  return [...pcapSeeds().slice(0, 3), ...pcapngSeeds().slice(0, 2)].map((b) => gzipSync(b));
});

export const lz4Seeds = once((): Uint8Array[] => {
  const [a = new Uint8Array(0), b = new Uint8Array(0), c = new Uint8Array(0)] = pcapSeeds();
  const [d = new Uint8Array(0)] = pcapngSeeds();
  return [
    writeLz4Frame(a),
    writeLz4Frame(b, { independent: false, blockChecksum: true, contentSize: true, blockBytes: 4096 }),
    writeLz4Frame(c, { mode: 'stored' }),
    writeLz4Frame(d, { blockSizeCode: 5, blockBytes: 1000 }),
  ];
});

/**
 * zstd frames from the `zstd` tool when installed (real compressed blocks, through fzstd); otherwise hand-made
 * frames of raw blocks, which still exercise the frame and block headers.
 */
export const zstdSeeds = once((): Uint8Array[] => {
  const plain = [...pcapSeeds().slice(0, 3), ...pcapngSeeds().slice(0, 1)];
  const out: Uint8Array[] = [];
  for (const [i, b] of plain.entries()) {
    const r = spawnSync('zstd', ['-c', '-q', `-${1 + i * 4}`, ...(i === 1 ? ['--no-check'] : [])], { input: b });
    if (r.status === 0 && r.stdout.length > 0) out.push(r.stdout);
  }
  if (out.length === 0) for (const b of plain) out.push(rawZstdFrame(b));
  return out;
});

/** A zstd frame (RFC 8878) of raw blocks: no window descriptor (single segment), 4-byte content size. */
function rawZstdFrame(data: Uint8Array): Buffer {
  const parts: Buffer[] = [Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0xa0])];
  const size = Buffer.alloc(4);
  size.writeUInt32LE(data.length);
  parts.push(size);
  const block = 64 * 1024;
  for (let at = 0; at < data.length || at === 0; at += block) {
    const piece = data.subarray(at, at + block);
    const last = at + block >= data.length;
    const h = (piece.length << 3) | (last ? 1 : 0);
    parts.push(Buffer.from([h & 0xff, (h >> 8) & 0xff, (h >> 16) & 0xff]), Buffer.from(piece));
    if (data.length === 0) break;
  }
  return Buffer.concat(parts);
}
