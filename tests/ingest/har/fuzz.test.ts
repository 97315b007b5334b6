/**
 * Hostile input: random bytes, random mutations and every truncation of a small HAR end in a summary or an
 * InputError, never in another exception or a hang; sniffHar never throws.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/core/errors.js';
import { sniffHar } from '../../../src/ingest/har/sniff-har.js';
import { type HarRead, harBytes, harEntry, readHarBytes } from './har-builder.js';

const SMALL = harBytes(
  [
    harEntry({ url: 'https://a.example/x?y=1', headers: [{ name: 'x-q', value: 'a"}]\\' }] }),
    harEntry({ method: 'POST', url: 'wss://b.example/', postData: { mimeType: 'text/plain', text: '{"k":"v"}' } }),
  ],
  { browser: { name: 'Firefox', version: '111' } },
);

async function safeRead(bytes: Uint8Array, sizes?: number[]): Promise<HarRead | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('read did not finish in 10 s')), 10_000);
  });
  try {
    return await Promise.race([readHarBytes(bytes, sizes), timeout]);
  } catch (e) {
    if (e instanceof InputError) return null;
    throw e;
  } finally {
    clearTimeout(timer);
  }
}

describe('fuzzing the HAR reader', () => {
  it('random bytes: a summary or an InputError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 600 }), fc.integer({ min: 1, max: 64 }), async (data, size) => {
        await safeRead(data, [size]);
        expect(typeof sniffHar(data)).toBe('boolean');
      }),
      { numRuns: 400 },
    );
  });

  it('random JSON-ish text: a summary or an InputError', async () => {
    const token = fc.constantFrom(
      '{',
      '}',
      '[',
      ']',
      ':',
      ',',
      '"',
      '\\',
      '"log"',
      '"entries"',
      'null',
      '1',
      ' ',
      '\ufeff',
      '"u"',
    );
    await fc.assert(
      fc.asyncProperty(fc.array(token, { maxLength: 80 }), async (tokens) => {
        const data = Buffer.from(tokens.join(''), 'utf8');
        await safeRead(data, [3]);
        sniffHar(data);
      }),
      { numRuns: 400 },
    );
  });

  it('mutations of a HAR: a summary or an InputError', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat({ max: SMALL.length - 1 }), fc.integer({ min: 0, max: 255 })), {
          minLength: 1,
          maxLength: 8,
        }),
        async (edits) => {
          const data = Uint8Array.from(SMALL);
          for (const [at, b] of edits) data[at] = b;
          const r = await safeRead(data, [7]);
          if (r !== null) expect(r.records.length + r.summary.skipped.length).toBeLessThanOrEqual(3);
          sniffHar(data);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('every truncation keeps a prefix of the entries', async () => {
    const full = await readHarBytes(SMALL);
    expect(full.records).toHaveLength(2);
    for (let cut = 0; cut < SMALL.length; cut++) {
      const r = await safeRead(SMALL.subarray(0, cut), [5]);
      if (r === null) continue;
      expect(r.records).toEqual(full.records.slice(0, r.records.length));
      expect(r.summary.skipped.length).toBeGreaterThan(0); // the cut is always reported
    }
  });
});
