/**
 * A low limit of open files is the system refusing a resource, not a bug (issue #20 item 2): Node loads a
 * command's modules many at once, so under `ulimit -n 50` a run with a worker thread (-j 2) failed while loading,
 * reported as "internal error … (this is a bug)" with exit 3. It now says what to raise and exits with 5, wherever
 * the limit is hit (the launcher, a command's modules, a worker's). Exit codes: docs/unattended.md.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, repoRoot, tempDir } from './helpers.js';

const sample = join(repoRoot, 'samples', 'admin-pc-workday.pcap');
/** A POSIX shell to lower the limit in (ulimit is a shell builtin); not on Windows. */
const hasShell = process.platform !== 'win32' && spawnSync('sh', ['-c', 'ulimit -n']).status === 0;

function underLimit(limit: number, args: string[]): { status: number | null; stderr: string } {
  const quoted = [process.execPath, cli, ...args].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
  const r = spawnSync('sh', ['-c', `ulimit -n ${limit} && exec ${quoted}`], { encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stderr: r.stderr };
}

describe.skipIf(!hasShell)('a low limit of open files', () => {
  it.each([30, 50])(
    'ulimit -n %i with two workers: one line naming the limit, exit 5, never an internal error',
    (n) => {
      const r = underLimit(n, ['audit', '-j', '2', sample, sample, '-f', 'json', '-q', '--fail-on', 'never']);
      expect(r.stderr).not.toContain('internal error');
      expect(r.stderr).not.toContain('    at ');
      expect(r.status, r.stderr).toBe(5);
      expect(r.stderr).toMatch(/^outflow: too many open files.*raise the limit \(ulimit -n/m);
    },
  );
});

describe('an installation without its compiled files', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('says so in one line and exits with 5, not with a stack trace', () => {
    // The launcher alone, without the dist/ folder `npm ci` (prepare) or `npm run build` makes beside it.
    mkdirSync(join(tmp.dir, 'bin'));
    const launcher = join(tmp.dir, 'bin', 'outflow.js');
    copyFileSync(cli, launcher);
    writeFileSync(join(tmp.dir, 'package.json'), '{ "type": "module" }\n');
    const r = spawnSync(process.execPath, [launcher, '--version'], { encoding: 'utf8', timeout: 30_000 });
    expect(r.status, r.stderr).toBe(5);
    expect(r.stderr).toMatch(/^outflow: could not load outflow \(.*\): the installation is incomplete \(run npm ci/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('lets a module that throws while loading end the run as the bug it is, not as exit 5', () => {
    const root = join(tmp.dir, 'throws');
    mkdirSync(join(root, 'bin'), { recursive: true });
    mkdirSync(join(root, 'dist', 'cli'), { recursive: true });
    mkdirSync(join(root, 'dist', 'core'), { recursive: true });
    copyFileSync(cli, join(root, 'bin', 'outflow.js'));
    writeFileSync(join(root, 'package.json'), '{ "type": "module" }\n');
    writeFileSync(join(root, 'dist', 'cli', 'main.js'), "throw new Error('broken at load');\n");
    writeFileSync(join(root, 'dist', 'cli', 'stdout.js'), 'export function prepareStdout() {}\n');
    writeFileSync(join(root, 'dist', 'core', 'interrupt.js'), 'export function installSignalHandlers() {}\n');
    const r = spawnSync(process.execPath, [join(root, 'bin', 'outflow.js'), '--version'], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(r.status).not.toBe(5);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('broken at load');
    expect(r.stderr).not.toContain('installation is incomplete');
  });
});
