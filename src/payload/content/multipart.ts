/**
 * multipart/form-data (RFC 7578): the parts between "--boundary" lines, each with its Content-Disposition name
 * and filename and its Content-Type. Bounded in parts; a body that does not hold the boundary gives no parts.
 */

export interface FormPart {
  name: string;
  filename: string | null;
  contentType: string | null;
  body: Uint8Array;
}

/** Parts read at most. */
export const MAX_MULTIPART_PARTS = 64;
const MAX_PART_HEAD_BYTES = 8 * 1024;

export function parseMultipart(body: Uint8Array, boundary: string): FormPart[] {
  if (boundary === '' || boundary.length > 200) return [];
  const buf = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const delimiter = Buffer.from(`--${boundary}`, 'latin1');
  const out: FormPart[] = [];
  let at = buf.indexOf(delimiter);
  while (at >= 0 && out.length < MAX_MULTIPART_PARTS) {
    let start = at + delimiter.length;
    if (buf[start] === 0x2d && buf[start + 1] === 0x2d) break; // "--boundary--": the end
    start = skipLineEnd(buf, start);
    const next = buf.indexOf(delimiter, start);
    const end = next < 0 ? buf.length : trimLineEnd(buf, next);
    const part = readPart(buf.subarray(start, Math.max(start, end)));
    if (part !== null) out.push(part);
    at = next;
  }
  return out;
}

function skipLineEnd(buf: Buffer, i: number): number {
  const nl = buf.indexOf(0x0a, i);
  return nl < 0 || nl - i > 256 ? i : nl + 1; // transport padding may sit before the CRLF
}

function trimLineEnd(buf: Buffer, i: number): number {
  if (buf[i - 1] === 0x0a) return buf[i - 2] === 0x0d ? i - 2 : i - 1;
  return i;
}

function readPart(part: Buffer): FormPart | null {
  let split = part.indexOf('\r\n\r\n');
  let sep = 4;
  if (split < 0 || split > MAX_PART_HEAD_BYTES) {
    split = part.indexOf('\n\n');
    sep = 2;
  }
  if (split < 0 || split > MAX_PART_HEAD_BYTES) return null;
  const head = part.subarray(0, split).toString('latin1');
  let name: string | null = null;
  let filename: string | null = null;
  let contentType: string | null = null;
  for (const line of head.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const field = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (field === 'content-type') contentType = value;
    if (field === 'content-disposition') {
      name = dispositionParam(value, 'name');
      filename = dispositionParam(value, 'filename');
    }
  }
  if (name === null) return null;
  return { name, filename, contentType, body: part.subarray(split + sep) };
}

function dispositionParam(value: string, param: string): string | null {
  const m = new RegExp(`(?:^|;)\\s*${param}\\s*=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|([^;\\s]*))`, 'i').exec(value);
  if (m === null) return null;
  return (m[1] ?? m[2] ?? '').replace(/\\(.)/g, '$1');
}
