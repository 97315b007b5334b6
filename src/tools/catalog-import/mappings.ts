/**
 * The choices the import makes, in one place and explained: which v2fly list names which owner (spelt as the
 * catalog spells vendors), which v2fly lists say what traffic is for, how Microsoft's service areas and Windows
 * areas map to catalog categories, and what each category says about personal data.
 */
import type { Category, DataKind, Rating } from '../../enrich/catalog/types.js';
import type { ContextMode } from './vendor-doc.js';

/**
 * v2fly company list → owner. A list included by another mapped list (github by microsoft, instagram by meta) is
 * attributed through its parent, so only the parent is named here; where a brand has its own list but a parent
 * that v2fly does not include it in (slack, linkedin, segment), the catalog's "Parent (Brand)" spelling is used.
 */
export const V2FLY_OWNERS: Readonly<Record<string, string>> = {
  acer: 'Acer',
  adobe: 'Adobe',
  akamai: 'Akamai',
  amazon: 'Amazon',
  anthropic: 'Anthropic',
  apple: 'Apple',
  asus: 'ASUS',
  atlassian: 'Atlassian',
  autodesk: 'Autodesk',
  broadcom: 'Broadcom',
  bytedance: 'ByteDance',
  canonical: 'Canonical',
  canva: 'Canva',
  cisco: 'Cisco',
  cloudflare: 'Cloudflare',
  dell: 'Dell',
  digicert: 'DigiCert',
  discord: 'Discord',
  docker: 'Docker',
  dropbox: 'Dropbox',
  ea: 'Electronic Arts',
  epicgames: 'Epic Games',
  eset: 'ESET',
  fastly: 'Fastly',
  figma: 'Figma',
  globalsign: 'GlobalSign',
  godaddy: 'GoDaddy',
  google: 'Google',
  hp: 'HP',
  huawei: 'Huawei',
  ibm: 'IBM',
  intel: 'Intel',
  jetbrains: 'JetBrains',
  kaspersky: 'Kaspersky',
  lenovo: 'Lenovo',
  letsencrypt: "Let's Encrypt (ISRG)",
  linkedin: 'Microsoft (LinkedIn)',
  logitech: 'Logitech',
  meta: 'Meta',
  microsoft: 'Microsoft',
  mozilla: 'Mozilla',
  netflix: 'Netflix',
  nintendo: 'Nintendo',
  notion: 'Notion',
  nvidia: 'NVIDIA',
  openai: 'OpenAI',
  oracle: 'Oracle',
  paypal: 'PayPal',
  pinterest: 'Pinterest',
  redhat: 'Red Hat',
  reddit: 'Reddit',
  salesforce: 'Salesforce',
  samsung: 'Samsung',
  sectigo: 'Sectigo',
  segment: 'Twilio (Segment)',
  sentry: 'Sentry (Functional Software)',
  shopify: 'Shopify',
  slack: 'Salesforce (Slack)',
  snap: 'Snap',
  sony: 'Sony',
  spotify: 'Spotify',
  steam: 'Valve (Steam)',
  stripe: 'Stripe',
  telegram: 'Telegram',
  teamviewer: 'TeamViewer',
  twilio: 'Twilio',
  ubisoft: 'Ubisoft',
  wikimedia: 'Wikimedia Foundation',
  xiaomi: 'Xiaomi',
  yahoo: 'Yahoo',
  zoom: 'Zoom',
  zscaler: 'Zscaler',
};

/** Owners whose domains carry other companies' services (CDNs, clouds): a vendor page's host on them stays the page's vendor's. */
export const INFRASTRUCTURE_OWNERS: ReadonlySet<string> = new Set(['Akamai', 'Amazon', 'Cloudflare', 'Fastly']);

export interface PurposeList {
  list: string;
  /** The vendor, or null: each entry's vendor is the owner of its registrable domain (mixed lists). */
  vendor: string | null;
  product: string;
  category: Category;
  why: string;
}

/**
 * v2fly lists that say what the traffic is for, not only who owns the domain. Left out: adobe-activation (kept
 * upstream for licence cracking, which this project does not serve), firebase and category-ads (too mixed).
 */
export const V2FLY_PURPOSE_LISTS: readonly PurposeList[] = [
  {
    list: 'amazontrust',
    vendor: 'Amazon Trust Services',
    product: 'Amazon Trust Services PKI (OCSP, CRL, CA certificates)',
    category: 'certificate',
    why: 'the list names Amazon Trust Services PKI hosts',
  },
  {
    list: 'apple-pki',
    vendor: 'Apple',
    product: 'Apple PKI (OCSP, CRL, CA certificates)',
    category: 'certificate',
    why: "the list names Apple's PKI hosts",
  },
  {
    list: 'apple-update',
    vendor: 'Apple',
    product: 'Apple software update',
    category: 'update',
    why: 'the list names Apple software update hosts (from support.apple.com HT210060)',
  },
  {
    list: 'category-ntp',
    vendor: null,
    product: 'NTP time service',
    category: 'time',
    why: 'the list names NTP time servers',
  },
  {
    list: 'connectivity-check',
    vendor: null,
    product: 'Captive-portal / connectivity check',
    category: 'connectivity-check',
    why: 'the list names connectivity-check hosts',
  },
  {
    list: 'google-trust-services',
    vendor: 'Google Trust Services',
    product: 'Google Trust Services PKI (OCSP, CRL, CA certificates)',
    category: 'certificate',
    why: 'the list names Google Trust Services PKI hosts',
  },
  {
    list: 'googlefcm',
    vendor: 'Google',
    product: 'Firebase Cloud Messaging (push)',
    category: 'other',
    why: 'the list names Firebase Cloud Messaging push hosts',
  },
  {
    list: 'microsoft-pki',
    vendor: 'Microsoft',
    product: 'Microsoft PKI (OCSP, CRL, CA certificates)',
    category: 'certificate',
    why: "the list names Microsoft's PKI hosts",
  },
];

export interface M365Area {
  product: string;
  category: Category;
  why: string;
}

