/**
 * `outflow diff A.json B.json`: what changed between two reports (new, gone and changed destination groups,
 * summary deltas). Always exits 0 when both reports could be read; 2 (InputError) when one cannot. The command
 * and its options; what it does is diff-run.ts, loaded only when diff runs.
 */
import type { Command } from 'commander';
import { Option } from 'commander';
import type { DiffRendererId } from '../../compare/diff-renderers.js';
import { DIFF_FORMAT_CHOICES } from './choices.js';

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
    .addOption(new Option('-f, --format <format>', 'output format (default: table)').choices(DIFF_FORMAT_CHOICES))
    .option('-o, --output <file>', 'write to a file; the format follows the extension; templates as for audit')
    .option('-q, --quiet', 'nothing on stderr but errors')
    // Accepted as audit accepts it, so one scheduled script can pass it to every command; this output has no colours.
    .option('--no-color', 'no colours (the output has none; accepted as for audit)')
    .action(async (before: string, after: string, opts: DiffCliOptions) =>
      (await import('./diff-run.js')).diffAction(before, after, opts),
    );
}
