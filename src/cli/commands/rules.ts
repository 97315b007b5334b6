/**
 * `outflow rules list|test|validate`: inspect the telemetry endpoint catalog. list shows the rules (filtered);
 * test explains the decision for each name as the audit makes it (endpoint-decision.ts): which rule (directly,
 * through a CNAME chain or the host an edge name embeds), else the domain owner, and where the category came from;
 * validate checks catalog files (exit 2 with one line per error naming the rule and key). Every name printed goes
 * through escapeTerminal. The commands and their options; what they do is rules-run.ts, loaded only when one runs.
 */
import type { Command } from 'commander';

export function registerRulesCommand(program: Command): void {
  const rules = program.command('rules').description('inspect and check the telemetry endpoint catalog');
  rules
    .command('list')
    .description('list catalog rules')
    .option('--json', 'one JSON document with every rule')
    .option('--category <category>', 'only rules of this category')
    .option('--vendor <vendor>', 'only rules whose vendor contains this text')
    .option('--rules <file...>', 'extra catalog files (extend or override shipped rules by id)')
    .action(async (opts: ListOptions) => {
      const run = await import('./rules-run.js');
      await run.runRulesList(opts, run.defaultRulesDeps());
    });
  rules
    .command('test')
    .description('explain what decides vendor and category of each host name: rule, CNAME chain, edge name, owner')
    .argument('<name...>', 'host names')
    .option('--json', 'one JSON document: an object per name')
    .option('--cname <chain>', 'the CNAME chain the names resolved through, comma-separated')
    .option('--port <port>', 'server port, for rules constrained to ports')
    .option('--ip <address>', 'server address, for rules constrained to address ranges')
    .option('--rules <file...>', 'extra catalog files')
    .action(async (names: string[], opts: TestOptions) => {
      const run = await import('./rules-run.js');
      await run.runRulesTest(names, opts, run.defaultRulesDeps());
    });
  rules
    .command('validate')
    .description('check catalog files against the schema (exit 2 on errors)')
    .argument('<file...>', 'catalog JSON files')
    .action(async (files: string[]) => {
      const run = await import('./rules-run.js');
      await run.runRulesValidate(files, run.defaultRulesDeps());
    });
}

export interface ListOptions {
  json?: boolean;
  category?: string;
  vendor?: string;
  rules?: string[];
}

export interface TestOptions {
  json?: boolean;
  cname?: string;
  port?: string;
  ip?: string;
  rules?: string[];
}
