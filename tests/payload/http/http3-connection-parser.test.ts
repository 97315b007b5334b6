import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Http3ConnectionParser } from '../../../src/payload/http/http3-connection-parser.js';
import { encodeVarint } from '../../../src/payload/http/quic-varint.js';
import type { HttpExchange } from '../../../src/payload/types.js';
import {
  buildHttp3Connection,
  H3_FRAME_TYPE,
  type Http3BuildOptions,
  type Http3RequestSpec,
  type Http3StreamChunk,
  h3Frame,
} from '../../../src/writer/http3-frames-builder.js';
import { CHUNK_PATTERNS, collector, concat, header, text } from './helpers.js';

const req = (method: string, path: string, extra: [string, string][] = []): [string, string][] => [
  [':method', method],
  [':scheme', 'https'],
  [':authority', 'www.example.org'],
  [':path', path],
  ['user-agent', 'Mozilla/5.0 test'],
  ...extra,
];
const res = (status: number, extra: [string, string][] = []): [string, string][] => [
  [':status', String(status)],
  ...extra,
];

const REQUESTS: Http3RequestSpec[] = [
  {
    streamId: 0,
    request: {
      headers: req('GET', '/?q=1', [
        ['cookie', 'id=42'],
        ['x-client-data', 'abc'],
      ]),
    },
    response: {
      headers: res(200, [
        ['content-type', 'text/html; charset=utf-8'],
        ['server', 'test'],
      ]),
      body: '<html></html>',
    },
  },
  {
    streamId: 4,
    request: {
      headers: req('POST', '/log', [
        ['cookie', 'id=42'],
        ['content-type', 'application/json'],
        ['content-encoding', 'gzip'],
      ]),
      body: new Uint8Array(gzipSync('{"uid":"u-123"}')),
      trailers: [['x-done', '1']],
    },
    interim: [res(103, [['link', '</a.css>; rel=preload']])],
    response: { headers: res(204, [['server', 'test']]) },
  },
  {
    streamId: 8,
    request: {
      headers: req('GET', '/big', [
        ['cookie', 'id=42'],
        ['x-long', 'v'.repeat(100)],
      ]),
    },
    response: {
      headers: res(200, [['content-type', 'image/png']]),
      body: new Uint8Array(50_000),
      trailers: [['x-t', 'end']],
    },
  },
];

function play(chunks: readonly Http3StreamChunk[], parser: Http3ConnectionParser, size = 1 << 20): void {
  let frame = 1;
  for (const c of chunks) {
    if (c.data.length === 0) parser.onStreamData(c.dir, c.streamId, c.data, c.fin, frame++);
    for (let i = 0; i < c.data.length; i += size) {
      const last = i + size >= c.data.length;
      parser.onStreamData(c.dir, c.streamId, c.data.subarray(i, i + size), c.fin && last, frame++);
    }
  }
}

function run(
  requests: readonly Http3RequestSpec[],
  options: Http3BuildOptions,
  size?: number,
): { exchanges: HttpExchange[]; parser: Http3ConnectionParser } {
  const c = collector();
  const parser = new Http3ConnectionParser(c.sink);
  play(buildHttp3Connection(requests, options), parser, size);
  parser.end();
  return { exchanges: [...c.exchanges].sort((a, b) => (a.streamId ?? 0) - (b.streamId ?? 0)), parser };
}

function checkThree(exchanges: HttpExchange[]): void {
  expect(exchanges).toHaveLength(3);
  const [a, b, c] = exchanges;
  expect(a).toMatchObject({
    httpVersion: '3',
    method: 'GET',
    host: 'www.example.org',
    path: '/?q=1',
    scheme: 'https',
    status: 200,
    streamId: 0,
    responseBodyBytes: 13,
    contentType: 'text/html; charset=utf-8',
    notes: [],
  });
  expect(header(a, 'cookie')).toBe('id=42');
  expect(header(a, 'x-client-data')).toBe('abc');
  expect(b).toMatchObject({ method: 'POST', status: 204, streamId: 4, notes: [] });
  expect(text(b?.requestBody)).toBe('{"uid":"u-123"}');
  expect(header(b, 'x-done')).toBe('1');
  expect(c).toMatchObject({ path: '/big', status: 200, responseBodyBytes: 50_000, notes: [] });
  expect(header(c, 'x-long')).toBe('v'.repeat(100));
  expect(header(c, 'x-t', 'response')).toBe('end');
}

