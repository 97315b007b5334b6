/**
 * Companies behind autonomous systems: legal name, HQ country (where the parent is incorporated / run from:
 * what decides which state's access laws reach the data, CJEU C-311/18 Schrems II), EU-US Data Privacy
 * Framework participation, and AS-org name patterns for ASNs not in asn-table.ts.
 *
 * DPF participation is a dated fact. The authority is the Department of Commerce's list,
 * https://www.dataprivacyframework.gov/list; none of its entries could be read for this table (no stored copy), so
 * no fact below has basis 'dpf-list'. Where the company's own privacy policy or announcement states that it
 * relies on the EU-U.S. DPF, the fact is verified with basis 'company-statement': weaker than the list (it says
 * nothing of the certification lapsing since), dated with the date the statement shows, its URL in `source`.
 * Every other US company keeps `participant` as the maintainers believed it, verified: false, which the report
 * treats as unknown. DPF applies only to US organisations; for the others `participant` is null.
 */

/** What a verified DPF fact rests on. */
export type DpfBasis = 'dpf-list' | 'company-statement' | 'not-applicable' | 'none';

export interface DpfFact {
  /** Active participant in the EU-US DPF; null = unknown or not applicable. */
  participant: boolean | null;
  /** A primary source was read: the DPF list, or the company's own statement (see `basis`). */
  verified: boolean;
  basis: DpfBasis;
  /** YYYY-MM-DD: the date the source shows when verified, else the date the belief was recorded. */
  recorded: string;
  /** Where it was (or is to be) checked: for verified facts a URL and what it says. */
  source: string;
  /** YYYY-MM-DD the maintainers read the source (verified facts). */
  read?: string;
}

export interface Company {
  key: string;
  name: string;
  /** ISO 3166-1 alpha-2 of the headquarters. */
  hq: string;
  dpf: DpfFact;
  /** Lower-case substrings matched against AS organisation names (word-bounded). */
  orgPatterns: string[];
  note?: string;
}

const DPF_LIST = 'https://www.dataprivacyframework.gov/list';
const RECORDED = '2026-11-29';
const unverified = (participant: boolean | null): DpfFact => ({
  participant,
  verified: false,
  basis: 'none',
  recorded: RECORDED,
  source: DPF_LIST,
});
const notUs: DpfFact = {
  participant: null,
  verified: true,
  basis: 'not-applicable',
  recorded: RECORDED,
  source: 'not a US organisation',
};
const statement = (dated: string, url: string, says: string, read = RECORDED): DpfFact => ({
  participant: true,
  verified: true,
  basis: 'company-statement',
  recorded: dated,
  source: `company statement (${url}), not the DPF list: ${says}`,
  read,
});

/** Where the stored copies of the company policies below were read: each commit is one crawl of the live page. */
const OTA = 'Open Terms Archive, github.com/OpenTermsArchive';
const READ_2026_12_06 = '2026-12-06';

/**
 * Company statements, read on the date in each fact's `read` (stored copies of the pages; the live pages may have
 * changed since). A fact's date is the day the statement is known to stand from: the date the page shows, or,
 * where it shows only a month, the first archived crawl that has it. An audit judged on an earlier day (--as-of)
 * does not count it (operator-lookup.ts toReportOperator).
 * Leads that were NOT enough to verify, kept so the next check starts from them:
 * - microsoft (LinkedIn, GitHub): the statement covers Microsoft Corporation "and its controlled U.S.
 *   subsidiaries, as identified in our self-certification submission"; GitHub's own privacy statement
 *   (github/site-policy) also says GitHub, Inc. complies. LinkedIn's own certification was not read.
 * - apple: Apple's Privacy Policy (updated 30 July 2025; OTA contrib-versions Apple/Privacy Policy.md, commit
 *   59762848) says its transfers out of the EEA, UK and Switzerland are "governed by Standard Contractual
 *   Clauses" and names no DPF certification. That is not a statement of non-participation, so it stays unknown.
 * - oracle: oracle.com/legal/privacy/data-protection-authority (updated 21 February 2024) certifies Oracle
 *   America, Inc. and three affiliates only for "Services Personal Information" where a contract specifies it;
 *   telemetry to Oracle endpoints is not shown to be covered, so unknown.
 * - ibm: ibm.com/us-en/privacy/dataprivacyframework (effective 3 July 2024) covers only the listed certified IBM
 *   Cloud Services hosted in the US; unknown for other traffic.
 * - cisco: a Cisco Trust Center GDPR page says "Cisco is certified under EU-U.S. Data Privacy Framework", but the
 *   stored copy shows no date and no legal entity; a dated source is still needed.
 * - akamai, salesforce, adobe, dropbox: only Privacy Shield-era pages (invalid since C-311/18, 16 July 2020), SCC
 *   pages or page openings were found; third-party sites quoting DPF participation were not used.
 */
