/**
 * The closing line and --stats say what was read (issue #20): lines and bytes for logs, packets and bytes for
 * captures, both for mixed inputs, with a rate that is not rounded to 0. Before, a log run said
 * "1 input(s), 0 packets, 2995 flows in 0.16 s (0 MB/s)" and --stats gave the log 0 bytes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from './helpers.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const LINES = 200;
const log = join(tmp.dir, 'pfirewall.log');
const header = [
  '#Version: 1.5',
  '#Software: Microsoft Windows Firewall',
  '#Time Format: Local',
  '#Fields: date time action protocol src-ip dst-ip src-port dst-port size tcpflags tcpsyn tcpack tcpwin icmptype icmpcode info path pid',
  '',
];
const body = Array.from(
  { length: LINES - header.length },
  (_, i) =>
    `2024-03-30 22:00:${String(i % 60).padStart(2, '0')} ALLOW TCP 192.168.1.12 25.0.${i}.7 ${50000 + i} 443 0 - 0 0 0 - - - SEND 8500`,
);
// The last line has no newline: it is a line all the same.
const text = [...header, ...body].join('\n');
writeFileSync(log, text);
const logBytes = Buffer.byteLength(text);

interface Stats {
  inputs: { file: string; bytes: number; lines?: number; packets: number | null }[];
}

describe('the closing line of a run', () => {
  it('a log: lines and bytes, no packets, and a rate above 0', () => {
    const r = runCli(['flows', log, '-f', 'ndjson', '--timezone', 'UTC', '--stats', join(tmp.dir, 'log.json')]);
    expect(r.status, r.stderr).toBe(0);
    const line = r.stderr.split('\n').find((l) => l.includes('input(s)')) ?? '';
    expect(line).toMatch(new RegExp(`^outflow: 1 input\\(s\\), ${LINES} lines, 0\\.0\\d MB, \\d+ flows in `));
    expect(line).not.toContain('packets');
    expect(line).not.toMatch(/\(0(\.0+)? MB\/s\)/);
    const stats = JSON.parse(readFileSync(join(tmp.dir, 'log.json'), 'utf8')) as Stats;
    expect(stats.inputs).toMatchObject([{ file: log, bytes: logBytes, lines: LINES, packets: null }]);
  });

  it('a capture and a log, read in worker threads: packets, lines and the bytes of both', () => {
    const r = runCli([
      'flows',
      'samples/admin-pc-workday.pcap',
      log,
      '--jobs',
      '2',
      '-f',
      'ndjson',
      '--timezone',
      'UTC',
      '--stats',
      join(tmp.dir, 'mixed.json'),
    ]);
    expect(r.status, r.stderr).toBe(0);
    const stats = JSON.parse(readFileSync(join(tmp.dir, 'mixed.json'), 'utf8')) as Stats;
    const [capture, logInput] = stats.inputs;
    expect(logInput).toMatchObject({ bytes: logBytes, lines: LINES, packets: null });
    expect(capture?.lines).toBeUndefined();
    const mb = ((capture?.bytes ?? 0) + logBytes) / 1e6;
    expect(r.stderr).toContain(
      `outflow: 2 input(s), ${capture?.packets} packets, ${LINES} lines, ${mb.toFixed(2)} MB, `,
    );
  });
});
