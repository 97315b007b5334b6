/**
 * Who receives a destination's data: the organisation that runs the service (the data importer), as distinct
 * from the host, the network operator of the address. Sources in order of strength:
 *
 *   1. the catalog rule's vendor (decideEndpoint: directly, via the CNAME chain or an edge name)  strong/medium
 *      (not a generic delivery-network rule: that names the CDN, a host)
 *   2. the owner of the name's registrable domain (decideEndpoint / DomainOwners)                 medium
 *   3. the subject Organization of the server certificate (TLS 1.2 and older show it in clear)    medium/weak
 *   4. the holder of a first-party network (an AS serving only its holder: first-party-networks)  medium
 *   5. unknown                                                                                     weak
 *
 * A tenant on a cloud's shared domain (vendorx.azurewebsites.net) has its own registrable domain and no known
 * owner: it stays unknown, never the cloud. A certificate naming the same company as an anycast/CDN host is
 * weak: a CDN's shared certificate names the CDN, not its customer. Pure.
 */

import type { EndpointDecision } from '../catalog/endpoint-decision.js';
import { firstPartyNetwork } from '../operators/first-party-networks.js';
import type { Operator } from '../operators/operator.js';
import { dpfCounts } from '../operators/operator-lookup.js';
import { registrableDomain } from '../owners/domain-owners.js';
import type { Recipient } from './recipient.js';
import { namesAnOrganisation } from './recipient.js';
import { recipientCompany } from './recipient-companies.js';

/** The first server certificate a group saw with a subject Organization. */
export interface CertificateSeen {
  subjectOrg: string;
  file: string;
  frame: number;
}

export interface RecipientInput {
  /** decideEndpoint's answer for the group's names (null when there was nothing to decide on). */
  decision: EndpointDecision | null;
  /** The group's best name, or null for an unnamed address. */
  bestName: string | null;
  certificate: CertificateSeen | null;
  /** The host (network operator from the ASN), as the report has it. */
  host: Operator | null;
  /** YYYY-MM-DD the DPF facts are judged on. */
  asOf: string;
  /** registrableDomain(bestName), when the caller has it already (it is the same for every group of a name). */
  domain?: string | null;
}

/** Longest certificate organisation kept (the text comes from the packet). */
const MAX_ORG = 200;

type Found = Pick<Recipient, 'name' | 'basis' | 'strength' | 'evidence'>;

function fromSources(input: RecipientInput, domain: string | null): Found {
  const d = input.decision;
  // A generic delivery-network rule ("*.akamaiedge.net") names who delivers the bytes, the landlord: not the
  // recipient. The other sources may still tell who runs the service behind it.
  const cdnOnly = d?.match?.via === 'cdn-edge' && d.vendorBasis !== 'domain-owner';
  const ruleVendor =
    !cdnOnly && d?.vendor != null && d.vendorBasis !== null && d.vendorBasis !== 'domain-owner' ? d.vendor : null;
  if (d !== null && ruleVendor !== null && namesAnOrganisation(ruleVendor)) {
    return {
      name: ruleVendor,
      basis: 'catalog',
      strength: d.vendorBasis === 'edge-name' ? 'medium' : 'strong',
      evidence: d.explanation,
    };
  }
  if (d?.vendor != null && d.vendorBasis === 'domain-owner') {
    return { name: d.vendor, basis: 'domain-owner', strength: 'medium', evidence: d.explanation };
  }
  // A rule whose vendor names no organisation ("third party (listed by Microsoft)") still leaves the domain owner.
  if (ruleVendor !== null && d?.owner != null) {
    const o = d.owner;
    return {
      name: o.owner,
      basis: 'domain-owner',
      strength: 'medium',
      evidence: `${o.registrableDomain} is owned by ${o.owner} (${o.source}); the catalog rule names no organisation ("${ruleVendor}")`,
    };
  }
  const cert = input.certificate;
  if (cert !== null) {
    const org = cert.subjectOrg.slice(0, MAX_ORG);
    const company = recipientCompany(org);
    const host = input.host;
    const sameAsCdnHost = host?.anycast === true && company !== null && company.name === host.name;
    return {
      name: org,
      basis: 'certificate',
      strength: sameAsCdnHost ? 'weak' : 'medium',
      evidence: `server certificate subject O=${org} (${cert.file}, frame ${cert.frame})${
        sameAsCdnHost
          ? `; it names the CDN host ${host.name} itself, whose shared certificates serve its customers too`
          : ''
      }`,
    };
  }
  const fp = firstPartyNetwork(input.host?.asn);
  if (fp !== null) {
    return {
      name: fp.recipient,
      basis: 'first-party-network',
      strength: 'medium',
      evidence: `AS${fp.asn} serves only its holder's own services (${fp.source})`,
    };
  }
  const hostPart =
    input.host === null
      ? ''
      : `; ${input.host.asn === null ? `the host ${input.host.name}` : `AS${input.host.asn}`} is not a first-party network, so its holder may only rent out the server`;
  return {
    name: null,
    basis: 'unknown',
    strength: 'weak',
    evidence: `no catalog rule, no known owner of ${domain ?? 'the name'}, no certificate organisation seen${hostPart}`,
  };
}

export function resolveRecipient(input: RecipientInput): Recipient {
  const domain =
    input.domain !== undefined ? input.domain : input.bestName === null ? null : registrableDomain(input.bestName);
  const found = fromSources(input, domain);
  const company = found.name === null ? null : recipientCompany(found.name);
  const counts = company !== null && dpfCounts(company.dpf, input.asOf);
  return {
    name: found.name,
    domain,
    basis: found.basis,
    strength: found.strength,
    evidence: found.evidence,
    hqCountry: company?.hq ?? null,
    dpfCertified: counts ? (company?.dpf.participant ?? null) : null,
    dpfAsOf: counts ? (company?.dpf.recorded ?? null) : null,
    ...(counts && company !== null ? { dpfSource: company.dpf.source } : {}),
  };
}
