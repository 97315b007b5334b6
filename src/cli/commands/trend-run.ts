/** What `outflow trend` does once its arguments are parsed (the command and its options: trend.ts). */
import { hostname } from 'node:os';
import { buildTrend } from '../../compare/trend.js';
import { TREND_RENDERERS, type TrendRenderer, type TrendRendererId } from '../../compare/trend-renderers.js';
import { UsageError } from '../../core/errors.js';
import { chooseRenderer } from '../../core/renderer-choice.js';
import { escapeTerminal } from '../../report/escape.js';
import { readReport } from '../../report-reader/read-report.js';
import { deliverText, type OutputSink, streamSink } from '../output.js';
import { expandOutputTemplate } from '../output-templates.js';
import { reportFiles } from '../report-files.js';
import type { TrendCliOptions } from './trend.js';

/** The command's action: the trend on standard output (or the -o file), the exit code set. */
export async function trendAction(reports: string[], opts: TrendCliOptions): Promise<void> {
  process.exitCode = await runTrendCommand(await reportFiles(reports), opts, streamSink(process.stdout));
}

function pickRenderer(path: string | undefined, format: TrendRendererId | undefined): TrendRenderer {
  return chooseRenderer(TREND_RENDERERS, path, format, 'table');
}

export async function runTrendCommand(
  files: string[],
  opts: TrendCliOptions,
  out: OutputSink,
  err: (line: string) => void = (line) => void process.stderr.write(`${line}\n`),
): Promise<number> {
  if (files.length === 0) throw new UsageError('trend needs at least one report');
  const inputs = [];
  for (const file of files) inputs.push({ file, report: await readReport(file) });
  const trend = buildTrend(inputs);
  const latest = trend.points.at(-1);
  const path =
    opts.output === undefined || opts.output === '-'
      ? opts.output
      : expandOutputTemplate(opts.output, {
          generatedAt: latest?.generatedAt ?? new Date(0).toISOString(),
          host: hostname(),
          firstInput: latest?.file,
          ext: opts.format === undefined ? null : (TREND_RENDERERS[opts.format].extensions[0]?.slice(1) ?? null),
        });
  const renderer = pickRenderer(path, opts.format);
  const text = renderer.render(trend);
  if ((await deliverText(path, text, out)) && opts.quiet !== true) {
    err(`outflow: wrote ${escapeTerminal(path ?? '')} (${renderer.id})`);
  }
  return 0;
}
