/** The host of a destination: the network operator of its address, from the ASN (operator-lookup.ts). */
export interface Operator {
  name: string;
  hqCountry: string | null;
  /** EU-US Data Privacy Framework participation as recorded on `dpfAsOf`; null when not known. */
  dpfCertified: boolean | null;
  dpfAsOf: string | null;
  /**
   * What the DPF status rests on, when known: the DPF list, or the company's own statement (with its URL).
   * A company statement is weaker than the list: it says nothing of the certification lapsing since.
   */
  dpfSource?: string;
  asn: number | null;
  asOrg: string | null;
  /** Anycast/CDN operator: the database country says little about where the server is. */
  anycast: boolean;
}
