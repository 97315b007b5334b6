/**
 * Standard output into a pipe (bin/outflow.js → prepareStdout): a reader that stops early (`| head`) ends the run
 * quietly with code 141 (the shell's code for a SIGPIPE death), not with an unhandled EPIPE and a stack trace.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateBenchCapture } from '../../src/bench/generate-capture.js';
import { EXIT_BROKEN_PIPE } from '../../src/cli/stdout.js';

const dir = mkdtempSync(join(tmpdir(), 'outflow-stdout-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const cli = join(import.meta.dirname, '..', '..', 'bin', 'outflow.js');

describe('standard output into a pipe', () => {
  it('stops quietly with code 141 when the reader goes away', async () => {
    const pcap = join(dir, 'many.pcap');
    // ~4,000 flows: several MB of NDJSON, far more than a pipe holds.
    generateBenchCapture(pcap, { flows: 4000, concurrent: 100, dataRounds: 1, passes: 1, seed: 7 });
    const child = spawn(process.execPath, [cli, 'flows', pcap], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    // Read one chunk, then close our end, as `head -c` would.
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(stderr).not.toMatch(/EPIPE|Error/);
    expect(code).toBe(EXIT_BROKEN_PIPE);
  });
});
