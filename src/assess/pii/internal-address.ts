/**
 * Internal addresses leaking outward: RFC 1918 IPv4 (10/8, 172.16/12, 192.168/16), IPv6 unique local
 * addresses (RFC 4193, fc00::/7), and host names under internal suffixes (RFC 6762 .local, RFC 8375
 * home.arpa, the de-facto .lan .corp .internal .intranet .ad, plus the organisation's own, configurable).
 */
import { parseIp } from '../../enrich/catalog/cidr.js';
import { collect } from './hits.js';
import type { PiiDetector } from './types.js';

const IPV4 = /(?<![\d.])(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?![\d.]|\.\d)/g;
const ULA = /(?<![\w:])[fF][cdCD][0-9a-fA-F]{2}:[0-9a-fA-F:]{2,39}(?![\w:])/g;
export const DEFAULT_INTERNAL_SUFFIXES = ['local', 'lan', 'corp', 'internal', 'intranet', 'ad', 'home.arpa'];
const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';

export const privateIpDetector: PiiDetector = {
  id: 'private-ip',
  kind: 'private-ip',
  detect: ({ text }) => [
    ...collect(text.matchAll(IPV4), (m) => {
      const o = [m[1], m[2], m[3], m[4]].map(Number);
      if (o.some((x) => x > 255) || [m[1], m[2], m[3], m[4]].some((x) => (x ?? '').length > 1 && x?.startsWith('0')))
        return null;
      const [a = 0, b = 0] = o;
      if (a === 192 && b === 168) return { value: m[0], confidence: 'high' };
      if (a === 172 && b >= 16 && b <= 31) return { value: m[0], confidence: 'high' };
      // 10.x.y.z also looks like a version number ("10.0.0.1" rarely is one, "10.0.19041.1" fails above).
      if (a === 10) return { value: m[0], confidence: 'medium' };
      return null;
    }),
    ...collect(text.matchAll(ULA), (m) => (parseIp(m[0]) === null ? null : { value: m[0], confidence: 'high' })),
  ],
};

/** Compiled patterns by suffix list: a run has one list, and compiling it per text cost more than matching. */
const suffixPatterns = new Map<string, RegExp>();

function suffixPattern(suffixes: string[]): RegExp {
  const key = suffixes.join('\u0000');
  const cached = suffixPatterns.get(key);
  if (cached !== undefined) {
    cached.lastIndex = 0;
    return cached;
  }
  if (suffixPatterns.size >= 16) suffixPatterns.clear();
  const made = compileSuffixPattern(suffixes);
  suffixPatterns.set(key, made);
  return made;
}

function compileSuffixPattern(suffixes: string[]): RegExp {
  const escaped = suffixes
    .map((s) => s.toLowerCase().replace(/^\*?\./, ''))
    .filter((s) => /^[a-z0-9.-]+$/.test(s))
    .map((s) => s.replace(/\./g, '\\.'));
  return new RegExp(`(?<![\\w.-])(?:${LABEL}\\.)+(?:${escaped.join('|')})(?![\\w-]|\\.[a-z0-9])`, 'gi');
}

export const internalHostDetector: PiiDetector = {
  id: 'internal-host',
  kind: 'internal-host',
  detect: ({ text, internalSuffixes }) => {
    const custom = internalSuffixes.map((s) => s.toLowerCase().replace(/^\*?\./, ''));
    return collect(text.matchAll(suffixPattern([...DEFAULT_INTERNAL_SUFFIXES, ...custom])), (m) => {
      const value = m[0].toLowerCase();
      // ".ad" is also Andorra's public TLD: only a configured suffix or the RFC names are high confidence.
      const strong = custom.some((s) => value.endsWith(`.${s}`)) || /\.(?:local|home\.arpa|internal|corp)$/.test(value);
      return { value, confidence: strong ? 'high' : 'medium' };
    });
  },
};
