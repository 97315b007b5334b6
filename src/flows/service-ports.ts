/**
 * Which side of a flow is the server when the capture did not see the connection start (no SYN): the side on a
 * well-known service port. Used only as a fallback; a SYN always decides.
 */

/** Ports that are almost always the server side, beyond the IANA system range (< 1024). */
const SERVICE_PORTS = new Set<number>([
  1080, 1194, 1433, 1521, 1723, 1883, 2049, 3128, 3268, 3306, 3389, 3478, 4433, 4500, 5060, 5061, 5222, 5223, 5228,
  5349, 5353, 5355, 5432, 5672, 5900, 5938, 5985, 5986, 6379, 6443, 7070, 8000, 8008, 8080, 8081, 8443, 8883, 8888,
  9000, 9090, 9092, 9200, 9443, 11211, 27017,
]);

/** A rank of how strongly a port looks like a service: 2 well-known service, 1 system port, 0 neither. */
export function servicePortRank(port: number): number {
  if (SERVICE_PORTS.has(port)) return 2;
  if (port > 0 && port < 1024) return 2;
  return 0;
}

/**
 * True when the packet's destination should be taken as the client, i.e. the packet was sent by the server:
 * its source port looks like a service and its destination port does not.
 */
export function sentByServer(srcPort: number, dstPort: number): boolean {
  const s = servicePortRank(srcPort);
  const d = servicePortRank(dstPort);
  if (s !== d) return s > d;
  // Both or neither look like services: the lower port is the more likely server (ephemeral ports are high).
  if (s === 2 && srcPort !== dstPort) return srcPort < dstPort;
  return false;
}
