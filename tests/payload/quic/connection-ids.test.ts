import { describe, expect, it } from 'vitest';
import { ConnectionIds, MAX_KNOWN_CIDS } from '../../../src/payload/quic/connection-ids.js';

describe('ConnectionIds', () => {
  it('tries the IDs the packet starts with first, longest first, then every length once', () => {
    const ids = new ConnectionIds();
    ids.add('out', Buffer.from('aabbccdd', 'hex'));
    ids.add('out', Buffer.from('aabbccddeeff0011', 'hex'));
    ids.add('out', Buffer.from('0102', 'hex'));
    ids.add('in', Buffer.from('99', 'hex'));
    const packet = Buffer.from('40aabbccddeeff0011223344', 'hex');
    const lengths = ids.lengthsFor('out', packet, 0);
    expect(lengths.slice(0, 3)).toEqual([8, 4, 2]);
    expect([...lengths].sort((a, b) => a - b)).toEqual(Array.from({ length: 21 }, (_, i) => i));
    expect(ids.lengthsFor('in', packet, 0)[0]).toBe(1);
  });

  it('puts the last length that worked right after the matching IDs', () => {
    const ids = new ConnectionIds();
    ids.confirm('in', 12);
    expect(ids.lengthsFor('in', Buffer.alloc(40), 0)[0]).toBe(12);
  });

  it('keeps at most MAX_KNOWN_CIDS per direction and ignores over-long IDs', () => {
    const ids = new ConnectionIds();
    ids.add('out', Buffer.alloc(5, 0xee));
    for (let i = 0; i < MAX_KNOWN_CIDS; i++) ids.add('out', Buffer.of(i, i, i));
    ids.add('out', Buffer.alloc(21, 0xee));
    // The 5-byte ID was the oldest and left: the packet that starts with it no longer puts 5 first.
    expect(ids.lengthsFor('out', Buffer.alloc(30, 0xee), 0)[0]).toBe(3);
    expect(ids.lengthsFor('out', Buffer.of(0x40, 70, 70, 70, 1), 0)[0]).toBe(3);
  });
});
