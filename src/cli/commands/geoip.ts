/**
 * `outflow geoip lookup IP...` and `outflow geoip info`: what the enrichment says about addresses (scope,
 * country, ASN, operator with HQ and DPF status, anycast, transfer status, the databases used) and which GeoIP
 * databases are in use and how old they are. --geoip-dir directories come before the shipped geoip-data/,
 * which stays as the fallback; each answer names the database it came from. The commands and their options;
 * what they do is geoip-run.ts, loaded only when one runs.
 */
import type { Command } from 'commander';
import type { GeoipDeps } from './geoip-run.js';

export interface LookupOptions {
  json?: boolean;
  geoipDir?: string[];
  internal?: string[];
  asOf?: string;
}

export interface InfoOptions {
  json?: boolean;
  geoipDir?: string[];
}

/** `deps` replaces the process's output, clock and shipped databases (tests); by default geoip-run.ts's. */
export function registerGeoipCommand(program: Command, deps?: () => GeoipDeps): void {
  const geoip = program.command('geoip').description('look up addresses and inspect the GeoIP databases');
  geoip
    .command('lookup')
    .description('country, ASN, operator, scope and transfer status of addresses')
    .argument('<ip...>', 'IPv4 or IPv6 addresses')
    .option('--json', 'one JSON document')
    .option('--geoip-dir <dir...>', 'directories (or .mmdb files) to use before the shipped databases')
    .option('--internal <cidr...>', 'networks to treat as internal (local)')
    .option('--as-of <date>', 'judge adequacy decisions and DPF facts on this day, YYYY-MM-DD (default: today)')
    .action(async (ips: string[], opts: LookupOptions) => {
      const run = await import('./geoip-run.js');
      await run.runGeoipLookup(ips, opts, (deps ?? run.defaultGeoipDeps)());
    });
  geoip
    .command('info')
    .description('the databases in use, their types and build dates')
    .option('--json', 'one JSON document')
    .option('--geoip-dir <dir...>', 'directories (or .mmdb files) to use before the shipped databases')
    .action(async (opts: InfoOptions) => {
      const run = await import('./geoip-run.js');
      await run.runGeoipInfo(opts, (deps ?? run.defaultGeoipDeps)());
    });
}