describe('Http3ConnectionParser: round trips through the writer', () => {
  const variants: [string, Http3BuildOptions][] = [
    ['static table and literals', {}],
    ['no Huffman, grease', { huffman: false, grease: true }],
    ['dynamic table', { dynamicTable: true }],
    ['dynamic table, small DATA frames', { dynamicTable: true, dataFrameSize: 1000, maxTableCapacity: 1024 }],
    ['dynamic table, encoder streams last (blocked sections)', { dynamicTable: true, encoderStreamsLast: true }],
  ];
  for (const [name, options] of variants) {
    it.each(CHUNK_PATTERNS)(`${name} (%i octets at a time)`, (size) => {
      const { exchanges, parser } = run(REQUESTS, options, size);
      checkThree(exchanges);
      expect(parser.requestCount).toBe(3);
    });
  }

  it('uses dynamic references when asked (the sections get smaller)', () => {
    const staticOnly = buildHttp3Connection(REQUESTS, {});
    const dynamic = buildHttp3Connection(REQUESTS, { dynamicTable: true });
    const requestBytes = (chunks: Http3StreamChunk[]) =>
      chunks.filter((c) => c.streamId === 8 && c.dir === 'out').reduce((n, c) => n + c.data.length, 0);
    expect(requestBytes(dynamic)).toBeLessThan(requestBytes(staticOnly));
    expect(dynamic.some((c) => c.streamId === 6)).toBe(true);
  });

  it('records the frame of the first request octet', () => {
    const c = collector();
    const p = new Http3ConnectionParser(c.sink);
    for (const chunk of buildHttp3Connection(REQUESTS.slice(0, 1))) {
      p.onStreamData(
        chunk.dir,
        chunk.streamId,
        chunk.data,
        chunk.fin,
        chunk.streamId === 0 && chunk.dir === 'out' ? 42 : 1,
      );
    }
    p.end();
    expect(c.exchanges[0]?.frame).toBe(42);
  });

  it('emits an exchange once both sides finished, before end()', () => {
    const c = collector();
    const p = new Http3ConnectionParser(c.sink);
    play(buildHttp3Connection(REQUESTS, { dynamicTable: true }), p);
    expect(c.exchanges).toHaveLength(3);
  });

  it('reports server pushes as their own exchanges', () => {
    const requests: Http3RequestSpec[] = [
      {
        streamId: 0,
        request: { headers: req('GET', '/') },
        pushes: [
          {
            pushId: 0,
            request: req('GET', '/app.js'),
            response: { headers: res(200, [['content-type', 'application/javascript']]), body: 'x()' },
          },
        ],
        response: { headers: res(200), body: 'ok' },
      },
    ];
    for (const dynamicTable of [false, true]) {
      const { exchanges, parser } = run(requests, { dynamicTable }, 3);
      expect(parser.requestCount).toBe(2);
      const push = exchanges.find((e) => e.notes.includes('server-push'));
      expect(push).toMatchObject({
        path: '/app.js',
        status: 200,
        responseBodyBytes: 3,
        contentType: 'application/javascript',
      });
      expect(exchanges.find((e) => e.path === '/')).toMatchObject({ status: 200, notes: [] });
    }
  });

  it('notes a section still blocked at end()', () => {
    const chunks = buildHttp3Connection(REQUESTS, { dynamicTable: true, encoderStreamsLast: true });
    const c = collector();
    const p = new Http3ConnectionParser(c.sink);
    play(
      chunks.filter((ch) => ch.streamId !== 6),
      p,
    );
    p.end();
    expect(c.exchanges.length).toBe(3);
    expect(c.exchanges.some((e) => e.notes.includes('qpack-blocked'))).toBe(true);
  });

  it('reads a request whose response never came', () => {
    const c = collector();
    const p = new Http3ConnectionParser(c.sink);
    play(
      buildHttp3Connection(REQUESTS).filter((ch) => ch.dir === 'out'),
      p,
    );
    expect(c.exchanges).toHaveLength(0);
    p.end();
    expect(c.exchanges.map((e) => [e.path, e.status])).toEqual([
      ['/?q=1', null],
      ['/log', null],
      ['/big', null],
    ]);
  });
});

describe('Http3ConnectionParser: hostile input', () => {
  it('notes an undecodable section and a HEADERS frame above the limit', () => {
    const c = collector();
    const p = new Http3ConnectionParser(c.sink);
    p.onStreamData('out', 0, h3Frame(H3_FRAME_TYPE.HEADERS, new Uint8Array([0, 0, 0xff, 0x7f])), true, 1);
    p.onStreamData('in', 0, new Uint8Array(0), true, 2);
    p.onStreamData('out', 4, concat(encodeVarint(1), encodeVarint(1 << 20)), false, 3);
    p.end();
    expect(c.exchanges[0]?.notes).toContain('qpack-error');
    expect(c.exchanges).toHaveLength(1);
  });

  it('never throws on random stream data', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            dir: fc.constantFrom('out' as const, 'in' as const),
            streamId: fc.constantFrom(0, 1, 2, 3, 4, 6, 7, 11, 2 ** 60),
            data: fc.uint8Array({ maxLength: 80 }),
            fin: fc.boolean(),
          }),
          { maxLength: 20 },
        ),
        (chunks) => {
          const p = new Http3ConnectionParser(() => {});
          play(chunks, p);
          p.end();
        },
      ),
      { numRuns: 500 },
    );
  });

  it('never throws on mutated or truncated real-looking connections', () => {
    const chunks = buildHttp3Connection(REQUESTS, { dynamicTable: true, grease: true });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }),
        fc.integer({ min: 1, max: 30 }),
        fc.nat(),
        (mutations, size, drop) => {
          const copy = chunks.map((c) => ({ ...c, data: c.data.slice() }));
          for (const [which, at, v] of mutations) {
            const c = copy[which % copy.length];
            if (c && c.data.length > 0) c.data[at % c.data.length] = v;
          }
          copy.splice(drop % copy.length, 1);
          const p = new Http3ConnectionParser(() => {});
          play(copy, p, size);
          p.end();
        },
      ),
      { numRuns: 300 },
    );
  });
});
