/**
 * Companies behind autonomous systems: legal name, HQ country (where the parent is incorporated / run from:
 * what decides which state's access laws reach the data, CJEU C-311/18 Schrems II), EU-US Data Privacy
 * Framework participation, and AS-org name patterns for ASNs not in asn-table.ts.
 *
 * DPF participation is a dated fact from the Department of Commerce's list, https://www.dataprivacyframework.gov/list.
 * `participant` values below were recorded by the maintainers WITHOUT checking the live list on `recorded`
 * (verified: false): the report treats them as unknown until someone checks each entry on the list, sets
 * verified: true and the date. DPF applies only to US organisations; for the others `participant` is null.
 */

export interface DpfFact {
  /** Active participant in the EU-US DPF; null = unknown or not applicable. */
  participant: boolean | null;
  /** Checked on the DPF list on `recorded`. */
  verified: boolean;
  /** YYYY-MM-DD the fact was recorded. */
  recorded: string;
  source: string;
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
  recorded: RECORDED,
  source: DPF_LIST,
});
const notUs: DpfFact = { participant: null, verified: true, recorded: RECORDED, source: 'not a US organisation' };

type Row = [key: string, name: string, hq: string, dpf: boolean | null, patterns: string[], note?: string];

// US companies with dpf true: believed to be active participants (large providers that announced certification
// in 2023); null: not known. Check each on the DPF list before setting verified.
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

export const COMPANIES: ReadonlyMap<string, Company> = new Map(
  ROWS.map(([key, name, hq, dpf, orgPatterns, note]) => [
    key,
    { key, name, hq, dpf: hq === 'US' ? unverified(dpf) : notUs, orgPatterns, ...(note === undefined ? {} : { note }) },
  ]),
);
