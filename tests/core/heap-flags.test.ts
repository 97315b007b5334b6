/**
 * Heap flags set while running: a worker thread's start raises --semi-space-growth-factor back to V8's default
 * for the whole process; startWorker sets the flags again once the worker runs. Shown in child processes, whose
 * young generation is the largest the probe sees while it makes garbage that survives a while.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../e2e/helpers.js';
import { LARGEST_YOUNG_GENERATION } from '../fixtures/young-generation-probe.js';

const heapFlags = fileURLToPath(new URL('../../dist/core/heap-flags.js', import.meta.url));
const tmp = tempDir();
afterAll(() => tmp.cleanup());
const idleWorker = join(tmp.dir, 'idle-worker.mjs');
writeFileSync(idleWorker, '// starts, and ends\n');

const CHILD = `
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
const flags = await import(${JSON.stringify(pathToFileURL(heapFlags).href)});
const url = new URL(${JSON.stringify(pathToFileURL(idleWorker).href)});
const mode = process.argv[2];
if (mode === 'plain') setFlagsFromString('--semi-space-growth-factor=1');
else flags.keepYoungGenerationSmall();
const worker = mode === 'plain' ? new Worker(url) : flags.startWorker(url);
await new Promise((resolve) => worker.once('exit', resolve));
${LARGEST_YOUNG_GENERATION}
process.stdout.write(String(largestYoungGeneration()));
`;

const child = join(tmp.dir, 'child.mjs');
writeFileSync(child, CHILD);

function youngGenerationMax(mode: 'plain' | 'kept'): Promise<number> {
  return new Promise((resolve, reject) => {
    const run = spawn(process.execPath, [child, mode], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    run.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    run.on('error', reject);
    run.on('close', (code) => (code === 0 ? resolve(Number(out)) : reject(new Error(`child exited ${code}`))));
  });
}

const MiB = 1024 * 1024;

describe('startWorker', () => {
  it('keeps the young generation small after a worker thread starts, where a plain Worker lets it grow', async () => {
    const [plain, kept] = await Promise.all([youngGenerationMax('plain'), youngGenerationMax('kept')]);
    // Measured: 2 x 16 MiB and more after a plain Worker, the starting 2 x 1 MiB with startWorker.
    expect(plain).toBeGreaterThan(8 * MiB);
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThanOrEqual(8 * MiB);
  }, 60_000);
});
