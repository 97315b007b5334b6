/** HAR files built in the tests (HAR 1.2 shape as Chrome, Firefox and mitmproxy write it), and chunked reading. */
import { type HarEntryRecord, type HarReadSummary, readHar } from '../../../src/ingest/har/har-reader.js';

export interface EntryOptions {
  method?: string;
  url?: string;
  httpVersion?: string;
  headers?: { name: string; value: string }[];
  cookies?: { name: string; value: string }[];
  postData?: Record<string, unknown>;
  bodySize?: number;
  status?: number;
  responseHeaders?: { name: string; value: string }[];
  mimeType?: string;
  responseBodySize?: number;
  contentSize?: number;
  contentText?: string;
  extra?: Record<string, unknown>;
}

export function harEntry(o: EntryOptions = {}): Record<string, unknown> {
  const request: Record<string, unknown> = {
    method: o.method ?? 'GET',
    url: o.url ?? 'https://example.com/',
    httpVersion: o.httpVersion ?? 'HTTP/1.1',
    cookies: o.cookies ?? [],
    headers: o.headers ?? [],
    queryString: [],
    headersSize: -1,
    bodySize: o.bodySize ?? 0,
  };
  if (o.postData !== undefined) request.postData = o.postData;
  const content: Record<string, unknown> = { size: o.contentSize ?? 0, mimeType: o.mimeType ?? 'text/html' };
  if (o.contentText !== undefined) content.text = o.contentText;
  return {
    startedDateTime: '2024-05-01T10:00:00.000Z',
    time: 12.5,
    request,
    response: {
      status: o.status ?? 200,
      statusText: 'OK',
      httpVersion: o.httpVersion ?? 'HTTP/1.1',
      cookies: [],
      headers: o.responseHeaders ?? [],
      content,
      redirectURL: '',
      headersSize: -1,
      bodySize: o.responseBodySize ?? -1,
    },
    cache: {},
    timings: { send: 0, wait: 10, receive: 2.5 },
    ...o.extra,
  };
}

export function harText(entries: unknown[], log: Record<string, unknown> = {}, indent = 2): string {
  return JSON.stringify(
    {
      log: {
        version: '1.2',
        creator: { name: 'WebInspector', version: '537.36' },
        pages: [{ startedDateTime: '2024-05-01T10:00:00.000Z', id: 'page_1', title: 'https://example.com/' }],
        entries,
        ...log,
      },
    },
    null,
    indent,
  );
}

export function harBytes(entries: unknown[], log: Record<string, unknown> = {}): Uint8Array {
  return Buffer.from(harText(entries, log), 'utf8');
}

/** Delivers bytes in chunks whose sizes cycle through `sizes` (one chunk when omitted). */
export async function* chunked(bytes: Uint8Array, sizes?: number[]): AsyncGenerator<Uint8Array> {
  if (sizes === undefined || sizes.length === 0) {
    yield bytes;
    return;
  }
  let at = 0;
  let k = 0;
  while (at < bytes.length) {
    const n = Math.max(1, sizes[k++ % sizes.length] ?? 1);
    yield bytes.subarray(at, at + n);
    at += n;
  }
}

export interface HarRead {
  records: HarEntryRecord[];
  summary: HarReadSummary;
}

export async function readHarBytes(bytes: Uint8Array, sizes?: number[], file = 'test.har'): Promise<HarRead> {
  const records: HarEntryRecord[] = [];
  const summary = await readHar(chunked(bytes, sizes), file, (r) => records.push(r));
  return { records, summary };
}