/**
 * Service area → product and default category. Exchange and SharePoint/OneDrive hold the user's mail and files
 * (sync-storage); Teams/Skype carry calls, chat and meetings (no better category than other); "Common" is a mix,
 * so it defaults to other and the host rules below pick out identity, telemetry and certificate hosts.
 */
export const M365_AREAS: Readonly<Record<string, M365Area>> = {
  'Exchange Online': { product: 'Exchange Online', category: 'sync-storage', why: 'mailbox access: mail content' },
  'SharePoint Online and OneDrive for Business': {
    product: 'SharePoint Online and OneDrive for Business',
    category: 'sync-storage',
    why: 'document storage and sync',
  },
  'Skype for Business Online and Microsoft Teams': {
    product: 'Microsoft Teams / Skype for Business Online',
    category: 'other',
    why: 'calls, chat and meetings',
  },
  'Microsoft 365 Common and Office Online': {
    product: 'Microsoft 365 Common and Office Online',
    category: 'other',
    why: 'shared services of several purposes',
  },
};

/** Host-level categories inside a service area, first match wins; each names the host family it recognises. */
export const M365_HOST_CATEGORIES: readonly { test: RegExp; category: Category; why: string }[] = [
  {
    test: /(^|\.)(events\.data\.microsoft\.com|aria\.microsoft\.com)$|^telemetryservice\./,
    category: 'telemetry',
    why: 'Microsoft telemetry collectors (events.data / aria)',
  },
  {
    test: /(^|\.)(ocsp|crl|cacerts|mscrl)[0-9x]*\.|^crl\.|^ocsp|(^|\.)(symcb|symcd|omniroot|public-trust|entrust|geotrust|verisign)\.(com|net)$|^apps\.identrust\.com$|^secure\.globalsign\.com$|^cert\.int-x3\.letsencrypt\.org$/,
    category: 'certificate',
    why: 'CRL / OCSP / CA certificate hosts (row 125: certificate revocation)',
  },
  {
    test: /(^|\.)(login|logincert|loginex|login-us|account|accounts|signup|passwordreset|api\.passwordreset|autologon|enterpriseregistration)\.|(^|\.)(msauth|msauthimages|msftauth|msftauthimages|msidentity|msftidentity|microsoftonline|microsoftonline-p|phonefactor)\.(com|net)$|(^|\.)auth\.microsoft\.com$|^auth\.gfx\.ms$|^nexus\.|^clientconfig\./,
    category: 'identity',
    why: 'Entra ID / Microsoft account sign-in hosts',
  },
  { test: /^activation\.sls\.microsoft\.com$/, category: 'licensing', why: 'Office activation' },
  {
    test: /^(officecdn\.microsoft\.com|officecdn\.microsoft\.com\.edgesuite\.net)$/,
    category: 'update',
    why: 'Office click-to-run update content',
  },
];

/** A Microsoft Learn page of Windows connection endpoints in the `Area | Description | Protocol | Destination` layout. */
export interface WindowsPage {
  lockId: string;
  idPrefix: string;
  /** "block": one rule per block of the table (a single table); "category": one per area and category. */
  idStyle: 'block' | 'category';
  /** Rule products are "<product>: <area>". */
  product: string;
  /** Opens every rule's notes. */
  title: string;
  /** The page as readers see it (the rules' `source`). */
  url: string;
  /** The generated catalog file. */
  file: string;
  /** Named in the generated file's description. */
  citation: string;
}

/** The Enterprise page first: it wins over the other editions' page, which lists mostly the same hosts again. */
export const WINDOWS_PAGES: readonly WindowsPage[] = [
  {
    lockId: 'windows-11-endpoints',
    idPrefix: 'win11',
    idStyle: 'block',
    product: 'Windows 11',
    title: 'Windows 11 Enterprise connection endpoints',
    url: 'https://learn.microsoft.com/en-us/windows/privacy/manage-windows-11-endpoints',
    file: 'data/catalog/imported-windows11.json',
    citation: 'Manage connection endpoints for Windows 11 Enterprise, CC BY 4.0',
  },
  {
    lockId: 'windows-11-endpoints-non-enterprise',
    idPrefix: 'win11ne',
    idStyle: 'category',
    product: 'Windows 11 (non-Enterprise editions)',
    title: 'Windows 11 connection endpoints for non-Enterprise editions',
    url: 'https://learn.microsoft.com/en-us/windows/privacy/windows-11-endpoints-non-enterprise-editions',
    file: 'data/catalog/imported-windows11-editions.json',
    citation: 'Windows 11 connection endpoints for non-Enterprise editions, CC BY 4.0',
  },
];

/** Windows 11 endpoint areas → category; the description can refine it (see WINDOWS_DESCRIPTION_CATEGORIES). */
export const WINDOWS_AREAS: Readonly<Record<string, Category>> = {
  // "enables multiple cross-device data roaming scenarios" (non-Enterprise editions page).
  'Activity Feed Service': 'sync-storage',
  Apps: 'other',
  Certificates: 'certificate',
  'Cortana and Live Tiles': 'content-delivery',
  'Device authentication': 'identity',
  // "keep track of user-device associations and storing metadata about the devices".
  'Device Directory Service': 'identity',
  'Device metadata': 'update',
  'Diagnostic Data': 'telemetry',
  'Font Streaming': 'content-delivery',
  Licensing: 'licensing',
  Location: 'other',
  Maps: 'update',
  'Microsoft Account': 'identity',
  'Microsoft Defender Antivirus': 'other',
  'Microsoft Edge': 'other',
  'Microsoft Store': 'update',
  'Microsoft To Do': 'sync-storage',
  'Network Connection Status Indicator (NCSI)': 'connectivity-check',
  Office: 'other',
  OneDrive: 'sync-storage',
  Settings: 'other',
  Skype: 'other',
  Teams: 'other',
  'Windows Spotlight': 'content-delivery',
  'Windows Update': 'update',
  'Xbox Live': 'other',
};

