import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Http1StreamParser } from '../../../src/payload/http/http1-stream-parser.js';
import { MAX_HEADER_BLOCK_BYTES, MAX_INSPECTED_BODY_BYTES } from '../../../src/payload/types.js';
import { bytes, CHUNK_PATTERNS, collector, concat, feed, header, text } from './helpers.js';

function run(
  out: string | Uint8Array,
  inbound: string | Uint8Array,
  size = 1 << 20,
  order?: 'interleaved' | 'out-first' | 'in-first',
) {
  const c = collector();
  const parser = new Http1StreamParser(c.sink);
  feed(
    parser,
    typeof out === 'string' ? bytes(out) : out,
    typeof inbound === 'string' ? bytes(inbound) : inbound,
    size,
    order,
  );
  return { exchanges: c.exchanges, parser };
}

const GET = 'GET /v1/collect?uid=42 HTTP/1.1\r\nHost: example.com:8080\r\nUser-Agent: test\r\nCookie: a=b\r\n\r\n';
const OK = 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello';

describe('Http1StreamParser: one exchange', () => {
  it.each(CHUNK_PATTERNS)('reads a GET and its response fed %i octets at a time', (size) => {
    const { exchanges, parser } = run(GET, OK, size);
    expect(exchanges).toHaveLength(1);
    const e = exchanges[0];
    expect(e).toMatchObject({
      httpVersion: '1.1',
      method: 'GET',
      host: 'example.com:8080',
      path: '/v1/collect?uid=42',
      scheme: null,
      status: 200,
      responseBodyBytes: 5,
      requestBodyBytes: 0,
      contentType: 'text/plain',
      frame: 1,
      streamId: null,
      notes: [],
    });
    expect(header(e, 'cookie')).toBe('a=b');
    expect(header(e, 'User-Agent')).toBe('test');
    expect(e?.requestHeaders.map((h) => h.name)).toEqual(['Host', 'User-Agent', 'Cookie']);
    expect(parser.requestCount).toBe(1);
  });

  it('records the frame that carried the first octet of each request', () => {
    const c = collector();
    const p = new Http1StreamParser(c.sink);
    p.push('out', bytes('\r\n'), 7); // stray empty line before the request
    p.push('out', bytes(GET.slice(0, 10)), 8);
    p.push('out', bytes(GET.slice(10)), 9);
    p.push('in', bytes(OK), 10);
    p.push('out', bytes(`junk-free${GET}`.slice(9)), 11);
    p.push('in', bytes(OK), 12);
    p.end();
    expect(c.exchanges.map((e) => e.frame)).toEqual([8, 11]);
  });

  it.each(CHUNK_PATTERNS)('reads a POST body by Content-Length and a chunked response with trailers (%i)', (size) => {
    const out =
      'POST /submit HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nContent-Length: 17\r\n\r\n{"email":"a@b.c"}';
    const inbound =
      'HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n4;ext=1\r\nWiki\r\n5\r\npedia\r\n0\r\nX-Trailer: yes\r\n\r\n';
    const { exchanges } = run(out, inbound, size);
    expect(exchanges).toHaveLength(1);
    expect(text(exchanges[0]?.requestBody)).toBe('{"email":"a@b.c"}');
    expect(exchanges[0]).toMatchObject({ status: 201, responseBodyBytes: 9, requestBodyBytes: 17 });
    expect(exchanges[0]?.contentType).toBe('application/json');
    expect(header(exchanges[0], 'x-trailer', 'response')).toBe('yes');
  });

  it.each(CHUNK_PATTERNS)('reads a chunked request body with trailers (%i)', (size) => {
    const out =
      'POST /up HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n3\r\nabc\r\nA\r\n0123456789\r\n0\r\nDigest: x\r\n\r\n';
    const { exchanges } = run(out, 'HTTP/1.1 204 No Content\r\n\r\n', size);
    expect(text(exchanges[0]?.requestBody)).toBe('abc0123456789');
    expect(exchanges[0]?.requestBodyBytes).toBe(13);
    expect(header(exchanges[0], 'digest')).toBe('x');
    expect(exchanges[0]?.status).toBe(204);
  });

  it('accepts bare LF line ends, obs-fold and HTTP/1.0', () => {
    const out = 'GET / HTTP/1.0\nHost: x\nX-Long: one\n  two\n\n';
    const { exchanges } = run(out, 'HTTP/1.0 200 OK\nContent-Length: 2\n\nok');
    expect(exchanges[0]).toMatchObject({ httpVersion: '1.0', status: 200, responseBodyBytes: 2 });
    expect(header(exchanges[0], 'x-long')).toBe('one two');
  });

  it('reads a response without length to the end of the stream', () => {
    const { exchanges } = run(GET, 'HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n<html>...</html>');
    expect(exchanges[0]).toMatchObject({ status: 200, responseBodyBytes: 16, notes: [] });
  });

  it('reports a request without response with status null at end()', () => {
    const { exchanges } = run(GET, '');
    expect(exchanges).toHaveLength(1);
    expect(exchanges[0]).toMatchObject({ status: null, method: 'GET' });
  });

  it('notes a request body cut by the end of the stream', () => {
    const { exchanges } = run('POST / HTTP/1.1\r\nContent-Length: 100\r\n\r\nshort', '');
    expect(exchanges[0]).toMatchObject({ requestBodyBytes: 5, status: null });
    expect(exchanges[0]?.notes).toContain('incomplete');
  });
});

