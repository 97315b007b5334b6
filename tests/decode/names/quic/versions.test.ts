import { describe, expect, it } from 'vitest';
import {
  initialKeyCandidates,
  isReservedVersion,
  isTrialVersion,
  QUIC_V1,
  QUIC_V2,
  quicVersionInfo,
  quicVersionName,
} from '../../../../src/decode/names/quic/versions.js';

const saltHex = (v: number): string | undefined => {
  const info = quicVersionInfo(v);
  return info === undefined ? undefined : Buffer.from(info.salt).toString('hex');
};

// Expected salts: RFC 9001 §5.2, draft-ietf-quic-tls-22/-23/-29 §5.2, and for the vendor versions the values
// Wireshark's packet-quic.c lists (handshake_salt_draft_22/_23, hanshake_salt_draft_t50/_t51).
const D22 = '7fbcdb0e7c66bbe9193a96cd21519ebd7a02644a';
const D23 = 'c3eef712c72ebb5a11a7d2432bb46365bef9f502';
const D29 = 'afbfec289993d24c9e9786f19c6111e04390a899';
const V1 = '38762cf7f55934b34d179ae6a4c80cadccbb7f0a';

describe('version table', () => {
  it.each([
    [0xff000016, 'draft-22', D22],
    [0xfaceb001, 'mvfst-22', D22],
    [0xfaceb002, 'mvfst-27', D23],
    [0xfaceb00e, 'mvfst-exp', D23],
    [0x54303530, 'T050', '7ff579e5acd072915580304c43a2367c60488310'],
    [0x54303531, 'T051', '7a4edef4e7ccee5fa4506c19124fc8ccda6e033d'],
  ])('version %i is %s with its salt', (v, name, salt) => {
    expect(quicVersionName(v)).toBe(name);
    expect(saltHex(v)).toBe(salt);
    expect(quicVersionInfo(v)?.keyLabel).toBe('quic key');
    expect(quicVersionInfo(v)?.types.initial).toBe(0);
  });

  it('uses gQUIC frame numbers for T050/T051 only', () => {
    expect(quicVersionInfo(0x54303530)?.frames).toBe('gquic');
    expect(quicVersionInfo(0x54303531)?.frames).toBe('gquic');
    for (const v of [QUIC_V1, QUIC_V2, 0xff00001d, 0xfaceb002]) expect(quicVersionInfo(v)?.frames).toBe('ietf');
  });

  it('does not list drafts before 22 or gQUIC Q050', () => {
    expect(quicVersionInfo(0xff000015)).toBeUndefined();
    expect(quicVersionInfo(0x51303530)).toBeUndefined();
  });
});

describe('reserved and unknown versions', () => {
  it('recognises the 0x?a?a?a?a pattern of RFC 9000 §15', () => {
    for (const v of [0x0a0a0a0a, 0x1a2a3a4a, 0xfafafafa, 0x5a6a7a8a]) expect(isReservedVersion(v)).toBe(true);
    for (const v of [QUIC_V1, 0x0a0a0a0b, 0x0b0a0a0a, 0xff00001d, 0]) expect(isReservedVersion(v)).toBe(false);
  });

  it('tries v1, draft-29, draft-23, draft-22 then v2 keys, all with the v1 layout, on the wire version', () => {
    const candidates = initialKeyCandidates(0x0a0a0a0a);
    expect(candidates.map((c) => Buffer.from(c.salt).toString('hex'))).toEqual([
      V1,
      D29,
      D23,
      D22,
      Buffer.from(quicVersionInfo(QUIC_V2)?.salt ?? []).toString('hex'),
    ]);
    expect(candidates.map((c) => c.keyLabel)).toEqual(['quic key', 'quic key', 'quic key', 'quic key', 'quicv2 key']);
    for (const c of candidates) {
      expect(c.version).toBe(0x0a0a0a0a);
      expect(c.types.initial).toBe(0);
      expect(c.frames).toBe('ietf');
    }
    expect(new Set(candidates.map((c) => c.name)).size).toBe(candidates.length);
  });

  it('gives a known version its one key set and undecryptable versions none', () => {
    expect(initialKeyCandidates(QUIC_V1)).toEqual([quicVersionInfo(QUIC_V1)]);
    expect(initialKeyCandidates(0xfaceb00e)).toHaveLength(1);
    expect(initialKeyCandidates(0xfaceb003)).toHaveLength(5);
    for (const v of [0, 0x51303530, 0x51303436, 0xff000015, 0xff000001]) {
      expect(isTrialVersion(v)).toBe(false);
      expect(initialKeyCandidates(v)).toEqual([]);
    }
  });
});
