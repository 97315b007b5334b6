/**
 * limitHeapGrowth: set after start, V8's factor holds for the rest of the run. A child process keeps a live set
 * and makes garbage that reaches the old generation; with the limit its heap peaks far lower.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const heapGrowth = fileURLToPath(new URL('../../dist/core/heap-growth.js', import.meta.url));

const CHILD = `
import { getHeapStatistics } from 'node:v8';
if (process.argv[1] === 'limit') (await import(${JSON.stringify(heapGrowth)})).limitHeapGrowth(20);
const live = [];
for (let i = 0; i < 200_000; i++) live.push({ a: i, b: 'x' + i, c: [i, i + 1] });
let peak = 0;
const ring = new Array(80_000);
for (let round = 0; round < 30; round++) {
  for (let i = 0; i < ring.length; i++) ring[i] = { r: round, s: 'y' + i + round, t: [i, round, i] };
  peak = Math.max(peak, getHeapStatistics().used_heap_size);
}
process.stdout.write(String(peak + live.length * 0));
`;

function peakHeap(mode: 'limit' | 'none'): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', CHILD, mode], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(Number(out)) : reject(new Error(`child exited ${code}`))));
  });
}

describe('limitHeapGrowth', () => {
  it('keeps the old generation close to what is live for the rest of the run', async () => {
    const [free, limited] = await Promise.all([peakHeap('none'), peakHeap('limit')]);
    // Measured: about 207 MB without the limit, 86 MB with it (live ~60 MB).
    expect(limited).toBeGreaterThan(0);
    expect(limited).toBeLessThan(free * 0.6);
  }, 60_000);
});
