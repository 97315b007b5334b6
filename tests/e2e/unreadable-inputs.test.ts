/**
 * Inputs that cannot be read are I/O failures, not bugs and not a reason to lose the other inputs (issue #20):
 * a missing file, a file without read permission inside a directory input, a subdirectory that cannot be
 * listed. Each gets one line naming the path and the cause, the run reads and writes the rest, counts what it
 * skipped (`input-unreadable`) and ends with code 2 (exit codes: docs/unattended.md). Before, the first such file
 * ended the whole run, and an unlistable directory was silently left out.
 */
import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, repoRoot, runCli, tempDir } from './helpers.js';

const tmp = tempDir();
afterAll(() => {
  spawnSync('chmod', ['-R', 'u+rwx', tmp.dir]);
  tmp.cleanup();
});

const sample = join(repoRoot, 'samples', 'admin-pc-workday.pcap');
const isRoot = process.getuid?.() === 0;
/** Root reads whatever the permissions say: as root, the CLI runs as "nobody" for the permission test. */
const NOBODY = 65534;
const canDropPrivileges =
  isRoot && spawnSync(process.execPath, ['-e', ''], { uid: NOBODY, gid: NOBODY, cwd: '/' }).status === 0;

function flowLines(stdout: string): number {
  return stdout.split('\n').filter((l) => l.startsWith('{')).length;
}

describe('inputs that cannot be read', () => {
  it('a missing file among others: one line, the others read, counted, exit 2', () => {
    const stats = join(tmp.dir, 'stats.json');
    const r = runCli(['flows', sample, join(tmp.dir, 'gone.pcap'), '-f', 'ndjson', '--stats', stats]);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toContain(`outflow: cannot read ${join(tmp.dir, 'gone.pcap')}: no such file (skipped)\n`);
    expect(r.stderr).not.toContain('internal error');
    expect(flowLines(r.stdout)).toBeGreaterThan(0);
    const skipped = (JSON.parse(readFileSync(stats, 'utf8')) as { skipped: { reason: string; count: number }[] })
      .skipped;
    expect(skipped).toContainEqual(expect.objectContaining({ reason: 'input-unreadable', count: 1 }));
  });

  it('the same with worker threads reading', () => {
    const r = runCli(['flows', join(tmp.dir, 'gone.pcap'), sample, '--jobs', '2', '-f', 'ndjson']);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toContain('gone.pcap: no such file (skipped)');
    expect(flowLines(r.stdout)).toBeGreaterThan(0);
  });

  it('requests does the same', () => {
    const r = runCli(['requests', join(tmp.dir, 'gone.pcap'), 'samples/telemetry-decrypted.pcapng', '-f', 'ndjson']);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toContain(`outflow: cannot read ${join(tmp.dir, 'gone.pcap')}: no such file (skipped)\n`);
    expect(r.stderr).toMatch(/^\d+ requests from 2 inputs/m);
  });

  it('a single input that cannot be read fails as before: one line, nothing written', () => {
    const r = runCli(['flows', join(tmp.dir, 'gone.pcap'), '-f', 'ndjson']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`outflow: cannot read ${join(tmp.dir, 'gone.pcap')}: no such file\n`);
    expect(r.stdout).toBe('');
  });

  it.skipIf(isRoot && !canDropPrivileges)(
    'no permission: a file and a subdirectory of a directory input are named, the rest is read, exit 2',
    () => {
      const dir = join(tmp.dir, 'estate');
      mkdirSync(join(dir, 'locked'), { recursive: true });
      copyFileSync(sample, join(dir, 'a.pcap'));
      copyFileSync(sample, join(dir, 'b.pcap'));
      copyFileSync(sample, join(dir, 'locked', 'c.pcap'));
      chmodSync(join(dir, 'b.pcap'), 0o000);
      chmodSync(join(dir, 'locked'), 0o000);
      // The test's own temporary directory is private (mkdtemp): open the way to the estate for "nobody".
      chmodSync(tmp.dir, 0o755);
      chmodSync(dir, 0o755);
      const r: SpawnSyncReturns<string> = spawnSync(process.execPath, [cli, 'flows', dir, '-f', 'ndjson'], {
        cwd: repoRoot,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' },
        ...(isRoot ? { uid: NOBODY, gid: NOBODY } : {}),
      });
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toContain(`outflow: cannot read ${join(dir, 'b.pcap')}: permission denied (skipped)\n`);
      expect(r.stderr).toContain(`outflow: cannot list ${join(dir, 'locked')}: permission denied (skipped)\n`);
      expect(r.stderr).not.toContain('internal error');
      expect(flowLines(r.stdout)).toBeGreaterThan(0);
    },
  );
});

