import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeNetmon } from '../../src/writer/netmon-writer.js';
import { samplePacket } from '../ingest/capture-helpers.js';

const T0 = 1_600_000_000_123_456;
const frames = [0, 1, 2].map((i) => ({ data: samplePacket(i, 60 + i), tsMicros: T0 + i * 1001 }));

function hasTshark(): boolean {
  try {
    execFileSync('tshark', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('Network Monitor 2.x writer', () => {
  it('lays out header, frames, frame table and sections as NetMon 3.4 does', () => {
    const file = writeNetmon({ comments: Buffer.alloc(8, 1), extendedInfo: Buffer.alloc(4, 2) }, frames);
    expect(file.toString('latin1', 0, 4)).toBe('GMBU');
    expect([file[4], file[5], file.readUInt16LE(6)]).toEqual([3, 2, 1]);
    expect(file.readUInt16LE(8)).toBe(2020); // SYSTEMTIME year of T0
    const tableOffset = file.readUInt32LE(24);
    expect(file.readUInt32LE(28)).toBe(12);
    expect([0, 1, 2].map((i) => file.readUInt32LE(tableOffset + i * 4))).toEqual([72, 72 + 91, 72 + 91 + 92]);
    expect(file.readUInt32LE(40)).toBe(tableOffset + 12);
    expect(file.readUInt32LE(56)).toBe(tableOffset + 20);
    expect(file.length).toBe(tableOffset + 24);
  });

  it('pads the header to 128 bytes on request and writes 2.0 frames without a trailer', () => {
    const file = writeNetmon({ minor: 0, padHeader: true }, frames);
    expect(file.readUInt32LE(file.readUInt32LE(24))).toBe(128);
    expect(file.readUInt32LE(28)).toBe(12);
    expect(file.readUInt32LE(24)).toBe(128 + 3 * 16 + 60 + 61 + 62);
  });

  describe.skipIf(!hasTshark())('read back by tshark', () => {
    for (const [minor, padHeader] of [
      [0, true],
      [1, false],
      [2, false],
      [3, false],
    ] as const) {
      it(`2.${minor}: same frames, times and lengths`, () => {
        const dir = mkdtempSync(join(tmpdir(), 'outflow-netmon-'));
        const path = join(dir, 'w.cap');
        const ip = samplePacket(9, 40);
        ip[0] = 0x45;
        const all = [...frames, ...(minor > 0 ? [{ data: ip, tsMicros: T0 + 5000, mediaType: 9 }] : [])];
        writeFileSync(path, writeNetmon({ minor, padHeader }, all));
        const out = execFileSync(
          'tshark',
          ['-r', path, '-T', 'fields', '-e', 'frame.time_epoch', '-e', 'frame.len', '-e', 'frame.encap_type'],
          {
            encoding: 'utf8',
            env: { ...process.env, TZ: 'UTC', WIRESHARK_CONFIG_DIR: dir },
            stdio: ['ignore', 'pipe', 'ignore'],
          },
        );
        const rows = out
          .trim()
          .split('\n')
          .map((l) => l.split('\t'));
        expect(rows.map((r) => Math.round(Number(r[0]) * 1e6))).toEqual(all.map((f) => f.tsMicros));
        expect(rows.map((r) => Number(r[1]))).toEqual(all.map((f) => f.data.length));
        expect(rows.map((r) => r[2])).toEqual(all.map((f) => ('mediaType' in f ? '7' : '1')));
      });
    }
  });
});
