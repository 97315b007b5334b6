/**
 * Flow keys built straight from the packet bytes (no address formatting per packet): one endpoint is
 * "address|port" with the address as 32-bit words, and a flow's key joins its two endpoints in a fixed order so
 * both directions of a conversation find the same flow.
 */

export function endpointKey(buf: Uint8Array, off: number, ipVersion: 4 | 6, port: number): string {
  if (ipVersion === 4) return `${word(buf, off)}|${port}`;
  return `${word(buf, off)}.${word(buf, off + 4)}.${word(buf, off + 8)}.${word(buf, off + 12)}|${port}`;
}

export function flowKey(ipProto: number, a: string, b: string): string {
  return a < b ? `${ipProto}/${a}/${b}` : `${ipProto}/${b}/${a}`;
}

function word(buf: Uint8Array, off: number): number {
  return (
    (((buf[off] ?? 0) << 24) | ((buf[off + 1] ?? 0) << 16) | ((buf[off + 2] ?? 0) << 8) | (buf[off + 3] ?? 0)) >>> 0
  );
}
