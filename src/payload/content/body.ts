/**
 * The request body, decoded by its Content-Type and, since clients label bodies loosely (navigator.sendBeacon
 * sends JSON as text/plain), by its shape: Sentry envelopes, multipart/form-data, JSON, NDJSON (one document
 * per line, as 1DS sends in x-json-stream), urlencoded forms (one Google Analytics hit per line in batches),
 * and text, which includes binary bodies: the detectors still find an e-mail address inside protobuf.
 */
import type { HttpExchange } from '../types.js';
import type { ContentInspector } from './inspector.js';
import { parseMultipart } from './multipart.js';
import { looksUrlEncoded, parseUrlEncoded } from './params.js';
import { parseSentryEnvelope } from './telemetry/sentry.js';

/** NDJSON lines read at most; a batch of more events repeats the same ids. */
export const MAX_NDJSON_LINES = 2000;
const utf8 = new TextDecoder('utf-8');

interface ContentType {
  mime: string;
  boundary: string | null;
}

export function contentTypeOf(exchange: HttpExchange): ContentType {
  const header = exchange.requestHeaders.find((h) => h.name.toLowerCase() === 'content-type')?.value ?? '';
  const [mime = '', ...params] = header.split(';');
  let boundary: string | null = null;
  for (const p of params) {
    const eq = p.indexOf('=');
    if (eq > 0 && p.slice(0, eq).trim().toLowerCase() === 'boundary')
      boundary = p
        .slice(eq + 1)
        .trim()
        .replace(/^"(.*)"$/, '$1');
  }
  return { mime: mime.trim().toLowerCase(), boundary };
}

const isJsonType = (mime: string) => mime === 'application/json' || mime.endsWith('+json') || mime === 'text/json';
const isNdjsonType = (mime: string) =>
  /^application\/(?:x-ndjson|ndjson|x-json-stream|jsonl|x-jsonlines|jsonlines|json-seq)$/.test(mime);

export function inspectBody(ins: ContentInspector, exchange: HttpExchange, gaQuery: boolean): void {
  const body = exchange.requestBody;
  if (body.length === 0) return;
  const { mime, boundary } = contentTypeOf(exchange);

  if (mime === 'application/x-sentry-envelope' || body[0] === 0x7b) {
    const envelope = parseSentryEnvelope(body, mime === 'application/x-sentry-envelope');
    if (envelope !== null) {
      ins.json(envelope.header, 'body.envelope', 'envelope', true);
      const seen = new Map<string, number>();
      for (const item of envelope.items) {
        const type = /^[a-z_]{1,32}$/.test(item.type) ? item.type : 'item';
        const n = seen.get(type) ?? 0;
        seen.set(type, n + 1);
        document(ins, utf8.decode(item.payload), n === 0 ? `body.${type}` : `body.${type}[${n}]`, type);
      }
      return;
    }
  }

  if (mime === 'multipart/form-data' && boundary !== null) {
    const parts = parseMultipart(body, boundary);
    if (parts.length > 0) {
      for (const part of parts) {
        const textual =
          part.filename === null ||
          /^(?:text\/|application\/(?:json|x-www-form-urlencoded))/i.test(part.contentType ?? '');
        if (textual) document(ins, utf8.decode(part.body), `body ${part.name}`, part.name, true);
      }
      return;
    }
  }

  const text = utf8.decode(body);
  const start = text.trimStart().charAt(0);
  if ((isJsonType(mime) || start === '{' || start === '[') && !isNdjsonType(mime)) {
    const whole = parseJson(text);
    if (whole !== undefined) {
      ins.json(whole, 'body', '', true);
      return;
    }
  }
  if (isNdjsonType(mime) || start === '{' || start === '[') {
    if (ndjson(ins, text)) return;
  }
  const lines = text.split(/\r?\n/).filter((l) => l !== '');
  if (mime === 'application/x-www-form-urlencoded' || (lines.length > 0 && lines.every((l) => looksUrlEncoded(l)))) {
    if (lines.length === 1) ins.params(parseUrlEncoded(lines[0] ?? ''), (n) => `body ${n}`, gaQuery);
    else {
      for (const [i, line] of lines.slice(0, MAX_NDJSON_LINES).entries()) {
        ins.params(parseUrlEncoded(line), (n) => `body[${i}] ${n}`, gaQuery);
      }
    }
    return;
  }
  ins.text(text, 'body', 'http.body');
}

/** One JSON document per line; true when at least one line was JSON (the others are searched as text). */
function ndjson(ins: ContentInspector, text: string): boolean {
  const lines = text.split('\n', MAX_NDJSON_LINES);
  const parsed = lines.map((l) => (l.trim() === '' ? undefined : parseJson(l)));
  if (!parsed.some((v) => v !== undefined)) return false;
  parsed.forEach((v, i) => {
    if (ins.done) return;
    const line = lines[i] ?? '';
    if (v !== undefined) ins.json(v, `body[${i}]`, '', true);
    else if (line.trim() !== '') ins.text(line, `body[${i}]`, 'http.body');
  });
  return true;
}

/** A part or envelope item: a JSON document when it is one, else one value under its name. */
function document(ins: ContentInspector, text: string, field: string, name: string, form = false): void {
  const start = text.trimStart().charAt(0);
  const v = start === '{' || start === '[' ? parseJson(text) : undefined;
  if (v !== undefined) ins.json(v, field, name, true);
  else if (form) ins.leaf({ field, name, parent: '', value: text, cookie: false, textKind: 'http.body' }, true);
  else ins.text(text, field, 'http.body');
}

function parseJson(text: string): unknown {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null ? v : undefined;
  } catch {
    return undefined;
  }
}
