/**
 * Renderers for `outflow flows`: a name → renderer map; the CLI's --format choices are its keys
 * (commands/choices.ts).
 */
import { flowToNdjson, writeFlowNdjson } from '../flows/flow-ndjson.js';
import type { FlowRecord } from '../flows/flow-record.js';
import { csvRow, escapeTerminal } from '../report/escape.js';
import { cliTable } from '../report/terminal/cli-table.js';
import type { OutputSink } from './output.js';

interface FlowRenderer {
  /** Streaming renderers write each flow as it ends. */
  streaming: boolean;
  header?: () => string;
  /** Writes one flow (streaming renderers). */
  write: (out: OutputSink, flow: FlowRecord) => void;
  all: (flows: FlowRecord[], columns: number) => string;
}

const CSV_COLUMNS = [
  'proto',
  'client',
  'clientPort',
  'server',
  'serverPort',
  'firstSeen',
  'lastSeen',
  'packetsOut',
  'packetsIn',
  'bytesOut',
  'bytesIn',
  'rttMs',
  'names',
  'file',
  'firstFrame',
] as const;

function csvFlow(f: FlowRecord): string {
  return csvRow([
    f.proto,
    f.client,
    f.clientPort,
    f.server,
    f.serverPort,
    f.firstSeen,
    f.lastSeen,
    f.packetsOut,
    f.packetsIn,
    f.bytesOut,
    f.bytesIn,
    f.rttMs,
    f.names.map((n) => `${n.name} (${n.via})`).join('; '),
    f.source.file,
    f.source.firstFrame ?? f.source.line ?? null,
  ]);
}

function tableOf(flows: FlowRecord[], columns: number): string {
  const table = new (cliTable())({
    head: ['proto', 'client', 'server', 'name', 'pkts out/in', 'bytes out/in', 'first seen'],
    style: { head: [], border: [] },
    wordWrap: true,
    colWidths: fitColumns(columns),
  });
  for (const f of flows) {
    const name = f.names[0];
    table.push([
      f.proto,
      escapeTerminal(`${f.client}:${f.clientPort}`),
      escapeTerminal(`${f.server}:${f.serverPort}`),
      name === undefined ? '' : escapeTerminal(`${name.name} (${name.via})`),
      `${f.packetsOut ?? '-'}/${f.packetsIn ?? '-'}`,
      `${f.bytesOut ?? '-'}/${f.bytesIn ?? '-'}`,
      f.firstSeen.replace('T', ' ').slice(0, 19),
    ]);
  }
  return `${table.toString()}\n${flows.length} flows\n`;
}

/** Column widths that fit the terminal: the name column takes what the fixed columns leave. */
function fitColumns(columns: number): number[] {
  const fixed = [7, 24, 24, 0, 13, 17, 21];
  const used = fixed.reduce((a, b) => a + b, 0) + fixed.length + 1;
  fixed[3] = Math.max(16, columns - used);
  return fixed;
}

export type FlowFormat = 'ndjson' | 'csv' | 'table';

export const FLOW_FORMATS: Record<FlowFormat, FlowRenderer> = {
  ndjson: {
    streaming: true,
    write: writeFlowNdjson,
    all: (flows: FlowRecord[]) => flows.map(flowToNdjson).join(''),
  },
  csv: {
    streaming: true,
    header: () => csvRow([...CSV_COLUMNS]),
    write: (out, flow) => out.write(csvFlow(flow)),
    all: (flows: FlowRecord[]) => flows.map(csvFlow).join(''),
  },
  table: {
    streaming: false,
    write: () => undefined,
    all: tableOf,
  },
};
