import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { MIN_REDRAW_MS, progressWanted, ReadProgress, runLine } from '../../src/cli/progress.js';
import { Anomalies } from '../../src/core/anomalies.js';
import { type InputProgress, readInputs } from '../../src/pipeline/read-inputs.js';
import { writePcap } from '../../src/writer/pcap-writer.js';

function harness(enabled = true, columns = 120) {
  let t = 1000;
  const writes: string[] = [];
  const p = new ReadProgress({ enabled, write: (s) => writes.push(s), now: () => t, columns });
  return {
    p,
    writes,
    tick: (ms: number) => {
      t += ms;
    },
  };
}

describe('ReadProgress', () => {
  it('shows bytes of total, rate and ETA, redrawn at most every MIN_REDRAW_MS', () => {
    const { p, writes, tick } = harness();
    p.begin('big.pcap', 100_000_000, 0, 1);
    expect(writes).toEqual(['\r\x1b[Koutflow: reading big.pcap  0 B of 100 MB (0%)']);
    tick(50);
    p.advance(1_000_000);
    expect(writes).toHaveLength(1); // too soon
    tick(MIN_REDRAW_MS - 50);
    p.advance(9_000_000);
    expect(writes).toHaveLength(2);
    // 10 MB in 0.2 s = 50 MB/s; 90 MB left = 1.8 s.
    expect(writes[1]).toBe('\r\x1b[Koutflow: reading big.pcap  10.0 MB of 100 MB (10%)  50.0 MB/s  ETA 2 s');
    for (let i = 0; i < 100; i++) {
      tick(10);
      p.advance(100);
    }
    // 1 s of calls every 10 ms: about five redraws, not a hundred.
    expect(writes.length - 2).toBe(5);
    p.end();
    expect(writes.at(-1)).toBe('\r\x1b[K');
    expect(p.totalBytes).toBe(10_010_000);
  });

  it('has no total or ETA when the size is unknown, and numbers the inputs', () => {
    const { p, tick } = harness();
    p.begin('stdin', null, 1, 3);
    tick(1000);
    p.advance(2_500_000);
    expect(p.line()).toBe('outflow: reading [2/3] stdin  2.50 MB  2.50 MB/s');
  });

  it('counts but never writes when disabled, and does not erase what it never drew', () => {
    const { p, writes, tick } = harness(false);
    p.begin('a.pcap', 10, 0, 1);
    tick(1000);
    p.advance(10);
    p.end();
    expect(writes).toEqual([]);
    expect(p.totalBytes).toBe(10);
    expect(p.elapsedSeconds()).toBe(1);
  });

  it('escapes hostile file names and never wraps', () => {
    const { p } = harness(true, 40);
    p.begin(`evil\x1b]0;title\x07${'x'.repeat(80)}.pcap`, 1000, 0, 1);
    const line = p.line();
    expect([...line].some((c) => c.charCodeAt(0) < 0x20)).toBe(false);
    expect(line).toContain('evil\\x1b]0;title\\x07');
    expect([...line].length).toBeLessThanOrEqual(39);
    expect(line.endsWith('…')).toBe(true);
  });
});

describe('progressWanted', () => {
  it('is on for a TTY only, off with --quiet or CI', () => {
    expect(progressWanted({ isTTY: true }, false, {})).toBe(true);
    expect(progressWanted({ isTTY: false }, false, {})).toBe(false);
    expect(progressWanted({}, false, {})).toBe(false);
    expect(progressWanted({ isTTY: true }, true, {})).toBe(false);
    expect(progressWanted({ isTTY: true }, false, { CI: 'true' })).toBe(false);
    expect(progressWanted({ isTTY: true }, false, { CI: '1' })).toBe(false);
    expect(progressWanted({ isTTY: true }, false, { CI: 'false' })).toBe(true);
  });
});

describe('runLine', () => {
  it('summarises a run', () => {
    expect(
      runLine({ inputs: 2, packets: 1234, lines: null, flows: 56, skipped: 3, bytes: 54_000_000, seconds: 1.2 }),
    ).toBe('2 input(s), 1234 packets, 54.0 MB, 56 flows, 3 skipped in 1.20 s (45.0 MB/s)');
    expect(runLine({ inputs: 1, packets: 0, lines: null, flows: 0, skipped: 0, bytes: 0, seconds: 0 })).toMatch(
      /\(- MB\/s\)$/,
    );
  });

  it('says lines for logs, both for mixed inputs, and a rate a small log does not round to 0 (issue #20)', () => {
    // Before: "1 input(s), 0 packets, 2995 flows, 0 skipped in 1.34 s (0 MB/s)" for a 0.2 MB log.
    expect(runLine({ inputs: 1, packets: null, lines: 3000, flows: 2995, bytes: 212_000, seconds: 1.34 })).toBe(
      '1 input(s), 3000 lines, 0.21 MB, 2995 flows in 1.34 s (0.16 MB/s)',
    );
    expect(runLine({ inputs: 2, packets: 3085, lines: 3000, flows: 3037, bytes: 3_500_000, seconds: 0.3 })).toBe(
      '2 input(s), 3085 packets, 3000 lines, 3.50 MB, 3037 flows in 0.30 s (11.7 MB/s)',
    );
  });

  it('counts the lines of log inputs as they are read', () => {
    const p = new ReadProgress({ enabled: false, write: () => undefined, now: () => 0 });
    expect(p.totalLines).toBeNull();
    p.lines(3);
    p.lines(4);
    expect(p.totalLines).toBe(7);
  });
});

describe('readInputs progress', () => {
  const dir = mkdtempSync(join(tmpdir(), 'outflow-progress-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const packets = Array.from({ length: 50 }, (_, i) => ({ data: new Uint8Array(200).fill(i), tsMicros: i * 1000 }));
  const pcap = writePcap({ linkType: 1 }, packets);
  writeFileSync(join(dir, 'a.pcap'), pcap);
  writeFileSync(join(dir, 'b.pcap.gz'), gzipSync(pcap));

  function recorder(): InputProgress & { calls: string[]; bytes: number } {
    return {
      calls: [],
      bytes: 0,
      begin(file, size, index, count) {
        this.calls.push(`begin ${file.slice(dir.length + 1)} ${size} ${index}/${count}`);
      },
      advance(n) {
        this.bytes += n;
      },
      end() {
        this.calls.push('end');
      },
    };
  }

  it('counts every byte the readers consume; gzip inputs have no known total', async () => {
    const r = recorder();
    const files = [join(dir, 'a.pcap'), join(dir, 'b.pcap.gz')];
    await readInputs(files, { anomalies: new Anomalies(), onFlow: () => {}, progress: r });
    expect(r.calls).toEqual([`begin a.pcap ${pcap.length} 0/2`, 'begin b.pcap.gz null 1/2', 'end']);
    expect(r.bytes).toBe(2 * pcap.length);
  });
});
