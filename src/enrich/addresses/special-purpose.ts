/**
 * The IANA IPv4 and IPv6 Special-Purpose Address Registries (RFC 6890, updated by RFC 8190), plus the
 * multicast blocks (RFC 5771, RFC 4291 §2.7) and the deprecated IPv6 site-local block (RFC 3879), as data.
 * Source: https://www.iana.org/assignments/iana-ipv4-special-registry and iana-ipv6-special-registry
 * (entries as listed there; re-check on update).
 *
 * scope: local = never leaves the site (never geolocated); special = not a real destination (documentation,
 * benchmarking, reserved, multicast); public = globally reachable even though special-purpose (anycast services
 * such as AS112 or AMT: traffic does leave). `embedded` marks prefixes that carry an IPv4 address inside.
 */
import type { Scope } from './classify.js';

export type Embedding = 'last-32' | '6to4' | 'teredo';

export interface SpecialBlock {
  network: string;
  label: string;
  rfc: string;
  scope: Scope;
  embedded?: Embedding;
}

export const SPECIAL_PURPOSE_REGISTRY_AS_OF = '2025-06-01';

export const SPECIAL_PURPOSE_BLOCKS: readonly SpecialBlock[] = [
  // IPv4
  { network: '0.0.0.0/8', label: 'this network', rfc: 'RFC 791 §3.2', scope: 'special' },
  { network: '0.0.0.0/32', label: 'this host on this network', rfc: 'RFC 1122 §3.2.1.3', scope: 'special' },
  { network: '10.0.0.0/8', label: 'private-use', rfc: 'RFC 1918', scope: 'local' },
  { network: '100.64.0.0/10', label: 'shared address space (CGNAT)', rfc: 'RFC 6598', scope: 'local' },
  { network: '127.0.0.0/8', label: 'loopback', rfc: 'RFC 1122 §3.2.1.3', scope: 'local' },
  { network: '169.254.0.0/16', label: 'link-local', rfc: 'RFC 3927', scope: 'local' },
  { network: '172.16.0.0/12', label: 'private-use', rfc: 'RFC 1918', scope: 'local' },
  { network: '192.0.0.0/24', label: 'IETF protocol assignments', rfc: 'RFC 6890 §2.1', scope: 'special' },
  { network: '192.0.0.0/29', label: 'IPv4 service continuity prefix', rfc: 'RFC 7335', scope: 'special' },
  { network: '192.0.0.8/32', label: 'IPv4 dummy address', rfc: 'RFC 7600', scope: 'special' },
  { network: '192.0.0.9/32', label: 'Port Control Protocol anycast', rfc: 'RFC 7723', scope: 'public' },
  { network: '192.0.0.10/32', label: 'TURN anycast', rfc: 'RFC 8155', scope: 'public' },
  { network: '192.0.0.170/32', label: 'NAT64/DNS64 discovery', rfc: 'RFC 8880 §7.2', scope: 'special' },
  { network: '192.0.0.171/32', label: 'NAT64/DNS64 discovery', rfc: 'RFC 8880 §7.2', scope: 'special' },
  { network: '192.0.2.0/24', label: 'documentation (TEST-NET-1)', rfc: 'RFC 5737', scope: 'special' },
  { network: '192.31.196.0/24', label: 'AS112-v4', rfc: 'RFC 7535', scope: 'public' },
  { network: '192.52.193.0/24', label: 'AMT', rfc: 'RFC 7450', scope: 'public' },
  { network: '192.88.99.0/24', label: 'deprecated 6to4 relay anycast', rfc: 'RFC 7526', scope: 'special' },
  { network: '192.168.0.0/16', label: 'private-use', rfc: 'RFC 1918', scope: 'local' },
  { network: '192.175.48.0/24', label: 'direct delegation AS112 service', rfc: 'RFC 7534', scope: 'public' },
  { network: '198.18.0.0/15', label: 'benchmarking', rfc: 'RFC 2544', scope: 'special' },
  { network: '198.51.100.0/24', label: 'documentation (TEST-NET-2)', rfc: 'RFC 5737', scope: 'special' },
  { network: '203.0.113.0/24', label: 'documentation (TEST-NET-3)', rfc: 'RFC 5737', scope: 'special' },
  { network: '224.0.0.0/4', label: 'multicast', rfc: 'RFC 5771', scope: 'special' },
  { network: '240.0.0.0/4', label: 'reserved', rfc: 'RFC 1112 §4', scope: 'special' },
  { network: '255.255.255.255/32', label: 'limited broadcast', rfc: 'RFC 8190, RFC 919 §7', scope: 'special' },
  // IPv6
  { network: '::/128', label: 'unspecified address', rfc: 'RFC 4291 §2.5.2', scope: 'special' },
  { network: '::1/128', label: 'loopback', rfc: 'RFC 4291 §2.5.3', scope: 'local' },
  { network: '::/96', label: 'deprecated IPv4-compatible address', rfc: 'RFC 4291 §2.5.5.1', scope: 'special' },
  { network: '::ffff:0:0/96', label: 'IPv4-mapped', rfc: 'RFC 4291 §2.5.5.2', scope: 'public', embedded: 'last-32' },
  { network: '64:ff9b::/96', label: 'NAT64 well-known prefix', rfc: 'RFC 6052', scope: 'public', embedded: 'last-32' },
  { network: '64:ff9b:1::/48', label: 'local-use IPv4/IPv6 translation', rfc: 'RFC 8215', scope: 'special' },
  { network: '100::/64', label: 'discard-only', rfc: 'RFC 6666', scope: 'special' },
  { network: '100:0:0:1::/64', label: 'dummy IPv6 prefix', rfc: 'RFC 9780', scope: 'special' },
  { network: '2001::/23', label: 'IETF protocol assignments', rfc: 'RFC 2928', scope: 'special' },
  { network: '2001::/32', label: 'Teredo', rfc: 'RFC 4380', scope: 'public', embedded: 'teredo' },
  { network: '2001:1::1/128', label: 'Port Control Protocol anycast', rfc: 'RFC 7723', scope: 'public' },
  { network: '2001:1::2/128', label: 'TURN anycast', rfc: 'RFC 8155', scope: 'public' },
  { network: '2001:1::3/128', label: 'DNS-SD service registration anycast', rfc: 'RFC 9665', scope: 'public' },
  { network: '2001:2::/48', label: 'benchmarking', rfc: 'RFC 5180', scope: 'special' },
  { network: '2001:3::/32', label: 'AMT', rfc: 'RFC 7450', scope: 'public' },
  { network: '2001:4:112::/48', label: 'AS112-v6', rfc: 'RFC 7535', scope: 'public' },
  { network: '2001:10::/28', label: 'deprecated ORCHID', rfc: 'RFC 4843', scope: 'special' },
  { network: '2001:20::/28', label: 'ORCHIDv2', rfc: 'RFC 7343', scope: 'public' },
  { network: '2001:30::/28', label: 'drone remote ID entity tags', rfc: 'RFC 9374', scope: 'public' },
  { network: '2001:db8::/32', label: 'documentation', rfc: 'RFC 3849', scope: 'special' },
  { network: '2002::/16', label: '6to4', rfc: 'RFC 3056', scope: 'public', embedded: '6to4' },
  { network: '2620:4f:8000::/48', label: 'direct delegation AS112 service', rfc: 'RFC 7534', scope: 'public' },
  { network: '3fff::/20', label: 'documentation', rfc: 'RFC 9637', scope: 'special' },
  { network: '5f00::/16', label: 'SRv6 SIDs', rfc: 'RFC 9602', scope: 'special' },
  { network: 'fc00::/7', label: 'unique-local', rfc: 'RFC 4193', scope: 'local' },
  { network: 'fe80::/10', label: 'link-local', rfc: 'RFC 4291 §2.5.6', scope: 'local' },
  { network: 'fec0::/10', label: 'deprecated site-local', rfc: 'RFC 3879', scope: 'local' },
  { network: 'ff00::/8', label: 'multicast', rfc: 'RFC 4291 §2.7', scope: 'special' },
];