/** Phrases of a block's description that say more than its area does. */
export const WINDOWS_DESCRIPTION_CATEGORIES: readonly { test: RegExp; category: Category }[] = [
  { test: /Windows Error Reporting/, category: 'crash-reporting' },
  { test: /Microsoft Store analytics/, category: 'analytics' },
  { test: /Edge Update service/, category: 'update' },
  // Rows of the Microsoft Store area (non-Enterprise editions page) that are not app downloads and updates.
  { test: /Windows Push Notification Services/, category: 'other' },
  { test: /revoke licenses/, category: 'licensing' },
  { test: /download image files|get images/, category: 'content-delivery' },
];

/** What each category says about personal data, as the hand-curated files say it most often. */
export const PERSONAL_DATA: Readonly<Record<Category, { rating: Rating; kinds: DataKind[] }>> = {
  telemetry: { rating: 'likely', kinds: ['device-identifiers', 'usage-data'] },
  diagnostics: { rating: 'likely', kinds: ['device-identifiers', 'usage-data'] },
  'crash-reporting': { rating: 'likely', kinds: ['crash-dumps', 'device-identifiers'] },
  analytics: { rating: 'likely', kinds: ['usage-data', 'device-identifiers', 'browsing-data'] },
  advertising: { rating: 'likely', kinds: ['device-identifiers', 'browsing-data'] },
  identity: { rating: 'likely', kinds: ['user-identifiers', 'account-data'] },
  'sync-storage': { rating: 'likely', kinds: ['content', 'user-identifiers'] },
  update: { rating: 'possible', kinds: ['device-identifiers'] },
  'content-delivery': { rating: 'unlikely', kinds: [] },
  certificate: { rating: 'unlikely', kinds: [] },
  time: { rating: 'unlikely', kinds: [] },
  'connectivity-check': { rating: 'unlikely', kinds: [] },
  licensing: { rating: 'possible', kinds: ['device-identifiers', 'user-identifiers'] },
  other: { rating: 'possible', kinds: ['usage-data'] },
};

export interface VendorDocCategory {
  /** Tested against the words the page puts next to a host (vendor-doc.ts `context`). */
  test: RegExp;
  category: Category;
  why: string;
}

/**
 * A vendor's own page listing the hosts its agents or SDKs connect to, saved as a locked excerpt. Only pages whose
 * licence allows redistribution are here (New Relic's "network traffic" page is CC BY-NC-SA 4.0, so it is not).
 */
export interface VendorDoc {
  /** Lock id of the excerpt (data/sources/sources.lock.json). */
  lockId: string;
  /** Lock id of a site list that fills the page's `dd_site` templates, when the page has them. */
  sitesLockId?: string;
  /** Rule ids are `doc.<idPrefix>.<category>[.<region>]`. */
  idPrefix: string;
  /** Spelt as the hand-curated catalog spells it. */
  vendor: string;
  product: string;
  /** The page as readers see it (the rules' `source`). */
  url: string;
  title: string;
  /** First matching entry wins; `defaultCategory` when none does. */
  categories: readonly VendorDocCategory[];
  defaultCategory: Category;
  defaultWhy: string;
  /** Site name (Datadog "EU", "US1", ...) → region, where the site list's name says where the site is. */
  siteRegions?: readonly { test: RegExp; region: string }[];
  /** Hosts the page names that are not the product's own traffic. */
  exclude?: readonly { test: RegExp; why: string }[];
  /** Where a host's words are (vendor-doc.ts ContextMode); default "above". */
  context?: ContextMode;
}

