/**
 * What the audit reads of a flow: the engine → audit interface. The grouper (group-flows.ts) folds each flow into
 * its destination group as it arrives and keeps nothing of the flow itself beyond bounded samples (names,
 * addresses, clients, findings, the first certificate and the first evidence location), so any object with these
 * fields will do: a FlowRecord, or a lighter view the engine hands over without building one.
 *
 *   addresses   server, serverPort, proto, client (the client only as a count and a bounded sample)
 *   time        firstSeen, lastSeen (ISO text), or firstMicros, lastMicros when given (see below)
 *   volume      packetsOut, packetsIn, bytesOut, bytesIn, bytesTotal (logs that count both ways together)
 *   names       names: name, via, frame, cnameChain, unicode, suspicious
 *   handshake   rttMs, alpn, tlsVersions, ech, serverCertificate.subjectOrg and .frame
 *   logs        process.image
 *   content     pii, content.status, .requests and .findings (kind, detector, field, excerpt, confidence)
 *   evidence    source.file, source.firstFrame, source.line
 *
 * Not read: ipProto, clientPort, tcpFlags, endReason, tunnelDepth, http, decrypted, action, the certificate's
 * other fields, content.reason and its byte counts, process.pid and .user, source.entry and .format.
 *
 * Optional fields may also be present and undefined, so that one reused object of a fixed shape can hand over
 * the capture engine's flows (ended-audit-flow.ts) and the log store's records (ingest/logs/store-flow-view.ts).
 *
 * firstMicros and lastMicros, when given, are the same instants as firstSeen and lastSeen: wherever they are
 * safe integers, isoMicros of them is exactly the text. The grouper then reads the numbers and spells no text
 * (which a view may then make only when asked, by a getter); elsewhere it reads the texts as it always did.
 */
import type { FlowContent, FlowRecord, ServerCertificateInfo } from '../flows/flow-record.js';

export type AuditFlow = Pick<
  FlowRecord,
  | 'proto'
  | 'client'
  | 'server'
  | 'serverPort'
  | 'firstSeen'
  | 'lastSeen'
  | 'packetsOut'
  | 'packetsIn'
  | 'bytesOut'
  | 'bytesIn'
  | 'rttMs'
  | 'names'
> & {
  firstMicros?: number | undefined;
  lastMicros?: number | undefined;
  bytesTotal?: number | undefined;
  /** Read only: a capture flow's lists are shared with other flows (name-extractors/tls-client-hello.ts). */
  alpn?: readonly string[] | undefined;
  tlsVersions?: readonly string[] | undefined;
  ech?: boolean | undefined;
  pii?: FlowRecord['pii'] | undefined;
  serverCertificate?: Pick<ServerCertificateInfo, 'subjectOrg' | 'frame'> | undefined;
  process?: { image?: string } | undefined;
  content?: Pick<FlowContent, 'status' | 'requests' | 'findings'> | undefined;
  source: { file: string; firstFrame?: number | undefined; line?: number | undefined };
};
