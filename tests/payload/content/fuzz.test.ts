/**
 * Hostile content: random bytes under every content type the inspector decodes, random JSON, random header
 * and query text — inspectExchange never throws, stays within its bounds, and finishes quickly.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inspectExchange, MAX_FINDINGS_PER_EXCHANGE } from '../../../src/payload/content/inspect-exchange.js';
import { exchange } from './exchange-builder.js';

const TYPES = [
  undefined,
  'application/json',
  'application/x-ndjson',
  'application/x-json-stream',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=b',
  'multipart/form-data',
  'application/x-sentry-envelope',
  'text/plain',
  'application/octet-stream',
];

/** A hang detector, not a benchmark: generous for a loaded test machine. */
const HANG_MS = 10_000;

function check(x: ReturnType<typeof exchange>, showValues = false): void {
  const started = performance.now();
  const found = inspectExchange(x, { showValues, internalSuffixes: ['corp.example'] });
  expect(performance.now() - started).toBeLessThan(HANG_MS);
  expect(found.length).toBeLessThanOrEqual(MAX_FINDINGS_PER_EXCHANGE);
  for (const f of found) expect(typeof f.excerpt).toBe('string');
}

describe('fuzzing content inspection', () => {
  it('random bytes as a body of any type', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), fc.constantFrom(...TYPES), (body, contentType) => {
        check(exchange(contentType === undefined ? { body } : { body, contentType }));
      }),
      { numRuns: 500 },
    );
  });

  it('structured-looking text as a body of any type', () => {
    const token = fc.constantFrom(
      '{',
      '}',
      '[',
      ']',
      '"',
      ':',
      ',',
      '\n',
      '\r\n',
      '=',
      '&',
      '--b',
      'Content-Disposition: form-data; name="x"\r\n\r\n',
      '{"type":"event","length":',
      '99999',
      '"user":{"id":"u-12345678"}',
      'eyJ',
      '%7B',
      'cid=1.1600000000',
      'jan@example.nl',
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 60 }), fc.constantFrom(...TYPES), (tokens, contentType) => {
        const body = tokens.join('');
        check(exchange(contentType === undefined ? { body } : { body, contentType }), true);
      }),
      { numRuns: 500 },
    );
  });

  it('random JSON documents', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        check(exchange({ contentType: 'application/json', body: JSON.stringify(value) }));
      }),
      { numRuns: 300 },
    );
  });

  it('random paths, headers and cookies', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 300 }),
        fc.string({ maxLength: 300 }),
        fc.string({ maxLength: 300 }),
        (path, name, value) => {
          check(
            exchange({
              path: `/${path}?${value}`,
              headers: [
                [name, value],
                ['Cookie', `${name}=${value}; ${value}`],
              ],
            }),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a body full of leaves stays within the leaf budget and in time', () => {
    const wide = Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`k${i}`, `value-${i}-0123456789`]));
    check(exchange({ contentType: 'application/json', body: JSON.stringify(wide) }));
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    check(exchange({ contentType: 'application/json', body: deep }));
    const lines = Array.from(
      { length: 5000 },
      (_, i) => `{"deviceId":"3F2504E0-4F89-11D3-9A0C-${String(i).padStart(12, '0')}"}`,
    );
    check(exchange({ contentType: 'application/x-ndjson', body: lines.join('\n') }));
  });
});
