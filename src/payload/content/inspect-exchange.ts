/**
 * What is inside one request: personal data and identifiers in its URL path and query, its headers (all but a
 * benign few; a User-Agent counts when it carries a device id), its cookies and its body, each named by where
 * it sits ("query uid", "header X-Device-Id", "cookie VISITOR_INFO1_LIVE", "body.ext.device.localId"). The
 * request body is the decoded one the exchange holds (at most MAX_INSPECTED_BODY_BYTES). Never throws: a value
 * that cannot be read is skipped, and what was found before stays.
 */
import type { ContentFinding, HttpExchange } from '../types.js';
import { inspectBody } from './body.js';
import { ContentInspector } from './inspector.js';
import { type NameValue, parseCookieHeader, parseUrlEncoded } from './params.js';
import { isGoogleAnalyticsHit } from './telemetry/google-analytics.js';

export { MAX_FINDINGS_PER_EXCHANGE } from './finding-sink.js';

export interface InspectOptions {
  /** Report values unmasked (--show-values). */
  showValues: boolean;
  /** The organisation's own internal domain suffixes, for the internal-host detector. */
  internalSuffixes: string[];
}

/** Headers that carry no personal data in any client we know; pseudo-headers and Cookie are read elsewhere. */
const BENIGN_HEADERS = new Set([
  'host',
  'accept',
  'accept-encoding',
  'accept-language',
  'accept-charset',
  'cache-control',
  'connection',
  'content-length',
  'content-type',
  'content-encoding',
  'keep-alive',
  'pragma',
  'priority',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'upgrade-insecure-requests',
  'dnt',
  'expect',
  'origin',
  'range',
  'if-modified-since',
  'if-unmodified-since',
  'purpose',
  'sec-purpose',
  'sec-fetch-dest',
  'sec-fetch-mode',
  'sec-fetch-site',
  'sec-fetch-user',
  'sec-ch-ua',
  'sec-ch-ua-mobile',
  'sec-ch-ua-platform',
  'sec-websocket-key',
  'sec-websocket-version',
  'sec-websocket-extensions',
  'x-requested-with',
]);

export function inspectExchange(exchange: HttpExchange, opts: InspectOptions): ContentFinding[] {
  const ins = new ContentInspector(opts);
  try {
    const { pathname, query } = splitTarget(exchange.path);
    ins.text(pathname, 'path', 'http.path');
    const params = parseUrlEncoded(query);
    const ga = isGoogleAnalyticsHit(params);
    ins.params(params, (n) => `query ${n}`, ga);
    const cookies: NameValue[] = [];
    for (const { name, value } of exchange.requestHeaders) {
      const lower = name.toLowerCase();
      if (lower === 'cookie') cookies.push(...parseCookieHeader(value));
      else if (!lower.startsWith(':') && !BENIGN_HEADERS.has(lower)) {
        const textKind = lower === 'referer' ? 'http.query' : 'http.body';
        ins.leaf({ field: `header ${name}`, name, parent: '', value, cookie: false, textKind }, true);
        ins.pairs(value, `header ${name}`);
      }
    }
    for (const { name, value } of cookies) {
      ins.leaf({ field: `cookie ${name}`, name, parent: '', value, cookie: true, textKind: 'http.query' }, true);
    }
    inspectBody(ins, exchange, ga);
  } catch {
    // Hostile content must not stop the run: keep what was found.
  }
  return ins.sink.findings;
}

/** "/p/a?x=1#f" → "/p/a" and "x=1" (a fragment is never sent, but a writer may have kept one). */
function splitTarget(path: string): { pathname: string; query: string } {
  const hash = path.indexOf('#');
  const target = hash < 0 ? path : path.slice(0, hash);
  const q = target.indexOf('?');
  return q < 0 ? { pathname: target, query: '' } : { pathname: target.slice(0, q), query: target.slice(q + 1) };
}
