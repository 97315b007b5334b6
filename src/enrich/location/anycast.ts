/**
 * "Location not fixed": addresses announced from many places at once (anycast: public DNS resolvers, CDN
 * edges), where a geolocation database's single country says little about the server that answered. Known
 * from the operator table's per-ASN flag and from a short list of well-known anycast service addresses.
 */
import { CidrMatcher } from '../addresses/cidr-matcher.js';
import { lookupOperator } from '../operators/operator-lookup.js';

/** Public resolver addresses documented by their operators as anycast. */
const ANYCAST_SERVICES: [string, string][] = [
  ['1.1.1.1/32', 'Cloudflare public DNS'],
  ['1.0.0.1/32', 'Cloudflare public DNS'],
  ['2606:4700:4700::/48', 'Cloudflare public DNS'],
  ['8.8.8.8/32', 'Google Public DNS'],
  ['8.8.4.4/32', 'Google Public DNS'],
  ['2001:4860:4860::/48', 'Google Public DNS'],
  ['9.9.9.9/32', 'Quad9 DNS'],
  ['149.112.112.112/32', 'Quad9 DNS'],
  ['2620:fe::/48', 'Quad9 DNS'],
  ['208.67.222.222/32', 'Cisco OpenDNS'],
  ['208.67.220.220/32', 'Cisco OpenDNS'],
];

const SERVICES = new CidrMatcher<string>();
for (const [net, name] of ANYCAST_SERVICES) SERVICES.add(net, name);

export interface AnycastAnswer {
  anycast: boolean;
  reason: string | null;
}

export function anycastStatus(ip: string, asn: number | null, asOrg?: string | null): AnycastAnswer {
  const service = SERVICES.match(ip);
  if (service !== null) return { anycast: true, reason: `${service.item} (anycast address)` };
  const op = asn === null ? null : lookupOperator(asn, asOrg);
  if (op?.anycast === true) {
    return { anycast: true, reason: `AS${asn} (${op.name}) serves anycast/CDN addresses` };
  }
  return { anycast: false, reason: null };
}
