/**
 * Test helpers: a minimal classic pcap file (libpcap format, little-endian, microseconds) and running tshark on
 * it as an oracle. The project's own pcap writer lives in src/writer; this keeps the decoder tests standalone.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PcapRecord {
  data: Uint8Array;
  /** Microseconds since the epoch; default: 1 s apart from 1_700_000_000 s. */
  tsMicros?: number;
  /** Length on the wire; default data.length (larger means cut by the snap length). */
  origLen?: number;
}

export function pcapBytes(linkType: number, records: PcapRecord[], snaplen = 262144): Uint8Array {
  const parts: Buffer[] = [];
  const head = Buffer.alloc(24);
  head.writeUInt32LE(0xa1b2c3d4, 0);
  head.writeUInt16LE(2, 4);
  head.writeUInt16LE(4, 6);
  head.writeUInt32LE(snaplen, 16);
  head.writeUInt32LE(linkType, 20);
  parts.push(head);
  records.forEach((r, i) => {
    const ts = r.tsMicros ?? (1_700_000_000 + i) * 1_000_000;
    const h = Buffer.alloc(16);
    h.writeUInt32LE(Math.floor(ts / 1_000_000), 0);
    h.writeUInt32LE(ts % 1_000_000, 4);
    h.writeUInt32LE(r.data.length, 8);
    h.writeUInt32LE(r.origLen ?? r.data.length, 12);
    parts.push(h, Buffer.from(r.data));
  });
  return Buffer.concat(parts);
}

export function hasTshark(): boolean {
  try {
    execFileSync('tshark', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** One conversation row of `tshark -q -z conv,<proto>`: "a:port <-> b:port" and the total frame count. */
export interface TsharkConv {
  a: string;
  b: string;
  frames: number;
}

/** Writes the records to a temporary pcap and returns tshark's conversations for udp/tcp/ip/ipv6. */
export function tsharkConversations(linkType: number, records: PcapRecord[], proto: string): TsharkConv[] {
  const dir = mkdtempSync(join(tmpdir(), 'outflow-decode-'));
  const file = join(dir, 'test.pcap');
  writeFileSync(file, pcapBytes(linkType, records));
  const env = { ...process.env, WIRESHARK_CONFIG_DIR: dir };
  const text = execFileSync('tshark', ['-n', '-r', file, '-q', '-z', `conv,${proto}`], { env, encoding: 'utf8' });
  const rows: TsharkConv[] = [];
  for (const line of text.split('\n')) {
    // "a:port <-> b:port  framesA bytesA unit  framesB bytesB unit  frames bytes unit  start duration"
    const parts = line.trim().split(/\s+/);
    if (parts[1] !== '<->' || parts.length < 12) continue;
    rows.push({ a: parts[0] ?? '', b: parts[2] ?? '', frames: Number(parts[9]) });
  }
  return rows;
}
