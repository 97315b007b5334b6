import { describe, expect, it } from 'vitest';
import { isGrease, tlsVersionName } from '../../../src/decode/names/tls-versions.js';

describe('tlsVersionName', () => {
  it('names the standard versions', () => {
    expect([0x0304, 0x0303, 0x0302, 0x0301, 0x0300, 0x0002].map(tlsVersionName)).toEqual([
      '1.3',
      '1.2',
      '1.1',
      '1.0',
      'ssl3',
      'ssl2',
    ]);
    expect(tlsVersionName(0xfefd)).toBe('dtls1.2');
  });

  it('returns null for all 16 GREASE values and names drafts', () => {
    for (let i = 0; i < 16; i++) {
      const v = (i << 12) | 0x0a00 | (i << 4) | 0x0a;
      expect(isGrease(v)).toBe(true);
      expect(tlsVersionName(v)).toBeNull();
    }
    expect(isGrease(0x0a1a)).toBe(false);
    expect(tlsVersionName(0x7f17)).toBe('1.3-draft-23');
    expect(tlsVersionName(0xfb17)).toBe('1.3-fb-draft-23');
    expect(tlsVersionName(0x7e02)).toBe('0x7e02');
  });
});
