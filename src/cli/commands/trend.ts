/**
 * `outflow trend REPORT.json...`: how destinations, countries and risk evolved over several audit reports, as a
 * table or a self-contained HTML page. Exits 0 when every report could be read; 2 (InputError) otherwise. The
 * command and its options; what it does is trend-run.ts, loaded only when trend runs.
 */
import type { Command } from 'commander';
import { Option } from 'commander';
import type { TrendRendererId } from '../../compare/trend-renderers.js';
import { TREND_FORMAT_CHOICES } from './choices.js';

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
    .addOption(new Option('-f, --format <format>', 'output format (default: table)').choices(TREND_FORMAT_CHOICES))
    .option('-o, --output <file>', 'write to a file; the format follows the extension; templates as for audit')
    .option('-q, --quiet', 'nothing on stderr but errors')
    // Accepted as audit accepts it, so one scheduled script can pass it to every command; this output has no colours.
    .option('--no-color', 'no colours (the output has none; accepted as for audit)')
    .action(async (reports: string[], opts: TrendCliOptions) =>
      (await import('./trend-run.js')).trendAction(reports, opts),
    );
}
