import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  looksLikeTlsClientHello,
  MAX_CLIENT_HELLO_BYTES,
  parseClientHelloMessage,
  parseClientHelloRecords,
} from '../../../src/decode/names/tls-client-hello.js';
import type { ClientHelloInfo, ParseOutcome } from '../../../src/decode/names/types.js';
import { buildClientHello, toRecords, toRecordsSized, u16 } from '../../../src/writer/tls-client-hello-builder.js';

const chrome = {
  sni: 'www.example.org',
  alpn: ['h2', 'http/1.1'],
  versions: [0x2a2a, 0x0304, 0x0303],
  ech: true,
  grease: true,
  pqKeyShare: true,
};

function done(out: ParseOutcome<ClientHelloInfo>): ClientHelloInfo {
  if (out.kind !== 'done') throw new Error(`expected done, got ${JSON.stringify(out)}`);
  return out.value;
}

/** Feeds segments the way the flow table does: the accumulated prefix is re-parsed after each one. */
function feed(stream: Uint8Array, cuts: number[]): ParseOutcome<ClientHelloInfo>[] {
  return [...cuts, stream.length].map((end) => parseClientHelloRecords(stream.subarray(0, end)));
}

describe('parseClientHelloMessage', () => {
  it('extracts SNI, ALPN, supported_versions and ECH from a Chrome-like hello', () => {
    const hs = buildClientHello(chrome);
    expect(hs.length).toBeGreaterThan(1800);
    expect(hs.length).toBeLessThan(2100);
    const info = done(parseClientHelloMessage(hs));
    expect(info).toEqual({
      legacyVersion: 0x0303,
      serverName: 'www.example.org',
      alpn: ['h2', 'http/1.1'],
      supportedVersions: [0x2a2a, 0x0304, 0x0303],
      ech: true,
    });
  });

  it('reports absent extensions as null / empty', () => {
    const info = done(parseClientHelloMessage(buildClientHello({ sni: null })));
    expect(info.serverName).toBeNull();
    expect(info.alpn).toEqual([]);
    expect(info.supportedVersions).toEqual([]);
    expect(info.ech).toBe(false);
  });

  it('accepts a hello without an extensions block (TLS 1.0 style)', () => {
    const info = done(parseClientHelloMessage(buildClientHello({ legacyVersion: 0x0301, noExtensions: true })));
    expect(info.legacyVersion).toBe(0x0301);
    expect(info.serverName).toBeNull();
    expect(info.alpn).toEqual([]);
  });

  it('keeps the SNI raw (latin1) and escapes ALPN names', () => {
    const info = done(
      parseClientHelloMessage(buildClientHello({ sni: '\x1b[31mevil\xff.com', alpn: ['h2\x00', 'a\\b'] })),
    );
    expect(info.serverName).toBe('\x1b[31mevil\xff.com');
    expect(info.alpn).toEqual(['h2\\x00', 'a\\x5cb']);
  });

  it('asks for the whole message when short and rejects other handshake types', () => {
    const hs = buildClientHello(chrome);
    expect(parseClientHelloMessage(hs.subarray(0, 2))).toEqual({ kind: 'incomplete', needed: 4 });
    expect(parseClientHelloMessage(hs.subarray(0, 100))).toEqual({ kind: 'incomplete', needed: hs.length });
    expect(parseClientHelloMessage(Uint8Array.from([2, 0, 0, 0]))).toEqual({
      kind: 'invalid',
      reason: 'not-client-hello',
    });
  });

  it('rejects inconsistent lengths with stable reasons', () => {
    const hs = buildClientHello({ sni: 'a.example' });
    const badSid = hs.slice();
    badSid[4 + 34] = 33;
    expect(parseClientHelloMessage(badSid)).toEqual({ kind: 'invalid', reason: 'bad-session-id' });
    const huge = Uint8Array.from([1, 0x01, 0x00, 0x01]);
    expect(parseClientHelloMessage(huge)).toEqual({ kind: 'invalid', reason: 'client-hello-too-large' });
    // Extensions block one byte longer than the message.
    // header, version, random, session id, 3 suites, 1 compression method: then the extensions length.
    const extLenAt = 4 + 2 + 32 + (1 + 32) + (2 + 6) + (1 + 1);
    const badExt = hs.slice();
    badExt[extLenAt + 1] = (badExt[extLenAt + 1] ?? 0) + 1;
    expect(parseClientHelloMessage(badExt)).toEqual({ kind: 'invalid', reason: 'bad-extensions-length' });
  });

  it('rejects a server_name extension whose inner list overruns', () => {
    const hs = buildClientHello({ sni: 'abc.example' });
    const i = Buffer.from(hs).indexOf(Buffer.from('abc.example', 'latin1'));
    const bad = hs.slice();
    bad[i - 1] = (bad[i - 1] ?? 0) + 5; // host_name length
    expect(parseClientHelloMessage(bad)).toEqual({ kind: 'invalid', reason: 'bad-extension-0' });
  });
});

