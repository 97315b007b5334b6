/**
 * Structure-aware mutation of JSON documents (reports, HAR files): most byte mutations of JSON only make it
 * invalid, which the readers refuse in their first line; these keep it valid and change one value, so the
 * schema check and everything behind it (baseline, diff, merge, trend, export) are what gets exercised.
 */
import type { Rng } from './mutate.js';

const ODD_VALUES: unknown[] = [
  null,
  true,
  0,
  -1,
  1.5,
  1e308,
  -1e308,
  2 ** 53 + 1,
  '',
  ' ',
  'x'.repeat(300),
  '\u0000',
  '\u202e',
  '<script>',
  '../../etc/passwd',
  '1970-01-01T00:00:00Z',
  '9999-12-31T23:59:59.999999Z',
  'not-a-date',
  '::',
  '0.0.0.0',
  '255.255.255.255',
  'ZZ',
  '__proto__',
  [],
  {},
  [null],
  { __proto__: null, constructor: 1 },
];

type Json = unknown;

/** A copy: the document is edited in place later, and must never share (or come to contain) these values. */
function odd(rng: Rng): Json {
  return structuredClone(rng.pick(ODD_VALUES));
}

/** Every container (object or array) in the document, with the keys it holds. */
function containers(
  doc: Json,
  out: (Record<string, Json> | Json[])[] = [],
  depth = 0,
): (Record<string, Json> | Json[])[] {
  if (depth > 64 || typeof doc !== 'object' || doc === null) return out;
  out.push(doc as Record<string, Json> | Json[]);
  for (const v of Object.values(doc)) containers(v, out, depth + 1);
  return out;
}

/** One to four edits of a parsed copy of `text`; the text itself when it is not JSON. */
export function mutateJson(text: string, rng: Rng): string | null {
  let doc: Json;
  try {
    doc = JSON.parse(text);
  } catch {
    return null;
  }
  const edits = 1 + rng.below(4);
  for (let e = 0; e < edits; e++) {
    const all = containers(doc);
    if (all.length === 0) break;
    const c = rng.pick(all);
    const keys = Object.keys(c);
    if (keys.length === 0) {
      if (Array.isArray(c)) c.push(odd(rng));
      else c[`k${rng.below(10)}`] = odd(rng);
      continue;
    }
    const key = rng.pick(keys);
    const old = (c as Record<string, Json>)[key];
    const r = rng.float();
    if (r < 0.4) (c as Record<string, Json>)[key] = odd(rng);
    else if (r < 0.55) {
      if (Array.isArray(c)) c.splice(Number(key), 1);
      else delete c[key];
    } else if (r < 0.7 && Array.isArray(c)) c.push(structuredClone(old));
    else if (r < 0.8 && typeof old === 'number') (c as Record<string, Json>)[key] = -old || old * 1e9 || 1;
    else if (r < 0.9 && typeof old === 'string') (c as Record<string, Json>)[key] = old + old.slice(0, rng.below(40));
    else {
      // Another value of the same document, moved here (right types in the wrong places).
      const donor = rng.pick(all);
      const dk = Object.keys(donor);
      if (dk.length > 0)
        (c as Record<string, Json>)[key] = structuredClone((donor as Record<string, Json>)[rng.pick(dk)]);
    }
  }
  return JSON.stringify(doc, null, rng.chance(0.5) ? 2 : undefined);
}
