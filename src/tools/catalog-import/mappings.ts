/**
 * The choices the import makes, in one place and explained: which v2fly list names which owner (spelt as the
 * catalog spells vendors), which v2fly lists say what traffic is for, how Microsoft's service areas and Windows
 * areas map to catalog categories, and what each category says about personal data.
 */
import type { Category, DataKind, Rating } from '../../enrich/catalog/types.js';

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

/** Windows 11 endpoint areas → category; the description can refine it (see WINDOWS_DESCRIPTION_CATEGORIES). */
export const WINDOWS_AREAS: Readonly<Record<string, Category>> = {
  Apps: 'other',
  Certificates: 'certificate',
  'Cortana and Live Tiles': 'content-delivery',
  'Device authentication': 'identity',
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
