/** IBANs (ISO 13616): country code, check digits, BBAN; accepted only with the registry length and mod-97. */
import { ibanValid } from './checksums.js';
import { collect } from './hits.js';
import type { PiiDetector } from './types.js';

const IBAN = /(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?(?![A-Za-z0-9])/g;

export const ibanDetector: PiiDetector = {
  id: 'iban',
  kind: 'iban',
  detect: ({ text }) =>
    collect(text.matchAll(IBAN), (m) => {
      const value = m[0].replace(/ /g, '');
      return ibanValid(value) ? { value, confidence: 'high' } : null;
    }),
};
