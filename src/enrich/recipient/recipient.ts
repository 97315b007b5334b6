/** The recipient of a destination's data, as resolve-recipient.ts finds it and the report carries it. */

/** How the recipient was found, strongest first (src/enrich/recipient/resolve-recipient.ts). */
export type RecipientBasis = 'catalog' | 'domain-owner' | 'certificate' | 'first-party-network' | 'unknown';

/**
 * The organisation that runs the service and receives the data (the data importer), as distinct from the host
 * (`DestinationGroup.operator`, the network operator from the ASN): a tenant on a cloud is the recipient, the
 * cloud only its host. Transfer status and DPF are judged on the recipient. Added in schema 1.1.0.
 */
export interface Recipient {
  /** Null when unknown. */
  name: string | null;
  /** Registrable domain of the group's best name (Public Suffix List, private section), null for addresses. */
  domain: string | null;
  basis: RecipientBasis;
  strength: 'strong' | 'medium' | 'weak';
  /** What the recipient rests on, in words. */
  evidence: string;
  hqCountry: string | null;
  /** EU-US Data Privacy Framework participation of the recipient as recorded on `dpfAsOf`; null when not known. */
  dpfCertified: boolean | null;
  dpfAsOf: string | null;
  dpfSource?: string;
}

/**
 * How a recipient is named in words, the same in reasons, evidence and every renderer: its name, else its
 * registrable domain marked "(owner unknown)", else `unknown` (the caller's word for nothing known).
 */
export function recipientName(r: { name: string | null; domain?: string | null }, unknown = 'unknown'): string {
  if (r.name !== null) return r.name;
  return r.domain == null ? unknown : `${r.domain} (owner unknown)`;
}

/**
 * Whether a catalog vendor label names an organisation: "third party (listed by Microsoft)" names none, so it
 * can be neither a recipient nor scored as a vendor.
 */
export function namesAnOrganisation(vendor: string): boolean {
  return !/^third[ -]party\b/i.test(vendor.trim()) && /[\p{L}\p{N}]/u.test(vendor);
}
