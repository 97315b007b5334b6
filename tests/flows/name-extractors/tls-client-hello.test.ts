/**
 * What a ClientHello records on a flow: its ALPN and version lists are shared, read-only arrays while the next
 * hello offers the same (one client's connections), so a flow keeps no list of its own (issue #18).
 */
import { describe, expect, it } from 'vitest';
import type { ClientHelloInfo } from '../../../src/decode/names/types.js';
import { FlowColumns } from '../../../src/flows/flow-columns.js';
import { FlowDetails } from '../../../src/flows/flow-details.js';
import { recordClientHello } from '../../../src/flows/name-extractors/tls-client-hello.js';
import type { NamingContext } from '../../../src/flows/name-extractors/types.js';

const ctx: NamingContext = {
  addName: (flow, raw, via, frame) => flow.addName({ name: raw, via, frame }),
  pii: null,
};

function hello(over: Partial<ClientHelloInfo>): ClientHelloInfo {
  return { legacyVersion: 0x0303, serverName: 'a.example', alpn: [], supportedVersions: [], ech: false, ...over };
}

function recorded(h: ClientHelloInfo): FlowDetails {
  const columns = new FlowColumns();
  const flow = new FlowDetails(columns, columns.allocate());
  recordClientHello(ctx, flow, h, 'sni', 4);
  return flow;
}

describe('recordClientHello', () => {
  it('names versions without GREASE and repeats, in offered order', () => {
    const flow = recorded(hello({ supportedVersions: [0x3a3a, 0x0304, 0x0303, 0x0304] }));
    expect(flow.tlsVersions).toEqual(['1.3', '1.2']);
    expect(recorded(hello({ legacyVersion: 0x0301 })).tlsVersions).toEqual(['1.0']);
  });

  it('shares one list between hellos that differ only in GREASE values', () => {
    const a = recorded(hello({ supportedVersions: [0x1a1a, 0x0304, 0x0303], alpn: ['h2', 'http/1.1'] }));
    const b = recorded(hello({ supportedVersions: [0xdada, 0x0304, 0x0303], alpn: ['h2', 'http/1.1'] }));
    expect(b.tlsVersions).toBe(a.tlsVersions);
    expect(b.alpn).toBe(a.alpn);
  });

  it('gives a new list when the next hello offers another one', () => {
    const a = recorded(hello({ supportedVersions: [0x0304, 0x0303], alpn: ['h2'] }));
    const b = recorded(hello({ supportedVersions: [0x0303], alpn: ['http/1.1'] }));
    const c = recorded(hello({ supportedVersions: [0x0304, 0x0303, 0x0302], alpn: ['h2', 'h3'] }));
    expect([a.tlsVersions, b.tlsVersions, c.tlsVersions]).toEqual([['1.3', '1.2'], ['1.2'], ['1.3', '1.2', '1.1']]);
    expect([a.alpn, b.alpn, c.alpn]).toEqual([['h2'], ['http/1.1'], ['h2', 'h3']]);
  });

  it('keeps at most 16 ALPN names', () => {
    const many = Array.from({ length: 20 }, (_, i) => `p${i}`);
    expect(recorded(hello({ alpn: many })).alpn).toEqual(many.slice(0, 16));
  });
});
