import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Http2ConnectionParser } from '../../../src/payload/http/http2-connection-parser.js';
import { MAX_HEADER_BLOCK_BYTES } from '../../../src/payload/types.js';
import {
  buildHttp2Connection,
  H2_FRAME,
  HTTP2_PREFACE,
  type Http2BuildOptions,
  Http2HeaderEncoder,
  type Http2StreamSpec,
  http2Frame,
  settingsFrame,
} from '../../../src/writer/http2-frames-builder.js';
import { CHUNK_PATTERNS, collector, concat, feed, header, text } from './helpers.js';

const req = (method: string, path: string, extra: [string, string][] = []): [string, string][] => [
  [':method', method],
  [':scheme', 'https'],
  [':authority', 'api.example.com'],
  [':path', path],
  ['user-agent', 'test/1.0'],
  ...extra,
];
const res = (status: number, extra: [string, string][] = []): [string, string][] => [
  [':status', String(status)],
  ...extra,
];

const STREAMS: Http2StreamSpec[] = [
  {
    streamId: 1,
    request: { headers: req('GET', '/a?uid=1', [['cookie', 'sid=abc']]) },
    response: { headers: res(200, [['content-type', 'text/html']]), body: 'hello world' },
  },
  {
    streamId: 3,
    request: {
      headers: req('POST', '/collect', [
        ['content-type', 'application/json'],
        ['content-encoding', 'gzip'],
      ]),
      body: new Uint8Array(gzipSync('{"email":"jane@example.com"}')),
    },
    interim: [res(100)],
    response: { headers: res(204) },
  },
  {
    streamId: 5,
    request: { headers: req('PUT', '/upload'), body: 'x'.repeat(40_000), trailers: [['x-checksum', 'abc']] },
    response: { headers: res(201), body: 'y'.repeat(20_000), trailers: [['grpc-status', '0']] },
  },
];

function run(
  streams: readonly Http2StreamSpec[],
  options: Http2BuildOptions,
  size: number,
  order?: 'interleaved' | 'out-first' | 'in-first',
) {
  const wire = buildHttp2Connection(streams, options);
  const c = collector();
  const parser = new Http2ConnectionParser(c.sink);
  feed(parser, wire.out, wire.in, size, order);
  return { exchanges: c.exchanges, parser };
}

function byStream<T extends { streamId: number | null }>(exchanges: T[]): T[] {
  return [...exchanges].sort((a, b) => (a.streamId ?? 0) - (b.streamId ?? 0));
}

