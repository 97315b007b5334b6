/**
 * Where GDPR Chapter V puts a destination country: inside the EEA, covered by an adequacy decision (Art. 45),
 * or a third country. Dated data, re-checked before each release against the European Commission's adequacy
 * page (commission.europa.eu → law → data protection → international dimension → adequacy decisions) and
 * EUR-Lex. Decisions adopted under Directive 95/46/EC stay in force under GDPR Art. 45(9); they were amended by
 * Implementing Decision (EU) 2016/2295 and reviewed and kept on 2024-01-15 (COM(2024) 7).
 */

export const JURISDICTION_TABLE_AS_OF = '2026-01-26';

export const EU_MEMBERS: readonly { iso: string; since: string }[] = [
  ...['BE', 'DE', 'FR', 'IT', 'LU', 'NL'].map((iso) => ({ iso, since: '1958-01-01' })),
  ...['DK', 'IE'].map((iso) => ({ iso, since: '1973-01-01' })),
  { iso: 'GR', since: '1981-01-01' },
  ...['ES', 'PT'].map((iso) => ({ iso, since: '1986-01-01' })),
  ...['AT', 'FI', 'SE'].map((iso) => ({ iso, since: '1995-01-01' })),
  ...['CY', 'CZ', 'EE', 'HU', 'LV', 'LT', 'MT', 'PL', 'SK', 'SI'].map((iso) => ({ iso, since: '2004-05-01' })),
  ...['BG', 'RO'].map((iso) => ({ iso, since: '2007-01-01' })),
  { iso: 'HR', since: '2013-07-01' },
];

/**
 * EEA EFTA states (EEA Agreement; GDPR applies there through EEA Joint Committee Decision 154/2018 from
 * 2018-07-20). The UK left the EU (and so the EEA) on 2020-01-31, with GDPR applying until 2020-12-31.
 */
export const EEA_EFTA_MEMBERS: readonly { iso: string; since: string }[] = [
  { iso: 'IS', since: '1994-01-01' },
  { iso: 'NO', since: '1994-01-01' },
  { iso: 'LI', since: '1995-05-01' },
];

/** Former members, for dates before they left: the UK was in the EU until 2020-01-31 (transition to 2020-12-31). */
export const FORMER_MEMBERS: readonly { iso: string; since: string; until: string }[] = [
  { iso: 'GB', since: '1973-01-01', until: '2020-12-31' },
];

export interface AdequacyDecision {
  /** ISO 3166-1 alpha-2. */
  iso: string;
  territory: string;
  /** Date the decision was adopted (YYYY-MM-DD). */
  adopted: string;
  /** Last day in force when the decision has a sunset clause. */
  expires?: string;
  /** Decision number and Official Journal reference. */
  reference: string;
  /** What the decision covers, when not the whole country. */
  scope?: string;
  /** Only organisations on a list are covered (EU-US Data Privacy Framework). */
  certifiedOnly?: boolean;
  note?: string;
}

export const ADEQUACY_DECISIONS: readonly AdequacyDecision[] = [
  {
    iso: 'CH',
    territory: 'Switzerland',
    adopted: '2000-07-26',
    reference: 'Commission Decision 2000/518/EC, OJ L 215, 25.8.2000, p. 1',
    note: 'kept after review 2024-01-15',
  },
  {
    iso: 'CA',
    territory: 'Canada',
    adopted: '2001-12-20',
    reference: 'Commission Decision 2002/2/EC, OJ L 2, 4.1.2002, p. 13',
    scope: 'commercial organisations subject to PIPEDA only',
  },
  {
    iso: 'AR',
    territory: 'Argentina',
    adopted: '2003-06-30',
    reference: 'Commission Decision 2003/490/EC, OJ L 168, 5.7.2003, p. 19',
  },
  {
    iso: 'GG',
    territory: 'Guernsey',
    adopted: '2003-11-21',
    reference: 'Commission Decision 2003/821/EC, OJ L 308, 25.11.2003, p. 27',
  },
  {
    iso: 'IM',
    territory: 'Isle of Man',
    adopted: '2004-04-28',
    reference: 'Commission Decision 2004/411/EC, OJ L 151, 30.4.2004, p. 48',
  },
  {
    iso: 'JE',
    territory: 'Jersey',
    adopted: '2008-05-08',
    reference: 'Commission Decision 2008/393/EC, OJ L 138, 28.5.2008, p. 21',
  },
  {
    iso: 'FO',
    territory: 'Faroe Islands',
    adopted: '2010-03-05',
    reference: 'Commission Decision 2010/146/EU, OJ L 58, 9.3.2010, p. 17',
  },
  {
    iso: 'AD',
    territory: 'Andorra',
    adopted: '2010-10-19',
    reference: 'Commission Decision 2010/625/EU, OJ L 277, 21.10.2010, p. 27',
  },
  {
    iso: 'IL',
    territory: 'Israel',
    adopted: '2011-01-31',
    reference: 'Commission Decision 2011/61/EU, OJ L 27, 1.2.2011, p. 39',
  },
  {
    iso: 'UY',
    territory: 'Uruguay',
    adopted: '2012-08-21',
    reference: 'Commission Implementing Decision 2012/484/EU, OJ L 227, 23.8.2012, p. 11',
  },
  {
    iso: 'NZ',
    territory: 'New Zealand',
    adopted: '2012-12-19',
    reference: 'Commission Implementing Decision 2013/65/EU, OJ L 28, 30.1.2013, p. 12',
  },
  {
    iso: 'JP',
    territory: 'Japan',
    adopted: '2019-01-23',
    reference: 'Commission Implementing Decision (EU) 2019/419, OJ L 76, 19.3.2019, p. 1',
    scope: 'private-sector operators under the APPI with the supplementary rules',
  },
  {
    iso: 'GB',
    territory: 'United Kingdom',
    adopted: '2021-06-28',
    expires: '2031-12-27',
    reference:
      'Commission Implementing Decision (EU) 2021/1772, OJ L 360, 11.10.2021, p. 1; renewed by the Commission on 2025-12-19 until 2031-12-27',
    note: 'the renewal decision number is not recorded here yet: check EUR-Lex',
  },
  {
    iso: 'KR',
    territory: 'Republic of Korea',
    adopted: '2021-12-17',
    reference: 'Commission Implementing Decision (EU) 2022/254, OJ L 44, 24.2.2022, p. 1',
  },
  {
    iso: 'US',
    territory: 'United States',
    adopted: '2023-07-10',
    reference:
      'Commission Implementing Decision (EU) 2023/1795 (EU-US Data Privacy Framework), OJ L 231, 20.9.2023, p. 118',
    certifiedOnly: true,
    scope: 'only organisations on the Data Privacy Framework list',
    note: 'upheld by the General Court on 2025-09-03 (T-553/23 Latombe); appeal C-703/25 P pending since 2025-10-31',
  },
  {
    iso: 'BR',
    territory: 'Brazil',
    adopted: '2026-01-26',
    reference: 'Commission Implementing Decision (EU) 2026/179',
  },
];

/** Adequacy for international organisations (Art. 45(1)); not countries, so not used by transferStatus. */
export const ADEQUATE_ORGANISATIONS: readonly { name: string; adopted: string; reference: string }[] = [
  {
    name: 'European Patent Organisation',
    adopted: '2025-07-15',
    reference: 'Commission Implementing Decision of 2025-07-15 (number to be recorded: check EUR-Lex)',
  },
];
