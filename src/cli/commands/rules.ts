/**
 * `outflow rules list|test|validate`: inspect the telemetry endpoint catalog. list shows the rules (filtered);
 * test says which rule a name matches, how and why; validate checks catalog files (exit 2 with one line per
 * error naming the rule and key). Every name printed goes through escapeTerminal.
 */
import type { Command } from 'commander';
import { UsageError } from '../../core/errors.js';
import { compareText } from '../../core/text-order.js';
import { Catalog } from '../../enrich/catalog/catalog.js';
import { parseCatalogText, shippedCatalogFiles } from '../../enrich/catalog/load.js';
import type { CatalogRule } from '../../enrich/catalog/types.js';
import { formatCatalogError, validateCatalog } from '../../enrich/catalog/validate.js';
import { escapeTerminal } from '../../report/escape.js';
import { type OutputSink, streamSink } from '../output.js';

interface RulesDeps {
  out: OutputSink;
  /** Shipped catalog files (tests inject fixtures). */
  shipped: () => string[];
  readFile: (file: string) => string;
}

async function defaultDeps(): Promise<RulesDeps> {
  const { readFileSync } = await import('node:fs');
  return {
    out: streamSink(process.stdout),
    shipped: () => shippedCatalogFiles(),
    readFile: (f) => readFileSync(f, 'utf8'),
  };
}

export function registerRulesCommand(program: Command): void {
  const rules = program.command('rules').description('inspect and check the telemetry endpoint catalog');
  rules
    .command('list')
    .description('list catalog rules')
    .option('--json', 'one JSON document with every rule')
    .option('--category <category>', 'only rules of this category')
    .option('--vendor <vendor>', 'only rules whose vendor contains this text')
    .option('--rules <file...>', 'extra catalog files (extend or override shipped rules by id)')
    .action(async (opts: ListOptions) => runRulesList(opts, await defaultDeps()));
  rules
    .command('test')
    .description('show which rule matches each host name, how and why')
    .argument('<name...>', 'host names')
    .option('--port <port>', 'server port, for rules constrained to ports')
    .option('--ip <address>', 'server address, for rules constrained to address ranges')
    .option('--rules <file...>', 'extra catalog files')
    .action(async (names: string[], opts: TestOptions) => runRulesTest(names, opts, await defaultDeps()));
  rules
    .command('validate')
    .description('check catalog files against the schema (exit 2 on errors)')
    .argument('<file...>', 'catalog JSON files')
    .action(async (files: string[]) => runRulesValidate(files, await defaultDeps()));
}

export interface ListOptions {
  json?: boolean;
  category?: string;
  vendor?: string;
  rules?: string[];
}

export interface TestOptions {
  port?: string;
  ip?: string;
  rules?: string[];
}

function loadCatalog(deps: RulesDeps, extra: string[] = []): Catalog {
  return Catalog.load([...deps.shipped(), ...extra]);
}

function patterns(rule: CatalogRule): string {
  const m = rule.match;
  return [...(m.names ?? []), ...(m.suffixes ?? []), ...(m.cidrs ?? [])].join(' ');
}

export async function runRulesList(opts: ListOptions, deps: RulesDeps): Promise<void> {
  const catalog = loadCatalog(deps, opts.rules);
  const vendor = opts.vendor?.toLowerCase();
  const rules = catalog
    .rules()
    .filter(({ rule }) => opts.category === undefined || rule.category === opts.category)
    .filter(({ rule }) => vendor === undefined || rule.vendor.toLowerCase().includes(vendor))
    .sort((a, b) => compareText(a.rule.id, b.rule.id));
  if (opts.json === true) {
    deps.out.write(
      `${JSON.stringify({ files: catalog.files, rules: rules.map((r) => ({ ...r.rule, file: r.file })) }, null, 2)}\n`,
    );
  } else {
    for (const { rule } of rules) {
      const verified = rule.verified ?? 'unverified';
      deps.out.write(
        `${escapeTerminal(rule.id)}\t${rule.category}\t${rule.personalData.rating}\t${escapeTerminal(rule.vendor)}\t${escapeTerminal(patterns(rule))}\t${verified}\n`,
      );
    }
    deps.out.write(`${rules.length} of ${catalog.size} rules\n`);
  }
  await deps.out.drain();
}

export async function runRulesTest(names: string[], opts: TestOptions, deps: RulesDeps): Promise<void> {
  let port: number | undefined;
  if (opts.port !== undefined) {
    port = Number(opts.port);
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UsageError('--port must be a number 1-65535');
  }
  const catalog = loadCatalog(deps, opts.rules);
  for (const name of names) {
    const match = catalog.match([name], opts.ip, port);
    const shown = escapeTerminal(name);
    if (match === null) {
      deps.out.write(`${shown}: no rule matches (unknown endpoint)\n`);
      continue;
    }
    const { rule } = match;
    const how =
      match.matchKind === 'exact'
        ? 'exact name'
        : match.matchKind === 'suffix'
          ? `suffix ${escapeTerminal(match.pattern)}`
          : `address range ${escapeTerminal(match.pattern)}`;
    deps.out.write(
      `${shown}: ${escapeTerminal(rule.id)} (${how}${match.constrained ? ', port/range constraint held' : ''})\n`,
    );
    deps.out.write(`  ${escapeTerminal(rule.vendor)}: ${escapeTerminal(rule.product)} [${rule.category}]\n`);
    deps.out.write(
      `  personal data beyond the IP address: ${rule.personalData.rating}${rule.personalData.kinds.length > 0 ? ` (${rule.personalData.kinds.join(', ')})` : ''}\n`,
    );
    if (rule.region !== undefined)
      deps.out.write(`  vendor-documented ingestion region: ${escapeTerminal(rule.region)}\n`);
    deps.out.write(
      `  source: ${escapeTerminal(rule.source)} (${rule.verified === undefined ? 'unverified' : `verified ${rule.verified}`})\n`,
    );
    deps.out.write(`  from: ${escapeTerminal(match.file)}\n`);
  }
  await deps.out.drain();
}

export async function runRulesValidate(files: string[], deps: RulesDeps): Promise<void> {
  const lines: string[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = deps.readFile(file);
    } catch (error) {
      lines.push(
        `${escapeTerminal(file)}: cannot read (${error instanceof Error ? escapeTerminal(error.message) : 'error'})`,
      );
      continue;
    }
    const parsed = parseCatalogText(text);
    if (!parsed.ok) {
      lines.push(`${escapeTerminal(file)}: not valid JSON (${escapeTerminal(parsed.message)})`);
      continue;
    }
    const result = validateCatalog(parsed.value);
    if (result.ok) deps.out.write(`${escapeTerminal(file)}: ok (${result.catalog.rules.length} rules)\n`);
    else for (const error of result.errors) lines.push(escapeTerminal(formatCatalogError(error, file)));
  }
  for (const line of lines) deps.out.write(`${line}\n`);
  await deps.out.drain();
  if (lines.length > 0) throw new UsageError(`${lines.length} catalog error${lines.length === 1 ? '' : 's'}`);
}
