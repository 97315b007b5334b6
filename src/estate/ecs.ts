/**
 * Report → Elastic Common Schema documents, one per destination group, as NDJSON for a SIEM. Standard fields
 * carry what ECS defines (event.*, destination.*, network.*, source.*, observer.*, rule.*, related.*); the rest
 * of outflow's judgement goes under the custom `outflow.*` namespace: ECS "Custom Fields" advises nesting custom
 * fields under a proper name (docs/using-ecs/custom-fields.asciidoc), so no ECS name is invented here.
 *
 * Checked against ECS 8.11.0: elastic/ecs tag v8.11.0 (commit ce703ab, 2023-11-07), generated/ecs/ecs_flat.yml
 * for every name, type and allowed value written below; the same fields have the same types in v9.4.0.
 * data/ecs/index-template.json maps every field written here with the ECS type.
 */
import { isIP } from 'node:net';
import type { DestinationGroup, Report, Risk } from '../report/model.js';

export const ECS_VERSION = '8.11.0';

/**
 * Medium and high risk destinations are alerts, the rest events. ECS event.kind `alert`: "triggered by a
 * detection rule executing externally to the Elastic Stack" (outflow is such a rule); `signal` is reserved.
 */
const ALERT_RISKS: ReadonlySet<Risk> = new Set(['high', 'medium']);

/**
 * ECS network.protocol is the application protocol, lower case ("http", "dns"), not an ALPN id. The report's
 * ALPN list is what clients *offered* in ClientHellos (not what the server chose), so a protocol is named only
 * when every offered id means the same one (IANA TLS ALPN Protocol IDs registry; h3-NN are QUIC drafts).
 * tls.next_protocol is not used: ECS defines it as the negotiated protocol, which a ClientHello does not show.
 */
const ALPN_PROTOCOL: readonly [RegExp, string][] = [
  [/^(?:http\/(?:0\.9|1\.0|1\.1)|h2c?|h3(?:-\d{1,3})?|spdy\/[1-3])$/, 'http'],
  [/^(?:dot|doq)$/, 'dns'],
];

function applicationProtocol(alpn: readonly string[]): string | undefined {
  let found: string | undefined;
  for (const id of alpn) {
    const protocol = ALPN_PROTOCOL.find(([re]) => re.test(id.toLowerCase()))?.[1];
    if (protocol === undefined || (found !== undefined && found !== protocol)) return undefined;
    found = protocol;
  }
  return found;
}

type Doc = Record<string, unknown>;

/** Drops null and undefined members so documents carry only what is known (absent, not null, in ECS). */
function compact(obj: Record<string, unknown>): Doc {
  const out: Doc = {};
  for (const [k, v] of Object.entries(obj)) {
    if (v === null || v === undefined) continue;
    if (typeof v === 'object' && !Array.isArray(v)) {
      const inner = compact(v as Record<string, unknown>);
      if (Object.keys(inner).length > 0) out[k] = inner;
    } else out[k] = v;
  }
  return out;
}

function sum(a: number | null, b: number | null): number | null {
  return a === null && b === null ? null : (a ?? 0) + (b ?? 0);
}

function message(g: DestinationGroup): string {
  const who = g.names[0]?.name ?? g.ips[0] ?? g.key;
  const where = g.country ?? 'unknown country';
  return `${g.risk} risk: ${who} (${where}), transfer ${g.transfer}, personal data ${g.personalData}`;
}

export function ecsDocument(g: DestinationGroup, report: Report): Doc {
  const transports = [...new Set(g.ports.map((p) => p.proto.toLowerCase()))];
  const onlyPort = g.ports.length === 1 ? g.ports[0]?.port : undefined;
  const names = g.names.map((n) => n.name);
  // Pseudonymized reports hold keyed hashes where addresses were: only real addresses go into ECS ip fields.
  const ips = g.ips.filter((ip) => isIP(ip) !== 0);
  const clientIps = g.clients.filter((ip) => isIP(ip) !== 0);
  return compact({
    '@timestamp': g.lastSeen,
    message: message(g),
    ecs: { version: ECS_VERSION },
    event: {
      kind: ALERT_RISKS.has(g.risk) ? 'alert' : 'event',
      category: ['network'],
      type: ['connection'],
      dataset: 'outflow.destination',
      module: 'outflow',
      start: g.firstSeen,
      end: g.lastSeen,
      created: report.metadata.generatedAt,
    },
    observer: { product: 'outflow', version: report.metadata.tool.version },
    destination: {
      domain: names[0],
      ip: ips[0],
      port: onlyPort,
      bytes: g.in.bytes,
      packets: g.in.packets,
      geo: { country_iso_code: g.country, city_name: g.city, location: g.location },
      as: { number: g.operator?.asn, organization: { name: g.operator?.asOrg } },
    },
    source: { bytes: g.out.bytes, packets: g.out.packets },
    network: {
      // ECS network.transport is one value; a group with TCP and UDP flows lists both under outflow.ports.
      transport: transports.length === 1 ? transports[0] : undefined,
      protocol: applicationProtocol(g.alpn),
      bytes: sum(g.out.bytes, g.in.bytes),
      packets: sum(g.out.packets, g.in.packets),
    },
    related: { ip: [...ips, ...clientIps], hosts: names.length > 0 ? names : undefined },
    rule:
      g.rule === null
        ? null
        : {
            id: g.rule.id,
            name: [g.vendor, g.product].filter((s) => s !== null).join(' ') || g.rule.id,
            reference: g.rule.source,
            category: g.category,
            ruleset: 'outflow catalog',
            version: report.metadata.catalog.version,
          },
    outflow: {
      group: { id: g.id, key: g.key, flows: g.flows },
      risk: g.risk,
      transfer: g.transfer,
      personal_data: g.personalData,
      personal_data_kinds: g.personalDataKinds,
      reasons: g.reasons,
      policy: g.policy,
      scope: g.scope,
      category: g.category,
      vendor: g.vendor,
      product: g.product,
      endpoint_region: g.endpointRegion,
      region_hints: g.regionHints,
      operator:
        g.operator === null
          ? null
          : { name: g.operator.name, hq_country: g.operator.hqCountry, dpf_certified: g.operator.dpfCertified },
      // The recipient (who receives the data) beside the host above; a 1.0 report's groups have none.
      recipient:
        g.recipient === undefined
          ? undefined
          : {
              name: g.recipient.name,
              domain: g.recipient.domain,
              basis: g.recipient.basis,
              strength: g.recipient.strength,
              hq_country: g.recipient.hqCountry,
              dpf_certified: g.recipient.dpfCertified,
            },
      ips: g.ips,
      ports: g.ports.map((p) => `${p.proto}/${p.port}`),
      alpn: g.alpn.length > 0 ? g.alpn : undefined,
      clients: g.clients,
      processes: g.processes,
      ech: g.ech,
      report: {
        generated_at: report.metadata.generatedAt,
        input_sha256: report.metadata.inputs.flatMap((i) => (i.sha256 === null ? [] : [i.sha256])),
        pseudonymized: report.metadata.pseudonymized,
      },
    },
  });
}

/** One JSON document per line; U+2028/2029 escaped too so a line is always one record (as report/ndjson). */
export function renderEcs(report: Report): string {
  let out = '';
  for (const g of report.destinations) {
    const line = JSON.stringify(ecsDocument(g, report));
    out += `${line.replace(/[\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`)}\n`;
  }
  return out;
}
