/** Input hashes: computed on a worker thread while the audit reads, the same as hashing after the reading. */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { InputHashes, sha256File } from '../../src/audit/input-hash.js';

const dir = mkdtempSync(join(tmpdir(), 'outflow-hash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('InputHashes', () => {
  it('gives each regular file its SHA-256, stdin and unreadable paths null, as sha256File does', async () => {
    const files = [0, 1, 3 << 20].map((size, i) => {
      const path = join(dir, `in${i}.bin`);
      writeFileSync(path, Buffer.alloc(size, i + 1));
      return path;
    });
    const missing = join(dir, 'missing.pcap');
    const paths = [...files, files[0] as string, '-', missing, dir];
    const hashes = InputHashes.start(paths);
    try {
      for (const path of paths) expect(await hashes.get(path), path).toBe(await sha256File(path));
      const big = createHash('sha256')
        .update(Buffer.alloc(3 << 20, 3))
        .digest('hex');
      expect(await hashes.get(files[2] as string)).toBe(big);
      expect(await hashes.get('-')).toBeNull();
      expect(await hashes.get(missing)).toBeNull();
    } finally {
      hashes.close();
    }
  });

  it('hashes on this thread when the worker cannot start or dies without answering', async () => {
    const path = join(dir, 'fallback.bin');
    writeFileSync(path, 'fallback');
    const expected = createHash('sha256').update('fallback').digest('hex');
    const dies = join(dir, 'dies.mjs');
    writeFileSync(dies, 'process.exit(3);\n');
    for (const url of [pathToFileURL(join(dir, 'no-such-worker.mjs')), pathToFileURL(dies)]) {
      const hashes = InputHashes.start([path], url);
      try {
        expect(await hashes.get(path)).toBe(expected);
      } finally {
        hashes.close();
      }
    }
  });

  it('answers on this thread for a path it was not started with, and after close', async () => {
    const path = join(dir, 'late.bin');
    writeFileSync(path, 'late');
    const hashes = InputHashes.start([]);
    hashes.close();
    expect(await hashes.get(path)).toBe(createHash('sha256').update('late').digest('hex'));
  });
});