const STATEMENTS: ReadonlyMap<string, DpfFact> = new Map([
  [
    'alphabet',
    statement(
      '2023-09-01',
      'https://policies.google.com/privacy/frameworks?hl=bg&gl=bg',
      'Google Privacy Policy "Legal frameworks for data transfers", effective 1 September 2023, lists the EU-U.S. ' +
        'and Swiss-U.S. Data Privacy Frameworks among the adequacy mechanisms Google relies on, "as described in ' +
        'our certification" (stored copy read in Bulgarian)',
    ),
  ],
  [
    'meta',
    statement(
      '2023-09-07',
      'https://about.fb.com/news/2023/05/our-response-to-the-decision-on-facebooks-eu-us-data-transfers/',
      'Meta newsroom update of 7 September 2023: from that day Meta relies on the EU-U.S. DPF for certain ' +
        'transfers from the EU to the US, including Facebook user data and data relating to Meta business tools',
    ),
  ],
  [
    'microsoft',
    statement(
      '2023-08-23',
      'https://privacy.microsoft.com/en-gb/privacystatement',
      'Microsoft Privacy Statement, "Last Updated: August 2023" (first archived with this text on 2023-08-23; ' +
        'still in the version "Last Updated: June 2026"): "Microsoft Corporation complies with the EU-U.S. Data ' +
        'Privacy Framework (EU-U.S. DPF), the UK Extension to the EU-U.S. DPF, and the Swiss-U.S. Data Privacy ' +
        `Framework". Read in ${OTA}/contrib-versions (commit f2f2bd12) and vlopses-us-versions (commit 2937c5f3)`,
      READ_2026_12_06,
    ),
  ],
  [
    'amazon',
    statement(
      '2023-08-11',
      'https://aws.amazon.com/privacy/',
      'AWS Privacy Notice, "Last Updated: August 11, 2023" (still in the version of May 18, 2026): "Amazon Web ' +
        'Services, Inc. participates in the EU-US Data Privacy Framework"; the Amazon.com Privacy Notice of the ' +
        `same day says the same of Amazon.com, Inc. Read in ${OTA}/contrib-versions (commits a5644866, cff1be7f, ` +
        '4e4306df)',
      READ_2026_12_06,
    ),
  ],
  [
    'cloudflare',
    statement(
      '2023-08-31',
      'https://www.cloudflare.com/privacypolicy/',
      'Cloudflare Privacy Policy effective August 31, 2023 (still in the version effective November 4, 2025): ' +
        '"Cloudflare complies with the EU-U.S. DPF, the UK Extension to the EU-U.S. DPF, and the Swiss-U.S. DPF"; ' +
        `"Cloudflare" is Cloudflare, Inc. Read in ${OTA}/contrib-versions (commits 6c4696a9, 85cb00ef)`,
      READ_2026_12_06,
    ),
  ],
  [
    'fastly',
    statement(
      '2023-08-08',
      'https://www.fastly.com/data-privacy-framework',
      'Fastly "Notice of Self-Certification Under the EU-U.S. Data Privacy Framework", effective Aug 8, 2023: ' +
        '"Fastly, Inc. participates in and has certified its compliance with the EU-U.S. Data Privacy Framework"; ' +
        'for the UK it keeps relying on other mechanisms. Read in a stored copy of the page dated 2024-01-01',
      READ_2026_12_06,
    ),
  ],
  [
    'zoom',
    statement(
      '2023-12-01',
      'https://zoom.us/privacy',
      'Zoom Privacy Statement, "Last updated: December 1, 2023" (the first archived version with this text; the ' +
        'archive has none between 2021 and then, so it may be older): "Zoom complies with the EU-U.S. Data Privacy ' +
        'Framework"; Zoom Video Communications, Inc. (renamed Zoom Communications, Inc. in 2024) is among the ' +
        `entities named. Read in ${OTA}/contrib-versions (commits da1e3f21, 2a553638)`,
      READ_2026_12_06,
    ),
  ],
]);

