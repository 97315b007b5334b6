/**
 * NDJSON for a SIEM: one destination group per line, each carrying enough report context (when, which tool,
 * which inputs by SHA-256) to be traced back without the rest of the report. Lines end in "\n" only; JSON
 * escapes every control character and U+2028/2029 are escaped too, so one record is always one line.
 *
 * With --baseline each group record has its `baseline` mark ("new" or "seen", as in the JSON report) and the
 * context names the earlier report (`report.baseline`: file and generatedAt). Gone groups are not written: every
 * line is one destination group of this run, and a line of another shape would break that contract for the
 * consumers that rely on it; they are in the JSON report's `gone` list.
 */

import { compactOrderedObject, schemaDefinition } from '../json/ordered-json.js';
import type { ReportView } from '../model.js';
import { batchedSink, collectText } from '../text-sink.js';

const GROUP_SCHEMA = schemaDefinition('destinationGroup');

/** Lines gathered before they are handed to the sink (a line is a whole group, often a few kB). */
const BATCH_CHARS = 1 << 20;

export function writeNdjson(report: ReportView, sink: (text: string) => void): void {
  const baseline = report.metadata.baseline;
  const context = {
    generatedAt: report.metadata.generatedAt,
    tool: `${report.metadata.tool.name} ${report.metadata.tool.version}`,
    schemaVersion: report.schemaVersion,
    inputs: report.metadata.inputs.map((i) => ({ file: i.file, sha256: i.sha256 })),
    // Only with --baseline, so a run without one writes the same bytes as before.
    ...(baseline === undefined ? {} : { baseline: { file: baseline.file, generatedAt: baseline.generatedAt } }),
  };
  const contextTail = `"report":${JSON.stringify(context)}}`;
  const out = batchedSink(sink, BATCH_CHARS);
  for (const g of report.destinations) {
    const group = compactOrderedObject(g, GROUP_SCHEMA);
    // The group's own keys, then the report context as its last key (the group model has no "report" key).
    const line = group === '{}' ? `{${contextTail}` : `${group.slice(0, -1)},${contextTail}`;
    out.put(`${line.replace(/[\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`)}\n`);
  }
  out.end();
}

export function renderNdjson(report: ReportView): string {
  return collectText((sink) => writeNdjson(report, sink));
}
