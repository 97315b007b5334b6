/** A database or data table a report's conclusions rest on, as `metadata.databases` lists it. */
export interface DatabaseInfo {
  /** country, city, asn, catalog ... */
  role: string;
  file: string;
  type: string;
  buildDate: string | null;
  source: string;
  licence: string;
  attribution: string;
}