type Row = [key: string, name: string, hq: string, dpf: boolean | null, patterns: string[], note?: string];

// US companies with dpf true: believed to be active participants (large providers that announced certification
// in 2023); null: not known. The belief counts only once STATEMENTS (or the DPF list) backs it.
const ROWS: Row[] = [
  ['microsoft', 'Microsoft Corporation', 'US', true, ['microsoft', 'linkedin', 'github']],
  ['alphabet', 'Alphabet Inc. (Google LLC)', 'US', true, ['google', 'youtube']],
  ['amazon', 'Amazon.com, Inc.', 'US', true, ['amazon', 'aws', 'twitch']],
  ['akamai', 'Akamai Technologies, Inc.', 'US', true, ['akamai', 'linode', 'prolexic']],
  ['cloudflare', 'Cloudflare, Inc.', 'US', true, ['cloudflare']],
  ['fastly', 'Fastly, Inc.', 'US', true, ['fastly']],
  ['apple', 'Apple Inc.', 'US', null, ['apple inc', 'apple-engineering', 'apple-austin']],
  ['meta', 'Meta Platforms, Inc.', 'US', true, ['facebook', 'meta platforms', 'whatsapp', 'instagram']],
  ['oracle', 'Oracle Corporation', 'US', true, ['oracle', 'dyn']],
  ['salesforce', 'Salesforce, Inc.', 'US', true, ['salesforce', 'exacttarget', 'slack']],
  ['zoom', 'Zoom Communications, Inc.', 'US', true, ['zoom video', 'zoom communications']],
  ['cisco', 'Cisco Systems, Inc.', 'US', true, ['cisco', 'webex', 'opendns']],
  ['dropbox', 'Dropbox, Inc.', 'US', true, ['dropbox']],
  ['adobe', 'Adobe Inc.', 'US', true, ['adobe', 'omniture']],
  ['ibm', 'IBM', 'US', true, ['ibm', 'softlayer']],
  [
    'edgio',
    'Edgio, Inc. (Chapter 11, 2024; assets divested)',
    'US',
    null,
    ['edgecast', 'limelight', 'edgio'],
    'current operator after the Edgio asset sales not checked',
  ],
  ['stackpath', 'StackPath, LLC', 'US', null, ['stackpath', 'highwinds']],
  ['lumen', 'Lumen Technologies, Inc.', 'US', null, ['level 3', 'lumen', 'centurylink']],
  ['cogent', 'Cogent Communications Holdings', 'US', null, ['cogent']],
  ['zayo', 'Zayo Group', 'US', null, ['zayo']],
  ['gtt', 'GTT Communications, Inc.', 'US', null, ['gtt communications']],
  ['hurricane-electric', 'Hurricane Electric LLC', 'US', null, ['hurricane electric']],
  ['equinix', 'Equinix, Inc.', 'US', null, ['equinix', 'telecitygroup']],
  ['digitalocean', 'DigitalOcean Holdings, Inc.', 'US', null, ['digitalocean']],
  ['constant', 'The Constant Company, LLC', 'US', null, ['vultr', 'constant company']],
  ['zscaler', 'Zscaler, Inc.', 'US', null, ['zscaler']],
  ['netskope', 'Netskope, Inc.', 'US', null, ['netskope']],
  ['x-corp', 'X Corp.', 'US', null, ['twitter']],
  ['yahoo', 'Yahoo Inc. (Apollo Global)', 'US', null, ['yahoo', 'oath holdings']],
  ['netflix', 'Netflix, Inc.', 'US', null, ['netflix']],
  ['valve', 'Valve Corporation', 'US', null, ['valve corporation']],
  ['automattic', 'Automattic Inc.', 'US', null, ['automattic']],
  ['wikimedia', 'Wikimedia Foundation Inc.', 'US', null, ['wikimedia']],
  ['alibaba', 'Alibaba Group Holding Ltd', 'CN', null, ['alibaba', 'aliyun']],
  ['tencent', 'Tencent Holdings Ltd', 'CN', null, ['tencent']],
  [
    'bytedance',
    'ByteDance Ltd',
    'CN',
    null,
    ['bytedance', 'tiktok'],
    'parent incorporated in the Cayman Islands, operational HQ Beijing',
  ],
  ['baidu', 'Baidu, Inc.', 'CN', null, ['baidu']],
  ['huawei', 'Huawei Technologies Co., Ltd.', 'CN', null, ['huawei']],
  ['yandex', 'Yandex', 'RU', null, ['yandex']],
  ['vk', 'VK (Mail.ru Group)', 'RU', null, ['vk', 'mail.ru']],
  ['ovh', 'OVH Groupe SA', 'FR', null, ['ovh']],
  ['hetzner', 'Hetzner Online GmbH', 'DE', null, ['hetzner']],
  ['iliad', 'Iliad SA', 'FR', null, ['scaleway', 'online sas', 'free sas']],
  ['united-internet', 'United Internet AG', 'DE', null, ['ionos', '1&1']],
  ['contabo', 'Contabo GmbH', 'DE', null, ['contabo'], 'owned by US private equity (KKR) since 2019: check control'],
  ['leaseweb', 'LeaseWeb Global B.V.', 'NL', null, ['leaseweb']],
  ['bunny', 'BunnyWay d.o.o.', 'SI', null, ['bunnyway', 'bunny.net']],
  ['datacamp', 'DataCamp Limited', 'GB', null, ['datacamp', 'cdn77']],
  ['deutsche-telekom', 'Deutsche Telekom AG', 'DE', null, ['deutsche telekom']],
  ['arelion', 'Arelion (formerly Telia Carrier)', 'SE', null, ['arelion', 'telia']],
  ['orange', 'Orange S.A.', 'FR', null, ['orange']],
  ['vodafone', 'Vodafone Group Plc', 'GB', null, ['vodafone', 'cable & wireless']],
  ['kpn', 'Koninklijke KPN N.V.', 'NL', null, ['kpn']],
  ['telefonica', 'Telefonica S.A.', 'ES', null, ['telefonica']],
  [
    'liberty-global',
    'Liberty Global Ltd.',
    'BM',
    null,
    ['liberty global'],
    'redomiciled to Bermuda 2023; main offices London/Amsterdam/Denver',
  ],
  ['surf', 'SURF cooperative', 'NL', null, ['surf b.v.', 'surfnet']],
  ['colt', 'Colt Group', 'GB', null, ['colt technology']],
  ['telecom-italia', 'Telecom Italia S.p.A.', 'IT', null, ['telecom italia']],
  ['ntt', 'NTT, Inc.', 'JP', null, ['ntt america', 'ntt communications']],
  ['tata', 'Tata Communications Ltd', 'IN', null, ['tata communications']],
  [
    'thales',
    'Thales S.A. (Imperva)',
    'FR',
    null,
    ['imperva', 'incapsula'],
    'Imperva is a US company; ultimate parent French',
  ],
  ['quad9', 'Quad9 Foundation', 'CH', null, ['quad9']],
  ['gcore', 'G-Core Labs S.A.', 'LU', null, ['g-core', 'gcore']],
];

