/** What `outflow export` does once its arguments are parsed (the command and its options: export.ts). */
import { UsageError } from '../../core/errors.js';
import { renderEcs } from '../../estate/ecs.js';
import { escapeTerminal } from '../../report/escape.js';
import type { Report } from '../../report/model.js';
import { readReport } from '../../report-reader/read-report.js';
import { type OutputSink, streamSink, writeRenderedFile } from '../output.js';
import type { ExportCliOptions } from './export.js';

/** By target; choices.ts lists the keys for --help. */
export const EXPORTERS: Record<string, (report: Report) => string> = { ecs: renderEcs };

export interface ExportDeps {
  out: OutputSink;
  err: (line: string) => void;
  load: (file: string) => Promise<Report>;
  /** Writes a file; `write` hands its text to the sink in pieces. */
  writeFile: (path: string, write: (sink: (text: string) => void) => void) => Promise<void>;
}

/** The command's action: standard output, notes on stderr, the report read from its file or stdin. */
export async function exportAction(target: string, file: string, opts: ExportCliOptions): Promise<void> {
  await runExport(target, file, opts, {
    out: streamSink(process.stdout),
    err: (line) => process.stderr.write(`outflow: ${escapeTerminal(line)}\n`),
    load: (path) => readReport(path),
    writeFile: writeRenderedFile,
  });
}

export async function runExport(target: string, file: string, opts: ExportCliOptions, deps: ExportDeps): Promise<void> {
  const exporter = Object.hasOwn(EXPORTERS, target) ? EXPORTERS[target] : undefined;
  if (exporter === undefined) {
    throw new UsageError(`unknown export target "${target}"; choose ${Object.keys(EXPORTERS).join(', ')}`);
  }
  const report = await deps.load(file);
  const text = exporter(report);
  if (opts.output === undefined || opts.output === '-') {
    deps.out.write(text);
    await deps.out.drain();
  } else {
    await deps.writeFile(opts.output, (sink) => sink(text));
    if (opts.quiet !== true) deps.err(`wrote ${opts.output} (${target}, ${report.destinations.length} documents)`);
  }
}
