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
import { orderBySchema } from '../json/json-renderer.js';
import type { Report } from '../model.js';
import schema from '../schema.json' with { type: 'json' };

const GROUP_SCHEMA = (schema as { $defs: Record<string, object> }).$defs.destinationGroup;

export function renderNdjson(report: Report): string {
  const baseline = report.metadata.baseline;
  const context = {
    generatedAt: report.metadata.generatedAt,
    tool: `${report.metadata.tool.name} ${report.metadata.tool.version}`,
    schemaVersion: report.schemaVersion,
    inputs: report.metadata.inputs.map((i) => ({ file: i.file, sha256: i.sha256 })),
    // Only with --baseline, so a run without one writes the same bytes as before.
    ...(baseline === undefined ? {} : { baseline: { file: baseline.file, generatedAt: baseline.generatedAt } }),
  };
  let out = '';
  for (const group of report.destinations) {
    const line = JSON.stringify({ ...(orderBySchema(group, GROUP_SCHEMA) as object), report: context });
    out += `${line.replace(/[\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`)}\n`;
  }
  return out;
}
