/**
 * The audit: inputs → flows → destination groups → assessed report. Enrichment (address scope, geolocation,
 * operator, jurisdiction, catalog) runs once per destination address and group, not per packet.
 */
import { join } from 'node:path';
import type { RiskPolicy } from '../assess/risk.js';
import { Anomalies } from '../core/anomalies.js';
import { InputError, UsageError } from '../core/errors.js';
import { packageRoot } from '../core/package-root.js';
import { AddressClassifier } from '../enrich/addresses/classify.js';
import { Catalog } from '../enrich/catalog/catalog.js';
import { shippedCatalogFiles } from '../enrich/catalog/load.js';
import { shippedCloudRanges } from '../enrich/geo/cloud-ranges.js';
import { GeoResolver } from '../enrich/geo/geo-resolver.js';
import type { DpfMode } from '../enrich/jurisdiction/recipient-transfer.js';
import type { Vantage } from '../enrich/location/speed-of-light.js';
import { DomainOwners } from '../enrich/owners/domain-owners.js';
import { isoMicros } from '../flows/flow-to-record.js';
import { type GivenKeys, readWithKeys } from '../payload/payload-run.js';
import { isNormalState } from '../pipeline/capture-flows.js';
import { type InputProgress, readInputs } from '../pipeline/read-inputs.js';
import type { DatabaseInfo, InputInfo, ReportMetadata, ReportView } from '../report/model.js';
import { buildReport } from './build-report.js';
import { DestinationFactsResolver } from './destination-facts.js';
import { EndedAuditFlow } from './ended-audit-flow.js';
import { FlowGrouper } from './group-flows.js';
import { InputHashes } from './input-hash.js';
import { databaseDateLimitations, limitationsFor } from './limitations.js';
import { locationEvidence } from './location-evidence.js';

export interface AuditOptions {
  inputs: string[];
  geoipDirs: string[];
  rules: string[];
  internalCidrs: string[];
  internalSuffixes: string[];
  vantage: Vantage | null;
  timezone: string | null;
  policy: RiskPolicy;
  showValues: boolean;
  /** YYYY-MM-DD the legal facts are judged on. */
  asOf: string;
  /** --dpf: rely on the EU-US Data Privacy Framework (default) or judge US recipients as third country. */
  dpf?: DpfMode;
  /** ISO time written into the report (fixed by SOURCE_DATE_EPOCH for reproducible reports). */
  generatedAt: string;
  dnsGraceSeconds: number;
  /** Captures read at once in worker threads (the report is the same for any value). */
  jobs?: number;
  toolVersion: string;
  /** The options as given, recorded in the report's metadata. */
  recordedOptions: ReportMetadata['options'];
  /** Called once per flow as it is read (progress, NDJSON export). */
  onFlow?: () => void;
  /** Reading progress (the TTY progress line), told of every input and every chunk read. */
  progress?: InputProgress | null;
  /**
   * Keys to read content with (--keylog), and the key log texts for capture workers. Without it, keys inside a
   * pcapng (Decryption Secrets Blocks) are still used.
   */
  keys?: GivenKeys | null;
}

export function defaultGeoipDir(): string {
  return join(packageRoot(), 'geoip-data');
}

/** Seconds spent per phase (`--timings`): where a slow audit spends its time. */
export interface AuditTimings {
  /**
   * Reading and decoding the inputs into flows (without the time spent enriching and grouping them as they
   * arrive). This and the next two are estimates: the per-flow steps are timed on a sample of the flows
   * (core/sampled-laps.ts), as reading the clock for each flow cost as much as the steps.
   */
  read: number;
  /** Per flow: address facts (scope, geolocation, operator, transfer) and the catalog match. */
  enrich: number;
  /** Per flow: adding it to its destination group (counts, names, samples). */
  group: number;
  /** Per group: assessment (personal data, risk, reasons, location evidence) and the report model. */
  assess: number;
}

export interface AuditResult {
  report: ReportView;
  anomalies: Anomalies;
  timings: AuditTimings;
}

export async function runAudit(opts: AuditOptions): Promise<AuditResult> {
  let classifier: AddressClassifier;
  try {
    classifier = new AddressClassifier(opts.internalCidrs);
  } catch (e) {
    throw new UsageError(`--internal: ${e instanceof Error ? e.message : String(e)}`);
  }
  // The user's databases answer first (a City database adds city and coordinates); the shipped ones fill in.
  const geo = await GeoResolver.open([...opts.geoipDirs, defaultGeoipDir()]);
  if (geo.databases().length === 0) {
    throw new InputError(`no GeoIP databases found in ${[...opts.geoipDirs, defaultGeoipDir()].join(', ')}`);
  }
  const catalogFiles = [...shippedCatalogFiles(), ...opts.rules];
  const catalog = Catalog.load(catalogFiles);
  // Published cloud/CDN regions decide the country over the databases for their prefixes.
  const cloud = shippedCloudRanges();
  const facts = new DestinationFactsResolver(geo, classifier, opts.asOf, cloud);
  const grouper = new FlowGrouper(facts, catalog);
  const anomalies = new Anomalies();
  // Hashed on a worker thread while they are read.
  const hashes = InputHashes.start(opts.inputs);
  try {
    return await audit(opts, { geo, catalog, cloud, grouper, anomalies, hashes });
  } finally {
    hashes.close();
  }
}

