/**
 * Edge names: the host names of CDNs and DNS traffic managers that a vendor's own name resolves through
 * (settings-win.data.microsoft.com → …akadns.net → e1234.dscb.akamaiedge.net). Such a name says who delivers the
 * bytes, not who receives the data or why, so the catalog and the owner lookup judge a flow by the name the client
 * asked for, and an edge name is used only when nothing better is known. Many edge names embed the asked host
 * (v10.vortex-win.data.microsoft.com.akadns.net, www.microsoft.com-c-3.edgekey.net): `embeddedName` recovers it.
 *
 * The suffix list is short on purpose: well-known delivery networks and traffic managers whose names are generated
 * per customer. A tenant's own name under a cloud's shared domain (x.azurewebsites.net, bucket.s3.amazonaws.com) is
 * not an edge name: there the tenant is the recipient (see recipient/domain-owners.ts).
 */
import { parse } from 'tldts';

/**
 * Delivery-network and traffic-manager suffixes, with the decorations some put between the embedded host and the
 * suffix (global.ssl.fastly.net, c.footprint.net): listed whole, so the longest is stripped first.
 */
export const EDGE_SUFFIXES: readonly string[] = [
  // Akamai (and the Akamai-run DNS of Microsoft and Apple).
  'akadns.net',
  'akadns6.net',
  'akamaiedge.net',
  'akamaiedge-staging.net',
  'akamaihd.net',
  'akamaized.net',
  'akamai.net',
  'akam.net',
  'edgekey.net',
  'edgekey-staging.net',
  'edgesuite.net',
  'edgesuite-staging.net',
  // Microsoft Azure delivery and traffic management.
  'trafficmanager.net',
  'azureedge.net',
  'azurefd.net',
  'afd.azureedge.net',
  'msedge.net',
  'a-msedge.net',
  'ax-msedge.net',
  'b-msedge.net',
  'dual-s-msedge.net',
  'e-msedge.net',
  'l-msedge.net',
  's-msedge.net',
  'spo-msedge.net',
  't-msedge.net',
  'vo.msecnd.net',
  // Amazon CloudFront, Fastly, Cloudflare.
  'cloudfront.net',
  'fastly.net',
  'fastlylb.net',
  'map.fastly.net',
  'global.ssl.fastly.net',
  'global.prod.fastly.net',
  'ssl.fastly.net',
  'cdn.cloudflare.net',
  // Edgecast, Limelight (Edgio), Lumen, CDN77, bunny.net.
  'edgecastcdn.net',
  'edgecastdns.net',
  'llnwd.net',
  'llnwi.net',
  'footprint.net',
  'c.footprint.net',
  'cdn77.org',
  'b-cdn.net',
];

const SUFFIXES = new Set(EDGE_SUFFIXES);

/** As catalog.ts normaliseName (kept here so the two modules do not import each other). */
function normaliseName(name: string): string {
  const lower = name.trim().toLowerCase();
  return lower.endsWith('.') ? lower.slice(0, -1) : lower;
}

/** Labels an edge network inserts after the embedded host (www.apple.com.edgesuite.net.globalredir.akadns.net). */
const DECORATION_LABELS = new Set(['edgesuite', 'edgekey', 'globalredir', 'edgesuite-staging', 'edgekey-staging']);
/** Akamai's edgekey decorations on the last label of the embedded host: "www.microsoft.com-c-3", "-c". */
const DASH_DECORATION = /-c(?:-\d{1,3})?$/;
const MAX_NAME = 253;
/** Edge suffixes stripped at most in one name (a name nests an edge name inside another, rarely twice). */
const MAX_NESTING = 3;
/** An LDH label (underscore tolerated: it occurs in real service names); 1-63 characters. */
const LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;

/** The edge suffix `name` ends in (longest first), or null. */
export function edgeSuffixOf(name: string): string | null {
  const n = normaliseName(name);
  if (n.length === 0 || n.length > MAX_NAME) return null;
  // From index 1: a name needs a non-empty label before the suffix.
  for (let dot = n.indexOf('.', 1); dot >= 0; dot = n.indexOf('.', dot + 1)) {
    const key = n.slice(dot + 1);
    if (SUFFIXES.has(key)) return key;
  }
  return null;
}

/** True when `name` is a host under a known delivery-network or traffic-manager suffix. */
export function isEdgeName(name: string): boolean {
  return edgeSuffixOf(name) !== null;
}

/**
 * The host an edge name embeds, or null: strips a known edge suffix and the decorations around it, and returns
 * what is left when it is a plausible host name (LDH labels) under a real public suffix (tldts, private section
 * honoured), e.g. "v10.vortex-win.data.microsoft.com.akadns.net" → "v10.vortex-win.data.microsoft.com",
 * "www.microsoft.com-c-3.edgekey.net" → "www.microsoft.com"; "a1234.dscb.akamai.net" → null (no host in it).
 * Never throws; the result is never itself an edge name.
 */
export function embeddedName(name: string): string | null {
  let rest = normaliseName(name);
  if (rest.length === 0 || rest.length > MAX_NAME) return null;
  let stripped = false;
  for (let round = 0; round < MAX_NESTING; round++) {
    const suffix = edgeSuffixOf(rest);
    if (suffix === null) break;
    rest = rest.slice(0, rest.length - suffix.length - 1);
    stripped = true;
    // Decoration labels between the embedded host and the suffix, then Akamai's "-c-3" on the last label.
    let dot = rest.lastIndexOf('.');
    while (dot > 0 && DECORATION_LABELS.has(rest.slice(dot + 1))) {
      rest = rest.slice(0, dot);
      dot = rest.lastIndexOf('.');
    }
    rest = rest.replace(DASH_DECORATION, '');
  }
  if (!stripped || isEdgeName(rest) || !plausibleHost(rest)) return null;
  return rest;
}

/** At least two LDH labels, not an address, under a public suffix tldts knows (not its catch-all rule). */
function plausibleHost(host: string): boolean {
  const labels = host.split('.');
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l))) return false;
  const parsed = parse(host, { allowPrivateDomains: true });
  if (parsed.isIp === true || parsed.domain === null) return false;
  return parsed.isIcann === true || parsed.isPrivate === true;
}
