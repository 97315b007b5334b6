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
const statement = (dated: string, url: string, says: string): DpfFact => ({
  participant: true,
  verified: true,
  basis: 'company-statement',
  recorded: dated,
  source: `company statement (${url}), not the DPF list: ${says}`,
  read: RECORDED,
});

/**
 * Company statements read on 2026-11-29 (stored copies of the pages; the live pages may have changed since).
 * Leads that were NOT enough to verify, kept so the next check starts from them:
 * - microsoft: GitHub's privacy statement (github.com/github/site-policy, Policies/privacy-policies/
 *   github-general-privacy-statement.md, "Data Privacy Framework (DPF)") says GitHub complies with the EU-U.S.
 *   DPF; that is GitHub, Inc., not Microsoft Corporation, so it does not verify this row (ASN 36459 is mapped to
 *   Microsoft in asn-table.ts). No stored copy of Microsoft's own privacy statement with DPF text was found.
 * - cloudflare: an older Cloudflare docs FAQ (cloudflare/cloudflare-docs content/data-localization/faq.md)
 *   linked to Cloudflare's DPF participant page; the current FAQ no longer mentions the DPF. A link is not a
 *   statement, so not verified.
 * - amazon, akamai, salesforce, zoom, cisco, dropbox, adobe, oracle, ibm, fastly, apple: the stored pages found
 *   (AWS GDPR whitepaper, Akamai's 2016 Privacy Shield policy, Dropbox's 2017 Privacy Shield FAQ, Zoom's GDPR
 *   page opening) either predate the DPF or do not reach the transfer section; third-party sites quoting DPF
 *   participant numbers were not used.
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
  ['fastly', 'Fastly, Inc.', 'US', null, ['fastly']],
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

function dpfFact(key: string, hq: string, believed: boolean | null): DpfFact {
  if (hq !== 'US') return notUs;
  return STATEMENTS.get(key) ?? unverified(believed);
}

export const COMPANIES: ReadonlyMap<string, Company> = new Map(
  ROWS.map(([key, name, hq, dpf, orgPatterns, note]) => [
    key,
    { key, name, hq, dpf: dpfFact(key, hq, dpf), orgPatterns, ...(note === undefined ? {} : { note }) },
  ]),
);
