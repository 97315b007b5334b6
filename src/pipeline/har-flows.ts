/**
 * HAR entries → flow records, so `flows` and `audit` read a HAR file as they read a capture: one flow per entry,
 * named by the URL's host, its content already read (the browser or proxy that wrote the file saw it decrypted).
 * The server is the entry's serverIPAddress where the tool wrote one; otherwise the server is empty and only the
 * name decides the destination (the audit says the address is unknown). Bytes are the HTTP body sizes the entry
 * records; packets and the client are not in a HAR file.
 */
import type { FlowRecord } from '../flows/flow-record.js';
import type { HarEntryRecord } from '../ingest/har/har-reader.js';
import { type InspectOptions, inspectExchange } from '../payload/content/inspect-exchange.js';
import { portOf } from './har-requests.js';

export function harEntryToFlow(entry: HarEntryRecord, file: string, inspect: InspectOptions | null): FlowRecord {
  const x = entry.exchange;
  const h3 = x.httpVersion === '3';
  const started = entry.startedDateTime === null ? Number.NaN : Date.parse(entry.startedDateTime);
  const when = Number.isFinite(started)
    ? new Date(started).toISOString().replace('Z', '000Z')
    : '1970-01-01T00:00:00.000000Z';
  const host = hostOf(entry.url);
  const secure = /^(https|wss):/i.test(entry.url);
  const findings = inspect === null ? [] : inspectExchange(x, inspect);
  const query = x.path.indexOf('?');
  const record: FlowRecord = {
    proto: h3 ? 'udp' : 'tcp',
    ipProto: h3 ? 17 : 6,
    client: '',
    clientPort: 0,
    server: entry.serverIPAddress ?? '',
    serverPort: portOf(entry.url) ?? 0,
    firstSeen: when,
    lastSeen: when,
    packetsOut: null,
    packetsIn: null,
    bytesOut: x.requestBodyBytes,
    bytesIn: x.responseBodyBytes,
    rttMs: null,
    tcpFlags: '',
    endReason: 'har-entry',
    tunnelDepth: 0,
    names: host === null ? [] : [{ name: host, via: 'http-host', frame: entry.entry + 1 }],
    http: { method: x.method, path: query < 0 ? x.path : x.path.slice(0, query) },
    content: {
      // The tool that wrote the file read the content; over https that means it was encrypted on the wire.
      status: secure ? 'decrypted' : 'plaintext',
      bytesOut: x.requestBodyBytes,
      bytesIn: x.responseBodyBytes,
      requests: 1,
      findings,
    },
    source: { file, entry: entry.entry, format: 'har' },
  };
  return record;
}

function hostOf(url: string): string | null {
  try {
    const h = new URL(url).hostname.toLowerCase();
    return h === '' ? null : h.replace(/^\[|\]$/g, '');
  } catch {
    return null;
  }
}
