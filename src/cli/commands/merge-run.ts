/** What `outflow merge` does once its arguments are parsed (the command and its options: merge.ts). */
import { UsageError } from '../../core/errors.js';
import { chooseRenderer } from '../../core/renderer-choice.js';
import { mergeReports } from '../../estate/merge.js';
import { escapeTerminal } from '../../report/escape.js';
import type { Report } from '../../report/model.js';
import { RENDERERS, type Renderer, type RendererId } from '../../report/registry.js';
import { readReport } from '../../report-reader/read-report.js';
import { type OutputSink, reportTime, streamSink, writeRenderedFile } from '../output.js';
import { toolVersion } from '../program.js';
import { reportFiles } from '../report-files.js';
import type { MergeCliOptions } from './merge.js';

export interface MergeDeps {
  out: OutputSink;
  err: (line: string) => void;
  generatedAt: string;
  toolVersion: string;
  load: (file: string) => Promise<Report>;
  /** Writes a report file; `write` hands its text to the sink in pieces. */
  writeFile: (path: string, write: (sink: (text: string) => void) => void) => Promise<void>;
}

/** The command's action: the merged report on standard output or in the -o files, notes on stderr. */
export async function mergeAction(reports: string[], opts: MergeCliOptions): Promise<void> {
  await runMerge(reports, opts, {
    out: streamSink(process.stdout),
    err: (line) => process.stderr.write(`outflow: ${escapeTerminal(line)}\n`),
    generatedAt: reportTime(),
    toolVersion: toolVersion(),
    load: (file) => readReport(file),
    writeFile: writeRenderedFile,
  });
}

export async function runMerge(files: string[], opts: MergeCliOptions, deps: MergeDeps): Promise<Report> {
  const targets = resolveTargets(opts.output, opts.format);
  // A folder of dated reports holds their HTML/CSV/Markdown siblings too: only its .json files are reports.
  const paths = await reportFiles(files);
  if (paths.filter((p) => p === '-').length > 1) throw new UsageError('stdin (-) can be given only once');
  const reports: Report[] = [];
  for (const p of paths) reports.push(await deps.load(p));
  const report = mergeReports(reports, { generatedAt: deps.generatedAt, toolVersion: deps.toolVersion });
  for (const t of targets) {
    const ctx = { color: false, columns: t.path === '-' ? deps.out.columns : 120 };
    if (t.path === '-') t.renderer.write(report, ctx, (text) => deps.out.write(text));
    else await deps.writeFile(t.path, (sink) => t.renderer.write(report, ctx, sink));
  }
  await deps.out.drain();
  if (opts.quiet !== true) {
    deps.err(`merged ${reports.length} reports: ${report.summary.verdict}`);
    for (const t of targets) if (t.path !== '-') deps.err(`wrote ${t.path} (${t.renderer.id})`);
  }
  return report;
}

function resolveTargets(outputs: string[], format: RendererId | undefined): { path: string; renderer: Renderer }[] {
  // Merged reports feed further merges and exports, so JSON is the default on standard output.
  if (outputs.length === 0) return [{ path: '-', renderer: RENDERERS[format ?? 'json'] }];
  return outputs.map((path) => ({ path, renderer: chooseRenderer(RENDERERS, path, format, 'json') }));
}
