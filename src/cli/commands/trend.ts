/**
 * `outflow trend REPORT.json...`: how destinations, countries and risk evolved over several audit reports, as a
 * table or a self-contained HTML page. Exits 0 when every report could be read; 2 (InputError) otherwise.
 */
import { hostname } from 'node:os';
import type { Command } from 'commander';
import { Option } from 'commander';
import { buildTrend } from '../../compare/trend.js';
import {
  TREND_RENDERER_IDS,
  TREND_RENDERERS,
  type TrendRenderer,
  type TrendRendererId,
} from '../../compare/trend-renderers.js';
import { UsageError } from '../../core/errors.js';
import { chooseRenderer } from '../../core/renderer-choice.js';
import { expandInputs } from '../../estate/expand-inputs.js';
import { escapeTerminal } from '../../report/escape.js';
import { readReport } from '../../report-reader/read-report.js';
import { deliverText, type OutputSink, streamSink } from '../output.js';
import { expandOutputTemplate } from '../output-templates.js';

export interface TrendCliOptions {
  format?: TrendRendererId;
  output?: string;
  quiet?: boolean;
}

export function registerTrendCommand(program: Command): void {
  program
    .command('trend')
    .description('how destinations, countries and risk evolved over several audit reports (JSON)')
    .argument('<report...>', 'reports written by outflow audit -o FILE.json (directories and globs too)')
    .addOption(new Option('-f, --format <format>', 'output format (default: table)').choices(TREND_RENDERER_IDS))
    .option('-o, --output <file>', 'write to a file; the format follows the extension; templates as for audit')
    .option('-q, --quiet', 'nothing on stderr but errors')
    // Accepted as audit accepts it, so one scheduled script can pass it to every command; this output has no colours.
    .option('--no-color', 'no colours (the output has none; accepted as for audit)')
    .action(async (reports: string[], opts: TrendCliOptions) => {
      process.exitCode = await runTrendCommand(await reportFiles(reports), opts, streamSink(process.stdout));
    });
}

/** Arguments → report files; a directory or glob contributes its .json files only (HTML reports sit beside them). */
export async function reportFiles(args: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const arg of args) {
    const got = await expandInputs([arg]);
    files.push(...(got.length === 1 && got[0] === arg ? got : got.filter((f) => f.toLowerCase().endsWith('.json'))));
  }
  return files;
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