interface AuditParts {
  geo: GeoResolver;
  catalog: Catalog;
  cloud: ReturnType<typeof shippedCloudRanges>;
  grouper: FlowGrouper;
  anomalies: Anomalies;
  hashes: InputHashes;
}

async function audit(opts: AuditOptions, parts: AuditParts): Promise<AuditResult> {
  const { geo, catalog, cloud, grouper, anomalies, hashes } = parts;
  const readStarted = performance.now();
  const ended = new EndedAuditFlow();
  const result = await readInputs(opts.inputs, {
    anomalies,
    naming: true,
    dnsGraceSeconds: opts.dnsGraceSeconds,
    timezone: opts.timezone,
    pii: { showValues: opts.showValues, internalSuffixes: opts.internalSuffixes },
    progress: opts.progress ?? null,
    jobs: opts.jobs ?? 1,
    payload: readWithKeys(opts.keys ?? null, { showValues: opts.showValues, internalSuffixes: opts.internalSuffixes }),
    // Enrichment and grouping cost more per flow than handing the flow over: overlap them with the reading.
    offloadSingleCapture: true,
    onFlow: (flow) => {
      grouper.add(flow);
      opts.onFlow?.();
    },
    // Captures read on this thread hand over the flow table's view: no record is built for a flow.
    onEnded: (view) => {
      grouper.add(ended.of(view));
      opts.onFlow?.();
    },
    // Most log records likewise: a view of the log store's columns.
    onLogView: (view) => {
      grouper.add(view);
      opts.onFlow?.();
    },
  });
  const readMs = Math.max(0, performance.now() - readStarted - grouper.addMs);
  const inputs: InputInfo[] = [];
  let first: number | null = null;
  let last: number | null = null;
  for (const s of result.inputs) {
    if (s.firstSeen !== null && (first === null || s.firstSeen < first)) first = s.firstSeen;
    if (s.lastSeen !== null && (last === null || s.lastSeen > last)) last = s.lastSeen;
    inputs.push({
      file: s.file,
      format: s.format,
      gzip: s.gzip,
      compression: s.compression,
      size: s.size,
      sha256: await hashes.get(s.file === 'stdin' ? '-' : s.file),
      packets: s.packets,
      flows: s.flows,
      first: s.firstSeen === null ? null : isoMicros(s.firstSeen),
      last: s.lastSeen === null ? null : isoMicros(s.lastSeen),
    });
  }
  const databases: DatabaseInfo[] = geo.databases().map((d) => ({
    role: d.role,
    file: d.file,
    type: d.type,
    buildDate: d.buildDate,
    source: d.source,
    licence: d.licence,
    attribution: d.attribution,
  }));
  if (cloud.size > 0) databases.push(cloud.info());
  const newestCatalog =
    catalog.files
      .map((f) => f.updated)
      .sort()
      .at(-1) ?? '';
  const metadata: ReportMetadata = {
    tool: { name: 'outflow', version: opts.toolVersion },
    generatedAt: opts.generatedAt,
    inputs,
    vantage: opts.vantage,
    databases,
    catalog: {
      version: [...new Set(catalog.files.map((f) => f.catalogVersion))].join(', '),
      updated: newestCatalog,
      rules: catalog.size,
      files: catalog.files.map((f) => f.file),
    },
    options: opts.recordedOptions,
    timeSpan: first === null || last === null ? null : { first: isoMicros(first), last: isoMicros(last) },
    timeAssumptions: result.timeAssumptions,
    pseudonymized: false,
  };
  const skipped = anomalies
    .entries()
    .filter((e) => !isNormalState(e.reason))
    .map((e) => ({ reason: e.reason, count: e.count, examples: e.examples }));
  const assessStarted = performance.now();
  // The limitations read the groups: before the grouper hands them over.
  const limitations = [
    ...limitationsFor(result, grouper, opts),
    ...databaseDateLimitations(
      databases,
      first === null || last === null ? null : { firstMs: first / 1000, lastMs: last / 1000 },
    ),
  ];
  const report = buildReport({
    groups: grouper.drain(),
    metadata,
    policy: opts.policy,
    skipped,
    limitations,
    totalFlows: grouper.flows,
    flowsWithoutBytes: grouper.withoutBytes,
    clients: grouper.clients.size,
    location: locationEvidence(opts.vantage),
    recipients: { owners: DomainOwners.loadShipped(), catalog, asOf: opts.asOf, dpf: opts.dpf ?? 'rely' },
  });
  const timings = {
    read: readMs / 1000,
    enrich: grouper.enrichMs / 1000,
    group: Math.max(0, grouper.addMs - grouper.enrichMs) / 1000,
    assess: (performance.now() - assessStarted) / 1000,
  };
  return { report, anomalies, timings };
}