describe('parseClientHelloRecords', () => {
  const hs = buildClientHello(chrome);
  const stream = toRecords(hs);

  it('parses one record and ignores bytes after the hello', () => {
    const withTail = Uint8Array.from([...stream, 0x14, 3, 3, 0, 1, 1]);
    expect(done(parseClientHelloRecords(withTail)).serverName).toBe('www.example.org');
  });

  it('is incomplete at every two-segment split, asking for no more than the whole', () => {
    for (let cut = 0; cut < stream.length; cut++) {
      const out = parseClientHelloRecords(stream.subarray(0, cut));
      expect(out.kind).toBe('incomplete');
      if (out.kind !== 'incomplete') continue;
      expect(out.needed).toBeGreaterThan(cut);
      expect(out.needed).toBeLessThanOrEqual(stream.length);
      if (cut >= 9) expect(out.needed).toBe(stream.length);
    }
    expect(done(parseClientHelloRecords(stream)).serverName).toBe('www.example.org');
  });

  it('gives the same answer for three-segment splits', () => {
    const small = toRecords(buildClientHello({ sni: 'x.example', alpn: ['h2'] }));
    for (let a = 0; a < small.length; a++) {
      for (let b = a; b < small.length; b++) {
        const outs = feed(small, [a, b]);
        expect(outs.slice(0, 2).map((o) => o.kind)).toEqual(['incomplete', 'incomplete']);
        expect(done(outs[2] ?? { kind: 'incomplete', needed: 0 }).serverName).toBe('x.example');
      }
    }
    for (let a = 0; a < stream.length; a += 7) {
      const b = Math.min(stream.length - 1, a + 613);
      const outs = feed(stream, [a, b]);
      expect(done(outs[2] ?? { kind: 'incomplete', needed: 0 }).alpn).toEqual(['h2', 'http/1.1']);
    }
  });

  it('reassembles a hello fragmented over several records, even inside the handshake header', () => {
    for (const sizes of [[1], [1, 1, 1], [2, 3], [3, 1, 500], [100, 100, 100, 100], [1000]]) {
      const multi = toRecordsSized(hs, sizes);
      const info = done(parseClientHelloRecords(multi));
      expect(info.serverName).toBe('www.example.org');
      expect(info.ech).toBe(true);
    }
    const tiny = toRecords(hs, 64);
    expect(done(parseClientHelloRecords(tiny)).supportedVersions).toEqual([0x2a2a, 0x0304, 0x0303]);
  });

  it('is incomplete at every split of a multi-record stream with exact need once the last header is in', () => {
    const multi = toRecordsSized(hs, [3, 700, 700]);
    const lastHeader = 5 + 3 + 5 + 700 + 5 + 700 + 5;
    for (let cut = 0; cut < multi.length; cut++) {
      const out = parseClientHelloRecords(multi.subarray(0, cut));
      if (out.kind !== 'incomplete') throw new Error(`cut ${cut}: ${JSON.stringify(out)}`);
      expect(out.needed).toBeGreaterThan(cut);
      expect(out.needed).toBeLessThanOrEqual(multi.length);
      if (cut >= lastHeader) expect(out.needed).toBe(multi.length);
    }
    expect(done(parseClientHelloRecords(multi)).serverName).toBe('www.example.org');
  });

  it('rejects non-handshake records, bad versions, empty and oversized records', () => {
    const alert = Uint8Array.from([21, 3, 3, 0, 2, 2, 40]);
    expect(parseClientHelloRecords(alert)).toEqual({ kind: 'invalid', reason: 'not-handshake' });
    const v = stream.slice();
    v[2] = 9;
    expect(parseClientHelloRecords(v)).toEqual({ kind: 'invalid', reason: 'bad-record-version' });
    expect(parseClientHelloRecords(Uint8Array.from([22, 3, 1, 0, 0]))).toEqual({
      kind: 'invalid',
      reason: 'empty-record',
    });
    expect(parseClientHelloRecords(Uint8Array.from([22, 3, 1, 0xff, 0xff]))).toEqual({
      kind: 'invalid',
      reason: 'record-too-long',
    });
    const interleaved = Uint8Array.from([...toRecordsSized(hs, [10]).subarray(0, 15), 23, 3, 3, 0, 1, 0]);
    expect(parseClientHelloRecords(interleaved)).toEqual({ kind: 'invalid', reason: 'interleaved-record' });
    const serverHello = Uint8Array.from([22, 3, 3, 0, 4, 2, 0, 0, 0]);
    expect(parseClientHelloRecords(serverHello)).toEqual({ kind: 'invalid', reason: 'not-client-hello' });
  });

  it('refuses a handshake length over the cap before buffering it', () => {
    const big = Uint8Array.from([22, 3, 1, 0, 4, 1, 0x02, 0x00, 0x00]);
    expect(parseClientHelloRecords(big)).toEqual({ kind: 'invalid', reason: 'client-hello-too-large' });
    expect(MAX_CLIENT_HELLO_BYTES).toBe(65_536);
  });

  it('recognises an SSLv2-format ClientHello (no SNI possible)', () => {
    // RFC 5246 Appendix E.2: len | 1 | version 0x0301 | cipher_spec_length 3 | session_id 0 | challenge 16.
    const body = [1, 3, 1, ...u16(3), ...u16(0), ...u16(16), 0x00, 0x00, 0x04, ...new Array(16).fill(0xaa)];
    const v2 = Uint8Array.from([0x80 | (body.length >> 8), body.length & 0xff, ...body]);
    expect(looksLikeTlsClientHello(v2)).toBe(true);
    const info = done(parseClientHelloRecords(v2));
    expect(info.serverName).toBeNull();
    expect(info.legacyVersion).toBe(0x0301);
    expect(parseClientHelloRecords(v2.subarray(0, 10))).toEqual({ kind: 'incomplete', needed: v2.length });
    const bad = v2.slice();
    bad[10] = 99;
    expect(parseClientHelloRecords(bad)).toEqual({ kind: 'invalid', reason: 'bad-sslv2-length' });
  });
});

