import type { Command } from 'commander';
import { UsageError } from '../../core/errors.js';
import { renderEcs } from '../../estate/ecs.js';
import { escapeTerminal } from '../../report/escape.js';
import type { Report } from '../../report/model.js';
import { readReport } from '../../report-reader/read-report.js';
import { type OutputSink, streamSink, writeRenderedFile } from '../output.js';

export const EXPORTERS: Record<string, (report: Report) => string> = { ecs: renderEcs };

export interface ExportCliOptions {
  output?: string;
  quiet?: boolean;
}

export interface ExportDeps {
  out: OutputSink;
  err: (line: string) => void;
  load: (file: string) => Promise<Report>;
  /** Writes a file; `write` hands its text to the sink in pieces. */
  writeFile: (path: string, write: (sink: (text: string) => void) => void) => Promise<void>;
}

export function registerExportCommand(program: Command): void {
  program
    .command('export')
    .description('export a JSON report for other tools: ecs (Elastic Common Schema NDJSON, one line per destination)')
    .argument('<target>', `what to export to (${Object.keys(EXPORTERS).join(', ')})`)
    .argument('<report>', 'JSON report from `outflow audit -o x.json` or `outflow merge` ("-" for stdin)')
    .option('-o, --output <file>', 'write to this file instead of standard output')
    .option('-q, --quiet', 'nothing on stderr but errors')
    .action(async (target: string, report: string, opts: ExportCliOptions) => {
      await runExport(target, report, opts, {
        out: streamSink(process.stdout),
        err: (line) => process.stderr.write(`outflow: ${escapeTerminal(line)}\n`),
        load: (file) => readReport(file),
        writeFile: writeRenderedFile,
      });
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
