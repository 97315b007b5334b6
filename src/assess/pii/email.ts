/** E-mail addresses (RFC 5322 addr-spec, the common dot-atom subset). */
import { collect } from './hits.js';
import type { PiiDetector } from './types.js';

const EMAIL =
  /(?<![\w.%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![\w-])/g;
/** "logo@2x.png", "icon@3x.webp": asset names, not addresses. */
const FILE_TLDS = new Set(['png', 'jpg', 'jpeg', 'gif', 'svg', 'webp', 'js', 'css', 'json', 'ico', 'map']);

export const emailDetector: PiiDetector = {
  id: 'email',
  kind: 'email',
  detect: ({ text }) =>
    collect(text.matchAll(EMAIL), (m) => {
      const value = m[0];
      const tld = value.slice(value.lastIndexOf('.') + 1).toLowerCase();
      if (FILE_TLDS.has(tld)) return null;
      // "https://key@o1.ingest.sentry.io": user info in a URL (a key or user name), not an address.
      const at = m.index ?? 0;
      if (text.slice(Math.max(0, at - 3), at) === '://') return null;
      return { value, confidence: 'high' };
    }),
};
