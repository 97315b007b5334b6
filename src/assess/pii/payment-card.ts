/**
 * Payment card numbers (ISO/IEC 7812): a known issuer prefix with its lengths, and a valid Luhn digit.
 * Millisecond/microsecond timestamps start with 1 and are not card prefixes, so they do not match.
 */
import { luhnValid } from './checksums.js';
import { collect } from './hits.js';
import type { PiiDetector } from './types.js';

const CARD = /(?<![\d.])\d(?:[ -]?\d){11,18}(?![\d.])/g;

interface Scheme {
  prefix: (d: string) => boolean;
  lengths: number[];
}

const between = (d: string, n: number, lo: number, hi: number): boolean => {
  const v = Number(d.slice(0, n));
  return v >= lo && v <= hi;
};

const SCHEMES: Scheme[] = [
  { prefix: (d) => d.startsWith('4'), lengths: [13, 16, 19] }, // Visa
  { prefix: (d) => between(d, 2, 51, 55) || between(d, 4, 2221, 2720), lengths: [16] }, // Mastercard
  { prefix: (d) => d.startsWith('34') || d.startsWith('37'), lengths: [15] }, // American Express
  { prefix: (d) => d.startsWith('6011') || d.startsWith('65') || between(d, 3, 644, 649), lengths: [16, 17, 18, 19] },
  { prefix: (d) => between(d, 4, 3528, 3589), lengths: [16, 17, 18, 19] }, // JCB
  { prefix: (d) => d.startsWith('36') || between(d, 3, 300, 305) || d.startsWith('38'), lengths: [14, 15, 16] },
  {
    prefix: (d) => ['5018', '5020', '5038', '5893', '6304', '6759', '6761', '6762', '6763'].includes(d.slice(0, 4)),
    lengths: [12, 13, 14, 15, 16, 17, 18, 19],
  }, // Maestro
];

export const paymentCardDetector: PiiDetector = {
  id: 'payment-card',
  kind: 'payment-card',
  detect: ({ text }) =>
    collect(text.matchAll(CARD), (m) => {
      const digits = m[0].replace(/[ -]/g, '');
      if (/^(\d)\1+$/.test(digits) || !luhnValid(digits)) return null;
      const known = SCHEMES.some((s) => s.lengths.includes(digits.length) && s.prefix(digits));
      return known ? { value: digits, confidence: 'high' } : null;
    }),
};
