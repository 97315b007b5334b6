import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  HTTP_METHODS,
  looksLikeHttpRequest,
  MAX_HTTP_HEAD_BYTES,
  MAX_HTTP_HEADERS,
  parseHttpRequestHead,
} from '../../../src/decode/names/http.js';
import type { HttpRequestInfo, ParseOutcome } from '../../../src/decode/names/types.js';

const enc = (s: string): Uint8Array => Buffer.from(s, 'latin1');

function done(out: ParseOutcome<HttpRequestInfo>): HttpRequestInfo {
  if (out.kind !== 'done') throw new Error(`expected done, got ${JSON.stringify(out)}`);
  return out.value;
}

describe('parseHttpRequestHead', () => {
  it('reads the request line, Host with port, path and query', () => {
    const head =
      'GET /search/x?q=alice%40example.org&id=7 HTTP/1.1\r\nHost: Shop.Example:8080\r\nUser-Agent: t\r\n\r\n';
    const info = done(parseHttpRequestHead(enc(`${head}BODY`)));
    expect(info).toEqual({
      method: 'GET',
      path: '/search/x',
      query: 'q=alice%40example.org&id=7',
      host: 'Shop.Example:8080',
      connectAuthority: null,
      version: 'HTTP/1.1',
      headers: [
        ['Host', 'Shop.Example:8080'],
        ['User-Agent', 't'],
      ],
      headLength: head.length,
    });
  });

  it('takes the host from an absolute-form target when no Host header is sent', () => {
    const info = done(parseHttpRequestHead(enc('GET http://user:pw@proxy.example:3128/a/b?c=d#f HTTP/1.0\r\n\r\n')));
    expect(info).toMatchObject({ host: 'proxy.example:3128', path: '/a/b', query: 'c=d' });
    const withHost = done(parseHttpRequestHead(enc('GET http://a.example HTTP/1.1\r\nHost: b.example\r\n\r\n')));
    expect(withHost).toMatchObject({ host: 'b.example', path: '/', query: null });
  });

  it('reads a CONNECT authority', () => {
    const info = done(
      parseHttpRequestHead(enc('CONNECT api.example.com:443 HTTP/1.1\r\nHost: api.example.com:443\r\n\r\n')),
    );
    expect(info).toMatchObject({
      method: 'CONNECT',
      connectAuthority: 'api.example.com:443',
      host: 'api.example.com:443',
    });
  });

  it('tolerates bare LF, a leading empty line, folded headers and OPTIONS *', () => {
    const head = '\r\nOPTIONS * HTTP/1.1\nHost: a.example\nX-Long: one\n  two\n\n';
    const info = done(parseHttpRequestHead(enc(`${head}body`)));
    expect(info).toMatchObject({
      path: '*',
      host: 'a.example',
      headers: [
        ['Host', 'a.example'],
        ['X-Long', 'one two'],
      ],
    });
    expect(info.headLength).toBe(head.length);
  });

  it('returns null host when there is none', () => {
    expect(done(parseHttpRequestHead(enc('GET / HTTP/1.0\r\nAccept: */*\r\n\r\n'))).host).toBeNull();
  });

  it('escapes control characters in every field', () => {
    const info = done(
      parseHttpRequestHead(enc('POST /a\x1b[31m?x=\x00 HTTP/1.1\r\nHost: ev\x1bil.example\r\nX-\x7f: v\\\xff\r\n\r\n')),
    );
    expect(info.path).toBe('/a\\x1b[31m');
    expect(info.query).toBe('x=\\x00');
    expect(info.host).toBe('ev\\x1bil.example');
    expect(info.headers[1]).toEqual(['X-\\x7f', 'v\\x5c\\xff']);
    for (const s of [info.path, info.query, info.host, ...info.headers.flat()]) expect(s).toMatch(/^[\x20-\x7e]*$/);
  });

  it('is incomplete until the empty line, and gives up past the head limit', () => {
    const head = 'GET / HTTP/1.1\r\nHost: a.example\r\n\r\n';
    for (let cut = 1; cut < head.length; cut++) {
      expect(parseHttpRequestHead(enc(head.slice(0, cut))).kind).toBe('incomplete');
    }
    const huge = `GET / HTTP/1.1\r\nX-Big: ${'a'.repeat(MAX_HTTP_HEAD_BYTES)}\r\n\r\n`;
    expect(parseHttpRequestHead(enc(huge))).toEqual({ kind: 'invalid', reason: 'head-too-large' });
    expect(parseHttpRequestHead(enc(huge), 1 << 20).kind).toBe('done');
  });

  it('keeps at most MAX_HTTP_HEADERS headers but still finds a late Host', () => {
    const many = Array.from({ length: 150 }, (_, i) => `X-${i}: ${i}\r\n`).join('');
    const info = done(parseHttpRequestHead(enc(`GET / HTTP/1.1\r\n${many}Host: late.example\r\n\r\n`)));
    expect(info.headers).toHaveLength(MAX_HTTP_HEADERS);
    expect(info.host).toBe('late.example');
  });

  it('rejects what is not an HTTP/1 request line', () => {
    const bad = (s: string): string => {
      const out = parseHttpRequestHead(enc(s));
      return out.kind === 'invalid' ? out.reason : out.kind;
    };
    expect(bad('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n')).toBe('bad-request-line');
    expect(bad('FOO / HTTP/1.1\r\n\r\n')).toBe('bad-request-line');
    expect(bad('GET / HTTP/1.1 extra\r\n\r\n')).toBe('bad-request-line');
    expect(bad('GET /\r\n\r\n')).toBe('bad-request-line');
    expect(bad('HTTP/1.1 200 OK\r\n\r\n')).toBe('bad-request-line');
    expect(bad('\x16\x03\x01\x02\x00')).toBe('not-http');
  });
});

