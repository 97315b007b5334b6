/**
 * Recipient names → companies (HQ country, DPF facts in src/enrich/operators/companies.ts): the one table that
 * maps how a recipient is spelt by the catalog ("Microsoft (LinkedIn)"), the domain-owner list ("Google"), a
 * certificate's subject Organization ("Google LLC") or the first-party network table onto a company. A name
 * the table does not know is a company we know nothing about: HQ and DPF unknown, never guessed from a
 * similar-looking AS name (an AS pattern such as "orange" would match far too much here).
 */
import { COMPANIES, type Company } from '../operators/companies.js';

/** Normalised name → company key. Catalog vendor names first, then legal names as certificates write them. */
const NAMES: Readonly<Record<string, string>> = {
  // Catalog vendors (data/catalog/*.json) and domain owners.
  microsoft: 'microsoft',
  'microsoft (linkedin)': 'microsoft',
  'microsoft (github)': 'microsoft',
  google: 'alphabet',
  'google trust services': 'alphabet',
  apple: 'apple',
  amazon: 'amazon',
  'amazon trust services': 'amazon',
  meta: 'meta',
  salesforce: 'salesforce',
  'salesforce (slack)': 'salesforce',
  zoom: 'zoom',
  cisco: 'cisco',
  dropbox: 'dropbox',
  adobe: 'adobe',
  akamai: 'akamai',
  cloudflare: 'cloudflare',
  fastly: 'fastly',
  oracle: 'oracle',
  ibm: 'ibm',
  'x corp.': 'x-corp',
  mozilla: 'mozilla',
  nvidia: 'nvidia',
  crowdstrike: 'crowdstrike',
  atlassian: 'atlassian',
  datadog: 'datadog',
  'new relic': 'new-relic',
  'sentry (functional software)': 'sentry',
  mixpanel: 'mixpanel',
  intel: 'intel',
  dell: 'dell',
  hp: 'hp',
  'palo alto networks': 'palo-alto',
  twilio: 'twilio',
  'twilio (segment)': 'twilio',
  broadcom: 'broadcom',
  'broadcom (vmware carbon black)': 'broadcom',
  'broadcom (symantec)': 'broadcom',
  'citrix (cloud software group)': 'cloud-software-group',
  'omnissa (formerly vmware end-user computing)': 'omnissa',
  digicert: 'digicert',
  'quovadis (digicert)': 'digicert',
  sectigo: 'sectigo',
  'sectigo (usertrust)': 'sectigo',
  'sectigo (comodo)': 'sectigo',
  "let's encrypt (isrg)": 'isrg',
  godaddy: 'godaddy',
  'starfield (godaddy)': 'godaddy',
  identrust: 'identrust',
  entrust: 'entrust',
  'ssl.com': 'ssl-com',
  'trend micro': 'trend-micro',
  samsung: 'samsung',
  lenovo: 'lenovo',
  kaspersky: 'kaspersky',
  sophos: 'sophos',
  eset: 'eset',
  jetbrains: 'jetbrains',
  'hotjar (contentsquare)': 'hotjar',
  teamviewer: 'teamviewer',
  anydesk: 'anydesk',
  globalsign: 'globalsign',
  'd-trust (bundesdruckerei)': 'd-trust',
  'dfn-pki': 'dfn',
  'deutsche telekom security': 'deutsche-telekom',
  'deutsche telekom security (telesec)': 'deutsche-telekom',
  actalis: 'actalis',
  certigna: 'certigna',
  'certigna (dhimyotis)': 'certigna',
  buypass: 'buypass',
  harica: 'harica',
  izenpe: 'izenpe',
  firmaprofesional: 'firmaprofesional',
  'anf ac': 'anf',
  swisssign: 'swisssign',
  disig: 'disig',
  certsign: 'certsign',
  'certum (asseco)': 'asseco',
  'krajowa izba rozliczeniowa': 'kir',
  'pkioverheid (logius, nl)': 'logius',
  'microsec (e-szigno)': 'microsec',
  netlock: 'netlock',
  // Subject Organization names as the companies' own certificates write them (legal form stripped).
  'microsoft corporation': 'microsoft',
  'linkedin corporation': 'microsoft',
  'github, inc.': 'microsoft',
  'google llc': 'alphabet',
  'apple inc.': 'apple',
  'meta platforms, inc.': 'meta',
  'facebook, inc.': 'meta',
  'whatsapp llc': 'meta',
  'amazon.com, inc.': 'amazon',
  'amazon.com services llc': 'amazon',
  'cloudflare, inc.': 'cloudflare',
  'fastly, inc.': 'fastly',
  'akamai technologies, inc.': 'akamai',
  'zoom video communications, inc.': 'zoom',
  'zoom communications, inc.': 'zoom',
  'dropbox, inc': 'dropbox',
  'dropbox, inc.': 'dropbox',
  'adobe inc.': 'adobe',
  'salesforce, inc.': 'salesforce',
  'salesforce.com, inc.': 'salesforce',
  'cisco systems, inc.': 'cisco',
  'oracle corporation': 'oracle',
  'mozilla corporation': 'mozilla',
};

/** Lower case, one space between words: how names are compared. */
export function normaliseRecipientName(name: string): string {
  return name.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The company a recipient name stands for, or null when the table does not know it. */
export function recipientCompany(name: string): Company | null {
  const key = NAMES[normaliseRecipientName(name)];
  return key === undefined ? null : (COMPANIES.get(key) ?? null);
}

/** Every company key the table names (for the test that keeps it free of dangling keys). */
export function recipientCompanyKeys(): string[] {
  return [...new Set(Object.values(NAMES))];
}
