/** What `outflow geoip lookup|info` do once their arguments are parsed (the commands and options: geoip.ts). */
import { fileURLToPath } from 'node:url';
import { isIsoDate } from '../../core/calendar-date.js';
import { UsageError } from '../../core/errors.js';
import { type AddressClass, AddressClassifier } from '../../enrich/addresses/classify.js';
import { type CloudRange, cloudReason, shippedCloudRanges } from '../../enrich/geo/cloud-ranges.js';
import { daysSinceBuild, STALE_AFTER_DAYS } from '../../enrich/geo/database-age.js';
import { type GeoAnswer, GeoResolver } from '../../enrich/geo/geo-resolver.js';
import { type TransferAssessment, transferStatus } from '../../enrich/jurisdiction/transfer-status.js';
import { type AnycastAnswer, anycastStatus } from '../../enrich/location/anycast.js';
import {
  dpfCounts,
  lookupOperator,
  type OperatorInfo,
  toReportOperator,
} from '../../enrich/operators/operator-lookup.js';
import { escapeTerminal } from '../../report/escape.js';
import { type OutputSink, streamSink } from '../output.js';

import type { InfoOptions, LookupOptions } from './geoip.js';

/** geoip-data/ of the package: src/cli/commands and dist/cli/commands are both three levels below the root. */
export const SHIPPED_GEOIP_DIR = fileURLToPath(new URL('../../../geoip-data/', import.meta.url));

export interface GeoipDeps {
  out: OutputSink;
  now: () => Date;
  shippedDir: string;
}

/** The process's standard output and clock, and the geoip-data/ that ships with the package. */
export const defaultGeoipDeps = (): GeoipDeps => ({
  out: streamSink(process.stdout),
  now: () => new Date(),
  shippedDir: SHIPPED_GEOIP_DIR,
});

export async function runGeoipLookup(ips: string[], opts: LookupOptions, deps: GeoipDeps): Promise<void> {
  let classifier: AddressClassifier;
  try {
    classifier = new AddressClassifier(opts.internal ?? []);
  } catch (e) {
    throw new UsageError(`--internal: ${(e as Error).message}`);
  }
  if (opts.asOf !== undefined && !isIsoDate(opts.asOf)) throw new UsageError('--as-of must be a date YYYY-MM-DD');
  const bad = ips.find((ip) => classifier.classify(ip).label === 'not an IP address');
  if (bad !== undefined) throw new UsageError(`not an IP address: ${escapeTerminal(bad)}`);
  const geo = await GeoResolver.open([...(opts.geoipDir ?? []), deps.shippedDir]);
  const asOf = opts.asOf ?? deps.now().toISOString().slice(0, 10);
  const cloud = shippedCloudRanges();
  const results: LookupResult[] = ips.map((ip) => {
    const scope = classifier.classify(ip);
    const target = scope.unwrapped ?? ip;
    if (scope.scope !== 'public') {
      return {
        ip,
        scope,
        geo: null,
        operator: null,
        anycast: null,
        cloud: null,
        transfer: transferStatus(null, null, { local: scope.scope === 'local', asOf }),
      };
    }
    const answer = geo.lookup(target);
    const op = lookupOperator(answer.asn, answer.asOrg);
    const report = op === null ? null : toReportOperator(op, asOf);
    // A published cloud/CDN region decides the country over the database, as in the audit.
    const range = cloud.lookup(target);
    const country = range?.country ?? answer.country;
    const anycast = anycastStatus(target, answer.asn, answer.asOrg);
    return {
      ip,
      scope,
      geo: country === answer.country ? answer : { ...answer, country },
      operator: op,
      anycast:
        range?.kind === 'anycast'
          ? { anycast: true, reason: `published as anycast by ${range.label}` }
          : range?.kind === 'region'
            ? { anycast: false, reason: null }
            : anycast,
      cloud: range === null ? null : { range, databaseCountry: answer.country },
      transfer: transferStatus(country, report?.dpfCertified ?? null, { asOf }),
    };
  });
  deps.out.write(
    opts.json === true ? `${JSON.stringify(geoipLookupJson(results), null, 2)}\n` : renderLookupText(results, asOf),
  );
  await deps.out.drain();
}

export async function runGeoipInfo(opts: InfoOptions, deps: GeoipDeps): Promise<void> {
  const geo = await GeoResolver.open([...(opts.geoipDir ?? []), deps.shippedDir]);
  const now = deps.now().getTime();
  const dbs = geo.databases().map((d) => {
    const ageDays = daysSinceBuild(d.buildDate, now);
    return { ...d, ageDays, stale: ageDays === null || ageDays > STALE_AFTER_DAYS };
  });
  if (opts.json === true) {
    deps.out.write(`${JSON.stringify({ staleAfterDays: STALE_AFTER_DAYS, databases: dbs }, null, 2)}\n`);
  } else {
    for (const d of dbs) {
      deps.out.write(
        `${escapeTerminal(d.file)}  ${d.role || '-'}  ${escapeTerminal(d.type)} (${d.schema}, IPv${d.ipVersion})  built ${d.buildDate}` +
          `${d.ageDays === null ? '' : `, ${d.ageDays} days ago`}\n` +
          `  ${escapeTerminal(d.path)}\n  source: ${escapeTerminal(d.source)}; licence: ${escapeTerminal(d.licence)}\n`,
      );
      if (d.attribution.length > 0) deps.out.write(`  attribution: ${escapeTerminal(d.attribution)}\n`);
      if (d.stale) {
        deps.out.write(
          `  warning: older than ${STALE_AFTER_DAYS} days: addresses move between networks and countries; update it (npm run geoip:update, or a newer --geoip-dir)\n`,
        );
      }
    }
  }
  await deps.out.drain();
}

