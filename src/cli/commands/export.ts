/**
 * `outflow export TARGET REPORT`: a JSON report in another tool's format. The command and its options; what it
 * does is export-run.ts, loaded only when export runs.
 */
import type { Command } from 'commander';
import { EXPORT_TARGETS } from './choices.js';

export interface ExportCliOptions {
  output?: string;
  quiet?: boolean;
}

export function registerExportCommand(program: Command): void {
  program
    .command('export')
    .description('export a JSON report for other tools: ecs (Elastic Common Schema NDJSON, one line per destination)')
    .argument('<target>', `what to export to (${EXPORT_TARGETS.join(', ')})`)
    .argument('<report>', 'JSON report from `outflow audit -o x.json` or `outflow merge` ("-" for stdin)')
    .option('-o, --output <file>', 'write to this file instead of standard output')
    .option('-q, --quiet', 'nothing on stderr but errors')
    .action(async (target: string, report: string, opts: ExportCliOptions) =>
      (await import('./export-run.js')).exportAction(target, report, opts),
    );
}
