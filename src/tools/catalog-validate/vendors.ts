/**
 * Vendor names from different sources spelt alike for comparison: "Microsoft Corporation" = "Microsoft",
 * "Facebook" = "Meta", "Salesforce (Slack)" = "Slack" = "Salesforce", "Google Trust Services" = "Google". Two
 * names agree when their first words (after dropping company-form words) or any bracketed alias agree. Lenient on
 * purpose: the validation asks whether the right organisation was named, not whether it was spelt the same.
 */
import { namesAnOrganisation } from '../../enrich/recipient/recipient.js';

const COMPANY_WORDS = new Set([
  'inc',
  'inc.',
  'llc',
  'ltd',
  'ltd.',
  'gmbh',
  'corporation',
  'corp',
  'corp.',
  'co',
  'plc',
  'ag',
  'sa',
  'bv',
  'the',
]);
/** Other names of the same organisation, by first word. */
const ALIASES: Record<string, string> = {
  facebook: 'meta',
  instagram: 'meta',
  whatsapp: 'meta',
  alphabet: 'google',
  youtube: 'google',
  aws: 'amazon',
  linkedin: 'microsoft',
  github: 'microsoft',
  skype: 'microsoft',
  vmware: 'broadcom',
  symantec: 'broadcom',
  comodo: 'sectigo',
  usertrust: 'sectigo',
  isrg: "let's",
  slack: 'salesforce',
  segment: 'twilio',
};

/** The keys a vendor name is known by: its first word and each bracketed alias's first word, aliased. */
export function vendorKeys(vendor: string): Set<string> {
  const keys = new Set<string>();
  const add = (text: string): void => {
    const words = text
      .toLowerCase()
      .replace(/[,()]/g, ' ')
      .split(/\s+/)
      .filter((w) => w.length > 0 && !COMPANY_WORDS.has(w));
    const first = words[0];
    if (first === undefined) return;
    keys.add(ALIASES[first] ?? first);
  };
  const open = vendor.indexOf('(');
  add(open >= 0 ? vendor.slice(0, open) : vendor);
  for (const m of vendor.matchAll(/\(([^)]*)\)/g)) add(m[1] ?? '');
  return keys;
}

export function sameVendor(a: string, b: string): boolean {
  const ka = vendorKeys(a);
  for (const k of vendorKeys(b)) if (ka.has(k)) return true;
  return false;
}

/** Labels that name no organisation ("third party (listed by Microsoft)"): such items are not scored. */
export function isVendorLabel(vendor: string): boolean {
  return namesAnOrganisation(vendor) && vendorKeys(vendor).size > 0;
}
