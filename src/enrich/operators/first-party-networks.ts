/**
 * Autonomous systems that serve only their holder's own services: an address there is answered by the holder
 * itself, so the network operator is also the recipient (src/enrich/recipient/resolve-recipient.ts, basis
 * 'first-party-network'). Conservative on purpose: an AS that also carries customers' servers is left out,
 * because a tenant there would be taken for the landlord, which is the mistake this table exists to avoid.
 *
 * Left out, and why (re-checked 2026-12):
 * - AS15169 (Google): Google Cloud's global external Application Load Balancers run on the same Google Front Ends
 *   that serve Google's own services (cloud.google.com/load-balancing/docs/https), so customers' sites answer
 *   from Google's own address space. Google tells its own ranges from customers' by prefix (goog.json minus
 *   cloud.json, gstatic.com/ipranges), not by ASN; a prefix table could later mark Google's own ranges.
 * - AS8075 (Microsoft): Azure customers' public IP addresses are announced from AS8075 beside Microsoft 365.
 * - AS396982 (Google Cloud), AS16509/14618 (AWS), CDNs (Akamai, Cloudflare, Fastly ...), hosters: tenants.
 * - AS14340 (Salesforce), AS36459 (GitHub: Pages), AS8068/8069 (legacy MSN, use unknown), and rows whose ASN
 *   holder is not yet verified in asn-table.ts.
 */

export interface FirstPartyNetwork {
  asn: number;
  /** The recipient as catalog vendors are spelt (src/enrich/recipient/recipient-companies.ts maps it). */
  recipient: string;
  /** Why the AS is taken to serve only its holder. */
  source: string;
}

const JUDGED = 'maintainers’ judgement 2026-12: the AS holder sells no hosting, cloud or CDN service on it';

export const FIRST_PARTY_NETWORKS: readonly FirstPartyNetwork[] = [
  { asn: 714, recipient: 'Apple', source: `${JUDGED} (Apple services: iCloud, App Store, software updates)` },
  { asn: 6185, recipient: 'Apple', source: `${JUDGED} (Apple services)` },
  {
    asn: 32934,
    recipient: 'Meta',
    source: `${JUDGED} (Facebook, Instagram, WhatsApp, Meta business tools)`,
  },
  { asn: 14413, recipient: 'Microsoft (LinkedIn)', source: `${JUDGED} (LinkedIn)` },
  { asn: 36040, recipient: 'Google', source: `${JUDGED} (YouTube)` },
  { asn: 13414, recipient: 'X Corp.', source: `${JUDGED} (X, formerly Twitter)` },
  { asn: 30103, recipient: 'Zoom', source: `${JUDGED} (Zoom meetings)` },
  { asn: 19679, recipient: 'Dropbox', source: `${JUDGED} (Dropbox storage and sync)` },
];

const BY_ASN = new Map(FIRST_PARTY_NETWORKS.map((n) => [n.asn, n]));

/** The first-party network entry of an ASN, or null when the AS may carry others' servers (or is not known). */
export function firstPartyNetwork(asn: number | null | undefined): FirstPartyNetwork | null {
  return asn === null || asn === undefined ? null : (BY_ASN.get(asn) ?? null);
}
