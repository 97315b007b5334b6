/**
 * Inputs that cannot be read are I/O failures, not bugs and not a reason to lose the other inputs (issue #20):
 * a missing file, a file without read permission inside a directory input, a subdirectory that cannot be
 * listed. Each gets one line naming the path and the cause, the run reads and writes the rest, counts what it
 * skipped (`input-unreadable`) and ends with code 2 (exit codes: docs/unattended.md). Before, the first such file
 * ended the whole run, and an unlistable directory was silently left out.
 */
import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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