describe('Http2ConnectionParser: round trips through the writer', () => {
  const variants: [string, Http2BuildOptions][] = [
    ['plain', {}],
    ['interleaved streams', { interleave: true }],
    ['CONTINUATION, padding, priority', { maxFrameSize: 16, padding: 7, priority: true }],
    ['no Huffman, table size update, control frames', { huffman: false, tableSizeUpdate: 256, controlFrames: true }],
    ['larger table advertised and used', { headerTableSize: 100_000, tableSizeUpdate: 90_000, interleave: true }],
  ];
  for (const [name, options] of variants) {
    it.each(CHUNK_PATTERNS)(`${name} (%i octets at a time)`, (size) => {
      const { exchanges, parser } = run(STREAMS, options, size);
      expect(exchanges).toHaveLength(3);
      expect(parser.requestCount).toBe(3);
      const [a, b, c] = byStream(exchanges);
      expect(a).toMatchObject({
        httpVersion: '2',
        method: 'GET',
        host: 'api.example.com',
        path: '/a?uid=1',
        scheme: 'https',
        status: 200,
        responseBodyBytes: 11,
        streamId: 1,
        contentType: 'text/html',
        notes: [],
      });
      expect(header(a, 'cookie')).toBe('sid=abc');
      expect(a?.requestHeaders.some((h) => h.name.startsWith(':'))).toBe(false);
      expect(b).toMatchObject({ method: 'POST', status: 204, contentType: 'application/json', notes: [] });
      expect(text(b?.requestBody)).toBe('{"email":"jane@example.com"}');
      expect(c).toMatchObject({ method: 'PUT', status: 201, requestBodyBytes: 40_000, responseBodyBytes: 20_000 });
      expect(header(c, 'x-checksum')).toBe('abc');
      expect(header(c, 'grpc-status', 'response')).toBe('0');
    });
  }

  it('records the frame of the request HEADERS frame', () => {
    const wire = buildHttp2Connection(STREAMS.slice(0, 1));
    const c = collector();
    const p = new Http2ConnectionParser(c.sink);
    p.push('out', wire.out.subarray(0, 30), 4);
    p.push('out', wire.out.subarray(30, 60), 5);
    p.push('out', wire.out.subarray(60), 6);
    p.push('in', wire.in, 7);
    p.end();
    // Preface (24) + SETTINGS (9+12) + SETTINGS ack (9) = 54: the HEADERS frame starts in the second segment.
    expect(c.exchanges[0]?.frame).toBe(5);
  });

  it.each(['out-first', 'in-first'] as const)('does not depend on which direction is pushed first (%s)', (order) => {
    const { exchanges } = run(STREAMS, { interleave: true }, 7, order);
    expect(byStream(exchanges).map((e) => [e.streamId, e.method, e.status])).toEqual([
      [1, 'GET', 200],
      [3, 'POST', 204],
      [5, 'PUT', 201],
    ]);
  });

  it('emits each exchange as soon as both sides ended its stream', () => {
    const wire = buildHttp2Connection(STREAMS);
    const c = collector();
    const p = new Http2ConnectionParser(c.sink);
    p.push('out', wire.out, 1);
    p.push('in', wire.in, 2);
    expect(c.exchanges).toHaveLength(3);
    p.end();
    expect(c.exchanges).toHaveLength(3);
  });

  it('reports server pushes as their own exchanges', () => {
    const streams: Http2StreamSpec[] = [
      {
        streamId: 1,
        request: { headers: req('GET', '/') },
        pushes: [
          {
            promisedStreamId: 2,
            request: req('GET', '/style.css'),
            response: { headers: res(200, [['content-type', 'text/css']]), body: 'body{}' },
          },
        ],
        response: { headers: res(200), body: '<html>' },
      },
    ];
    const { exchanges, parser } = run(streams, { interleave: true }, 5);
    expect(parser.requestCount).toBe(2);
    const push = exchanges.find((e) => e.streamId === 2);
    expect(push).toMatchObject({
      path: '/style.css',
      status: 200,
      responseBodyBytes: 6,
      contentType: 'text/css',
      notes: ['server-push'],
    });
    expect(exchanges.find((e) => e.streamId === 1)).toMatchObject({ path: '/', status: 200 });
  });

  it('ends a stream on RST_STREAM from either side', () => {
    const streams: Http2StreamSpec[] = [
      { streamId: 1, request: { headers: req('GET', '/slow') }, resetBy: 'out' },
      { streamId: 3, request: { headers: req('GET', '/refused') }, resetBy: 'in' },
    ];
    const wire = buildHttp2Connection(streams);
    const c = collector();
    const p = new Http2ConnectionParser(c.sink);
    p.push('out', wire.out, 1);
    p.push('in', wire.in, 2);
    expect(byStream(c.exchanges).map((e) => [e.path, e.status, e.notes])).toEqual([
      ['/slow', null, ['stream-reset']],
      ['/refused', null, ['stream-reset']],
    ]);
  });

  it('reports open streams at end() with what was seen', () => {
    const wire = buildHttp2Connection(STREAMS);
    const c = collector();
    const p = new Http2ConnectionParser(c.sink);
    p.push('out', wire.out, 1);
    p.end();
    expect(byStream(c.exchanges).map((e) => [e.path, e.status])).toEqual([
      ['/a?uid=1', null],
      ['/collect', null],
      ['/upload', null],
    ]);
  });
});

