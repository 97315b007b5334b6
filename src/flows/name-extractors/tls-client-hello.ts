/** TLS ClientHello over TCP: the server name (SNI), ALPN, offered versions, ECH; then the server's certificate. */
import { looksLikeTlsClientHello, parseClientHelloRecords } from '../../decode/names/tls-client-hello.js';
import { isGrease, tlsVersionName } from '../../decode/names/tls-versions.js';
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
  if (hello.alpn.length > 0) flow.alpn = alpnList(hello.alpn);
  const versions =
    hello.supportedVersions.length > 0 ? versionNames(hello.supportedVersions) : versionNames([hello.legacyVersion]);
  if (versions.length > 0) flow.tlsVersions = versions;
  flow.ech = hello.ech;
}

/** ALPN names kept per flow at most. */
const MAX_FLOW_ALPN = 16;

/*
 * A flow's ALPN and version lists are shared, read-only arrays (FlowDetails types them so): one client sends the
 * same lists on every connection, and an array per flow was ~100 bytes kept per flow until it ended (issue #18).
 * The last list is remembered and given again while the next hello's list is equal (GREASE values, random per
 * connection, are skipped when versions are compared, as they are not named). Not frozen: the engine iterates a
 * frozen array on a slow path, which made a result object per element in the audit's grouping.
 */
let lastAlpn: readonly string[] = [];
let lastVersionCodes: number[] = [];
let lastVersionNames: readonly string[] = [];

function alpnList(alpn: readonly string[]): readonly string[] {
  const n = Math.min(alpn.length, MAX_FLOW_ALPN);
  if (n !== lastAlpn.length || !samePrefix(alpn, lastAlpn, n)) lastAlpn = alpn.slice(0, n);
  return lastAlpn;
}

function samePrefix(a: readonly string[], b: readonly string[], n: number): boolean {
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The versions' names in offered order, without GREASE and repeats (a shared array). */
function versionNames(codes: readonly number[]): readonly string[] {
  let j = 0;
  let same = true;
  for (const v of codes) {
    if (isGrease(v)) continue;
    if (lastVersionCodes[j] !== v) {
      same = false;
      break;
    }
    j++;
  }
  if (same && j === lastVersionCodes.length) return lastVersionNames;
  const names: string[] = [];
  for (const v of codes) {
    const name = tlsVersionName(v);
    if (name !== null && !names.includes(name)) names.push(name);
  }
  lastVersionCodes = codes.filter((v) => !isGrease(v));
  lastVersionNames = names;
  return lastVersionNames;
}
