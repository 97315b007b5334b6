import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clientHelloRandom, serverHelloCipherSuite } from '../../../src/payload/quic/tls-hello.js';
import { buildClientHello } from '../../../src/writer/tls-client-hello-builder.js';
import { buildServerHello } from '../../../src/writer/tls-server-hello-builder.js';

describe('TLS hello fields', () => {
  it('reads ClientHello.random once 38 bytes are there', () => {
    const hello = Buffer.from(buildClientHello({ sni: 'example.com' }));
    const random = Buffer.alloc(32, 0xab);
    random.copy(hello, 6);
    for (let n = 0; n < 38; n++) expect(clientHelloRandom(hello.subarray(0, n)).kind).toBe('pending');
    const got = clientHelloRandom(hello.subarray(0, 38));
    expect(got.kind === 'ok' && Buffer.from(got.value).equals(random)).toBe(true);
    expect(clientHelloRandom(Buffer.of(2, 0, 0, 0)).kind).toBe('invalid');
  });

  it('reads the ServerHello cipher suite, whatever the session id length', () => {
    for (const sessionIdLength of [0, 8, 32]) {
      const hello = buildServerHello({ cipherSuite: 0x1302, sessionIdLength, selectedVersion: 0x0304 });
      const suiteEnd = 4 + 2 + 32 + 1 + sessionIdLength + 2;
      for (let n = 0; n < suiteEnd; n++) expect(serverHelloCipherSuite(hello.subarray(0, n)).kind).toBe('pending');
      expect(serverHelloCipherSuite(hello)).toEqual({ kind: 'ok', value: 0x1302 });
    }
    expect(serverHelloCipherSuite(Buffer.of(1, 0, 0, 0)).kind).toBe('invalid');
    const badSid = Buffer.from(buildServerHello({ sessionIdLength: 32 }));
    badSid[38] = 33;
    expect(serverHelloCipherSuite(badSid)).toEqual({ kind: 'invalid', reason: 'bad-session-id' });
  });

  it('random bytes never throw', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (b) => {
        clientHelloRandom(b);
        serverHelloCipherSuite(b);
      }),
    );
  });
});
