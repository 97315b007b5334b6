/**
 * Country names for the assessment's reasons. EEA membership and adequacy are not kept here: they are dated
 * facts of the one legal table, src/enrich/jurisdiction/jurisdiction-table.ts (ask inEea / adequateCountry in
 * transfer-status.ts with the audit's date), so risk, transfer status and renderers cannot disagree.
 */

const NAMES: Record<string, string> = {
  US: 'the United States',
  GB: 'the United Kingdom',
  NL: 'the Netherlands',
  DE: 'Germany',
  FR: 'France',
  IE: 'Ireland',
  BE: 'Belgium',
  SE: 'Sweden',
  FI: 'Finland',
  AT: 'Austria',
  IT: 'Italy',
  ES: 'Spain',
  PL: 'Poland',
  DK: 'Denmark',
  CH: 'Switzerland',
  CA: 'Canada',
  JP: 'Japan',
  KR: 'South Korea',
  CN: 'China',
  RU: 'Russia',
  IN: 'India',
  SG: 'Singapore',
  AU: 'Australia',
  BR: 'Brazil',
  IL: 'Israel',
  NO: 'Norway',
  CZ: 'Czechia',
  LU: 'Luxembourg',
  PT: 'Portugal',
  HK: 'Hong Kong',
  HU: 'Hungary',
  TW: 'Taiwan',
};

export function countryName(code: string): string {
  return NAMES[code.toUpperCase()] ?? code.toUpperCase();
}