/**
 * Companies met as recipients (catalog vendors, domain owners, certificate organisations) rather than as AS
 * holders: no AS-name patterns, so operator lookup is unchanged by them. HQ as the maintainers know it
 * (2026-12); DPF unknown for every US one until a statement or the list is read (STATEMENTS above).
 */
const RECIPIENT_ROWS: Row[] = [
  ['mozilla', 'Mozilla Corporation', 'US', null, []],
  ['nvidia', 'NVIDIA Corporation', 'US', null, []],
  ['crowdstrike', 'CrowdStrike Holdings, Inc.', 'US', null, []],
  ['atlassian', 'Atlassian Corporation', 'US', null, [], 'redomiciled from Australia to the US in 2022'],
  ['datadog', 'Datadog, Inc.', 'US', null, []],
  ['new-relic', 'New Relic, Inc.', 'US', null, []],
  ['sentry', 'Functional Software, Inc. (Sentry)', 'US', null, []],
  ['mixpanel', 'Mixpanel, Inc.', 'US', null, []],
  ['intel', 'Intel Corporation', 'US', null, []],
  ['dell', 'Dell Technologies Inc.', 'US', null, []],
  ['hp', 'HP Inc.', 'US', null, []],
  ['palo-alto', 'Palo Alto Networks, Inc.', 'US', null, []],
  ['twilio', 'Twilio Inc. (Segment)', 'US', null, []],
  ['broadcom', 'Broadcom Inc.', 'US', null, []],
  ['cloud-software-group', 'Cloud Software Group, Inc. (Citrix)', 'US', null, []],
  ['omnissa', 'Omnissa, LLC', 'US', null, []],
  ['digicert', 'DigiCert, Inc.', 'US', null, []],
  ['sectigo', 'Sectigo Limited', 'US', null, [], 'operational HQ Scottsdale, US; origins in the UK (Comodo CA)'],
  ['isrg', "Internet Security Research Group (Let's Encrypt)", 'US', null, []],
  ['godaddy', 'GoDaddy Inc.', 'US', null, []],
  ['identrust', 'IdenTrust, Inc. (HID Global)', 'US', null, []],
  ['entrust', 'Entrust Corporation', 'US', null, []],
  ['ssl-com', 'SSL.com', 'US', null, []],
  ['trend-micro', 'Trend Micro Incorporated', 'JP', null, []],
  ['samsung', 'Samsung Electronics Co., Ltd.', 'KR', null, []],
  ['lenovo', 'Lenovo Group Limited', 'CN', null, [], 'incorporated in Hong Kong; operational HQ Beijing'],
  ['kaspersky', 'Kaspersky', 'RU', null, [], 'holding company registered in the UK; operational HQ Moscow'],
  ['sophos', 'Sophos Ltd', 'GB', null, []],
  ['eset', 'ESET, spol. s r.o.', 'SK', null, []],
  ['jetbrains', 'JetBrains s.r.o.', 'CZ', null, []],
  ['hotjar', 'Hotjar Ltd (Contentsquare)', 'MT', null, [], 'parent Contentsquare SAS, France'],
  ['teamviewer', 'TeamViewer SE', 'DE', null, []],
  ['anydesk', 'AnyDesk Software GmbH', 'DE', null, []],
  ['globalsign', 'GlobalSign nv-sa', 'BE', null, [], 'parent GMO Internet Group, Japan'],
  ['d-trust', 'D-Trust GmbH (Bundesdruckerei)', 'DE', null, []],
  ['dfn', 'DFN-Verein', 'DE', null, []],
  ['actalis', 'Actalis S.p.A.', 'IT', null, []],
  ['certigna', 'Certigna (Dhimyotis)', 'FR', null, []],
  ['buypass', 'Buypass AS', 'NO', null, []],
  ['harica', 'HARICA', 'GR', null, []],
  ['izenpe', 'Izenpe S.A.', 'ES', null, []],
  ['firmaprofesional', 'Firmaprofesional S.A.', 'ES', null, []],
  ['anf', 'ANF Autoridad de Certificación', 'ES', null, []],
  ['swisssign', 'SwissSign AG', 'CH', null, []],
  ['disig', 'Disig, a.s.', 'SK', null, []],
  ['certsign', 'certSIGN S.A.', 'RO', null, []],
  ['asseco', 'Asseco Data Systems S.A. (Certum)', 'PL', null, []],
  ['kir', 'Krajowa Izba Rozliczeniowa S.A.', 'PL', null, []],
  ['logius', 'Logius (PKIoverheid)', 'NL', null, []],
  ['microsec', 'Microsec zrt. (e-Szigno)', 'HU', null, []],
  ['netlock', 'NETLOCK Kft.', 'HU', null, []],
];

function dpfFact(key: string, hq: string, believed: boolean | null): DpfFact {
  if (hq !== 'US') return notUs;
  return STATEMENTS.get(key) ?? unverified(believed);
}

export const COMPANIES: ReadonlyMap<string, Company> = new Map(
  [...ROWS, ...RECIPIENT_ROWS].map(([key, name, hq, dpf, orgPatterns, note]) => [
    key,
    { key, name, hq, dpf: dpfFact(key, hq, dpf), orgPatterns, ...(note === undefined ? {} : { note }) },
  ]),
);
