import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CidrMatcher, parseNetwork } from '../../../src/enrich/addresses/cidr-matcher.js';
import { AddressClassifier, classifyAddress } from '../../../src/enrich/addresses/classify.js';
import { SPECIAL_PURPOSE_BLOCKS } from '../../../src/enrich/addresses/special-purpose.js';

describe('classifyAddress', () => {
  const cases: [string, string, string][] = [
    ['8.8.8.8', 'public', 'global unicast'],
    ['10.1.2.3', 'local', 'private-use'],
    ['172.31.255.255', 'local', 'private-use'],
    ['172.32.0.1', 'public', 'global unicast'],
    ['192.168.0.1', 'local', 'private-use'],
    ['100.64.0.1', 'local', 'shared address space (CGNAT)'],
    ['100.128.0.1', 'public', 'global unicast'],
    ['127.0.0.1', 'local', 'loopback'],
    ['169.254.1.1', 'local', 'link-local'],
    ['0.1.2.3', 'special', 'this network'],
    ['0.0.0.0', 'special', 'this host on this network'],
    ['192.0.0.5', 'special', 'IPv4 service continuity prefix'],
    ['192.0.0.9', 'public', 'Port Control Protocol anycast'],
    ['192.0.2.1', 'special', 'documentation (TEST-NET-1)'],
    ['192.88.99.1', 'special', 'deprecated 6to4 relay anycast'],
    ['198.19.255.1', 'special', 'benchmarking'],
    ['198.51.100.7', 'special', 'documentation (TEST-NET-2)'],
    ['203.0.113.9', 'special', 'documentation (TEST-NET-3)'],
    ['224.0.0.251', 'special', 'multicast'],
    ['239.255.255.250', 'special', 'multicast'],
    ['240.0.0.1', 'special', 'reserved'],
    ['255.255.255.255', 'special', 'limited broadcast'],
    ['::1', 'local', 'loopback'],
    ['::', 'special', 'unspecified address'],
    ['fd00::1', 'local', 'unique-local'],
    ['fe80::1%eth0', 'local', 'link-local'],
    ['ff02::fb', 'special', 'multicast'],
    ['2001:db8::1', 'special', 'documentation'],
    ['3fff::1', 'special', 'documentation'],
    ['100::1', 'special', 'discard-only'],
    ['2001:2::1', 'special', 'benchmarking'],
    ['2001:4:112::1', 'public', 'AS112-v6'],
    ['2a00:1450:4001::1', 'public', 'global unicast'],
    ['4000::1', 'special', 'reserved (outside 2000::/3)'],
    ['not-an-ip', 'special', 'not an IP address'],
    ['1.2.3.04', 'special', 'not an IP address'],
  ];
  for (const [ip, scope, label] of cases) {
    it(`${ip} → ${scope} (${label})`, () => {
      const c = classifyAddress(ip);
      expect(c.scope).toBe(scope);
      expect(c.label).toBe(label);
    });
  }

  it('unwraps IPv4-mapped, NAT64, 6to4 and Teredo addresses and classifies the IPv4 inside', () => {
    expect(classifyAddress('::ffff:8.8.8.8')).toMatchObject({ scope: 'public', unwrapped: '8.8.8.8' });
    expect(classifyAddress('::ffff:192.168.1.1')).toMatchObject({ scope: 'local', unwrapped: '192.168.1.1' });
    expect(classifyAddress('64:ff9b::1.1.1.1')).toMatchObject({ scope: 'public', unwrapped: '1.1.1.1' });
    expect(classifyAddress('64:ff9b::10.0.0.1')).toMatchObject({ scope: 'local', unwrapped: '10.0.0.1' });
    // 6to4: 2002:c633:6401:: carries 198.51.100.1 (documentation, so special).
    expect(classifyAddress('2002:c633:6401::1')).toMatchObject({ scope: 'special', unwrapped: '198.51.100.1' });
    expect(classifyAddress('2002:0808:0808::1')).toMatchObject({ scope: 'public', unwrapped: '8.8.8.8' });
    // RFC 4380 §4 example: server 65.54.227.120, client 192.0.2.45 obfuscated as 3fff:fdd2.
    const teredo = classifyAddress('2001:0:4136:e378:8000:63bf:3fff:fdd2');
    expect(teredo).toMatchObject({ scope: 'special', unwrapped: '192.0.2.45' });
    expect(teredo.label).toContain('Teredo');
    expect(classifyAddress('2001:0:4136:e378:8000:63bf:f7f7:f7f7')).toMatchObject({
      scope: 'public',
      unwrapped: '8.8.8.8',
    });
  });

  it('treats user-declared internal networks as local, before the registry', () => {
    const internal = ['203.0.113.0/25', '2a01:4f8::/32', '8.8.4.4'];
    expect(classifyAddress('203.0.113.5', internal)).toMatchObject({ scope: 'local' });
    expect(classifyAddress('203.0.113.200', internal).label).toBe('documentation (TEST-NET-3)');
    expect(classifyAddress('2a01:4f8:1::1', internal).scope).toBe('local');
    expect(classifyAddress('8.8.4.4', internal).scope).toBe('local');
    expect(classifyAddress('::ffff:8.8.4.4', internal).scope).toBe('local');
    expect(() => new AddressClassifier(['10.0.0.0/40'])).toThrow(/not a network: 10.0.0.0\/40/);
  });

  it('every registry entry parses and has an RFC reference', () => {
    for (const b of SPECIAL_PURPOSE_BLOCKS) {
      expect(parseNetwork(b.network), b.network).not.toBeNull();
      expect(b.rfc).toMatch(/^RFC \d+/);
    }
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (s) => {
        const c = classifyAddress(s);
        expect(['public', 'local', 'special']).toContain(c.scope);
      }),
      { numRuns: 300 },
    );
  });
});

describe('CidrMatcher', () => {
  it('returns the longest matching prefix', () => {
    const m = new CidrMatcher<string>();
    m.add('10.0.0.0/8', 'a');
    m.add('10.1.0.0/16', 'b');
    m.add('0.0.0.0/0', 'all');
    m.add('2001:db8::/32', 'v6');
    expect(m.match('10.1.2.3')?.item).toBe('b');
    expect(m.match('10.2.0.0')?.item).toBe('a');
    expect(m.match('11.0.0.0')?.item).toBe('all');
    expect(m.match('2001:db8::5')?.item).toBe('v6');
    expect(m.match('2001:db9::5')).toBeNull();
    expect(m.add('10.0.0.0/33', 'x')).toBe(false);
    expect(m.size).toBe(4);
  });

  it('agrees with a linear scan (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 0, max: 32 })), {
          maxLength: 20,
        }),
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        (nets, addr) => {
          const m = new CidrMatcher<number>();
          const text = (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
          nets.forEach(([n, p], i) => {
            m.add(`${text(n)}/${p}`, i);
          });
          let best = -1;
          let bestPrefix = -1;
          nets.forEach(([n, p], i) => {
            const mask = p === 0 ? 0 : (~0 << (32 - p)) >>> 0;
            if ((n & mask) >>> 0 === (addr & mask) >>> 0 && p >= bestPrefix) {
              best = i;
              bestPrefix = p;
            }
          });
          expect(m.match(text(addr))?.item ?? -1).toBe(best);
        },
      ),
      { numRuns: 300 },
    );
  });
});