describe('looksLikeHttpRequest', () => {
  it('accepts known methods followed by a space, and prefixes of them', () => {
    expect(looksLikeHttpRequest(enc('GET /'))).toBe(true);
    expect(looksLikeHttpRequest(enc('M-SEARCH * HTTP/1.1'))).toBe(true);
    expect(looksLikeHttpRequest(enc('PROPFI'))).toBe(true);
    expect(looksLikeHttpRequest(enc('UPDATEREDIRECTREF '))).toBe(true);
    expect(HTTP_METHODS.has('PROPFIND')).toBe(true);
  });

  it('rejects unknown tokens, lower case and binary', () => {
    for (const s of ['FOO /', 'get /', 'GETX /', ' GET', '\x16\x03\x01', 'HTTP/1.1 200', '']) {
      expect(looksLikeHttpRequest(enc(s))).toBe(false);
    }
  });
});

describe('fuzz', () => {
  const valid = 'GET http://a.example/p?q=1 HTTP/1.1\r\nHost: h.example:81\r\nCookie: a=b\r\n\r\n';

  function checkOutcome(out: ParseOutcome<HttpRequestInfo>, len: number): void {
    if (out.kind === 'invalid') expect(out.reason).toMatch(/^[a-z0-9-]+$/);
    if (out.kind === 'done') {
      const v = out.value;
      expect(v.headLength).toBeLessThanOrEqual(len);
      expect(v.headers.length).toBeLessThanOrEqual(MAX_HTTP_HEADERS);
      for (const s of [v.method, v.path, v.query ?? '', v.host ?? '', v.version, ...v.headers.flat()]) {
        expect(s).toMatch(/^[\x20-\x7e]*$/);
      }
    }
  }

  it('never throws on random bytes or mutated requests', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (b) => {
        checkOutcome(parseHttpRequestHead(b), b.length);
        looksLikeHttpRequest(b);
      }),
      { numRuns: 300 },
    );
    const base = enc(valid);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(base.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 5 }),
        (edits) => {
          const m = base.slice();
          for (const [at, b] of edits) m[at] = b;
          checkOutcome(parseHttpRequestHead(m), m.length);
        },
      ),
      { numRuns: 400 },
    );
  });
});
