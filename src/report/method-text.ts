/**
 * How the report was derived, in plain words, for the Markdown annex and the HTML report. Plain text only (no
 * markup): each renderer escapes and formats it for its own output.
 */

export interface MethodParagraph {
  title: string;
  text: string;
}

export const METHOD: readonly MethodParagraph[] = [
  {
    title: 'Names',
    text:
      'Each destination is named from what the client itself sent or received: the DNS answers that preceded ' +
      'the connection, the server name in the TLS ClientHello (SNI), the QUIC Initial packet (decrypted with the ' +
      'public initial keys of RFC 9001 §5.2) and the HTTP Host header. Where none was seen, the address is shown.',
  },
  {
    title: 'Geolocation',
    text:
      'Server addresses are placed in a country with the IP geolocation database listed under data sources. ' +
      'Where the capture point is known, the TCP handshake round-trip time limits how far away the server can ' +
      'be (light in fibre covers about 100 km per millisecond of round trip); a database country farther away ' +
      'than that is marked as a geo conflict. Anycast and CDN operators are marked: for them the database ' +
      'country says little about where the answering server stood.',
  },
  {
    title: 'Recipient and host',
    text:
      'Each destination names two organisations. The host is the network operator of the server address, from ' +
      'its autonomous system (ASN): often a cloud or CDN that only rents out the machine. The recipient is the ' +
      'organisation that runs the service and receives the data (the data importer). It is found, strongest ' +
      "first, from the catalog rule's vendor, the owner of the name's registrable domain, the organisation in " +
      'the server certificate, or a network that serves only its owner; otherwise it is unknown and shown by ' +
      'its domain. The host is never taken for the recipient: a certified cloud does not certify its tenants.',
  },
  {
    title: 'Operators and transfers',
    text:
      'The headquarters countries of the recipient and of the host decide whose laws reach the data in ' +
      'addition to the server location. Transfer classes: within the EEA; adequate country (adequacy decision ' +
      'under Art. 45 GDPR); adequate if certified (a US recipient, covered by the EU-US Data Privacy Framework ' +
      'adequacy decision of 10 July 2023 only while it is certified; the date of the certification check is ' +
      'shown; with --dpf ignore the framework is not relied on and US recipients count as third country, the ' +
      'appeal C-703/25 P being pending); third country (Chapter V GDPR: safeguards under Art. 46 needed); ' +
      'unknown. EEA membership and adequacy are taken from one dated table as of the audit date.',
  },
  {
    title: 'Catalog',
    text:
      'Known services are recognised by the outflow catalog, which maps host names to vendor, product and ' +
      'category, with the source document for each rule and the date it was last verified.',
  },
  {
    title: 'Personal data',
    text:
      "The client's IP address alone is personal data for a party that has legal means to identify the person " +
      'behind it (CJEU, C-582/14 Breyer, 19 October 2016), so every connection to the internet carries some ' +
      'personal data. "Observed" means a detector found personal data in clear text (listed as evidence, values ' +
      'masked); "likely" and "possible" follow from what the catalog documents for the service.',
  },
  {
    title: 'Risk',
    text:
      'Risk combines the transfer class with the personal data assessment, the recipient and the host; personal ' +
      'data seen in plaintext (no TLS) is high risk wherever it goes, since anyone on the path can read it. ' +
      'Every destination ' +
      'lists the reasons for its risk level and the evidence (file, frame or line) behind them, so each finding ' +
      'can be checked against the original capture or log.',
  },
];