export const VENDOR_DOCS: readonly VendorDoc[] = [
  {
    lockId: 'datadog-agent-network',
    sitesLockId: 'datadog-sites',
    idPrefix: 'datadog',
    vendor: 'Datadog',
    product: 'Datadog Agent',
    url: 'https://docs.datadoghq.com/agent/configure_the_agent/network/',
    title: 'Datadog docs, Agent "Network Traffic" (DataDog/documentation, BSD-3-Clause)',
    categories: [
      {
        // The page's "Real User Monitoring (RUM)" destination: sessions of the users of a web or mobile app.
        test: /Real User Monitoring/i,
        category: 'analytics',
        why: 'the page lists it under Real User Monitoring: what the users of an application do',
      },
    ],
    defaultCategory: 'telemetry',
    defaultWhy:
      'the page lists it as a destination of Datadog Agent data (APM traces, processes, logs, profiles, metrics): monitoring telemetry of the host',
    siteRegions: [
      { test: /^EU/, region: 'eu' },
      { test: /^US/, region: 'us' },
    ],
    exclude: [
      {
        test: /^ip-ranges\./,
        why: 'the page names it as where the IP list is published, not as a destination of Agent data',
      },
    ],
  },
  {
    lockId: 'windows-diagnostic-data-endpoints',
    idPrefix: 'windows-diagnostic-data',
    vendor: 'Microsoft',
    product: 'Windows diagnostic data',
    url: 'https://learn.microsoft.com/en-us/windows/privacy/configure-windows-diagnostic-data-in-your-organization',
    title:
      'Microsoft Learn, "Configure Windows diagnostic data in your organization", Endpoints table (MicrosoftDocs/windows-itpro-docs, CC BY 4.0)',
    context: 'own-line',
    categories: [
      {
        test: /Windows Error Reporting|Online Crash Analysis/,
        category: 'crash-reporting',
        why: 'the page lists it for Windows Error Reporting or Online Crash Analysis: crash reports and dumps',
      },
      {
        test: /Connected User Experiences and Telemetry/,
        category: 'telemetry',
        why: 'the page lists it for Connected User Experiences and Telemetry: Windows diagnostic data events',
      },
      {
        test: /diagnostics-related settings/,
        category: 'diagnostics',
        why: 'the page says it configures diagnostics-related settings and data collection remotely',
      },
      { test: /device authentication/i, category: 'identity', why: 'the page lists it for device authentication' },
    ],
    defaultCategory: 'telemetry',
    defaultWhy: 'the page lists it among the endpoints of Windows diagnostic data',
  },
  {
    lockId: 'vscode-network',
    idPrefix: 'vscode',
    vendor: 'Microsoft',
    product: 'Visual Studio Code',
    url: 'https://code.visualstudio.com/docs/setup/network',
    title:
      'Visual Studio Code docs, "Network Connections in Visual Studio Code", Common hostnames (microsoft/vscode-docs, CC BY 3.0 US)',
    context: 'own-line',
    categories: [
      { test: /Crash reporting/i, category: 'crash-reporting', why: 'the page calls it the crash reporting service' },
      {
        test: /fallback when logging in/,
        category: 'identity',
        why: 'the page names it as the sign-in fallback (GitHub or Microsoft accounts)',
      },
      { test: /Settings Sync/, category: 'sync-storage', why: 'the page calls it the Settings Sync service' },
      {
        test: /update server|download CDN/,
        category: 'update',
        why: 'the page names it as where Visual Studio Code itself is downloaded and updated from',
      },
      {
        test: /Marketplace|CDN|download server|web extensions/,
        category: 'content-delivery',
        why: 'the page names it as a source of extensions, dependencies or static files',
      },
    ],
    defaultCategory: 'other',
    defaultWhy:
      'the page lists it among the hostnames VS Code needs (documentation, search, links, sign-in fallback, experiments)',
  },
  {
    lockId: 'defender-antivirus-network',
    idPrefix: 'defender-antivirus',
    vendor: 'Microsoft',
    product: 'Microsoft Defender Antivirus',
    url: 'https://learn.microsoft.com/en-us/defender-endpoint/configure-network-connections-microsoft-defender-antivirus',
    title:
      'Microsoft Learn, "Configure and validate Microsoft Defender Antivirus network connections", Services and URLs (MicrosoftDocs/defender-docs, CC BY 4.0)',
    context: 'own-line',
    categories: [
      {
        test: /Malware submission storage/,
        category: 'sync-storage',
        why: 'the page names it as the upload location of files submitted to Microsoft (sample submission): file content leaves the device',
      },
      {
        test: /Certificate Revocation List/,
        category: 'certificate',
        why: 'the page lists it for certificate revocation lists',
      },
      {
        test: /diagnostic data/,
        category: 'telemetry',
        why: 'the page says the client uses it to send diagnostic data',
      },
      {
        test: /Update Service|Security intelligence updates/,
        category: 'update',
        why: 'the page lists it for security intelligence and product updates',
      },
    ],
    defaultCategory: 'other',
    defaultWhy:
      'the page lists it for cloud-delivered protection (MAPS): look-ups of file and URL metadata in the Defender cloud',
    exclude: [
      {
        test: /^(www|go)\.microsoft\.com$/,
        why: "the page names paths on Microsoft's web site and link redirector, which carry everything else too",
      },
    ],
  },
  {
    lockId: 'appcenter-allowlist',
    idPrefix: 'appcenter',
    vendor: 'Microsoft',
    product: 'Visual Studio App Center',
    url: 'https://learn.microsoft.com/en-us/appcenter/general/allowlist',
    title: 'Microsoft Learn, "URLs to allow list for App Center" (MicrosoftDocs/appcenter-docs, CC BY 4.0)',
    categories: [],
    // The page says only that App Center needs these hosts (SDK analytics, crash reports, distribution all go to
    // *.appcenter.ms); it does not say which host serves which, so no narrower category is claimed.
    defaultCategory: 'other',
    defaultWhy: 'the page lists the hosts App Center needs without saying which service each carries',
  },
];

/**
 * A maintained third-party list whose every entry serves one purpose. `vendor` null: each entry's vendor is the
 * owner of its registrable domain (owner table), and an entry whose owner is unknown is left out.
 */
export interface ThirdPartyList {
  /** Path of the list inside its locked source directory. */
  file: string;
  /** Rule ids are `<source>.<idPart>[.<vendor slug>]`. */
  idPart: string;
  vendor: string | null;
  product: string;
  category: Category;
  why: string;
  /** Entries the list names that do not serve its purpose alone. */
  exclude?: readonly { test: RegExp; why: string }[];
}

/**
 * hagezi "native tracker" lists: per device or OS maker, the hosts its own software reports device and usage data
 * to ("Blocks <vendor> native broadband tracker that track your activity"). The lists mix telemetry, analytics
 * and advertising measurement without saying which host is which, so every entry is `telemetry` (the vendor
 * collecting data about the device and its use) and nothing narrower is claimed. The list's vendor stands unless
 * the owner table names another company for the host's domain (Adobe's demdex.net in the Samsung list).
 * Lists of vendors the catalog's users rarely meet (TikTok, LG webOS, Roku, vivo, OPPO/realme, Xiaomi, Amazon) were
 * not copied yet.
 */
export const HAGEZI_NATIVE_LISTS: readonly ThirdPartyList[] = [
  {
    file: 'domains/native.apple.txt',
    idPart: 'apple',
    vendor: 'Apple',
    product: 'Apple device and app tracking (hagezi native list)',
    category: 'telemetry',
    why: "hagezi's Apple native-tracker list: hosts Apple's own software sends device and usage data to",
  },
  {
    file: 'domains/native.huawei.txt',
    idPart: 'huawei',
    vendor: 'Huawei',
    product: 'Huawei device and app tracking (hagezi native list)',
    category: 'telemetry',
    why: "hagezi's Huawei native-tracker list: hosts Huawei's own software sends device and usage data to",
  },
  {
    file: 'domains/native.samsung.txt',
    idPart: 'samsung',
    vendor: 'Samsung',
    product: 'Samsung device and app tracking (hagezi native list)',
    category: 'telemetry',
    why: "hagezi's Samsung native-tracker list: hosts Samsung's own software sends device and usage data to",
  },
  {
    file: 'domains/native.winoffice.txt',
    idPart: 'winoffice',
    vendor: 'Microsoft',
    product: 'Windows / Office tracking (hagezi native list)',
    category: 'telemetry',
    why: "hagezi's Windows/Office native-tracker list: hosts Windows and Office send device and usage data to",
  },
];