describe('looksLikeTlsClientHello', () => {
  it('accepts handshake record headers and rejects other starts', () => {
    expect(looksLikeTlsClientHello(Uint8Array.from([22, 3, 1]))).toBe(true);
    expect(looksLikeTlsClientHello(Uint8Array.from([22, 3, 3, 0, 200, 1]))).toBe(true);
    expect(looksLikeTlsClientHello(Uint8Array.from([22, 3, 3, 0, 200, 2]))).toBe(false);
    expect(looksLikeTlsClientHello(Uint8Array.from([22, 3]))).toBe(false);
    expect(looksLikeTlsClientHello(Uint8Array.from([22, 3, 5]))).toBe(false);
    expect(looksLikeTlsClientHello(Buffer.from('GET / HTTP/1.1\r\n'))).toBe(false);
    expect(looksLikeTlsClientHello(Uint8Array.from([0x80, 0x10, 2, 3, 1]))).toBe(false);
    expect(looksLikeTlsClientHello(new Uint8Array(0))).toBe(false);
  });
});

describe('fuzz', () => {
  const valid = toRecordsSized(buildClientHello(chrome), [300, 700]);

  function checkOutcome(input: Uint8Array, out: ParseOutcome<ClientHelloInfo>): void {
    expect(['done', 'incomplete', 'invalid']).toContain(out.kind);
    if (out.kind === 'incomplete') expect(out.needed).toBeGreaterThan(input.length === 0 ? -1 : 0);
    if (out.kind === 'invalid') expect(out.reason).toMatch(/^[a-z0-9-]+$/);
    if (out.kind === 'done') {
      expect(out.value.alpn.length).toBeLessThanOrEqual(32);
      expect(out.value.alpn.every((a) => /^[\x20-\x7e]*$/.test(a))).toBe(true);
    }
  }

  it('never throws on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), fc.boolean(), (bytes, asRecord) => {
        const input = asRecord ? Uint8Array.from([22, 3, 1, ...u16(bytes.length), 1, ...bytes]) : bytes;
        checkOutcome(input, parseClientHelloRecords(input));
        checkOutcome(input, parseClientHelloMessage(bytes));
        looksLikeTlsClientHello(bytes);
      }),
      { numRuns: 400 },
    );
  });

  it('never throws on mutations of a valid hello, and incomplete always asks for more', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(valid.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }),
        fc.nat(valid.length),
        (edits, cut) => {
          const m = valid.slice(0, cut);
          for (const [at, b] of edits) if (at < m.length) m[at] = b;
          const out = parseClientHelloRecords(m);
          checkOutcome(m, out);
          if (out.kind === 'incomplete') expect(out.needed).toBeGreaterThan(m.length);
          checkOutcome(m.subarray(5), parseClientHelloMessage(m.subarray(5)));
        },
      ),
      { numRuns: 400 },
    );
  });
});
