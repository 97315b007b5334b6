/**
 * What the audit reads of a flow: the engine → audit interface. The grouper (group-flows.ts) folds each flow into
 * its destination group as it arrives and keeps nothing of the flow itself beyond bounded samples (names,
 * addresses, clients, findings, the first certificate and the first evidence location), so any object with these
 * fields will do: a FlowRecord, or a lighter view the engine hands over without building one.
 *
 *   addresses   server, serverPort, proto, client (the client only as a count and a bounded sample)
 *   time        firstSeen, lastSeen (ISO text: compared as text, kept as text)
 *   volume      packetsOut, packetsIn, bytesOut, bytesIn, bytesTotal (logs that count both ways together)
 *   names       names: name, via, frame, cnameChain, unicode, suspicious
 *   handshake   rttMs, alpn, tlsVersions, ech, serverCertificate.subjectOrg and .frame
 *   logs        process.image
 *   content     pii, content.status, .requests and .findings (kind, detector, field, excerpt, confidence)
 *   evidence    source.file, source.firstFrame, source.line
 *
 * Not read: ipProto, clientPort, tcpFlags, endReason, tunnelDepth, http, decrypted, action, the certificate's
 * other fields, content.reason and its byte counts, process.pid and .user, source.entry and .format.
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
  | 'bytesTotal'
  | 'rttMs'
  | 'names'
  | 'alpn'
  | 'tlsVersions'
  | 'ech'
  | 'pii'
> & {
  serverCertificate?: Pick<ServerCertificateInfo, 'subjectOrg' | 'frame'>;
  process?: { image?: string };
  content?: Pick<FlowContent, 'status' | 'requests' | 'findings'>;
  source: Pick<FlowRecord['source'], 'file' | 'firstFrame' | 'line'>;
};
