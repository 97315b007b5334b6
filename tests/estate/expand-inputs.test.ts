import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/core/errors.js';
import { expandInputs, segmentMatcher } from '../../src/estate/expand-inputs.js';

const root = mkdtempSync(join(tmpdir(), 'outflow-expand-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
for (const f of [
  'a.pcap',
  'b.log',
  '.hidden.pcap',
  'x/c.pcap',
  'x/y/d.pcap',
  'x/y/e.log',
  'x-1/f.pcap',
  '.git/g.pcap',
]) {
  const path = join(root, f);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, '');
}
symlinkSync(join(root, 'x'), join(root, 'x', 'y', 'loop'));
const rel = (files: string[]) => files.map((f) => f.slice(root.length + 1));

describe('expandInputs', () => {
  it('expands a directory recursively, sorted, without hidden entries, surviving a symlink cycle', async () => {
    expect(rel(await expandInputs([root]))).toEqual([
      'a.pcap',
      'b.log',
      'x-1/f.pcap',
      'x/c.pcap',
      'x/y/d.pcap',
      'x/y/e.log',
    ]);
  });

  it('matches *, ? and ** globs', async () => {
    expect(rel(await expandInputs([join(root, '*.pcap')]))).toEqual(['a.pcap']);
    expect(rel(await expandInputs([join(root, '?.log')]))).toEqual(['b.log']);
    expect(rel(await expandInputs([join(root, '**/*.pcap')]))).toEqual([
      'a.pcap',
      'x-1/f.pcap',
      'x/c.pcap',
      'x/y/d.pcap',
    ]);
    expect(rel(await expandInputs([join(root, 'x/**')]))).toEqual(['x/c.pcap', 'x/y/d.pcap', 'x/y/e.log']);
    expect(rel(await expandInputs([join(root, 'x*/*.pcap')]))).toEqual(['x-1/f.pcap', 'x/c.pcap']);
    expect(rel(await expandInputs([join(root, '.*.pcap')]))).toEqual(['.hidden.pcap']);
  });

  it('keeps "-" and missing plain paths, drops duplicates, and names a pattern that matches nothing', async () => {
    const missing = join(root, 'nope.pcap');
    expect(await expandInputs(['-', missing])).toEqual(['-', missing]);
    const a = join(root, 'a.pcap');
    expect(await expandInputs([a, join(root, '*.pcap')])).toEqual([a]);
    await expect(expandInputs([join(root, '*.pcapng')])).rejects.toThrow(UsageError);
    await expect(expandInputs([join(root, '*.pcapng')])).rejects.toThrow(/\*\.pcapng/);
    mkdirSync(join(root, 'empty'));
    await expect(expandInputs([join(root, 'empty')])).rejects.toThrow(/no input files in directory/);
  });

  it('treats regex characters in names literally', () => {
    expect(segmentMatcher('a+(b).pcap').test('a+(b).pcap')).toBe(true);
    expect(segmentMatcher('a+(b).pcap').test('aa(b)xpcap')).toBe(false);
    expect(segmentMatcher('*').test('.profile')).toBe(false);
  });
});
