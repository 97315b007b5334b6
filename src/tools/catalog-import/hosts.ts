/**
 * Host patterns as vendor pages write them ("*.example.com", "www.bing.com*", "*cdn.onenote.net",
 * "autodiscover.<tenant>.onmicrosoft.com") turned into catalog names and suffixes, or a reason to leave them out.
 * A suffix on a shared tenant domain (*.azureedge.net, *.blob.core.windows.net: a Public Suffix List entry) would
 * claim every other customer of that cloud, so it is never emitted.
 */
import { getDomain, getPublicSuffix } from 'tldts';

export type HostPattern =
  | { kind: 'name'; value: string }
  | { kind: 'suffix'; value: string }
  | { kind: 'skip'; reason: HostSkipReason };

export type HostSkipReason =
  | 'placeholder'
  | 'inner-wildcard'
  | 'address'
  | 'invalid'
  | 'public-suffix'
  | 'shared-tenant-suffix';

const LABEL = '[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?';
const HOSTNAME = new RegExp(`^${LABEL}(?:\\.${LABEL})*$`);

function isPublicSuffix(name: string): boolean {
  return (
    getPublicSuffix(name, { allowPrivateDomains: true }) === name ||
    getDomain(name, { allowPrivateDomains: true }) === null
  );
}

export function normalizeHostPattern(raw: string): HostPattern {
  let text = raw.trim().toLowerCase().replace(/`/g, '').replace(/\.$/, '');
  if (text.includes('<') || text.includes('>')) return { kind: 'skip', reason: 'placeholder' };
  if (/^[0-9a-f:.]+(?:\/\d+)?$/.test(text) && (text.includes(':') || /^\d+\.\d+\.\d+\.\d+/.test(text)))
    return { kind: 'skip', reason: 'address' };
  // "www.bing.com*": the page means the name and any path on it.
  while (text.endsWith('*')) text = text.slice(0, -1);
  let suffix = false;
  if (text.startsWith('*.')) {
    suffix = true;
    text = text.slice(2);
  } else if (text.startsWith('*')) {
    // "*cdn.onenote.net": any label ending in the rest; the documented name itself is the one we can state.
    text = text.slice(1);
  }
  if (text.includes('*')) return { kind: 'skip', reason: 'inner-wildcard' };
  if (text.length === 0 || text.length > 253 || !HOSTNAME.test(text)) return { kind: 'skip', reason: 'invalid' };
  if (isPublicSuffix(text)) return { kind: 'skip', reason: suffix ? 'shared-tenant-suffix' : 'public-suffix' };
  return suffix ? { kind: 'suffix', value: `*.${text}` } : { kind: 'name', value: text };
}

/**
 * True for a tenant's name on a cloud's shared domain (x.servicebus.windows.net, x.trafficmanager.net,
 * x.web.app): its registrable domain exists only through the Public Suffix List's private section, so whoever
 * runs it is a customer of the cloud, not necessarily the company a list files it under.
 */
export function onSharedTenantDomain(name: string): boolean {
  const withPrivate = getDomain(name, { allowPrivateDomains: true });
  return withPrivate !== null && withPrivate !== getDomain(name, { allowPrivateDomains: false });
}