describe('Http1StreamParser: several exchanges', () => {
  const requests = [
    'GET /a HTTP/1.1\r\nHost: h\r\n\r\n',
    'HEAD /b HTTP/1.1\r\nHost: h\r\n\r\n',
    'POST /c HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nxyz',
    'GET /d HTTP/1.1\r\nHost: h\r\n\r\n',
  ];
  const responses = [
    'HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nAAA',
    // HEAD: Content-Length describes the GET body, none follows.
    'HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n',
    'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 302 Found\r\nLocation: /x\r\nContent-Length: 0\r\n\r\n',
    'HTTP/1.1 304 Not Modified\r\nETag: "1"\r\n\r\n',
  ];

  for (const order of ['interleaved', 'out-first', 'in-first'] as const) {
    it.each(CHUNK_PATTERNS)(`matches pipelined responses in order (${order}, %i)`, (size) => {
      const { exchanges, parser } = run(requests.join(''), responses.join(''), size, order);
      expect(exchanges.map((e) => [e.method, e.path, e.status, e.responseBodyBytes])).toEqual([
        ['GET', '/a', 200, 3],
        ['HEAD', '/b', 200, 0],
        ['POST', '/c', 302, 0],
        ['GET', '/d', 304, 0],
      ]);
      expect(parser.requestCount).toBe(4);
    });
  }

  it('stops at CONNECT: the tunnel payload is not parsed', () => {
    const out = concat(
      bytes('CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n'),
      new Uint8Array([22, 3, 1, 0, 5]),
    );
    const inbound = concat(
      bytes('HTTP/1.1 200 Connection Established\r\n\r\n'),
      new Uint8Array([22, 3, 3, 0, 9, 1, 2]),
    );
    const { exchanges, parser } = run(out, inbound, 4);
    expect(exchanges).toHaveLength(1);
    expect(exchanges[0]).toMatchObject({ method: 'CONNECT', path: 'example.com:443', status: 200 });
    expect(exchanges[0]?.notes).toEqual(['connect-tunnel']);
    expect(parser.requestCount).toBe(1);
  });

  it('stops after a 101 to a WebSocket upgrade', () => {
    const out = concat(
      bytes('GET /chat HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n'),
      new Uint8Array([0x81, 0x85, 1, 2, 3, 4, 5, 6, 7, 8, 9]),
      bytes('GET /not-http HTTP/1.1\r\n\r\n'),
    );
    const inbound = concat(
      bytes('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n'),
      new Uint8Array([0x81, 2, 104, 105]),
    );
    for (const order of ['interleaved', 'out-first', 'in-first'] as const) {
      const { exchanges, parser } = run(out, inbound, 3, order);
      expect(exchanges).toHaveLength(1);
      expect(exchanges[0]).toMatchObject({ status: 101, path: '/chat' });
      expect(parser.requestCount).toBe(1);
    }
  });

  it('goes on when the server declines an upgrade', () => {
    const out =
      'GET /a HTTP/1.1\r\nHost: h\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQAAP__\r\n\r\nGET /b HTTP/1.1\r\nHost: h\r\n\r\n';
    const inbound = 'HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nxHTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n';
    for (const order of ['interleaved', 'out-first', 'in-first'] as const) {
      const { exchanges } = run(out, inbound, 5, order);
      expect(exchanges.map((e) => [e.path, e.status])).toEqual([
        ['/a', 200],
        ['/b', 404],
      ]);
    }
  });
});

