/** What this run could not tell, in plain words for the report's limitations section. */
import { databaseDateGaps } from '../enrich/geo/database-age.js';
import type { ReadInputsResult } from '../pipeline/read-inputs.js';
import type { FlowGrouper } from './group-flows.js';
import type { AuditOptions } from './run-audit.js';

export function limitationsFor(result: ReadInputsResult, grouper: FlowGrouper, opts: AuditOptions): string[] {
  const out = [
    'Encrypted payloads (TLS, QUIC) are not decrypted: what they carry is inferred from the endpoint catalog, not observed.',
    'Geolocation databases place many cloud and anycast addresses by registration; the server may be elsewhere (see region hints and the round-trip check where shown).',
    'The client IP address in every flow is itself personal data (CJEU C-582/14 Breyer): even "unlikely" endpoints receive it.',
  ];
  if (opts.dpf === 'ignore')
    out.push(
      "The EU-US Data Privacy Framework was not relied on (--dpf ignore): US recipients are judged as third-country transfers whatever their certification (the appeal C-703/25 P against the General Court's T-553/23 Latombe judgment is pending).",
    );
  out.push(
    'The recipient (who runs the service) is told from the catalog, the domain owner, the server certificate or a first-party network; where none tells, it is unknown and the host (network operator) is not taken for it.',
  );
  if (opts.vantage === null)
    out.push('No vantage point was given (--vantage): the speed-of-light check of locations was not run.');
  let ech = 0;
  let unnamed = 0;
  for (const g of grouper.groups.values()) {
    if (g.ech) ech++;
    if (g.bestName === null && g.facts.scope === 'public') unnamed++;
  }
  if (ech > 0) out.push(`${ech} destination group(s) used Encrypted Client Hello: their real server names are hidden.`);
  if (unnamed > 0)
    out.push(
      `${unnamed} public destination group(s) have no name (no DNS answer, SNI or Host seen): only the address and its operator identify them.`,
    );
  if (grouper.undirected.flows > 0)
    out.push(
      `${grouper.undirected.flows} flow(s) come from a log that counts only both directions together (Cisco ASA teardown: ${grouper.undirected.bytes} bytes in all): how much of it went out is unknown, so their out and in bytes are left empty.`,
    );
  const logs = result.inputs.filter((i) => i.packets === null);
  if (logs.length > 0)
    out.push(
      'Log inputs carry no payload and often no byte counts: personal data is judged from the catalog alone, and volumes may be missing.',
    );
  for (const t of result.timeAssumptions) {
    if (t.how === 'assumed-utc')
      out.push(
        `${t.file}: local times were read as UTC because the log states no zone and none was given (--timezone).`,
      );
  }
  return out;
}

/**
 * GeoIP databases built long before or after the traffic (more than STALE_AFTER_DAYS from its time span): an
 * address's network and country are those of the build date, which may not be where the traffic went.
 */
export function databaseDateLimitations(
  databases: readonly { file: string; buildDate: string | null }[],
  span: { firstMs: number; lastMs: number } | null,
): string[] {
  if (span === null) return [];
  const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
  return databaseDateGaps(databases, span.firstMs, span.lastMs).map(({ file, buildDate, days }) =>
    days === null
      ? `${file} states no readable build date: how current its locations and networks are is unknown.`
      : days > 0
        ? `${file} was built on ${buildDate}, ${days} days before the traffic began (${day(span.firstMs)}): addresses move between networks and countries, so its answers may be out of date for this traffic.`
        : `${file} was built on ${buildDate}, ${-days} days after the traffic ended (${day(span.lastMs)}): addresses may have moved between networks and countries since, so its answers may not say where the traffic went.`,
  );
}
