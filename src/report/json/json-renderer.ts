/**
 * JSON: the report model as is, pretty-printed. Keys are written in the order of report/schema.json (which
 * follows model.ts), whatever order the analysis built the objects in, so diffs between reports stay small.
 * Written in pieces (ordered-json.ts): a report of a few hundred thousand destinations never exists as one string.
 */

import type { ReportView } from '../model.js';
import { collectText } from '../text-sink.js';
import { OrderedJsonWriter, REPORT_SCHEMA } from './ordered-json.js';

export function writeJson(report: ReportView, sink: (text: string) => void): void {
  const writer = new OrderedJsonWriter(sink, true);
  writer.write(report, REPORT_SCHEMA);
  writer.flush();
  sink('\n');
}

export function renderJson(report: ReportView): string {
  return collectText((sink) => writeJson(report, sink));
}
