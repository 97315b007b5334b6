/**
 * The pool runs the compiled worker (dist/, built by `npm test`'s pretest step): vitest runs TypeScript,
 * worker threads run JavaScript.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import type { FlowRecord } from '../../src/flows/flow-record.js';
import { InputPool } from '../../src/pipeline/input-pool.js';
import { repoRoot, tempDir, writeScenario } from '../e2e/helpers.js';
import { LARGEST_YOUNG_GENERATION } from '../fixtures/young-generation-probe.js';

const workerUrl = pathToFileURL(join(repoRoot, 'dist', 'pipeline', 'input-worker.js'));
const job = {
  naming: true,
  dnsGraceSeconds: 3600,
  pii: null,
  payload: null,
  timezone: null,
  nowMs: Date.UTC(2026, 10, 29),
  ndjson: false,
};
const flowsTo = (flow: (f: FlowRecord) => void) => ({ flow, logEvents: () => undefined });
const ignore = flowsTo(() => undefined);
const { dir, cleanup } = tempDir();
afterAll(cleanup);
const pcap = join(dir, 's.pcap');
writeScenario(pcap);
const text = join(dir, 'notes.txt');
writeFileSync(text, 'not a capture\n');

describe('InputPool', () => {
  it('holds the flows of a job read ahead until it is consumed, then delivers them in order', async () => {
    let bytes = 0;
    const pool = new InputPool({ size: 2, job, workerUrl, onBytes: (n) => (bytes += n) });
    try {
      const first = pool.submit(pcap);
      const second = pool.submit(pcap);
      const third = pool.submit(text);
      const seen: string[] = [];
      const collect = (tag: string) => (f: FlowRecord) => seen.push(`${tag}:${f.clientPort}`);
      const o1 = await first.consume(flowsTo(collect('1')));
      const o2 = await second.consume(flowsTo(collect('2')));
      expect(o1.kind).toBe('capture');
      expect(o2.kind).toBe('capture');
      if (o1.kind === 'capture') expect(o1.summary.flows).toBe(5);
      expect(seen.filter((s) => s.startsWith('1:'))).toHaveLength(5);
      expect(seen.slice(5)).toEqual(seen.slice(0, 5).map((s) => s.replace(/^1:/, '2:')));
      expect(await third.consume(ignore)).toEqual({ kind: 'unrecognised' });
      expect(bytes).toBeGreaterThan(0);
    } finally {
      await pool.close();
    }
  });

  it('reports an unusable input as an InputError when its turn comes', async () => {
    const pool = new InputPool({ size: 1, job, workerUrl });
    try {
      const missing = pool.submit(join(dir, 'missing.pcap'));
      await expect(missing.consume(ignore)).rejects.toBeInstanceOf(InputError);
      // The worker is still usable after a reported error.
      const next = pool.submit(pcap);
      expect((await next.consume(ignore)).kind).toBe('capture');
    } finally {
      await pool.close();
    }
  });

  it('fails the job, not the process, when the worker itself dies', async () => {
    const crash = join(dir, 'crash.mjs');
    writeFileSync(
      crash,
      "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', () => process.exit(3));\n",
    );
    const pool = new InputPool({ size: 1, job, workerUrl: pathToFileURL(crash) });
    try {
      await expect(pool.submit(pcap).consume(ignore)).rejects.toThrow(/exited with code 3/);
    } finally {
      await pool.close();
    }
  });

  it("starts workers with a young generation as small as the launcher keeps the main thread's", async () => {
    // A stand-in worker: makes V8 grow its young generation as far as it may, writes the largest size seen.
    const report = join(dir, 'new-space.txt');
    const probe = join(dir, 'young.mjs');
    writeFileSync(
      probe,
      `import { writeFileSync } from 'node:fs';
import { getHeapSpaceStatistics } from 'node:v8';
import { parentPort } from 'node:worker_threads';
${LARGEST_YOUNG_GENERATION}
parentPort.on('message', ({ id }) => {
  writeFileSync(${JSON.stringify(report)}, String(largestYoungGeneration()));
  parentPort.postMessage({ type: 'unrecognised', id });
});
`,
    );
    const pool = new InputPool({ size: 1, job, workerUrl: pathToFileURL(probe) });
    try {
      expect(await pool.submit(pcap).consume(ignore)).toEqual({ kind: 'unrecognised' });
    } finally {
      await pool.close();
    }
    // Unbounded, it grows to 32 MiB (Node 20, 22) or 128 MiB (Node 24).
    expect(Number(readFileSync(report, 'utf8'))).toBeLessThanOrEqual(8 * 1024 * 1024);
  });

  it('parses a log in the worker and hands over its events in order, for the main thread to store and join', async () => {
    const log = join(dir, 'dns.log');
    writeFileSync(
      log,
      'Nov  2 09:00:01 pi dnsmasq[1]: reply a.example is 192.0.2.1\nNov  2 09:00:02 pi dnsmasq[1]: reply b.example is 192.0.2.2\n',
    );
    const pool = new InputPool({ size: 1, job, workerUrl });
    try {
      const kinds: string[] = [];
      const outcome = await pool.submit(log).consume({
        flow: () => kinds.push('flow'),
        logEvents: (events) => {
          for (const e of events) kinds.push(e[0] === 'name' ? `name:${e[1].name.name}` : e[0]);
        },
      });
      expect(outcome).toMatchObject({ kind: 'log', format: 'dnsmasq', gzip: false });
      expect(kinds).toEqual(expect.arrayContaining(['name:a.example', 'name:b.example']));
      expect(kinds.indexOf('name:a.example')).toBeLessThan(kinds.indexOf('name:b.example'));
    } finally {
      await pool.close();
    }
  });
});
