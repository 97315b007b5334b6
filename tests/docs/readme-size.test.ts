/**
 * The README is the five-minute front page (issue #21): at most 15 KB, with the install, the first audit and the
 * tests in it; depth lives in docs/ (links.test.ts checks the links resolve).
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const readme = readFileSync(join(repoRoot, 'README.md'));
const MAX_BYTES = 15 * 1024;

describe('README.md', () => {
  it(`is at most ${MAX_BYTES} bytes`, () => {
    expect(readme.byteLength).toBeLessThanOrEqual(MAX_BYTES);
  });

  it('shows the install, the first audit and the tests, and links the guide and the method', () => {
    const text = readme.toString('utf8');
    for (const needle of ['npm ci', 'npx outflow audit samples/', 'npm test', '(docs/guide.md)', '(docs/method.md)']) {
      expect(text, needle).toContain(needle);
    }
  });
});
