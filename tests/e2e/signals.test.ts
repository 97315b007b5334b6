/**
 * The real CLI stopped by a real signal (issue #20). A run ends as killed by the signal (a shell shows 130 for
 * SIGINT, 143 for SIGTERM), after it has undone what must not outlive it (core/interrupt.ts):
 * - while a report is being written: the signal waits for the whole file to be renamed into place, and no
 *   temporary file is left. Before, the signal killed the process mid-write and the temporary file stayed.
 * - while an input is still arriving (a FIFO this test feeds and never closes) and worker threads read: the run
 *   ends at once. An exit through process.exit would hang there, waiting for the thread blocked on the FIFO.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import {
  createWriteStream,
  mkdirSync,
  readdirSync,
  readFileSync,
  type WriteStream,
  watch,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, repoRoot, tempDir } from './helpers.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const hasMkfifo = process.platform !== 'win32' && spawnSync('mkfifo', ['--version']).status === 0;

function start(args: string[]): { child: ChildProcess; stderr: () => string } {
  const child = spawn(process.execPath, [cli, ...args], {
    cwd: repoRoot,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  });
  let err = '';
  child.stderr?.on('data', (d: Buffer) => {
    err += d.toString('utf8');
  });
  return { child, stderr: () => err };
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
}

/** A Windows Firewall log to `n` destinations: enough for a report that takes a while to write. */
function firewallLog(n: number): string {
  const lines = [
    '#Version: 1.5',
    '#Software: Microsoft Windows Firewall',
    '#Time Format: Local',
    '#Fields: date time action protocol src-ip dst-ip src-port dst-port size tcpflags tcpsyn tcpack tcpwin icmptype icmpcode info path pid',
  ];
  for (let i = 0; i < n; i++) {
    const time = `22:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`;
    lines.push(
      `2024-03-30 ${time} ALLOW TCP 192.168.1.12 25.${i >> 8}.${i & 255}.7 ${50000 + i} 443 0 - 0 0 0 - - - SEND 8500`,
    );
  }
  return `${lines.join('\n')}\n`;
}

describe.concurrent('a run stopped by a signal', () => {
  it('SIGTERM while a report is written: the whole new report or the old one, never a temporary file', async () => {
    const dir = join(tmp.dir, 'write');
    mkdirSync(dir);
    const input = join(tmp.dir, 'fw.log');
    writeFileSync(input, firewallLog(500));
    const target = join(dir, 'report.html');
    writeFileSync(target, 'yesterday\n');
    const run = start(['audit', input, '-q', '--fail-on', 'never', '-o', target, '-o', join(dir, 'report.json')]);
    const done = exited(run.child);
    // The moment the writer creates its temporary file, the signal goes.
    let sent = false;
    const watcher = watch(dir, (_event, name) => {
      if (!sent && name?.endsWith('.tmp') === true) sent = run.child.kill('SIGTERM');
    });
    const { code, signal } = await done;
    watcher.close();
    expect(sent, run.stderr()).toBe(true);
    expect({ code, signal }, run.stderr()).toEqual({ code: null, signal: 'SIGTERM' });
    // Stopped after the first report was renamed into place, before the second was begun.
    expect(readdirSync(dir)).toEqual(['report.html']);
    const html = readFileSync(target, 'utf8');
    expect(html === 'yesterday\n' || html.trimEnd().endsWith('</html>'), html.slice(-200)).toBe(true);
  });

  it.skipIf(!hasMkfifo)('SIGINT while worker threads wait for more input: ends at once, writes nothing', async () => {
    const dir = join(tmp.dir, 'read');
    mkdirSync(dir);
    const capture = readFileSync(join(repoRoot, 'samples', 'admin-pc-workday.pcap')).subarray(0, 256 * 1024);
    const fifos = ['a.pcap', 'b.pcap'].map((name) => {
      const path = join(tmp.dir, name);
      spawnSync('mkfifo', [path]);
      return path;
    });
    const run = start(['flows', ...fifos, '--jobs', '2', '-q', '--stats', join(dir, 'stats.json')]);
    const done = exited(run.child);
    // Resolves once the kernel took every byte: the CLI has read all but at most a pipe buffer of them. The
    // FIFOs stay open, so the reads wait for more.
    const writers = await Promise.all(
      fifos.map(
        (path) =>
          new Promise<WriteStream>((resolve, reject) => {
            const w = createWriteStream(path);
            w.on('error', () => undefined); // EPIPE once the CLI is gone
            w.write(capture, (e) => (e ? reject(e) : resolve(w)));
          }),
      ),
    );
    run.child.kill('SIGINT');
    const { code, signal } = await done;
    for (const w of writers) w.destroy();
    expect({ code, signal }, run.stderr()).toEqual({ code: null, signal: 'SIGINT' });
    expect(readdirSync(dir)).toEqual([]);
  });
});