/**
 * A folder of captures and logs often holds other files: a README, a spreadsheet, a log rotated to nothing. Each
 * used to end the whole run (one input's "not a capture or log format" or "is empty" stopped the rest); now it is
 * skipped like an unreadable file, named, counted under its own reason, and the run ends with code 2.
 */
describe('inputs that give nothing: empty, or no format outflow knows', () => {
  const dir = join(tmp.dir, 'folder');
  mkdirSync(dir, { recursive: true });
  copyFileSync(sample, join(dir, 'a.pcap'));
  writeFileSync(join(dir, 'notes.txt'), 'Captures of the finance PCs, November.\n');
  writeFileSync(join(dir, 'pfirewall.log.old'), '');
  writeFileSync(join(dir, 'rotated.log.gz'), gzipSync(Buffer.alloc(0)));
  const skippedLines = [
    `outflow: ${join(dir, 'notes.txt')}: not a capture or log format outflow knows: looks like text (tried `,
    `outflow: ${join(dir, 'pfirewall.log.old')} is empty (skipped)\n`,
    `outflow: ${join(dir, 'rotated.log.gz')} is empty (after gzip decompression) (skipped)\n`,
  ];

  it('audit of the folder: the others read, each named and counted, the report written, exit 2', () => {
    const out = join(tmp.dir, 'folder-report.json');
    const r = runCli(['audit', dir, '-f', 'json', '-o', out]);
    expect(r.status, r.stderr).toBe(2);
    for (const line of skippedLines) expect(r.stderr).toContain(line);
    expect(r.stderr).not.toContain('internal error');
    const report = JSON.parse(readFileSync(out, 'utf8')) as {
      metadata: { inputs: { file: string }[] };
      destinations: unknown[];
      skipped: { reason: string; count: number; examples: { file?: string; detail?: string }[] }[];
    };
    expect(report.metadata.inputs.map((i) => i.file)).toEqual([join(dir, 'a.pcap')]);
    expect(report.destinations.length).toBeGreaterThan(0);
    const reasons = Object.fromEntries(report.skipped.map((s) => [s.reason, s]));
    expect(reasons['input-unrecognised']?.count).toBe(1);
    expect(reasons['input-unrecognised']?.examples[0]?.detail).toBe(
      'not a capture or log format outflow knows: looks like text',
    );
    expect(reasons['input-empty']?.count).toBe(2);
  });

  it('flows with worker threads reading does the same', () => {
    const r = runCli(['flows', dir, '--jobs', '2', '-f', 'ndjson']);
    expect(r.status, r.stderr).toBe(2);
    for (const line of skippedLines) expect(r.stderr).toContain(line);
    expect(flowLines(r.stdout)).toBeGreaterThan(0);
  });

  it('requests does the same', () => {
    const r = runCli(['requests', join(dir, 'notes.txt'), 'samples/telemetry-decrypted.pcapng', '-f', 'ndjson']);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toContain(skippedLines[0]);
    expect(r.stderr).toMatch(/^\d+ requests from 2 inputs/m);
  });

  it('a single such input fails as before: one line, nothing written, exit 2', () => {
    const r = runCli(['flows', join(dir, 'notes.txt'), '-f', 'ndjson']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /^outflow: .*notes\.txt: not a capture or log format outflow knows: looks like text \(tried [^\n]*\)\n$/,
    );
    expect(r.stdout).toBe('');
  });
});
