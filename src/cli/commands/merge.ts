/**
 * `outflow merge REPORT...`: JSON reports merged into one, as if one audit had read everything. The command and
 * its options; what it does is merge-run.ts, loaded only when merge runs.
 */
import type { Command } from 'commander';
import { Option } from 'commander';
import type { RendererId } from '../../report/registry.js';
import { RENDERER_CHOICES } from './choices.js';

export interface MergeCliOptions {
  format?: RendererId;
  output: string[];
  quiet?: boolean;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export function registerMergeCommand(program: Command): void {
  program
    .command('merge')
    .description('merge JSON reports (per file, host or day) into one report, as if one audit had read everything')
    .argument('<report...>', 'JSON reports from `outflow audit -o x.json`, directories or globs ("-" for stdin)')
    .addOption(
      new Option('-f, --format <format>', 'format for standard output (default: json)').choices(RENDERER_CHOICES),
    )
    .option('-o, --output <file>', 'write the merged report; format follows the extension (repeatable)', collect, [])
    .option('-q, --quiet', 'nothing on stderr but errors')
    .action(async (reports: string[], opts: MergeCliOptions) =>
      (await import('./merge-run.js')).mergeAction(reports, opts),
    );
}
