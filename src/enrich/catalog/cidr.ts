/**
 * IPv4/IPv6 addresses and prefixes as bigints, for catalog rules constrained to address ranges. Strict parsing
 * (RFC 4291 §2.2 text forms, RFC 4632 prefixes); anything else is null, never an exception.
 */
import { parseIp as parseAddressBytes } from '../../core/ip-format.js';

export interface Cidr {
  family: 4 | 6;
  /** Network address with host bits cleared. */
  network: bigint;
  prefix: number;
  text: string;
}

/**
 * The address as a family and a bigint: core/ip-format.ts parses it (the one address parser of the tool), this
 * only refuses surrounding white space, which rule files and flow records never carry.
 */
export function parseIp(text: string): { family: 4 | 6; value: bigint } | null {
  if (text.length === 0 || text.trim() !== text) return null;
  const bytes = parseAddressBytes(text);
  if (bytes === null) return null;
  let value = 0n;
  for (const b of bytes) value = (value << 8n) | BigInt(b);
  return { family: bytes.length === 4 ? 4 : 6, value };
}

export function parseCidr(text: string): Cidr | null {
  const slash = text.indexOf('/');
  if (slash < 0) return null;
  const ip = parseIp(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  if (ip === null || !/^\d{1,3}$/.test(prefixText)) return null;
  const prefix = Number(prefixText);
  const bits = ip.family === 4 ? 32 : 128;
  if (prefix > bits) return null;
  const hostBits = BigInt(bits - prefix);
  return { family: ip.family, network: (ip.value >> hostBits) << hostBits, prefix, text };
}

export function cidrContains(cidr: Cidr, ip: { family: 4 | 6; value: bigint }): boolean {
  if (cidr.family !== ip.family) return false;
  const hostBits = BigInt((cidr.family === 4 ? 32 : 128) - cidr.prefix);
  return ip.value >> hostBits === cidr.network >> hostBits;
}
