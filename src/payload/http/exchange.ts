/**
 * What the three HTTP parsers share: the sink they report to, the bounded collector of request body octets, and
 * the step that turns a finished request/response pair into an HttpExchange (body decoding, content type).
 */
import { type HttpExchange, type HttpHeader, MAX_INSPECTED_BODY_BYTES } from '../types.js';
import { decodeBody } from './body-decoder.js';

export type ExchangeSink = (exchange: HttpExchange) => void;

/** Keeps the first MAX_INSPECTED_BODY_BYTES octets of a body and counts all of them. */
export class BodyCollector {
  private readonly parts: Uint8Array[] = [];
  private kept = 0;
  total = 0;

  /** `data` may be a view into a reused buffer: the kept part is copied. */
  add(data: Uint8Array): void {
    this.total += data.length;
    const room = MAX_INSPECTED_BODY_BYTES - this.kept;
    if (room <= 0 || data.length === 0) return;
    const part = data.slice(0, Math.min(room, data.length));
    this.parts.push(part);
    this.kept += part.length;
  }

  get truncated(): boolean {
    return this.total > this.kept;
  }

  bytes(): Uint8Array {
    if (this.parts.length === 1 && this.parts[0]) return this.parts[0];
    const out = new Uint8Array(this.kept);
    let at = 0;
    for (const p of this.parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  }
}

/** First value of a header, by case-insensitive name. */
export function headerValue(headers: readonly HttpHeader[], name: string): string | null {
  const lower = name.toLowerCase();
  for (const h of headers) if (h.name.toLowerCase() === lower) return h.value;
  return null;
}

/** All values of a header joined with ", " (how repeated fields combine, RFC 9110 §5.3), or null. */
export function joinedHeaderValue(headers: readonly HttpHeader[], name: string): string | null {
  const lower = name.toLowerCase();
  const values = headers.filter((h) => h.name.toLowerCase() === lower).map((h) => h.value);
  return values.length > 0 ? values.join(', ') : null;
}

/** A new exchange with nothing seen yet; parsers fill it as the messages arrive. */
export function emptyExchange(httpVersion: HttpExchange['httpVersion'], frame: number | null): HttpExchange {
  return {
    httpVersion,
    method: '',
    host: null,
    path: '',
    scheme: null,
    requestHeaders: [],
    requestBody: new Uint8Array(0),
    requestBodyBytes: 0,
    status: null,
    responseHeaders: [],
    responseBodyBytes: 0,
    contentType: null,
    frame,
    streamId: null,
    notes: [],
  };
}

export function addNote(exchange: HttpExchange, note: string): void {
  if (!exchange.notes.includes(note)) exchange.notes.push(note);
}

/** Completes an exchange before it is reported: decodes the kept request body and picks the content type. */
export function finishExchange(exchange: HttpExchange, body: BodyCollector): HttpExchange {
  exchange.requestBodyBytes = body.total;
  if (body.truncated) addNote(exchange, 'body-truncated');
  if (body.total > 0) {
    const decoded = decodeBody(body.bytes(), joinedHeaderValue(exchange.requestHeaders, 'content-encoding'));
    exchange.requestBody = decoded.body;
    for (const note of decoded.notes) {
      // A compressed body cut at our own limit looks damaged to the decoder; "body-truncated" already says why.
      if (body.truncated && note.startsWith('bad-')) continue;
      addNote(exchange, note);
    }
  }
  exchange.contentType =
    headerValue(exchange.responseHeaders, 'content-type') ?? headerValue(exchange.requestHeaders, 'content-type');
  return exchange;
}

/** Octets as a latin1 string: every octet one character, so nothing is lost or replaced. */
export function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
}
