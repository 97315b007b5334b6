/**
 * Sentry: envelopes (newline-delimited: an envelope header JSON, then per item a header JSON with "type" and
 * optionally "length" in bytes, and the item payload) and event payloads (user.id, user.ip_address,
 * user.email, contexts.device; sessions carry "did", the distinct id, and attrs.ip_address). "{{auto}}" asks
 * the server to fill in the address: it is a placeholder, never reported.
 */
import { emitAt, isRecord, type JsonRecognizer } from './recognizer.js';

export interface EnvelopeItem {
  type: string;
  payload: Uint8Array;
}

export interface SentryEnvelope {
  header: Record<string, unknown>;
  items: EnvelopeItem[];
}

/** Items read from one envelope at most. */
export const MAX_ENVELOPE_ITEMS = 100;
const utf8 = new TextDecoder('utf-8');

/** Sentry's envelope when the bytes are one, else null (cheap to refuse: the first line must be its header). */
export function parseSentryEnvelope(body: Uint8Array, declared: boolean): SentryEnvelope | null {
  let pos = 0;
  const line = (): Uint8Array | null => {
    if (pos >= body.length) return null;
    const nl = body.indexOf(0x0a, pos);
    const end = nl < 0 ? body.length : nl;
    const out = body.subarray(pos, end);
    pos = end + 1;
    return out;
  };
  const first = line();
  const header = first === null ? null : parseObject(first);
  if (header === null) return null;
  // Without the content type, the header must look like Sentry's and an item header must follow.
  const sentryHeader = 'event_id' in header || 'sent_at' in header || 'dsn' in header || 'sdk' in header;
  if (!declared && !sentryHeader) return null;
  const items: EnvelopeItem[] = [];
  while (pos < body.length && items.length < MAX_ENVELOPE_ITEMS) {
    const itemLine = line();
    if (itemLine === null) break;
    if (itemLine.length === 0) continue;
    const itemHeader = parseObject(itemLine);
    if (itemHeader === null || typeof itemHeader.type !== 'string') return items.length > 0 ? { header, items } : null;
    const length = itemHeader.length;
    let payload: Uint8Array;
    if (typeof length === 'number' && Number.isInteger(length) && length >= 0) {
      payload = body.subarray(pos, Math.min(body.length, pos + length));
      pos += length;
      if (body[pos] === 0x0a) pos++;
    } else payload = line() ?? new Uint8Array(0);
    items.push({ type: itemHeader.type, payload });
  }
  if (!declared && items.length === 0) return null;
  return { header, items };
}

function parseObject(bytes: Uint8Array): Record<string, unknown> | null {
  if (bytes.length < 2 || bytes[0] !== 0x7b) return null;
  try {
    const v: unknown = JSON.parse(utf8.decode(bytes));
    return isRecord(v) ? v : null;
  } catch {
    return null;
  }
}

function isSentryEvent(v: unknown): v is Record<string, unknown> {
  if (!isRecord(v)) return false;
  const id = typeof v.event_id === 'string' && /^[0-9a-f]{32}$/i.test(v.event_id.replace(/-/g, ''));
  return id && (isRecord(v.sdk) || typeof v.platform === 'string' || 'exception' in v || 'user' in v);
}

function isSentrySession(v: unknown): v is Record<string, unknown> {
  return isRecord(v) && typeof v.sid === 'string' && 'did' in v && ('init' in v || 'status' in v || 'attrs' in v);
}

export const sentryRecognizer: JsonRecognizer = {
  id: 'sentry',
  recognize(value, field, out) {
    if (isSentryEvent(value)) {
      emitAt(out, value, field, ['user', 'id'], 'sentry-user-id');
      emitAt(out, value, field, ['user', 'ip_address'], 'ip-address');
      emitAt(out, value, field, ['contexts', 'device', 'id'], 'sentry-device-id');
      return true;
    }
    if (isSentrySession(value)) {
      emitAt(out, value, field, ['did'], 'sentry-user-id');
      emitAt(out, value, field, ['sid'], 'sentry-session-id');
      emitAt(out, value, field, ['attrs', 'ip_address'], 'ip-address');
      return true;
    }
    return false;
  },
};
