/**
 * Phone numbers in E.164 form (ITU-T E.164 §6: "+", country code, at most 15 digits). The "+" is required, so
 * versions, timestamps and zone offsets ("+01:00") do not match; the country code must be an assigned one.
 */
import { collect } from './hits.js';
import type { PiiDetector } from './types.js';

const PHONE = /(?<![\w.+])\+[1-9](?:[ .-]?\(?\d\)?){7,14}(?![\d:])/g;

/** Assigned 1- and 2-digit country codes; 3-digit codes are accepted by their zone prefixes below. */
const CC2 = new Set([
  20, 27, 30, 31, 32, 33, 34, 36, 39, 40, 41, 43, 44, 45, 46, 47, 48, 49, 51, 52, 53, 54, 55, 56, 57, 58, 60, 61, 62,
  63, 64, 65, 66, 81, 82, 84, 86, 90, 91, 92, 93, 94, 95, 98,
]);
const CC3_PREFIXES = new Set([21, 22, 23, 24, 25, 26, 29, 35, 37, 38, 42, 50, 59, 67, 68, 69, 85, 87, 88, 96, 97, 99]);

export function plausibleE164(digits: string): boolean {
  if (digits.length < 8 || digits.length > 15) return false;
  const first = Number(digits.slice(0, 1));
  const two = Number(digits.slice(0, 2));
  if (first === 1 || first === 7) return true;
  return CC2.has(two) || CC3_PREFIXES.has(two);
}

export const phoneDetector: PiiDetector = {
  id: 'phone-e164',
  kind: 'phone',
  detect: ({ text }) =>
    collect(text.matchAll(PHONE), (m) => {
      const digits = m[0].replace(/\D/g, '');
      if (!plausibleE164(digits) || /^(\d)\1+$/.test(digits)) return null;
      return { value: `+${digits}`, confidence: m[0].length === digits.length + 1 ? 'high' : 'medium' };
    }),
};