/** General web hosts: they publish a CRL file or answer a portal probe, but carry everything else too. */
const GENERAL_WEB_HOSTS = [
  {
    test: /^www\./,
    why: 'a www. host serves the whole web site; the probe or CRL file is one path on it',
  },
] as const;

/**
 * MISP warninglists that say what a host is for. Left out: microsoft-office365 (a mix of purposes; the Microsoft
 * 365 page is imported itself), microsoft-win10-connection-endpoints (a mix, superseded by the Windows 11 page),
 * google / microsoft (ownership only: v2fly gives that), public-dns-hostname (resolvers: no catalog category).
 */
export const MISP_PURPOSE_LISTS: readonly ThirdPartyList[] = [
  {
    file: 'lists/crl-hostname/list.json',
    idPart: 'crl-hostname',
    vendor: null,
    product: 'Certificate revocation (CRL / OCSP)',
    category: 'certificate',
    why: 'MISP warninglist crl-hostname: "Domains that belongs to CRL or OCSP"',
    exclude: GENERAL_WEB_HOSTS,
  },
  {
    file: 'lists/captive-portals/list.json',
    idPart: 'captive-portals',
    vendor: null,
    product: 'Captive-portal / connectivity check',
    category: 'connectivity-check',
    why: 'MISP warninglist captive-portals: host names operating systems probe for captive-portal detection (Wireless Broadband Alliance)',
    exclude: [
      ...GENERAL_WEB_HOSTS,
      {
        test: /^[a-z0-9-]+\.[a-z]+$/,
        why: "a bare registrable domain (apple.com) is the vendor's whole web site, not only its probe",
      },
    ],
  },
];

/** One of Firefox's default-preference files, saved as a locked excerpt (data/sources/firefox-default-prefs). */
export interface FirefoxPrefFile {
  /** Path inside the locked source directory. */
  file: string;
  /** Rule ids are `firefox.<idPart>.<pref prefix slug>[.<vendor slug>]`. */
  idPart: string;
  /** The file at the commit the excerpt was copied from (the rules' `source`). */
  url: string;
}

export const FIREFOX_PREF_FILES: readonly FirefoxPrefFile[] = [
  {
    file: 'firefox.js',
    idPart: 'browser',
    url: 'https://github.com/mozilla-firefox/firefox/blob/065ef2ec41072d89efa62ed511feaec8a7d0d996/browser/app/profile/firefox.js',
  },
  {
    file: 'all.js',
    idPart: 'all',
    url: 'https://github.com/mozilla/gecko-dev/blob/026eb05910e7ed0e320991086dfa523beee42b1a/modules/libpref/init/all.js',
  },
];

export interface FirefoxPrefCategory {
  /** A full pref name, or a branch ending in '.'; the longest matching prefix wins. */
  prefix: string;
  /** null: the pref is a page users open (documentation, advisories), not a service the browser talks to. */
  category: Category | null;
  /** The endpoint receives the device's position (Wi-Fi / IP geolocation): personal data 'likely', kind location. */
  location?: boolean;
  product: string;
  why: string;
}

/**
 * Firefox preference names → what the endpoint they hold is for. Only prefs whose purpose the name (and the comment
 * next to it in the file) makes clear; every other pref holding a URL is skipped and counted. Vendor is never taken
 * from here: it is the owner of the host's registrable domain (Google for the Safe Browsing and geolocation hosts).
 */