describe('Http2ConnectionParser: damage', () => {
  it('stops the client direction without the preface', () => {
    const wire = buildHttp2Connection(STREAMS);
    const c = collector();
    const p = new Http2ConnectionParser(c.sink);
    p.push('out', wire.out.subarray(24), 1);
    p.push('in', wire.in, 2);
    p.end();
    expect(c.exchanges).toEqual([]);
  });

  it('stops a direction at a gap, notes the streams left waiting on it', () => {
    const wire = buildHttp2Connection(STREAMS);
    const c = collector();
    const p = new Http2ConnectionParser(c.sink);
    p.push('out', wire.out, 1);
    p.push('in', wire.in.subarray(0, 60), 2);
    p.gap('in');
    p.push('in', wire.in.subarray(200), 3);
    p.end();
    expect(c.exchanges).toHaveLength(3);
    expect(c.exchanges.every((e) => e.notes.includes('gap') || e.status !== null)).toBe(true);
  });

  it('notes an HPACK error on the stream and stops that direction', () => {
    const out = concat(
      HTTP2_PREFACE,
      settingsFrame([]),
      http2Frame(H2_FRAME.HEADERS, 0x5, 1, new Uint8Array([0x82, 0x87, 0xbf])), // index 63: empty dynamic table
      http2Frame(H2_FRAME.HEADERS, 0x5, 3, new Uint8Array([0x82])),
    );
    const c = collector();
    const p = new Http2ConnectionParser(c.sink);
    p.push('out', out, 1);
    p.end();
    expect(c.exchanges).toHaveLength(1);
    expect(c.exchanges[0]).toMatchObject({ streamId: 1, method: '' });
    expect(c.exchanges[0]?.notes).toContain('hpack-error');
  });

  it('refuses a header block above the limit', () => {
    const enc = new Http2HeaderEncoder(false);
    const block = enc.encode([...req('GET', '/'), ['x-big', 'a'.repeat(MAX_HEADER_BLOCK_BYTES)]]);
    const out = concat(HTTP2_PREFACE, http2Frame(H2_FRAME.HEADERS, 0x5, 1, block));
    const c = collector();
    const p = new Http2ConnectionParser(c.sink);
    p.push('out', out, 1);
    p.end();
    expect(c.exchanges).toEqual([]);
  });

  it('refuses a CONTINUATION chain above the limit', () => {
    const parts: Uint8Array[] = [HTTP2_PREFACE, http2Frame(H2_FRAME.HEADERS, 0x1, 1, new Uint8Array([0x82]))];
    for (let i = 0; i < 40; i++) parts.push(http2Frame(H2_FRAME.CONTINUATION, 0, 1, new Uint8Array(16_000)));
    const c = collector();
    const p = new Http2ConnectionParser(c.sink);
    p.push('out', concat(...parts), 1);
    p.end();
    expect(c.exchanges).toHaveLength(1);
    expect(c.exchanges[0]?.notes).toContain('header-too-large');
  });

  it('never throws on random octets after the preface, or on mutated connections', () => {
    const wire = buildHttp2Connection(STREAMS, { padding: 3, maxFrameSize: 64 });
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 400 }),
        fc.uint8Array({ maxLength: 400 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }),
        fc.integer({ min: 1, max: 64 }),
        (randomOut, randomIn, mutations, size) => {
          const p = new Http2ConnectionParser(() => {});
          feed(p, concat(HTTP2_PREFACE, randomOut), randomIn, size);
          const out = wire.out.slice();
          const inbound = wire.in.slice();
          for (const [at, v] of mutations) {
            out[at % out.length] = v;
            inbound[(at * 7) % inbound.length] = v;
          }
          const q = new Http2ConnectionParser(() => {});
          feed(q, out, inbound, size);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('bounds the streams it tracks', () => {
    const enc = new Http2HeaderEncoder();
    const parts: Uint8Array[] = [HTTP2_PREFACE];
    for (let id = 1; id < 3000; id += 2)
      parts.push(http2Frame(H2_FRAME.HEADERS, 0x4, id, enc.encode(req('GET', `/${id}`))));
    const c = collector();
    const p = new Http2ConnectionParser(c.sink);
    p.push('out', concat(...parts), 1);
    expect(c.exchanges.length).toBeGreaterThan(900);
    expect(c.exchanges[0]?.notes).toContain('stream-evicted');
    p.end();
    expect(c.exchanges).toHaveLength(1500);
  });
});
