/** What `outflow rules list|test|validate` do once their arguments are parsed (the commands and options: rules.ts). */
import { readFileSync } from 'node:fs';
import { UsageError } from '../../core/errors.js';
import { compareText } from '../../core/text-order.js';
import { Catalog } from '../../enrich/catalog/catalog.js';
import { decideEndpoint, type EndpointDecision } from '../../enrich/catalog/endpoint-decision.js';
import { parseCatalogText, shippedCatalogFiles } from '../../enrich/catalog/load.js';
import type { CatalogRule } from '../../enrich/catalog/types.js';
import { formatCatalogError, validateCatalog } from '../../enrich/catalog/validate.js';
import { DomainOwners } from '../../enrich/owners/domain-owners.js';
import { escapeTerminal } from '../../report/escape.js';
import { type OutputSink, streamSink } from '../output.js';
import type { ListOptions, TestOptions } from './rules.js';

export interface RulesDeps {
  out: OutputSink;
  /** Shipped catalog files (tests inject fixtures). */
  shipped: () => string[];
  readFile: (file: string) => string;
  /** The domain-owner table (tests inject one; default: the shipped data/owners/domain-owners.json). */
  owners?: () => DomainOwners;
}

/** The process's standard output and the catalog files that ship with the package. */
export function defaultRulesDeps(): RulesDeps {
  return {
    out: streamSink(process.stdout),
    shipped: () => shippedCatalogFiles(),
    readFile: (f) => readFileSync(f, 'utf8'),
  };
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

/** Longest --cname chain taken (resolvers give up far earlier). */
const MAX_CNAME_ARG = 32;

export async function runRulesTest(names: string[], opts: TestOptions, deps: RulesDeps): Promise<void> {
  let port: number | undefined;
  if (opts.port !== undefined) {
    port = Number(opts.port);
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UsageError('--port must be a number 1-65535');
  }
  const chain = (opts.cname ?? '')
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c.length > 0);
  if (chain.length > MAX_CNAME_ARG) throw new UsageError(`--cname takes at most ${MAX_CNAME_ARG} names`);
  const catalog = loadCatalog(deps, opts.rules);
  const owners = (deps.owners ?? (() => DomainOwners.loadShipped()))();
  const results: TestResult[] = [];
  for (const name of names) {
    const asked = chain.length > 0 ? [{ name, cnameChain: [name, ...chain] }] : [{ name }];
    const decision = decideEndpoint(catalog.matchFlow(asked, opts.ip, port), asked, owners, { catalog });
    results.push({ name, decision });
  }
  if (opts.json === true) deps.out.write(`${JSON.stringify(results.map(toJson), null, 2)}\n`);
  else for (const r of results) writeDecision(deps.out, r.name, r.decision, chain);
  await deps.out.drain();
}

interface TestResult {
  name: string;
  decision: EndpointDecision;
}

/** The --json shape: stable field names, every field present (null when unknown). */
function toJson({ name, decision: d }: TestResult): Record<string, unknown> {
  const m = d.match;
  return {
    name,
    vendor: d.vendor,
    vendorBasis: d.vendorBasis,
    category: d.category,
    categoryBasis: d.categoryBasis,
    rule:
      m === null
        ? null
        : {
            id: m.rule.id,
            file: m.file,
            pattern: m.pattern,
            matchKind: m.matchKind,
            matchedName: m.matchedName,
            via: m.via ?? 'name',
            vendor: m.rule.vendor,
            product: m.rule.product,
            category: m.rule.category,
            personalData: m.rule.personalData,
            region: m.rule.region ?? null,
            source: m.rule.source,
            verified: m.rule.verified ?? null,
            confidence: m.rule.confidence ?? null,
          },
    owner:
      d.owner === null
        ? null
        : {
            owner: d.owner.owner,
            registrableDomain: d.owner.registrableDomain,
            source: d.owner.source,
            basis: d.ownerBasis,
            name: d.ownerName,
          },
    namePattern: d.namePattern,
    setAside: d.setAside === null ? null : { id: d.setAside.rule.id, matchedName: d.setAside.matchedName },
    explanation: d.explanation,
  };
}

const VIA_TEXT = {
  name: '',
  'edge-name': 'on the host the edge name embeds:',
  'cname-chain': 'via CNAME chain:',
  'cdn-edge': 'generic delivery-network rule on',
} as const;

function writeDecision(out: OutputSink, name: string, d: EndpointDecision, chain: string[]): void {
  const shown = escapeTerminal(name);
  const e = escapeTerminal;
  if (chain.length > 0) out.write(`${shown}: resolved through ${e(chain.join(' -> '))}\n`);
  const m = d.match;
  if (m !== null) {
    const { rule } = m;
    const how =
      m.matchKind === 'exact'
        ? 'exact name'
        : m.matchKind === 'suffix'
          ? `suffix ${e(m.pattern)}`
          : `address range ${e(m.pattern)}`;
    const via = m.via === undefined || m.via === 'name' ? '' : `, ${VIA_TEXT[m.via]} ${e(m.matchedName)}`;
    out.write(`${shown}: ${e(rule.id)} (${how}${via}${m.constrained ? ', port/range constraint held' : ''})\n`);
    out.write(`  ${e(rule.vendor)}: ${e(rule.product)} [${rule.category}]\n`);
    out.write(
      `  personal data beyond the IP address: ${rule.personalData.rating}${rule.personalData.kinds.length > 0 ? ` (${rule.personalData.kinds.join(', ')})` : ''}\n`,
    );
    if (rule.region !== undefined) out.write(`  vendor-documented ingestion region: ${e(rule.region)}\n`);
    out.write(
      `  source: ${e(rule.source)} (${rule.verified === undefined ? 'unverified' : `verified ${rule.verified}`})\n`,
    );
    out.write(`  from: ${e(m.file)}\n`);
  } else if (d.vendor === null) {
    out.write(`${shown}: no rule matches (unknown endpoint)\n`);
  } else {
    out.write(`${shown}: no rule matches; vendor ${e(d.vendor)} by domain owner\n`);
  }
  if (d.owner !== null) {
    const via =
      d.ownerBasis === 'edge-name'
        ? ` (host embedded in ${e(d.ownerName ?? '')})`
        : d.ownerBasis === 'cname-chain'
          ? ` (via CNAME chain: ${e(d.ownerName ?? '')})`
          : '';
    out.write(
      `  domain owner: ${e(d.owner.owner)} of ${e(d.owner.registrableDomain)}${via} (source ${e(d.owner.source)})\n`,
    );
  }
  if (d.setAside !== null) {
    out.write(`  set aside: generic delivery-network rule ${e(d.setAside.rule.id)} on ${e(d.setAside.matchedName)}\n`);
  }
  const category =
    d.category === null
      ? 'unknown'
      : d.categoryBasis === 'name-pattern' && d.namePattern !== null
        ? `${d.category} (name pattern "${e(d.namePattern.pattern)}")`
        : `${d.category} (${d.categoryBasis ?? 'rule'})`;
  out.write(
    `  vendor: ${d.vendor === null ? 'unknown' : e(d.vendor)} (${d.vendorBasis ?? 'none'}); category: ${category}\n`,
  );
  out.write(`  why: ${e(d.explanation)}\n`);
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
