/**
 * The name-extractor seam: every client-stream extractor under src/flows/name-extractors is registered, ids are
 * unique, and probe and parse never throw on arbitrary bytes (they see the first bytes of every TCP flow).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CLIENT_STREAM_EXTRACTORS } from '../../src/flows/name-extractors/registry.js';
import { repoRoot } from '../e2e/helpers.js';

const DIR = join(repoRoot, 'src', 'flows', 'name-extractors');

function looksLikeExtractor(v: unknown): boolean {
  return (
    typeof v === 'object' &&
    v !== null &&
    'id' in v &&
    'probe' in v &&
    typeof v.probe === 'function' &&
    'parse' in v &&
    typeof v.parse === 'function' &&
    'apply' in v &&
    typeof v.apply === 'function'
  );
}

describe('client-stream name extractors', () => {
  it('registers every extractor its folder exports, once, with unique ids', async () => {
    const registered = new Set<unknown>(CLIENT_STREAM_EXTRACTORS);
    const missing: string[] = [];
    for (const file of readdirSync(DIR).filter((f) => f.endsWith('.ts'))) {
      const mod = (await import(join(DIR, file))) as Record<string, unknown>;
      for (const [name, value] of Object.entries(mod)) {
        if (looksLikeExtractor(value) && !registered.has(value)) missing.push(`${file}: ${name}`);
      }
    }
    expect(missing).toEqual([]);
    const ids = CLIENT_STREAM_EXTRACTORS.map((x) => x.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(['tls-client-hello', 'http-request']);
  });

  it('probe and parse never throw on arbitrary first bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        for (const x of CLIENT_STREAM_EXTRACTORS) {
          if (x.probe(bytes)) x.parse(bytes);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
