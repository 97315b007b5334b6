/**
 * MAC addresses (IEEE 802 EUI-48, colon or hyphen groups). Not all-zero, not broadcast, not group addresses
 * (I/G bit set, IEEE 802-2014 §8.2): those name no device.
 */
import { collect } from './hits.js';
import type { PiiDetector } from './types.js';

const MAC = /(?<![\w:-])([0-9A-Fa-f]{2})([:-])[0-9A-Fa-f]{2}(?:\2[0-9A-Fa-f]{2}){4}(?![\w:-])/g;

export const macAddressDetector: PiiDetector = {
  id: 'mac-address',
  kind: 'mac-address',
  detect: ({ text }) =>
    collect(text.matchAll(MAC), (m) => {
      const value = m[0].toLowerCase();
      const hex = value.replace(/[:-]/g, '');
      if (/^0+$/.test(hex) || /^f+$/.test(hex)) return null;
      if ((Number.parseInt(hex.slice(0, 2), 16) & 1) === 1) return null;
      return { value, confidence: 'high' };
    }),
};
