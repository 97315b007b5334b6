import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writePcap } from '../../src/writer/pcap-writer.js';
import { snoopHeader, snoopRecord, writeSnoop } from '../../src/writer/snoop-writer.js';
import { samplePacket } from '../ingest/capture-helpers.js';

const hasEditcap = spawnSync('editcap', ['--version']).status === 0;
const dir = mkdtempSync(join(tmpdir(), 'outflow-snoop-writer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const packets = Array.from({ length: 9 }, (_, i) => ({
  data: samplePacket(i, 14 + i * 13),
  tsMicros: 1_700_000_000_000_000 + i * 999_999,
  ...(i === 2 ? { origLen: 1514 } : {}),
}));

describe('snoop writer', () => {
  it('writes the RFC 1761 header and 4-byte aligned records, big-endian', () => {
    expect(snoopHeader({ datalink: 0x80000005 }).toString('hex')).toBe('736e6f6f700000000000000280000005');
    const r = snoopRecord({ data: Buffer.from('abcde'), tsMicros: 1_000_002_500_000, origLen: 60, drops: 3 });
    expect(r.length).toBe(32);
    expect(r.readUInt32BE(0)).toBe(60);
    expect(r.readUInt32BE(4)).toBe(5);
    expect(r.readUInt32BE(8)).toBe(32);
    expect(r.readUInt32BE(12)).toBe(3);
    expect(r.readUInt32BE(16)).toBe(1_000_002);
    expect(r.readUInt32BE(20)).toBe(500_000);
    expect(r.subarray(24, 29).toString()).toBe('abcde');
    expect(snoopRecord({ data: Buffer.alloc(4), tsMicros: 0, padding: 16 }).length).toBe(44);
  });

  it.skipIf(!hasEditcap)('writes the same bytes as editcap -F snoop', () => {
    const pcap = join(dir, 'in.pcap');
    const out = join(dir, 'out.snoop');
    writeFileSync(pcap, writePcap({ linkType: 1 }, packets));
    execFileSync('editcap', ['-F', 'snoop', pcap, out], { stdio: 'ignore' });
    expect(readFileSync(out).equals(writeSnoop({}, packets))).toBe(true);
  });
});
