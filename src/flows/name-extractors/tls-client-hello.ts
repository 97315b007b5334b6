/** TLS ClientHello over TCP: the server name (SNI), ALPN, offered versions, ECH; then the server's certificate. */
import { looksLikeTlsClientHello, parseClientHelloRecords } from '../../decode/names/tls-client-hello.js';
import { tlsVersionName } from '../../decode/names/tls-versions.js';
import type { ClientHelloInfo } from '../../decode/names/types.js';
import type { FlowDetails } from '../flow-details.js';
import type { NamingContext, StreamNameExtractor } from './types.js';

export const tlsClientHelloExtractor: StreamNameExtractor<ClientHelloInfo> = {
  id: 'tls-client-hello',
  probe: looksLikeTlsClientHello,
  parse: parseClientHelloRecords,
  incompleteUntilLineFeed: false,
  restartsStreamInScan: true,
  invalidAnomalyPrefix: 'tls',
  tooLargeAnomaly: 'tls-client-hello-too-large',
  apply(ctx, flow, hello, frame) {
    recordClientHello(ctx, flow, hello, 'sni', frame);
    // TLS 1.2 and older show the server's certificate in clear: read the answer for it.
    return { mode: 'done', serverFlight: true };
  },
};

/** What a ClientHello tells, over TCP or inside a QUIC Initial. */
export function recordClientHello(
  ctx: NamingContext,
  flow: FlowDetails,
  hello: ClientHelloInfo,
  via: 'sni' | 'quic-sni',
  frame: number,
): void {
  if (hello.serverName !== null) ctx.addName(flow, hello.serverName, via, frame);
  if (hello.alpn.length > 0) flow.alpn = hello.alpn.slice(0, 16);
  const versions: string[] = [];
  for (const v of hello.supportedVersions.length > 0 ? hello.supportedVersions : [hello.legacyVersion]) {
    const name = tlsVersionName(v);
    if (name !== null && !versions.includes(name)) versions.push(name);
  }
  if (versions.length > 0) flow.tlsVersions = versions;
  flow.ech = hello.ech;
}
