/**
 * Renderers for `outflow requests`: a name → renderer map; the CLI's --format choices are its keys. NDJSON
 * is the documented contract (docs/payload.md "Request records"): one JSON object per request, keys in the order of
 * RequestRecord.
 */

import type { RequestRecord } from '../payload/request-record.js';
import { csvRow, escapeTerminal } from '../report/escape.js';
import { cliTable } from '../report/terminal/cli-table.js';
import type { OutputSink } from './output.js';

interface RequestRenderer {
  /** Streaming renderers write each request as it is read. */
  streaming: boolean;
  header?: () => string;
  write: (out: OutputSink, request: RequestRecord) => void;
  all: (requests: RequestRecord[], columns: number) => string;
}

const CSV_COLUMNS = [
  'proto',
  'transport',
  'client',
  'clientPort',
  'server',
  'serverPort',
  'httpVersion',
  'method',
  'host',
  'path',
  'status',
  'requestBytes',
  'responseBytes',
  'contentType',
  'findings',
  'file',
  'frame',
  'entry',
] as const;

function findingsText(r: RequestRecord): string {
  return r.findings.map((f) => `${f.kind} in ${f.field}: ${f.excerpt}`).join('; ');
}

function csvRequest(r: RequestRecord): string {
  return csvRow([
    r.proto,
    r.transport,
    r.client,
    r.clientPort,
    r.server,
    r.serverPort,
    r.httpVersion,
    r.method,
    r.host,
    r.path,
    r.status,
    r.requestBytes,
    r.responseBytes,
    r.contentType,
    findingsText(r),
    r.source.file,
    'frame' in r.source ? r.source.frame : null,
    'entry' in r.source ? r.source.entry : null,
  ]);
}

function tableOf(requests: RequestRecord[], columns: number): string {
  const widths = [6, 9, 24, 0, 8, 34];
  const used = widths.reduce((a, b) => a + b, 0) + widths.length + 1;
  widths[3] = Math.max(20, columns - used);
  const table = new (cliTable())({
    head: ['via', 'method', 'server', 'host and path', 'status', 'findings'],
    style: { head: [], border: [] },
    wordWrap: true,
    wrapOnWordBoundary: false,
    colWidths: widths,
  });
  for (const r of requests) {
    table.push([
      r.transport,
      escapeTerminal(r.method),
      r.server === null ? '-' : escapeTerminal(`${r.server}:${r.serverPort ?? ''}`),
      escapeTerminal(`${r.host ?? '-'}${r.path}`),
      r.status === null ? '-' : String(r.status),
      escapeTerminal(r.findings.map((f) => `${f.kind} (${f.field})`).join(', ')),
    ]);
  }
  const found = requests.filter((r) => r.findings.length > 0).length;
  return `${table.toString()}\n${requests.length} requests, ${found} with personal data or identifiers\n`;
}

export type RequestFormat = 'ndjson' | 'json' | 'csv' | 'table';

export const REQUEST_FORMATS: Record<RequestFormat, RequestRenderer> = {
  ndjson: {
    streaming: true,
    write: (out, r) => out.write(`${JSON.stringify(r)}\n`),
    all: (requests) => requests.map((r) => `${JSON.stringify(r)}\n`).join(''),
  },
  json: {
    streaming: false,
    write: () => undefined,
    all: (requests) => `${JSON.stringify(requests, null, 2)}\n`,
  },
  csv: {
    streaming: true,
    header: () => csvRow([...CSV_COLUMNS]),
    write: (out, r) => out.write(csvRequest(r)),
    all: (requests) => requests.map(csvRequest).join(''),
  },
  table: {
    streaming: false,
    write: () => undefined,
    all: tableOf,
  },
};