interface LookupResult {
  ip: string;
  scope: AddressClass;
  geo: GeoAnswer | null;
  operator: OperatorInfo | null;
  anycast: AnycastAnswer | null;
  /** The published cloud/CDN range holding the address, and the country the database alone gave. */
  cloud: { range: CloudRange; databaseCountry: string | null } | null;
  transfer: TransferAssessment;
}

function dpfText(op: OperatorInfo, asOf: string): string {
  if (op.hqCountry !== 'US') return 'not applicable (not a US organisation)';
  const d = op.dpf;
  const state =
    d.participant === null
      ? 'unknown'
      : d.basis === 'company-statement'
        ? d.participant
          ? 'participant, stated by the company'
          : 'not a participant, stated by the company'
        : d.participant
          ? 'listed'
          : 'not listed';
  if (d.verified && !dpfCounts(d, asOf)) return `unknown on ${asOf}: ${state} only from ${d.recorded} (${d.source})`;
  return d.verified
    ? `${state} as recorded on ${d.recorded} (${d.source})`
    : `${state}, not verified on the list (recorded ${d.recorded}; check ${d.source})`;
}

function renderLookupText(results: LookupResult[], asOf: string): string {
  const t = escapeTerminal;
  const lines: string[] = [];
  for (const r of results) {
    const row = (k: string, v: string): void => {
      lines.push(`  ${k.padEnd(12)}${v}`);
    };
    lines.push(t(r.ip));
    row('scope', `${r.scope.scope} (${t(r.scope.label)}${r.scope.rfc === undefined ? '' : `, ${r.scope.rfc}`})`);
    if (r.geo !== null) {
      row('country', r.geo.country ?? 'unknown');
      if (r.geo.city !== undefined) row('city', t(r.geo.city));
      row('asn', r.geo.asn === null ? 'unknown' : `AS${r.geo.asn}${r.geo.asOrg === null ? '' : ` ${t(r.geo.asOrg)}`}`);
    }
    if (r.operator !== null) {
      const how = r.operator.match === 'asn' ? 'by ASN' : 'by AS name';
      row(
        'operator',
        `${t(r.operator.name)}, HQ ${r.operator.hqCountry} (${how}${r.operator.verified ? '' : ', unverified'})`,
      );
      row('DPF', dpfText(r.operator, asOf));
    } else if (r.geo !== null) row('operator', 'not in the operator table');
    if (r.anycast !== null)
      row(
        'location',
        r.anycast.anycast
          ? `not fixed: ${t(r.anycast.reason ?? '')}`
          : r.cloud?.range.kind === 'global'
            ? `not fixed: published worldwide without a region by ${t(r.cloud.range.label)}`
            : r.cloud?.range.kind === 'region'
              ? 'fixed (published region)'
              : 'fixed (no anycast known)',
      );
    if (r.cloud !== null) {
      const c = r.cloud;
      row('published', `${t(c.range.label)}: ${t(c.range.prefix)}, ${c.range.kind}`);
      const why = cloudReason(c.range, c.databaseCountry);
      if (why !== null) row('', t(why));
    }
    row('transfer', `${r.transfer.status}: ${t(r.transfer.reason)}`);
    row('region', 'n/a (no host name)');
    if (r.geo !== null) {
      const src = r.geo.sources.map((s) => `${t(s.database)} (${t(s.type)}, built ${s.buildDate})`);
      row('databases', src.length === 0 ? 'no database had this address' : src.join('; '));
    }
    lines.push('');
  }
  return `${lines.join('\n')}`;
}

function geoipLookupJson(results: LookupResult[]): unknown {
  return results.map((r) => ({
    ip: r.ip,
    scope: r.scope,
    geo: r.geo,
    operator: r.operator,
    anycast: r.anycast,
    cloud:
      r.cloud === null
        ? null
        : {
            prefix: r.cloud.range.prefix,
            provider: r.cloud.range.source.provider,
            region: r.cloud.range.region,
            country: r.cloud.range.country,
            kind: r.cloud.range.kind,
            source: r.cloud.range.label,
            databaseCountry: r.cloud.databaseCountry,
          },
    transfer: {
      status: r.transfer.status,
      reason: r.transfer.reason,
      decision: r.transfer.decision?.reference ?? null,
    },
    regionHints: [],
  }));
}
