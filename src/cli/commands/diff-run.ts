/** What `outflow diff` does once its arguments are parsed (the command and its options: diff.ts). */
import { hostname } from 'node:os';
import { diffReports } from '../../compare/diff.js';
import { DIFF_RENDERERS, type DiffRenderer, type DiffRendererId } from '../../compare/diff-renderers.js';
import { chooseRenderer } from '../../core/renderer-choice.js';
import { escapeTerminal } from '../../report/escape.js';
import { readReport } from '../../report-reader/read-report.js';
import { deliverText, type OutputSink, streamSink } from '../output.js';
import { expandOutputTemplate } from '../output-templates.js';
import type { DiffCliOptions } from './diff.js';

/** The command's action: the diff on standard output (or the -o file), the exit code set. */
export async function diffAction(before: string, after: string, opts: DiffCliOptions): Promise<void> {
  process.exitCode = await runDiffCommand(before, after, opts, streamSink(process.stdout));
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
