/**
 * `outflow diff A.json B.json`: what changed between two reports (new, gone and changed destination groups,
 * summary deltas). Always exits 0 when both reports could be read; 2 (InputError) when one cannot.
 */
import { hostname } from 'node:os';
import type { Command } from 'commander';
import { Option } from 'commander';
import { diffReports } from '../../compare/diff.js';
import {
  DIFF_RENDERER_IDS,
  DIFF_RENDERERS,
  type DiffRenderer,
  type DiffRendererId,
} from '../../compare/diff-renderers.js';
import { chooseRenderer } from '../../core/renderer-choice.js';
import { escapeTerminal } from '../../report/escape.js';
import { readReport } from '../../report-reader/read-report.js';
import { deliverText, type OutputSink, streamSink } from '../output.js';
import { expandOutputTemplate } from '../output-templates.js';

export interface DiffCliOptions {
  format?: DiffRendererId;
  output?: string;
  quiet?: boolean;
}

export function registerDiffCommand(program: Command): void {
  program
    .command('diff')
    .description('what changed between two audit reports (JSON): new, gone and changed destinations')
    .argument('<before>', 'the earlier report (JSON written by outflow audit)')
    .argument('<after>', 'the later report')
    .addOption(new Option('-f, --format <format>', 'output format (default: table)').choices(DIFF_RENDERER_IDS))
    .option('-o, --output <file>', 'write to a file; the format follows the extension; templates as for audit')
    .option('-q, --quiet', 'nothing on stderr but errors')
    // Accepted as audit accepts it, so one scheduled script can pass it to every command; this output has no colours.
    .option('--no-color', 'no colours (the output has none; accepted as for audit)')
    .action(async (before: string, after: string, opts: DiffCliOptions) => {
      process.exitCode = await runDiffCommand(before, after, opts, streamSink(process.stdout));
    });
}

function pickRenderer(path: string | undefined, format: DiffRendererId | undefined): DiffRenderer {
  return chooseRenderer(DIFF_RENDERERS, path, format, 'table');
}

export async function runDiffCommand(
  before: string,
  after: string,
  opts: DiffCliOptions,
  out: OutputSink,
  err: (line: string) => void = (line) => void process.stderr.write(`${line}\n`),
): Promise<number> {
  const [a, b] = [await readReport(before), await readReport(after)];
  // Standard input is named as the report reader names it.
  const label = (file: string): string => (file === '-' ? 'stdin' : file);
  const diff = diffReports(a, b, { from: label(before), to: label(after) });
  const path =
    opts.output === undefined || opts.output === '-'
      ? opts.output
      : expandOutputTemplate(opts.output, {
          generatedAt: b.metadata.generatedAt,
          host: hostname(),
          firstInput: after,
          ext: opts.format === undefined ? null : (DIFF_RENDERERS[opts.format].extensions[0]?.slice(1) ?? null),
        });
  const renderer = pickRenderer(path, opts.format);
  const text = renderer.render(diff);
  if ((await deliverText(path, text, out)) && opts.quiet !== true) {
    err(`outflow: wrote ${escapeTerminal(path ?? '')} (${renderer.id})`);
  }
  return 0;
}
