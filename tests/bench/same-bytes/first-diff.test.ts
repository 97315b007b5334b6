/** Locating the first differing line of two outputs, and masking run times on stderr. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { excerpt, firstDifferenceOfFiles, firstDifferenceOfTexts } from '../../../src/bench/same-bytes/first-diff.js';
import { normaliseStderr } from '../../../src/bench/same-bytes/run-side.js';

const dir = mkdtempSync(join(tmpdir(), 'outflow-first-diff-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function files(a: string | Buffer, b: string | Buffer): [string, string] {
  const pa = join(dir, 'a');
  const pb = join(dir, 'b');
  writeFileSync(pa, a);
  writeFileSync(pb, b);
  return [pa, pb];
}

describe('firstDifferenceOfFiles', () => {
  it('is null for identical files, empty ones too', () => {
    expect(firstDifferenceOfFiles(...files('a\nb\n', 'a\nb\n'))).toBeNull();
    expect(firstDifferenceOfFiles(...files('', ''))).toBeNull();
  });

  it('names the line and shows both versions of it', () => {
    expect(firstDifferenceOfFiles(...files('one\ntwo\nthree\n', 'one\ntwo\nthreE\n'))).toEqual({
      line: 3,
      a: 'three',
      b: 'threE',
    });
  });

  it('shows the end of the shorter output', () => {
    expect(firstDifferenceOfFiles(...files('one\ntwo\n', 'one\n'))).toEqual({ line: 2, a: 'two', b: null });
  });

  it('finds a difference past the first megabyte, counting lines across chunks', () => {
    const line = `${'x'.repeat(99)}\n`;
    const body = line.repeat(30_000); // 3 MB, lines cross chunk borders
    const d = firstDifferenceOfFiles(...files(`${body}last\n`, `${body}lost\n`));
    expect(d).toEqual({ line: 30_001, a: 'last', b: 'lost' });
  });

  it('cuts a long line to an excerpt around the difference', () => {
    const a = `${'a'.repeat(5000)}X${'b'.repeat(5000)}\n`;
    const b = `${'a'.repeat(5000)}Y${'b'.repeat(5000)}\n`;
    const d = firstDifferenceOfFiles(...files(a, b));
    expect(d?.a).toContain('X');
    expect(d?.b).toContain('Y');
    expect(d?.a?.length).toBeLessThan(260);
    expect(excerpt('short', 2)).toBe('short');
  });
});

describe('firstDifferenceOfTexts', () => {
  it('works on in-memory text (stderr)', () => {
    expect(firstDifferenceOfTexts('x\ny', 'x\ny')).toBeNull();
    expect(firstDifferenceOfTexts('a\nb 1\nc', 'a\nb 2\nc')).toEqual({ line: 2, a: 'b 1', b: 'b 2' });
    expect(firstDifferenceOfTexts('a\n', 'a\nmore')).toEqual({ line: 2, a: null, b: 'more' });
  });
});

describe('normaliseStderr', () => {
  it('masks run time and rate, keeps the counts', () => {
    const a = normaliseStderr('outflow: 1 input(s), 3085 packets, 42 flows, 0 skipped in 1.06 s (3 MB/s)\n');
    const b = normaliseStderr('outflow: 1 input(s), 3085 packets, 42 flows, 0 skipped in 0.26 s (12 MB/s)\n');
    expect(a).toBe(b);
    expect(a).toContain('42 flows');
    expect(normaliseStderr('outflow: 1 input(s), 3085 packets, 43 flows in 0.2 s (1 MB/s)')).not.toBe(a);
    expect(normaliseStderr('outflow: timings: read 1.00 s, enrich 0.20 s')).toBe(
      'outflow: timings: read # s, enrich # s',
    );
  });
});