export const FIREFOX_PREF_CATEGORIES: readonly FirefoxPrefCategory[] = [
  {
    prefix: 'app.update.',
    category: 'update',
    product: 'Firefox application update',
    why: 'application update (AUS) checks and downloads',
  },
  {
    prefix: 'extensions.systemAddon.update.url',
    category: 'update',
    product: 'Firefox system add-on update',
    why: 'system add-on updates are fetched from the update service (AUS)',
  },
  {
    prefix: 'extensions.update.',
    category: 'update',
    product: 'Firefox add-on update checks',
    why: "add-on update and compatibility checks send the installed add-ons' ids and versions",
  },
  {
    prefix: 'media.gmp-manager.',
    category: 'update',
    product: 'Firefox media plugin (GMP) updates',
    why: 'install and update checks of media plugins (OpenH264, Widevine)',
  },
  {
    prefix: 'services.settings.',
    category: 'update',
    product: 'Firefox Remote Settings',
    why: 'Remote Settings: blocklists, certificate data and configuration the browser polls',
  },
  {
    prefix: 'app.normandy.api_url',
    category: 'update',
    product: 'Firefox Normandy',
    why: 'Normandy: recipes that change preferences and enrol the browser in studies (remote configuration)',
  },
  {
    prefix: 'toolkit.telemetry.server',
    category: 'telemetry',
    product: 'Firefox telemetry',
    why: 'the server Firefox submits telemetry pings to',
  },
  {
    prefix: 'toolkit.telemetry.dap_',
    category: 'telemetry',
    product: 'Firefox DAP telemetry',
    why: 'Distributed Aggregation Protocol servers that receive privacy-preserving telemetry reports',
  },
  {
    prefix: 'toolkit.coverage.endpoint.',
    category: 'telemetry',
    product: 'Firefox telemetry coverage ping',
    why: 'the coverage ping that measures how many clients send telemetry',
  },
  {
    prefix: 'breakpad.reportURL',
    category: 'crash-reporting',
    product: 'Firefox crash reports',
    why: 'the crash report server (crash-stats) submitted reports go to and about:crashes links to',
  },
  {
    prefix: 'toolkit.crashreporter.',
    category: 'crash-reporting',
    product: 'Firefox crash reporter',
    why: 'crash reporter settings',
  },
  {
    prefix: 'captivedetect.canonicalURL',
    category: 'connectivity-check',
    product: 'Firefox captive-portal detection',
    why: 'the page fetched to detect a captive portal',
  },
  {
    prefix: 'network.connectivity-service.',
    category: 'connectivity-check',
    product: 'Firefox connectivity service',
    why: 'URLs fetched to test IPv4 / IPv6 connectivity',
  },
  {
    prefix: 'geo.provider.network.url',
    category: 'other',
    location: true,
    product: 'Firefox network geolocation',
    why: "network geolocation: nearby Wi-Fi and cell data sent to resolve the device's position",
  },
  {
    prefix: 'browser.region.network.url',
    category: 'other',
    location: true,
    product: 'Firefox region lookup',
    why: "region lookup: the country is derived from the client's address",
  },
  {
    prefix: 'dom.push.serverURL',
    category: 'other',
    product: 'Firefox web push service',
    why: 'the push service that holds web-push subscriptions and delivers their messages',
  },
  {
    prefix: 'identity.fxaccounts.',
    category: 'identity',
    product: 'Mozilla accounts',
    why: 'Mozilla account (Firefox Accounts) sign-in, profile, OAuth and pairing servers',
  },
  {
    prefix: 'identity.sync.tokenserver.',
    category: 'sync-storage',
    product: 'Firefox Sync',
    why: 'the token server that hands out Sync storage credentials',
  },
  {
    prefix: 'services.sync.',
    category: 'sync-storage',
    product: 'Firefox Sync',
    why: 'Firefox Sync (bookmarks, history, passwords, tabs)',
  },
  {
    prefix: 'webextensions.storage.sync.',
    category: 'sync-storage',
    product: 'Firefox extension storage.sync',
    why: "the server that stores extensions' storage.sync data",
  },
  {
    prefix: 'browser.safebrowsing.provider.',
    category: 'other',
    product: 'Safe Browsing',
    why: 'Safe Browsing list updates and hash lookups',
  },
  {
    prefix: 'browser.safebrowsing.provider.google.advisoryURL',
    category: null,
    product: '',
    why: 'a documentation page users open',
  },
  {
    prefix: 'browser.safebrowsing.provider.google4.advisoryURL',
    category: null,
    product: '',
    why: 'a documentation page users open',
  },
  {
    prefix: 'browser.safebrowsing.provider.google.reportURL',
    category: null,
    product: '',
    why: 'a diagnostic page users open',
  },
  {
    prefix: 'browser.safebrowsing.provider.google4.reportURL',
    category: null,
    product: '',
    why: 'a diagnostic page users open',
  },
  {
    prefix: 'browser.safebrowsing.downloads.remote.url',
    category: 'other',
    product: 'Safe Browsing download protection',
    why: 'download reputation checks send metadata of downloaded files',
  },
  {
    prefix: 'browser.urlbar.merino.',
    category: 'other',
    product: 'Firefox Suggest (Merino)',
    why: 'Firefox Suggest: address-bar input is sent for suggestions',
  },
  {
    prefix: 'browser.topsites.contile.',
    category: 'advertising',
    product: 'Firefox sponsored top sites',
    why: 'sponsored top-site tiles on the New Tab page',
  },
  {
    prefix: 'browser.newtabpage.activity-stream.unifiedAds.',
    category: 'advertising',
    product: 'Firefox New Tab ads',
    why: "Mozilla's ad routing service for New Tab sponsored content",
  },
];

/** The mapping entry for a pref: the longest matching prefix, or null when none matches. */
export function firefoxPrefCategory(pref: string): FirefoxPrefCategory | null {
  let best: FirefoxPrefCategory | null = null;
  for (const e of FIREFOX_PREF_CATEGORIES)
    if (pref.startsWith(e.prefix) && (best === null || e.prefix.length > best.prefix.length)) best = e;
  return best;
}

/** A constant name in a vendor's source file and what the endpoint it holds is for (null: not a service). */
export interface VendorCodeKey {
  /** Tested against the whole constant name. */
  key: RegExp;
  category: Category | null;
  product: string;
  why: string;
}

/** One locked source file and the constants in it that name the vendor's endpoints. */
export interface VendorCodeFile {
  /** Path inside the locked source directory (the repository's own path). */
  file: string;
  /** The file at the commit it was copied from (the rules' `source`). */
  url: string;
  keys: readonly VendorCodeKey[];
}

/**
 * A vendor's own source code, saved as locked files: the default endpoints its software contacts, each named by
 * the constant that holds it (source-constants.ts). The constant's name and the comment next to it say what the
 * endpoint is for; this table writes that down per file, and the host always comes from the file. A constant
 * whose name no entry matches is skipped and counted.
 */
export interface VendorCode {
  lockId: string;
  /** Rule ids are `code.<idPrefix>.<category>[.<vendor slug>]`. */
  idPrefix: string;
  /** Spelt as the hand-curated catalog spells it. */
  vendor: string;
  /** Opens every rule's notes. */
  title: string;
  files: readonly VendorCodeFile[];
  /** Hosts the code names that are not the product's production traffic (staging servers). */
  exclude?: readonly { test: RegExp; why: string }[];
}

/**
 * When one source names a host for several purposes (Chromium's clients4.google.com receives metrics and sync
 * data), the rule states the purpose that sends the more personal data, in this order, and its notes name all.
 */
export const MULTI_PURPOSE_ORDER: readonly Category[] = [
  'crash-reporting',
  'telemetry',
  'analytics',
  'advertising',
  'sync-storage',
  'identity',
  'diagnostics',
  'licensing',
  'update',
  'other',
  'content-delivery',
  'connectivity-check',
  'certificate',
  'time',
];

const CHROMIUM = 'https://github.com/chromium/chromium/blob/';
const FIREBASE_JS = 'https://github.com/firebase/firebase-js-sdk/blob/6f865964baf5b4bd23b077fecec1028434a7387e/';
const FIREBASE_IOS = 'https://github.com/firebase/firebase-ios-sdk/blob/eed63a35a90dbd46184ca1a6afeb144ee783b5fd/';
const STAGING = [
  {
    test: /(^|\.)sandbox\.googleapis\.com$|^staging[-.]/,
    why: 'a staging server the code selects only in test builds',
  },
] as const;

