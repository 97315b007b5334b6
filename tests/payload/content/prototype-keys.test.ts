import { describe, expect, it } from 'vitest';
import { inspectExchange } from '../../../src/payload/content/inspect-exchange.js';
import { decodeBody } from '../../../src/payload/http/body-decoder.js';
import type { HttpExchange } from '../../../src/payload/types.js';

const exchange = (path: string, body: string): HttpExchange => ({
  httpVersion: '1.1',
  method: 'POST',
  host: 'example.com',
  path,
  scheme: null,
  requestHeaders: [{ name: 'Content-Type', value: 'application/json' }],
  requestBody: new Uint8Array(Buffer.from(body)),
  requestBodyBytes: body.length,
  status: null,
  responseHeaders: [],
  responseBodyBytes: 0,
  contentType: 'application/json',
  frame: 1,
  streamId: null,
  notes: [],
});

describe('keys named like Object.prototype members', () => {
  it('find nothing and break nothing', () => {
    const body = JSON.stringify({
      constructor: { id: 'abc' },
      __proto__: { id: 'x' },
      toString: 'y',
      hasOwnProperty: 'z',
    });
    const found = inspectExchange(exchange('/c?constructor=1&toString=2&valueOf=3', body), {
      showValues: true,
      internalSuffixes: [],
    });
    for (const f of found) expect(typeof f.detector).toBe('string');
    expect(found.filter((f) => f.kind === 'identifier')).toEqual([]);
  });

  it('a Content-Encoding of "constructor" is an unknown coding, not a function', () => {
    const out = decodeBody(new Uint8Array([1, 2, 3]), 'constructor');
    expect([...out.body]).toEqual([1, 2, 3]);
    expect(out.notes.join(' ')).toMatch(/unknown/);
  });
});
