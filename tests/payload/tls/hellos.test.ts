import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseClientHello, parseServerHello } from '../../../src/payload/tls/hellos.js';
import { buildClientHello } from '../../../src/writer/tls-client-hello-builder.js';
import { buildServerHello } from '../../../src/writer/tls-server-hello-builder.js';

describe('hello parsing', () => {
  it('reads the ClientHello random from the project builder', () => {
    const hello = buildClientHello({ sni: 'example.org', versions: [0x0304], pqKeyShare: true, grease: true });
    const info = parseClientHello(hello.subarray(4));
    expect(info?.random).toEqual(hello.subarray(6, 38));
    expect(info?.earlyData).toBe(false);
  });

  it('reads version, suite and HelloRetryRequest from ServerHellos', () => {
    const tls13 = parseServerHello(buildServerHello({ selectedVersion: 0x0304, cipherSuite: 0x1302 }).subarray(4));
    expect(tls13).toMatchObject({
      version: 0x0304,
      cipherSuite: 0x1302,
      helloRetryRequest: false,
      encryptThenMac: false,
    });
    const tls12 = parseServerHello(buildServerHello({ cipherSuite: 0xc02f, noExtensions: true }).subarray(4));
    expect(tls12).toMatchObject({ version: 0x0303, cipherSuite: 0xc02f });
    const hrr = buildServerHello({ selectedVersion: 0x0304 });
    hrr.set(Buffer.from('cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c', 'hex'), 6);
    expect(parseServerHello(hrr.subarray(4))?.helloRetryRequest).toBe(true);
  });

  it('never throws on truncated or random hellos', () => {
    const hello = buildClientHello({ sni: 'a.example' }).subarray(4);
    for (let n = 0; n < hello.length; n++) expect(() => parseClientHello(hello.subarray(0, n))).not.toThrow();
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (b) => {
        parseClientHello(b);
        parseServerHello(b);
      }),
    );
  });
});
