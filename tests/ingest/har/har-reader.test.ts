import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/core/errors.js';
import { MAX_HAR_ENTRY_BYTES, readHar } from '../../../src/ingest/har/har-reader.js';
import { MAX_INSPECTED_BODY_BYTES } from '../../../src/payload/types.js';
import { chunked, harBytes, harEntry, harText, readHarBytes } from './har-builder.js';

const PATTERNS = [[1], [2], [3], [5], [8], [13], [7, 1, 300, 2, 64]];

async function inputError(bytes: Uint8Array | string): Promise<string> {
  const data = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
  try {
    await readHarBytes(data);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error('no InputError');
}

describe('readHar: mapping an entry', () => {
  it('maps request, response and entry fields', async () => {
    const entry = harEntry({
      method: 'POST',
      url: 'https://Collector.Example.com:8443/v1/collect?uid=42&x=%20y#frag',
      httpVersion: 'http/2.0',
      headers: [
        { name: ':authority', value: 'collector.example.com:8443' },
        { name: 'user-agent', value: 'Test/1.0' },
        { name: 'content-type', value: 'application/json' },
      ],
      postData: { mimeType: 'application/json', text: '{"a":1}' },
      bodySize: 7,
      status: 204,
      responseHeaders: [{ name: 'content-type', value: 'text/plain' }],
      mimeType: 'text/plain',
      responseBodySize: 0,
      extra: { serverIPAddress: '[2001:db8::1]', connection: 1234, pageref: 'page_1' },
    });
    const { records, summary } = await readHarBytes(harBytes([entry]));
    expect(summary).toEqual({
      entries: 1,
      skipped: [],
      creator: 'WebInspector 537.36',
      browser: null,
      version: '1.2',
    });
    const [r] = records;
    expect(r?.entry).toBe(0);
    expect(r?.serverIPAddress).toBe('2001:db8::1');
    expect(r?.connection).toBe('1234');
    expect(r?.pageref).toBe('page_1');
    expect(r?.startedDateTime).toBe('2024-05-01T10:00:00.000Z');
    expect(r?.url).toBe('https://Collector.Example.com:8443/v1/collect?uid=42&x=%20y#frag');
    expect(r?.exchange).toEqual({
      httpVersion: '2',
      method: 'POST',
      host: 'collector.example.com:8443',
      path: '/v1/collect?uid=42&x=%20y',
      scheme: 'https',
      requestHeaders: [
        { name: ':authority', value: 'collector.example.com:8443' },
        { name: 'user-agent', value: 'Test/1.0' },
        { name: 'content-type', value: 'application/json' },
      ],
      requestBody: new Uint8Array(Buffer.from('{"a":1}')),
      requestBodyBytes: 7,
      status: 204,
      responseHeaders: [{ name: 'content-type', value: 'text/plain' }],
      responseBodyBytes: 0,
      contentType: 'text/plain',
      frame: null,
      streamId: null,
      notes: [],
    });
  });

  it('keeps a port the URL spells, even the default one, and drops none it does not', async () => {
    const urls: [string, string][] = [
      ['https://a.example:443/x', 'a.example:443'],
      ['http://a.example/x', 'a.example'],
      ['http://user:pw@[2001:db8::2]:8080/', '[2001:db8::2]:8080'],
      ['wss://ws.example/socket', 'ws.example'],
    ];
    const { records } = await readHarBytes(harBytes(urls.map(([url]) => harEntry({ url }))));
    expect(records.map((r) => r.exchange.host)).toEqual(urls.map(([, host]) => host));
    expect(records[3]?.exchange.scheme).toBe('wss');
  });

  it('reads the HTTP version spellings of the writers', async () => {
    const cases: [string, string, string[]][] = [
      ['HTTP/1.1', '1.1', []],
      ['HTTP/1.0', '1.0', []],
      ['HTTP/2', '2', []],
      ['http/2.0', '2', []],
      ['h2', '2', []],
      ['h3', '3', []],
      ['HTTP/3', '3', []],
      ['http/2+quic/46', '3', []],
      ['', '1.1', ['http-version-unknown']],
      ['SPDY/3', '1.1', ['http-version-unknown']],
    ];
    const { records } = await readHarBytes(harBytes(cases.map(([v]) => harEntry({ httpVersion: v }))));
    expect(records.map((r) => [r.exchange.httpVersion, r.exchange.notes])).toEqual(cases.map(([, v, n]) => [v, n]));
  });

  it('merges request.cookies into the Cookie header', async () => {
    const entries = [
      harEntry({
        headers: [{ name: 'Cookie', value: 'a=1; b=2' }],
        cookies: [
          { name: 'a', value: '1' },
          { name: 'c', value: '3' },
        ],
      }),
      harEntry({ httpVersion: 'h2', cookies: [{ name: 'NID', value: '511=abc' }] }),
    ];
    const { records } = await readHarBytes(harBytes(entries));
    expect(records[0]?.exchange.requestHeaders).toEqual([{ name: 'Cookie', value: 'a=1; b=2; c=3' }]);
    expect(records[1]?.exchange.requestHeaders).toEqual([{ name: 'cookie', value: 'NID=511=abc' }]);
  });

  it('takes the body from postData.text, base64 text, or params', async () => {
    const entries = [
      harEntry({ method: 'POST', postData: { mimeType: 'text/plain', text: 'héllo' }, bodySize: -1 }),
      harEntry({
        method: 'POST',
        postData: {
          mimeType: 'application/octet-stream',
          text: Buffer.from([0, 1, 2, 255]).toString('base64'),
          encoding: 'base64',
        },
        bodySize: 4,
      }),
      harEntry({
        method: 'POST',
        postData: {
          mimeType: 'application/x-www-form-urlencoded',
          params: [
            { name: 'uid', value: 'a b' },
            { name: 'e', value: 'x@y.nl' },
          ],
        },
        bodySize: -1,
      }),
    ];
    const { records } = await readHarBytes(harBytes(entries));
    const [plain, binary, form] = records.map((r) => r.exchange);
    expect(Buffer.from(plain?.requestBody ?? []).toString('utf8')).toBe('héllo');
    expect(plain?.requestBodyBytes).toBe(6);
    expect([...(binary?.requestBody ?? [])]).toEqual([0, 1, 2, 255]);
    expect(Buffer.from(form?.requestBody ?? []).toString('utf8')).toBe('uid=a%20b&e=x%40y.nl');
    // The inspector needs the body's type: postData.mimeType stands in for a missing Content-Type header.
    expect(form?.requestHeaders).toEqual([{ name: 'Content-Type', value: 'application/x-www-form-urlencoded' }]);
  });

  it('turns status 0 into no response and counts response bytes from bodySize, else content.size', async () => {
    const entries = [
      harEntry({ status: 0, mimeType: '', headers: [{ name: 'content-type', value: 'application/json' }] }),
      harEntry({ responseBodySize: -1, contentSize: 5120 }),
      harEntry({ responseBodySize: 300, contentSize: 5120 }),
    ];
    const { records } = await readHarBytes(harBytes(entries));
    expect(records.map((r) => [r.exchange.status, r.exchange.responseBodyBytes])).toEqual([
      [null, 0],
      [200, 5120],
      [200, 300],
    ]);
    expect(records[0]?.exchange.contentType).toBe('application/json'); // the request's, as there is no response
  });

  it('reads WebSocket and event-stream entries like any other', async () => {
    const entries = [
      harEntry({
        url: 'wss://socket.example/v3?api_key=k',
        status: 101,
        extra: {
          _resourceType: 'websocket',
          _webSocketMessages: [{ type: 'send', time: 1, opcode: 1, data: '{"x":1}' }],
        },
      }),
      harEntry({ url: 'https://stream.example/events', mimeType: 'text/event-stream' }),
    ];
    const { records, summary } = await readHarBytes(harBytes(entries));
    expect(summary.skipped).toEqual([]);
    expect(records.map((r) => `${r.exchange.scheme} ${r.exchange.host}${r.exchange.path}`)).toEqual([
      'wss socket.example/v3?api_key=k',
      'https stream.example/events',
    ]);
  });
});

describe('readHar: skipping single entries', () => {
  it('skips and counts entries it cannot place, reading the rest', async () => {
    const entries: unknown[] = [
      harEntry({ url: 'https://ok.example/1' }),
      42,
      { response: {} },
      harEntry({ url: '/relative/logo.gif' }),
      harEntry({ url: 'data:image/png;base64,iVBORw0KGgo=' }),
      harEntry({ url: 'chrome-extension://abcdef/page.js' }),
      harEntry({ url: 'blob:https://x.example/123' }),
      { request: { url: 'https://x.example/' } },
      harEntry({ url: 'https://ok.example/2' }),
    ];
    const { records, summary } = await readHarBytes(harBytes(entries));
    expect(records.map((r) => [r.entry, r.exchange.path])).toEqual([
      [0, '/1'],
      [8, '/2'],
    ]);
    expect(summary.entries).toBe(2);
    expect(summary.skipped).toEqual([
      { entry: 1, reason: 'entry is not an object' },
      { entry: 2, reason: 'entry has no request' },
      { entry: 3, reason: 'request.url is not an absolute URL' },
      { entry: 4, reason: 'URL scheme "data:" is not http(s) or ws(s)' },
      { entry: 5, reason: 'URL scheme "chrome-extension:" is not http(s) or ws(s)' },
      { entry: 6, reason: 'URL scheme "blob:" is not http(s) or ws(s)' },
      { entry: 7, reason: 'request has no method' },
    ]);
  });

  it('skips an entry whose JSON is bad inside but well nested', async () => {
    const text = harText([harEntry({ url: 'https://a.example/' }), harEntry({ url: 'https://b.example/' })]);
    const broken = text.replace('"time": 12.5', '"time": 12..5');
    const { records, summary } = await readHarBytes(Buffer.from(broken));
    expect(records.map((r) => r.exchange.host)).toEqual(['b.example']);
    expect(summary.skipped).toEqual([{ entry: 0, reason: 'entry is not valid JSON' }]);
  });

  it('keeps what it read when the file is cut after the entries began', async () => {
    const text = harText([harEntry({ url: 'https://a.example/' }), harEntry({ url: 'https://b.example/' })]);
    const cut = text.slice(0, text.indexOf('b.example') + 3);
    const { records, summary } = await readHarBytes(Buffer.from(cut));
    expect(records.map((r) => r.exchange.host)).toEqual(['a.example']);
    expect(summary.skipped).toHaveLength(1);
    expect(summary.skipped[0]?.entry).toBe(1);
    expect(summary.skipped[0]?.reason).toMatch(/^the file is damaged from here on: the JSON ends early/);
  });
});

describe('readHar: refusing what is not a HAR', () => {
  it.each([
    ['empty', '', /not JSON: no JSON value/],
    ['only a BOM and spaces', '\ufeff  \n', /not JSON: no JSON value/],
    ['not JSON', 'GET / HTTP/1.1\r\n', /not JSON: unexpected 'G' at byte 0/],
    ['an array', '[{"log":{}}]', /the JSON is an array, not an object/],
    ['no log', '{"version":"1.2"}', /no "log" object/],
    ['log is an array', '{"log":\n[\n    2,1,3\n]\n"request:"}', /"log" is an array, not an object/],
    ['no entries', '{"log":{"version":"1.2","pages":[]}}', /no "log.entries" array/],
    ['entries not an array', '{"log":{"entries":{}}}', /"log.entries" is an object, not an array/],
    ['cut before the entries', '{"log":{"version":"1.2",', /not JSON: the JSON ends early/],
    ['broken before the entries', '{"log":{"version" "1.2"}}', /not JSON: unexpected '"' at byte 18/],
  ])('%s', async (_name, text, message) => {
    const msg = await inputError(text);
    expect(msg).toMatch(/^test\.har: not a HAR file \(/);
    expect(msg).toMatch(message);
  });

  it('passes on an InputError of the source before the entries', async () => {
    async function* failing(): AsyncGenerator<Uint8Array> {
      yield Buffer.from('{"log":{');
      throw new InputError('gzip data is damaged', 'x.har.gz');
    }
    await expect(readHar(failing(), 'x.har.gz', () => undefined)).rejects.toThrow('gzip data is damaged');
  });

  it('keeps the entries read when the source fails after them', async () => {
    const text = harText([harEntry({ url: 'https://a.example/' }), harEntry({ url: 'https://b.example/' })]);
    async function* failing(): AsyncGenerator<Uint8Array> {
      yield Buffer.from(text.slice(0, text.indexOf('b.example')));
      throw new InputError('gzip data is damaged', 'x.har.gz');
    }
    const hosts: (string | null)[] = [];
    const summary = await readHar(failing(), 'x.har.gz', (r) => hosts.push(r.exchange.host));
    expect(hosts).toEqual(['a.example']);
    expect(summary.skipped).toEqual([{ entry: 1, reason: 'the file is damaged from here on: gzip data is damaged' }]);
  });

  it('lets an error of the callback through untouched', async () => {
    const boom = new Error('callback failed');
    const source = chunked(harBytes([harEntry()]));
    await expect(
      readHar(source, 't.har', () => {
        throw boom;
      }),
    ).rejects.toBe(boom);
  });
});

describe('readHar: the scanner', () => {
  const tricky = [
    harEntry({
      url: 'https://a.example/p?q={"x":[1,2]}',
      headers: [
        { name: 'x-note', value: 'brace } bracket ] quote " backslash \\ slash / unicode é € 😀 \u0001' },
        { name: 'x-escapes', value: '\\"}{][' },
      ],
      contentText: '{"inner": "]}}}]]", "esc": "\\\\\\""}',
    }),
    harEntry({ url: 'https://b.example/', extra: { 'weird"key': { '}': ']' }, '': [[], {}, [{}]] } }),
  ];

  it('reads the same entries for every chunk pattern, with and without a BOM, compact or indented', async () => {
    for (const indent of [0, 2]) {
      const text = harText(tricky, { browser: { name: 'Firefox', version: '111' } }, indent);
      for (const bom of ['', '\ufeff']) {
        const bytes = Buffer.from(bom + text, 'utf8');
        const whole = await readHarBytes(bytes);
        expect(whole.records).toHaveLength(2);
        expect(whole.records[0]?.exchange.requestHeaders[0]?.value).toBe(
          'brace } bracket ] quote " backslash \\ slash / unicode é € 😀 \u0001',
        );
        expect(whole.summary.browser).toBe('Firefox 111');
        for (const sizes of PATTERNS) {
          const r = await readHarBytes(bytes, sizes);
          expect(r.records, `pattern ${sizes.join(',')}`).toEqual(whole.records);
          expect(r.summary).toEqual(whole.summary);
        }
      }
    }
  });

  it('matches keys written with escapes', async () => {
    const text = harText([harEntry({ url: 'https://a.example/' })]).replace('"entries"', '"entr\\u0069es"');
    const { records } = await readHarBytes(Buffer.from(text));
    expect(records).toHaveLength(1);
  });

  it('reads creator, browser and version wherever they sit in log', async () => {
    const text = `{"other":{"log":[]},"log":{"entries":[${JSON.stringify(harEntry())}],"version":"1.2","creator":{"name":"mitmproxy","version":"10.1"},"browser":"Chrome"}}`;
    const { summary } = await readHarBytes(Buffer.from(text));
    expect(summary).toMatchObject({ entries: 1, creator: 'mitmproxy 10.1', browser: 'Chrome', version: '1.2' });
  });

  it('stops at the end of the root object', async () => {
    const bytes = Buffer.concat([harBytes([harEntry()]), Buffer.from('\n\u0000garbage')]);
    const { summary } = await readHarBytes(bytes, [5]);
    expect(summary.entries).toBe(1);
  });

  it('cuts long strings inside an entry and keeps the body prefix it needs', async () => {
    const body = 'a'.repeat(2 * MAX_INSPECTED_BODY_BYTES);
    const entries = [
      harEntry({ contentText: 'x'.repeat(3 << 20), url: `https://a.example/?q=${'é'.repeat(1 << 20)}` }),
      harEntry({ method: 'POST', postData: { mimeType: 'text/plain', text: body }, bodySize: -1 }),
      harEntry({ method: 'POST', postData: { mimeType: 'text/plain', text: 'b'.repeat(9 << 20) }, bodySize: 9 << 20 }),
    ];
    const { records, summary } = await readHarBytes(harBytes(entries), [1 << 16]);
    expect(summary.skipped).toEqual([]);
    const [big, post, huge] = records.map((r) => r.exchange);
    // A cut string ends on a whole character, never inside a UTF-8 sequence.
    const url = records[0]?.url ?? '';
    expect(url.startsWith('https://a.example/?q=éé')).toBe(true);
    expect(url.endsWith('é')).toBe(true);
    expect(url.includes('\ufffd')).toBe(false);
    expect(Buffer.byteLength(url)).toBeLessThanOrEqual((1 << 20) + 1);
    expect(big?.host).toBe('a.example');
    expect(post?.requestBody.length).toBe(MAX_INSPECTED_BODY_BYTES);
    expect(post?.requestBodyBytes).toBe(body.length);
    expect(post?.notes).toEqual(['body-truncated']);
    expect(huge?.requestBody.length).toBe(MAX_INSPECTED_BODY_BYTES);
    expect(huge?.requestBodyBytes).toBe(9 << 20);
    expect(huge?.notes).toEqual(['body-truncated']);
  });

  it('skips an entry larger than the limit and reads on', async () => {
    const headers = Array.from({ length: (MAX_HAR_ENTRY_BYTES >> 20) + 2 }, (_, i) => ({
      name: `x-h${i}`,
      value: 'v'.repeat((1 << 20) - 64),
    }));
    const { records, summary } = await readHarBytes(
      harBytes([harEntry({ headers }), harEntry({ url: 'https://after.example/' })]),
      [1 << 20],
    );
    expect(summary.skipped).toEqual([{ entry: 0, reason: `entry larger than ${MAX_HAR_ENTRY_BYTES >> 20} MiB` }]);
    expect(records.map((r) => r.exchange.host)).toEqual(['after.example']);
  });

  it('streams a file far larger than what it keeps', async () => {
    // 512 MiB of response body in one entry, generated lazily: the scanner keeps a 1 MiB prefix of it, so the
    // process grows by far less than the file (a reader that kept the file would grow by 512 MiB or more).
    const [beforeBody, afterBody] = harText([harEntry({ contentText: '@BODY@' })]).split('@BODY@');
    const head = Buffer.from(beforeBody ?? '');
    const tail = Buffer.from(afterBody ?? '');
    const filler = Buffer.alloc(1 << 20, 0x61);
    async function* source(): AsyncGenerator<Uint8Array> {
      yield head;
      for (let i = 0; i < 512; i++) yield filler;
      yield tail;
    }
    const before = process.memoryUsage().rss;
    let seen = 0;
    const summary = await readHar(source(), 'big.har', () => seen++);
    expect(summary.skipped).toEqual([]);
    expect(seen).toBe(1);
    expect(process.memoryUsage().rss - before).toBeLessThan(256 << 20);
  });
});
