/** `outflow flows` on a capture with TLS 1.2 (certificate in clear) and TLS 1.3 (encrypted) connections. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { FlowRecord } from '../../src/flows/flow-record.js';
import { type FrameSink, TcpConversation } from '../../src/writer/conversation.js';
import { writePcap } from '../../src/writer/pcap-writer.js';
import { buildClientHello, toRecords } from '../../src/writer/tls-client-hello-builder.js';
import { buildCertificate, buildServerFlight, buildServerHello } from '../../src/writer/tls-server-hello-builder.js';
import { PC, runCli, T0, tempDir } from './helpers.js';

const { dir, cleanup } = tempDir();
afterAll(cleanup);

function capture(): string {
  const frames: { data: Uint8Array; tsMicros: number }[] = [];
  const sink: FrameSink = (data, tsMicros) => {
    frames.push({ data, tsMicros });
  };
  const hello = (sni: string) => toRecords(buildClientHello({ sni, versions: [0x0304, 0x0303] }));
  const leaf = buildCertificate({
    subject: [
      { type: 'C', value: 'US', tag: 0x13 },
      { type: 'O', value: 'Example Analytics, Inc.' },
      { type: 'CN', value: 'collect.example.com' },
    ],
    issuer: [{ type: 'O', value: 'Example Trust \u202eServices' }],
    sanNames: Array.from({ length: 150 }, (_, i) => `edge${i}.example.com`),
  });
  new TcpConversation(sink, {
    client: { ip: PC, port: 51001 },
    server: { ip: '25.0.0.50', port: 443 },
    startMicros: T0,
    rttMicros: 20_000,
  })
    .handshake()
    .clientSends(hello('collect.example.com'))
    .serverSends(toRecords(buildServerFlight({ chain: [leaf] })))
    .close();
  new TcpConversation(sink, {
    client: { ip: PC, port: 51002 },
    server: { ip: '25.0.0.51', port: 443 },
    startMicros: T0 + 1_000_000,
    rttMicros: 20_000,
  })
    .handshake()
    .clientSends(hello('tls13.example.com'))
    .serverSends(Uint8Array.from([...toRecords(buildServerHello({ selectedVersion: 0x0304 })), 23, 3, 3, 0, 2, 0, 0]))
    .close();
  frames.sort((a, b) => a.tsMicros - b.tsMicros);
  const path = join(dir, 'tls.pcap');
  writeFileSync(path, writePcap({ linkType: 1 }, frames));
  return path;
}

describe('outflow flows: serverCertificate (end to end)', () => {
  const r = runCli(['flows', capture(), '--format', 'ndjson']);
  const lines = r.stdout.trim().split('\n');
  const flows = lines.map((l) => JSON.parse(l) as FlowRecord);

  it('writes the TLS 1.2 leaf subject and issuer, escaped, after ech', () => {
    expect(r.status).toBe(0);
    expect(flows[0]?.serverCertificate).toEqual({
      subjectOrg: 'Example Analytics, Inc.',
      subjectCountry: 'US',
      subjectCommonName: 'collect.example.com',
      issuerOrg: 'Example Trust \\u{202e}Services',
      frame: expect.any(Number),
    });
    expect(lines[0]).toMatch(/"ech":false,"serverCertificate":\{"subjectOrg":"Example Analytics, Inc\."/);
  });

  it('writes no serverCertificate key for TLS 1.3', () => {
    expect(flows[1]?.names[0]?.name).toBe('tls13.example.com');
    expect(lines[1]).not.toContain('serverCertificate');
  });
});