export const VENDOR_CODE: readonly VendorCode[] = [
  {
    lockId: 'chromium-url-constants',
    idPrefix: 'chromium',
    vendor: 'Google',
    title: 'Chromium source (BSD-3-Clause), default service URLs of Google Chrome',
    files: [
      {
        file: 'components/variations/variations_url_constants.cc',
        url: `${CHROMIUM}be5cd41eea3ed2f989f430d623877d27f7779501/components/variations/variations_url_constants.cc`,
        keys: [
          {
            key: /^kDefault(Insecure)?ServerUrl$/,
            category: 'other',
            product: 'Chrome Variations (field-trial configuration)',
            why: '"Default server of Variations seed info": the field-trial configuration the browser downloads',
          },
        ],
      },
      {
        file: 'components/metrics/url_constants.cc',
        url: `${CHROMIUM}36783bbe94b80beb0de8dcccfeba4023222a85f1/components/metrics/url_constants.cc`,
        keys: [
          {
            key: /^k(New|Old)MetricsServerUrl(Insecure)?$/,
            category: 'telemetry',
            product: 'Chrome usage statistics (UMA)',
            why: 'the server UMA metrics logs are uploaded to',
          },
          {
            key: /^kDefaultUkmServerUrl$/,
            category: 'telemetry',
            product: 'Chrome URL-keyed metrics (UKM)',
            why: 'the server URL-keyed metrics (UKM) logs are uploaded to',
          },
        ],
      },
      {
        file: 'components/component_updater/component_updater_url_constants.cc',
        url: `${CHROMIUM}5b83ed465231eb0bb65d444348d89cb5a66501a0/components/component_updater/component_updater_url_constants.cc`,
        keys: [
          {
            key: /^kUpdaterJSON(Default|Fallback)Url$/,
            category: 'update',
            product: 'Chrome component updater',
            why: 'the update protocol endpoint the component updater checks and downloads from',
          },
        ],
      },
      {
        file: 'components/sync/base/sync_util.cc',
        url: `${CHROMIUM}00a94d32ca280a3b7c180878021cac6d0bff604c/components/sync/base/sync_util.cc`,
        keys: [
          {
            key: /^kSync(Dev)?ServerUrl$/,
            category: 'sync-storage',
            product: 'Chrome Sync',
            why: 'the Chrome Sync server (bookmarks, history, passwords, settings)',
          },
        ],
      },
      {
        file: 'extensions/common/extension_urls.cc',
        url: `${CHROMIUM}060a799412c3260f66315db3c9627cf8dc68bb86/extensions/common/extension_urls.cc`,
        keys: [
          {
            key: /^kChromeWebstoreUpdateURL$/,
            category: 'update',
            product: 'Chrome extension updates',
            why: 'the Chrome Web Store update URL extensions are checked and updated from',
          },
          {
            key: /^k(New)?ChromeWebstoreBaseURL$/,
            category: null,
            product: '',
            why: 'the Web Store site users open',
          },
        ],
      },
      {
        file: 'google_apis/gaia/gaia_urls.cc',
        url: `${CHROMIUM}01b371b24ca9ffc5545ab8c899895baf6b4874cc/google_apis/gaia/gaia_urls.cc`,
        keys: [
          {
            key: /^kDefault(GaiaUrl|OAuthAccountManagerBaseUrl|AccountCapabilitiesBaseUrl)$/,
            category: 'identity',
            product: 'Google account sign-in (Gaia)',
            why: 'Gaia service URLs: Google account sign-in, OAuth tokens and account capabilities',
          },
          {
            key: /^kDefault(GoogleUrl|GoogleApisBaseUrl)$/,
            category: null,
            product: '',
            why: "google.com and www.googleapis.com carry every Google service, not only the browser's sign-in calls",
          },
        ],
      },
      {
        file: 'components/safe_browsing/core/browser/db/v4_protocol_manager_util.cc',
        url: `${CHROMIUM}0e4923935ca2da3bd9fb0435354ed0f8e16d4013/components/safe_browsing/core/browser/db/v4_protocol_manager_util.cc`,
        keys: [
          {
            key: /^kSbV4UrlPrefix$/,
            category: 'other',
            product: 'Safe Browsing',
            why: 'the Safe Browsing V4 server: list updates and hash look-ups',
          },
          {
            key: /^kSbReportsURLPrefix$/,
            category: 'other',
            product: 'Safe Browsing reports',
            why: 'where the browser reports Safe Browsing hits and malware details',
          },
        ],
      },
    ],
  },
  {
    lockId: 'firebase-js-sdk',
    idPrefix: 'firebase',
    vendor: 'Google',
    title: 'Firebase JavaScript SDK source (Apache-2.0), default service endpoints',
    exclude: STAGING,
    files: [
      {
        file: 'packages/analytics/src/constants.ts',
        url: `${FIREBASE_JS}packages/analytics/src/constants.ts`,
        keys: [
          {
            key: /^GTAG_URL$/,
            category: 'analytics',
            product: 'Google Analytics (gtag.js)',
            why: 'the gtag.js library Firebase Analytics loads to send measurement to Google Analytics',
          },
          {
            key: /^DYNAMIC_CONFIG_URL$/,
            category: 'other',
            product: 'Firebase Analytics configuration',
            why: "the app's web configuration (measurement id) Firebase Analytics looks up",
          },
        ],
      },
      {
        file: 'packages/app-check/src/constants.ts',
        url: `${FIREBASE_JS}packages/app-check/src/constants.ts`,
        keys: [
          {
            key: /^BASE_ENDPOINT$/,
            category: 'other',
            product: 'Firebase App Check',
            why: 'App Check token exchange (app attestation)',
          },
        ],
      },
      {
        file: 'packages/installations/src/util/constants.ts',
        url: `${FIREBASE_JS}packages/installations/src/util/constants.ts`,
        keys: [
          {
            key: /^INSTALLATIONS_API_URL$/,
            category: 'other',
            product: 'Firebase Installations',
            why: 'registers an identifier per app installation that other Firebase services use',
          },
        ],
      },
      {
        file: 'packages/messaging/src/util/constants.ts',
        url: `${FIREBASE_JS}packages/messaging/src/util/constants.ts`,
        keys: [
          {
            key: /^ENDPOINT$/,
            category: 'other',
            product: 'Firebase Cloud Messaging registration',
            why: 'push-message (FCM) registrations',
          },
        ],
      },
      {
        file: 'packages/performance/src/services/settings_service.ts',
        url: `${FIREBASE_JS}packages/performance/src/services/settings_service.ts`,
        keys: [
          {
            key: /^logEndPointUrl$/,
            category: 'telemetry',
            product: 'Firebase Performance Monitoring',
            why: '"Address of logging service": where performance traces of the app are logged',
          },
        ],
      },
      {
        file: 'packages/firestore/src/lite-api/settings.ts',
        url: `${FIREBASE_JS}packages/firestore/src/lite-api/settings.ts`,
        keys: [
          {
            key: /^DEFAULT_HOST$/,
            category: 'sync-storage',
            product: 'Cloud Firestore',
            why: "the Firestore database service the app's documents are stored in",
          },
        ],
      },
      {
        file: 'packages/storage/src/implementation/constants.ts',
        url: `${FIREBASE_JS}packages/storage/src/implementation/constants.ts`,
        keys: [
          {
            key: /^DEFAULT_HOST$/,
            category: 'sync-storage',
            product: 'Cloud Storage for Firebase',
            why: "the storage service the app's files are uploaded to",
          },
        ],
      },
      {
        file: 'packages/auth/src/core/auth/auth_impl.ts',
        url: `${FIREBASE_JS}packages/auth/src/core/auth/auth_impl.ts`,
        keys: [
          {
            key: /^(TOKEN_)?API_HOST$/,
            category: 'identity',
            product: 'Firebase Authentication',
            why: 'the sign-in (Identity Toolkit) and token (Secure Token) services',
          },
        ],
      },
    ],
  },
  {
    lockId: 'firebase-ios-sdk',
    idPrefix: 'firebase-apple',
    vendor: 'Google',
    title: 'Firebase Apple SDK source (Apache-2.0), default service endpoints',
    exclude: STAGING,
    files: [
      {
        file: 'Crashlytics/Shared/FIRCLSConstants.m',
        url: `${FIREBASE_IOS}Crashlytics/Shared/FIRCLSConstants.m`,
        keys: [
          {
            key: /^FIRCLS(Settings|Configure|Reports)Endpoint$/,
            category: 'crash-reporting',
            product: 'Firebase Crashlytics',
            why: 'Crashlytics endpoints: crash-reporting settings, configuration and crash report upload',
          },
        ],
      },
      {
        file: 'FirebaseRemoteConfig/Sources/RCNConfigFetch.m',
        url: `${FIREBASE_IOS}FirebaseRemoteConfig/Sources/RCNConfigFetch.m`,
        keys: [
          {
            key: /^kServerURLDomain$/,
            category: 'other',
            product: 'Firebase Remote Config',
            why: 'remote configuration values the app fetches',
          },
        ],
      },
      {
        file: 'FirebaseRemoteConfig/Sources/RCNConfigRealtime.m',
        url: `${FIREBASE_IOS}FirebaseRemoteConfig/Sources/RCNConfigRealtime.m`,
        keys: [
          {
            key: /^kServerURLDomain$/,
            category: 'other',
            product: 'Firebase Remote Config (real-time)',
            why: 'real-time updates of remote configuration values',
          },
        ],
      },
    ],
  },
  {
    lockId: 'newrelic-browser-agent',
    idPrefix: 'newrelic',
    vendor: 'New Relic',
    title: 'New Relic Browser agent source (Apache-2.0), default endpoints',
    files: [
      {
        file: 'src/common/window/nreum.js',
        url: 'https://github.com/newrelic/newrelic-browser-agent/blob/df7260404dee51cf3706311235ab9b0d785f8789/src/common/window/nreum.js',
        keys: [
          {
            key: /^(beacon|errorBeacon)$/,
            category: 'analytics',
            product: 'New Relic Browser agent',
            why: 'the default beacon the browser agent sends page views, timings and errors of the users of a web site to',
          },
        ],
      },
      {
        file: 'tools/webpack/env.mjs',
        url: 'https://github.com/newrelic/newrelic-browser-agent/blob/df7260404dee51cf3706311235ab9b0d785f8789/tools/webpack/env.mjs',
        keys: [
          {
            key: /^PUBLIC_PATH$/,
            category: 'content-delivery',
            product: 'New Relic Browser agent script',
            why: "the CDN the agent's script chunks are loaded from (webpack public path of the published builds)",
          },
        ],
      },
    ],
  },
  {
    lockId: 'segment-analytics-next',
    idPrefix: 'segment',
    vendor: 'Twilio (Segment)',
    title: 'Segment Analytics.js source (MIT), default endpoints',
    files: [
      {
        file: 'packages/browser/src/core/constants/index.ts',
        url: 'https://github.com/segmentio/analytics-next/blob/0c4fa881d3a1c8653fbe434170ae1178fb49841d/packages/browser/src/core/constants/index.ts',
        keys: [
          {
            key: /^SEGMENT_API_HOST$/,
            category: 'analytics',
            product: 'Segment Analytics.js',
            why: 'the default API host Analytics.js sends tracked events to',
          },
        ],
      },
    ],
  },
  {
    lockId: 'mixpanel-js',
    idPrefix: 'mixpanel',
    vendor: 'Mixpanel',
    title: 'Mixpanel JavaScript SDK source (Apache-2.0), default endpoints',
    files: [
      {
        file: 'src/mixpanel-core.js',
        url: 'https://github.com/mixpanel/mixpanel-js/blob/4ca40f4179b2af0fc8956ded54f7d984de148e95/src/mixpanel-core.js',
        keys: [
          {
            key: /^api_host$/,
            category: 'analytics',
            product: 'Mixpanel JavaScript SDK',
            why: 'the default API host the SDK sends tracked events to',
          },
          {
            key: /^cdn$/,
            category: 'content-delivery',
            product: 'Mixpanel JavaScript SDK',
            why: 'the CDN the SDK loads its bundles from',
          },
          { key: /^app_host$/, category: null, product: '', why: 'the web application users open' },
        ],
      },
    ],
  },
];