describe('Http1StreamParser: bodies', () => {
  it('decodes a gzip request body and keeps the wire size', () => {
    const json = JSON.stringify({ user: 'jane@example.com', pad: 'x'.repeat(5000) });
    const gz = gzipSync(json);
    const out = concat(
      bytes(`POST /c HTTP/1.1\r\nHost: h\r\nContent-Encoding: gzip\r\nContent-Length: ${gz.length}\r\n\r\n`),
      gz,
    );
    const { exchanges } = run(out, OK, 7);
    expect(text(exchanges[0]?.requestBody)).toBe(json);
    expect(exchanges[0]?.requestBodyBytes).toBe(gz.length);
    expect(exchanges[0]?.notes).toEqual([]);
  });

  it('keeps only a prefix of a large body but counts it all', () => {
    const size = MAX_INSPECTED_BODY_BYTES * 2 + 17;
    const out = concat(bytes(`PUT /big HTTP/1.1\r\nContent-Length: ${size}\r\n\r\n`), new Uint8Array(size).fill(65));
    const { exchanges } = run(out, 'HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n', 65536);
    expect(exchanges[0]?.requestBody.length).toBe(MAX_INSPECTED_BODY_BYTES);
    expect(exchanges[0]?.requestBodyBytes).toBe(size);
    expect(exchanges[0]?.notes).toContain('body-truncated');
  });
});

