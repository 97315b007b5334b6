/**
 * HAR entries → request records: a HAR file already holds whole requests, so they go straight to content
 * inspection. The server is the entry's serverIPAddress where the tool wrote one; otherwise only the name in the
 * URL says where the request went, and the record says so by a null server.
 */
import type { HarEntryRecord } from '../ingest/har/har-reader.js';
import { type InspectOptions, inspectExchange } from '../payload/content/inspect-exchange.js';
import { type RequestRecord, toRequestRecord } from '../payload/request-record.js';

export function harEntryToRequest(entry: HarEntryRecord, file: string, inspect: InspectOptions | null): RequestRecord {
  const findings = inspect === null ? [] : inspectExchange(entry.exchange, inspect);
  return toRequestRecord(
    entry.exchange,
    {
      proto: 'har',
      transport: 'har',
      client: null,
      clientPort: null,
      server: entry.serverIPAddress,
      serverPort: portOf(entry.url),
      source: { file, entry: entry.entry },
    },
    findings,
    inspect?.showValues === true,
  );
}

/** The URL's port, or its scheme's default; null when the URL cannot be read. */
export function portOf(url: string): number | null {
  try {
    const u = new URL(url);
    if (u.port !== '') return Number(u.port);
    if (u.protocol === 'https:' || u.protocol === 'wss:') return 443;
    if (u.protocol === 'http:' || u.protocol === 'ws:') return 80;
    return null;
  } catch {
    return null;
  }
}
