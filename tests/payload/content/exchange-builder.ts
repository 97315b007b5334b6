/** HttpExchanges built in the tests, and short views of the findings. */
import { type InspectOptions, inspectExchange } from '../../../src/payload/content/inspect-exchange.js';
import type { ContentFinding, HttpExchange, HttpHeader } from '../../../src/payload/types.js';

export interface ExchangeOptions {
  method?: string;
  path?: string;
  headers?: [string, string][];
  body?: string | Uint8Array | object;
  contentType?: string;
}

export function exchange(o: ExchangeOptions = {}): HttpExchange {
  const requestHeaders: HttpHeader[] = (o.headers ?? []).map(([name, value]) => ({ name, value }));
  if (o.contentType !== undefined) requestHeaders.push({ name: 'Content-Type', value: o.contentType });
  const body =
    o.body === undefined
      ? new Uint8Array(0)
      : typeof o.body === 'string'
        ? new TextEncoder().encode(o.body)
        : o.body instanceof Uint8Array
          ? o.body
          : new TextEncoder().encode(JSON.stringify(o.body));
  return {
    httpVersion: '1.1',
    method: o.method ?? (o.body === undefined ? 'GET' : 'POST'),
    host: 'collector.example.com',
    path: o.path ?? '/',
    scheme: null,
    requestHeaders,
    requestBody: body,
    requestBodyBytes: body.length,
    status: 200,
    responseHeaders: [],
    responseBodyBytes: 0,
    contentType: null,
    frame: 1,
    streamId: null,
    notes: [],
  };
}

const SHOW: InspectOptions = { showValues: true, internalSuffixes: [] };

export function inspect(o: ExchangeOptions, opts: InspectOptions = SHOW): ContentFinding[] {
  return inspectExchange(exchange(o), opts);
}

/** "field detector value" lines: easy to read in a failing test. */
export function lines(findings: ContentFinding[]): string[] {
  return findings.map((f) => `${f.field} | ${f.kind === 'identifier' ? f.detector : f.kind} | ${f.excerpt}`);
}

export function linesOf(o: ExchangeOptions, opts?: InspectOptions): string[] {
  return lines(inspect(o, opts));
}
