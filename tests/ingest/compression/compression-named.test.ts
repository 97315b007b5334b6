/**
 * The compression of each input is named where the input is: `-v`'s line per input and the report's
 * metadata.inputs[].compression (schema 1.3.0), for zstd and lz4 as for gzip; they once said only "(gzip)".
 * The real CLI on the same capture written plain and in each compression.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import type { Report } from '../../../src/report/model.js';
import { writeLz4Frame } from '../../../src/writer/lz4-frame-writer.js';
import { writePcap } from '../../../src/writer/pcap-writer.js';
import { runCli, scenarioFrames, tempDir, writeTinyGeoip } from '../../e2e/helpers.js';
import { zstdTestFrame } from './zstd-test-frames.js';

const { dir, cleanup } = tempDir();
afterAll(cleanup);
const pcap = writePcap(
  { linkType: 1 },
  scenarioFrames().map(([data, tsMicros]) => ({ data, tsMicros })),
);
const inputs = {
  'plain.pcap': pcap,
  'gzip.pcap.gz': gzipSync(pcap),
  'zstd.pcap.zst': zstdTestFrame(pcap),
  'lz4.pcap.lz4': writeLz4Frame(pcap),
};
const paths = Object.entries(inputs).map(([name, bytes]) => {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
});

describe('the compression of an input is named', () => {
  it('in the -v line of each input read and in --stats', () => {
    const stats = join(dir, 'stats.json');
    const run = runCli(['flows', ...paths, '--format', 'ndjson', '-v', '--stats', stats]);
    expect(run.status).toBe(0);
    const written = JSON.parse(readFileSync(stats, 'utf8')) as { inputs: { compression: string | null }[] };
    expect(written.inputs.map((i) => i.compression).sort()).toEqual(['gzip', 'lz4', 'zstd', null].sort());
    const lines = run.stderr.split('\n').filter((l) => l.startsWith('outflow: read '));
    expect(lines).toHaveLength(4);
    const named = (name: string) => lines.find((l) => l.includes(name)) ?? '';
    expect(named('plain.pcap')).toMatch(/: pcap, /);
    expect(named('gzip.pcap.gz')).toMatch(/: pcap \(gzip\), /);
    expect(named('zstd.pcap.zst')).toMatch(/: pcap \(zstd\), /);
    expect(named('lz4.pcap.lz4')).toMatch(/: pcap \(lz4\), /);
  });

  it('in the report, with gzip kept for older readers', () => {
    const json = join(dir, 'report.json');
    const md = join(dir, 'report.md');
    const geoip = writeTinyGeoip(dir);
    const args = ['audit', ...paths, '--geoip-dir', geoip, '--as-of', '2026-11-29', '--fail-on', 'never'];
    const run = runCli([...args, '-o', json, '-o', md, '-q']);
    expect(run.status).toBe(0);
    const report = JSON.parse(readFileSync(json, 'utf8')) as Report;
    const byFile = new Map(report.metadata.inputs.map((i) => [i.file.split(/[\\/]/).pop(), i]));
    expect(byFile.get('plain.pcap')).toMatchObject({ compression: null, gzip: false });
    expect(byFile.get('gzip.pcap.gz')).toMatchObject({ compression: 'gzip', gzip: true });
    expect(byFile.get('zstd.pcap.zst')).toMatchObject({ compression: 'zstd', gzip: false });
    expect(byFile.get('lz4.pcap.lz4')).toMatchObject({ compression: 'lz4', gzip: false });
    const markdown = readFileSync(md, 'utf8');
    expect(markdown).toContain('pcap (zstd)');
    expect(markdown).toContain('pcap (lz4)');
  });
});
