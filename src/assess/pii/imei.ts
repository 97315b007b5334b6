/**
 * IMEI (3GPP TS 23.003 §6.2.1): 14 digits plus a Luhn check digit. Fifteen-digit numbers are common (ids,
 * timestamps), so a hit needs context too: a parameter named imei, or "imei" shortly before the number.
 */
import { luhnValid } from './checksums.js';
import { collect } from './hits.js';
import type { PiiDetector } from './types.js';

const IMEI = /(?<!\d)\d{2}[ -]?\d{6}[ -]?\d{6}[ -]?\d(?!\d)/g;

export const imeiDetector: PiiDetector = {
  id: 'imei',
  kind: 'imei',
  detect: ({ text }) =>
    collect(text.matchAll(IMEI), (m) => {
      const digits = m[0].replace(/[ -]/g, '');
      if (!luhnValid(digits) || /^(\d)\1+$/.test(digits)) return null;
      const before = text.slice(Math.max(0, (m.index ?? 0) - 24), m.index ?? 0).toLowerCase();
      if (!before.includes('imei')) return null;
      return { value: digits, confidence: 'high' };
    }),
};
