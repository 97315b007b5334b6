/**
 * The report target's execution: a report JSON read as --baseline, diff, merge, trend and export read it
 * (parseReport: JSON, version, schema), and, when it passes, handed to each of those consumers and their
 * renderers next to a sample report, as the commands do. A report that passes the schema must never crash them.
 */
import { applyBaseline } from '../../compare/baseline.js';
import { diffReports } from '../../compare/diff.js';
import { DIFF_RENDERERS } from '../../compare/diff-renderers.js';
import { buildTrend } from '../../compare/trend.js';
import { TREND_RENDERERS } from '../../compare/trend-renderers.js';
import { renderEcs } from '../../estate/ecs.js';
import { mergeReports } from '../../estate/merge.js';
import type { Report } from '../../report/model.js';
import { RENDERER_IDS, RENDERERS } from '../../report/registry.js';
import { parseReport } from '../../report-reader/read-report.js';
import type { Rng } from './mutate.js';
import { reportSeeds } from './seeds-misc.js';

let base: string | null = null;

/** A fresh copy of the first sample report (consumers may not change their inputs, but a copy costs little). */
function sample(): Report {
  base ??= reportSeeds()[0] ?? '';
  return parseReport(base, 'sample.json');
}

export async function exerciseReport(text: string, rng: Rng): Promise<string> {
  const report = parseReport(text, 'fuzz.json');
  const other = sample();
  const [a, b] = rng.chance(0.5) ? [other, report] : [report, other];
  const diff = diffReports(a, b, { from: 'a.json', to: 'b.json' });
  for (const r of Object.values(DIFF_RENDERERS)) r.render(diff);
  applyBaseline(other, report, 'baseline.json');
  const trend = buildTrend([
    { file: 'a.json', report: a },
    { file: 'b.json', report: b },
  ]);
  for (const r of Object.values(TREND_RENDERERS)) r.render(trend);
  renderEcs(report);
  const merged = mergeReports([a, b], { generatedAt: '2026-01-01T00:00:00.000Z', toolVersion: 'fuzz' });
  const renderer = RENDERERS[rng.pick(RENDERER_IDS)];
  renderer.render(rng.chance(0.5) ? merged : report, { color: rng.chance(0.5), columns: 40 + rng.below(160) });
  return `ok d${diff.summary ? Object.keys(diff.summary).length : 0} g${report.destinations.length > 0 ? 1 : 0}`;
}
