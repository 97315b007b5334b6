/**
 * HTTP/2 and HTTP/3 carry the request line and status as pseudo-header fields (RFC 9113 §8.3, RFC 9114 §4.3);
 * these map them onto an exchange. Pseudo-headers go into the exchange's fields, regular ones into its headers;
 * a second header section on the same side is a trailer section and is appended.
 */
import type { HttpExchange, HttpHeader } from '../types.js';
import { addNote } from './exchange.js';

/** Header-side state of one request/response pair. */
export interface FieldState {
  exchange: HttpExchange;
  hasRequest: boolean;
  finalResponseSeen: boolean;
}

export function applyRequestSection(state: FieldState, headers: HttpHeader[]): void {
  if (state.hasRequest) {
    state.exchange.requestHeaders.push(...headers.filter((h) => !h.name.startsWith(':'))); // trailers
    return;
  }
  state.hasRequest = true;
  const exchange = state.exchange;
  const pseudo = (name: string) => headers.find((h) => h.name === name)?.value;
  exchange.method = pseudo(':method') ?? '';
  exchange.path = pseudo(':path') ?? '';
  exchange.scheme = pseudo(':scheme') ?? null;
  const regular = headers.filter((h) => !h.name.startsWith(':'));
  exchange.host = pseudo(':authority') ?? regular.find((h) => h.name === 'host')?.value ?? null;
  exchange.requestHeaders = regular;
  // CONNECT has no :path; report its target the way HTTP/1 does.
  if (exchange.method === 'CONNECT' && exchange.path === '') exchange.path = exchange.host ?? '';
}

export function applyResponseSection(state: FieldState, headers: HttpHeader[]): void {
  const exchange = state.exchange;
  if (state.finalResponseSeen) {
    exchange.responseHeaders.push(...headers.filter((h) => !h.name.startsWith(':'))); // trailers
    return;
  }
  const statusText = headers.find((h) => h.name === ':status')?.value ?? '';
  const status = /^\d{3}$/.test(statusText) ? Number(statusText) : null;
  // 1xx responses are interim: the final one follows on the same stream.
  if (status !== null && status < 200) return;
  state.finalResponseSeen = true;
  exchange.status = status;
  exchange.responseHeaders = headers.filter((h) => !h.name.startsWith(':'));
  if (status === null) addNote(exchange, 'bad-status');
}