describe('Http1StreamParser: damage', () => {
  it('resynchronises on the next request line after a gap', () => {
    const c = collector();
    const p = new Http1StreamParser(c.sink);
    p.push('out', bytes('POST /a HTTP/1.1\r\nContent-Length: 50\r\n\r\n0123456789'), 1);
    p.gap('out');
    p.push('out', bytes('ody-rest-of-a\r\nGET /b HTTP/1.1\r\nHost: h\r\n\r\n'), 3);
    p.push('in', bytes('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\nHTTP/1.1 201 OK\r\nContent-Length: 0\r\n\r\n'), 4);
    p.end();
    expect(c.exchanges.map((e) => [e.path, e.status, e.requestBodyBytes])).toEqual([
      ['/a', 200, 10],
      ['/b', 201, 0],
    ]);
    expect(c.exchanges[0]?.notes).toContain('gap');
    expect(c.exchanges[1]?.frame).toBe(3);
  });

  it('resynchronises responses after a gap in the server direction', () => {
    const c = collector();
    const p = new Http1StreamParser(c.sink);
    p.push('out', bytes('GET /a HTTP/1.1\r\n\r\nGET /b HTTP/1.1\r\n\r\n'), 1);
    p.push('in', bytes('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nabc'), 2);
    p.gap('in');
    p.push('in', bytes('xyz</html>HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n'), 4);
    p.push('in', bytes('\r\nHTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n'), 5);
    p.end();
    expect(c.exchanges.map((e) => [e.path, e.status])).toEqual([
      ['/a', 200],
      ['/b', 404],
    ]);
    expect(c.exchanges[0]?.notes).toContain('gap');
  });

  it('keeps counting a body read to the end of the stream across a gap', () => {
    const c = collector();
    const p = new Http1StreamParser(c.sink);
    p.push('out', bytes(GET), 1);
    p.push('in', bytes('HTTP/1.0 200 OK\r\n\r\nfirst'), 2);
    p.gap('in');
    p.push('in', bytes('second'), 3);
    p.end();
    expect(c.exchanges[0]).toMatchObject({ status: 200, responseBodyBytes: 11 });
    expect(c.exchanges[0]?.notes).toContain('gap');
  });

  it('ignores calls after end()', () => {
    const c = collector();
    const p = new Http1StreamParser(c.sink);
    p.push('out', bytes(GET), 1);
    p.end();
    p.end();
    p.push('out', bytes(GET), 2);
    p.gap('in');
    expect(c.exchanges).toHaveLength(1);
  });

  it('stops on a stream that is not HTTP without reporting anything', () => {
    const tls = new Uint8Array([0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xfc, 0x03, 0x03]);
    const { exchanges, parser } = run(tls, new Uint8Array([0x16, 0x03, 0x03, 0, 0x5a]));
    expect(exchanges).toEqual([]);
    expect(parser.requestCount).toBe(0);
  });

  it('notes garbage after a request on the pending exchange', () => {
    const out = concat(bytes(GET), new Uint8Array([0, 1, 2, 3, 0xff, 10, 10]));
    const { exchanges } = run(out, OK);
    expect(exchanges).toHaveLength(1);
    expect(exchanges[0]?.notes).toContain('bad-request-head');
    expect(exchanges[0]?.status).toBe(200);
  });

  it('notes an unreadable response and reports its request with status null', () => {
    const { exchanges } = run(GET, 'SSH-2.0-OpenSSH_9.0\r\n');
    expect(exchanges[0]).toMatchObject({ status: null });
    expect(exchanges[0]?.notes).toContain('bad-response-head');
  });

  it('stops a head that never ends at the header limit', () => {
    const c = collector();
    const p = new Http1StreamParser(c.sink);
    p.push('out', bytes(GET), 1);
    p.push('out', bytes('GET / HTTP/1.1\r\n'), 2);
    const line = bytes(`X-Filler: ${'a'.repeat(1000)}\r\n`);
    for (let i = 0; i < (MAX_HEADER_BLOCK_BYTES / line.length) * 2; i++) p.push('out', line, 3);
    p.push('in', bytes(OK), 4);
    p.end();
    expect(c.exchanges).toHaveLength(1);
    expect(c.exchanges[0]?.notes).toContain('header-too-large');
  });

  it('rejects conflicting Content-Length values', () => {
    const { exchanges } = run('POST / HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!', OK);
    expect(exchanges).toHaveLength(0);
  });
});

describe('Http1StreamParser: hostile input', () => {
  const valid = bytes(
    'POST /a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\nGET /b HTTP/1.1\r\n\r\n',
  );
  const validIn = bytes(
    'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
  );

  it('never throws on random octets in either direction', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 600 }),
        fc.uint8Array({ maxLength: 600 }),
        fc.integer({ min: 1, max: 50 }),
        (a, b, size) => {
          const p = new Http1StreamParser(() => {});
          feed(p, a, b, size);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never throws on truncated, mutated or gapped valid streams', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: valid.length }),
        fc.integer({ min: 0, max: validIn.length }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 5 }),
        fc.integer({ min: 1, max: 20 }),
        fc.boolean(),
        (cutOut, cutIn, mutations, size, withGap) => {
          const out = valid.slice(0, cutOut);
          const inbound = validIn.slice(0, cutIn);
          for (const [at, v] of mutations) if (out.length > 0) out[at % out.length] = v;
          const exchanges: unknown[] = [];
          const p = new Http1StreamParser((e) => exchanges.push(e));
          p.push('out', out.subarray(0, size), 1);
          if (withGap) p.gap('out');
          feed(p, out.subarray(size), inbound, size);
          expect(exchanges.length).toBeLessThanOrEqual(3);
        },
      ),
      { numRuns: 300 },
    );
  });
});
