/** The commander program: one register function per command, each in its own file. */
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { registerAuditCommand } from './commands/audit.js';
import { registerDiffCommand } from './commands/diff.js';
import { addExamples } from './commands/examples.js';
import { registerExportCommand } from './commands/export.js';
import { registerFlowsCommand } from './commands/flows.js';
import { registerGeoipCommand } from './commands/geoip.js';
import { registerMergeCommand } from './commands/merge.js';
import { registerRequestsCommand } from './commands/requests.js';
import { registerRulesCommand } from './commands/rules.js';
import { registerTrendCommand } from './commands/trend.js';
import { addCommonFlags } from './common-flags.js';

export function toolVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
  return pkg.version ?? '0.0.0';
}

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('outflow')
    .description('Which personal data leaves the EU from your machines, and to whom.')
    .version(toolVersion())
    .option('--debug', 'print stack traces for internal errors')
    .showHelpAfterError('(run with --help for usage)')
    // A mistyped option or command names the closest one: "(Did you mean --fail-on?)" (commander's default, kept).
    .showSuggestionAfterError(true)
    .exitOverride();
  registerAuditCommand(program);
  registerDiffCommand(program);
  registerExportCommand(program); // estate: SIEM export
  registerFlowsCommand(program);
  registerGeoipCommand(program);
  registerMergeCommand(program); // estate: merge reports
  registerRequestsCommand(program);
  registerRulesCommand(program);
  registerTrendCommand(program); // scheduled-use: trend over reports
  for (const command of program.commands) command.exitOverride();
  // issue #20: --no-color, -q, -v and --debug on every command, the same way.
  addCommonFlags(program);
  addExamples(program);
  return program;
}
