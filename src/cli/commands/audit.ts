/**
 * `outflow audit INPUT...`: the report a DPO can sign. Several outputs in one run (-o per file, the format
 * follows the extension); exit code 1 when a destination is at or above --fail-on, 2 for usage errors and
 * unusable input. This file declares the command and its options; what it does is audit-run.ts, loaded only
 * when audit runs (every command is defined at startup, so a definition loads nothing heavy).
 */

import type { Command } from 'commander';
import { Option } from 'commander';
import type { DpfMode } from '../../enrich/jurisdiction/recipient-transfer.js';
import type { RendererId } from '../../report/registry.js';
import { DPF_MODE_CHOICES, PSEUDONYM_KEY_ENV_NAME, RENDERER_CHOICES } from './choices.js';

export const FAIL_LEVELS = ['high', 'medium', 'low', 'never'] as const;
export type FailOn = (typeof FAIL_LEVELS)[number];

export interface AuditCliOptions {
  format?: RendererId;
  output: string[];
  failOn?: FailOn;
  config?: string;
  color: boolean;
  quiet?: boolean;
  verbose?: boolean;
  geoipDir: string[];
  rules: string[];
  keylog: string[];
  internal: string[];
  internalDomain: string[];
  vantage?: string;
  allowCountry: string[];
  allowOperator: string[];
  ignore: string[];
  timezone?: string;
  showValues?: boolean;
  pseudonymize?: boolean;
  asOf?: string;
  dpf?: DpfMode;
  dnsGrace: string;
  baseline?: string;
  jobs?: string;
  timings?: boolean;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export function registerAuditCommand(program: Command): void {
  program
    .command('audit')
    .description('report the personal-data flows that leave the EU/EEA: where to, whose, how much, how sure, why')
    .argument('<input...>', 'captures and logs ("-" for stdin)')
    .addOption(
      new Option('-f, --format <format>', 'format for standard output (default: table)').choices(RENDERER_CHOICES),
    )
    .option(
      '-o, --output <file>',
      'write a report file; the format follows the extension (repeatable; "-" = stdout)',
      collect,
      [],
    )
    .addOption(
      new Option('--fail-on <level>', 'exit 1 when a destination is at or above this risk (default: high)').choices([
        ...FAIL_LEVELS,
      ]),
    )
    .option(
      '--config <file>',
      'config file (JSON or YAML): outputs, policy, databases, rules (default: ./outflow.config.json|yaml|yml)',
    )
    .option('--no-color', 'no colours (also NO_COLOR; FORCE_COLOR forces them)')
    .option('-q, --quiet', 'nothing on stderr but errors')
    .option('-v, --verbose', 'more detail on stderr (skipped input, databases)')
    .option(
      '--geoip-dir <dir>',
      'directory (or .mmdb file) of your own databases, used before the shipped ones (repeatable)',
      collect,
      [],
    )
    .option(
      '--rules <file>',
      'extra catalog file that extends or overrides the shipped rules (repeatable)',
      collect,
      [],
    )
    .option(
      '--keylog <file>',
      'NSS key log (SSLKEYLOGFILE) to decrypt TLS and QUIC and read what was sent (repeatable)',
      collect,
      [],
    )
    .option('--internal <cidr>', 'network to treat as internal (repeatable)', collect, [])
    .option(
      '--internal-domain <suffix>',
      'internal DNS suffix whose names must not leak outward (repeatable)',
      collect,
      [],
    )
    .option('--vantage <where>', 'where the capture was taken: country code (NL) or lat,lon (52.08,4.31)')
    .option('--allow-country <cc>', 'policy: country allowed as a destination (repeatable)', collect, [])
    .option('--allow-operator <name>', 'policy: operator under contract, allowed (repeatable)', collect, [])
    .option('--ignore <rule-or-category>', 'policy: catalog rule id or category to ignore (repeatable)', collect, [])
    .option('--timezone <zone>', 'IANA time zone of logs that write local time without a zone')
    .option('--show-values', 'show personal data found in payloads unmasked in the report')
    .option(
      '--pseudonymize',
      `replace internal addresses, host names and identifying evidence by keyed hashes (key in ${PSEUDONYM_KEY_ENV_NAME})`,
    )
    .option('--as-of <date>', 'judge adequacy decisions as of this date (YYYY-MM-DD; default today)')
    .addOption(
      new Option(
        '--dpf <mode>',
        'EU-US Data Privacy Framework: rely on it for certified US recipients, or ignore it and judge them as third country (appeal C-703/25 P pending; default: rely)',
      ).choices(DPF_MODE_CHOICES),
    )
    .option('--dns-grace <seconds>', 'seconds a DNS answer stays usable after its TTL', '3600')
    .option('-j, --jobs <n>', 'inputs read at once in worker threads (default 1: all on one thread)')
    .option('--timings', 'print the seconds spent reading, enriching, assessing and rendering on stderr')
    // scheduled use: mark groups new/seen against an earlier report and list the gone ones.
    .option('--baseline <report.json>', 'earlier report (JSON): mark destinations new or seen, list the gone ones')
    .action(async (inputs: string[], opts: AuditCliOptions) =>
      (await import('./audit-run.js')).auditAction(inputs, opts),
    );
}
