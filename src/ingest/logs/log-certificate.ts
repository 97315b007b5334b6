/**
 * A server certificate's subject and issuer as TLS logs write them, read back into ServerCertificateInfo.
 *
 * Two spellings are seen:
 *   Zeek ssl.log (OpenSSL's RFC 2253 form): `CN=urs.microsoft.com,OU=Windows Live,O=Microsoft Corporation,C=US`,
 *     specials escaped (`\,` `\+` `\"` `\\`), bytes of non-ASCII UTF-8 as `\C3\A9`;
 *   Suricata EVE tls (its own DER printer): `C=US, O=Google LLC, CN=*.google.com`, values not escaped at all, so
 *     `O=Google, Inc.` holds a bare comma.
 * A comma (or `+`, `;`) therefore separates attributes only when it is followed by `TYPE=`: a name or a dotted
 * OID and an equals sign. "Google, Inc." stays whole; a value that itself holds ", X=" cannot be told apart from
 * two attributes (such a certificate is rare, and the result is then a shorter value, never a wrong attribute).
 */
import { toSafeText } from '../../decode/names/safe-name.js';
import { MAX_ATTRIBUTE_CHARS } from '../../decode/names/x509-names.js';
import type { ServerCertificateInfo } from '../../flows/flow-record.js';

/** Characters of a DN string read at most (real ones are under 300). */
const MAX_DN_CHARS = 4096;

/** Attribute type names (lower case) and OIDs for the three attributes kept. */
const ORG = new Set(['o', 'organizationname', '2.5.4.10', 'oid.2.5.4.10']);
const COUNTRY = new Set(['c', 'countryname', '2.5.4.6', 'oid.2.5.4.6']);
const COMMON_NAME = new Set(['cn', 'commonname', '2.5.4.3', 'oid.2.5.4.3']);

/** `TYPE=` at the start of the rest of a DN: a separator before it is real. */
const NEXT_ATTRIBUTE = /^\s*(?:[A-Za-z][A-Za-z0-9-]*|(?:oid\.|OID\.)?\d+(?:\.\d+)+)\s*=/;

export interface DnAttributes {
  o: string | null;
  c: string | null;
  cn: string | null;
}

/** The first O, C and CN of a distinguished name string, escaped for output; null for a placeholder or none. */
export function parseDn(raw: string | null | undefined): DnAttributes | null {
  if (raw === null || raw === undefined) return null;
  const text = raw.trim().slice(0, MAX_DN_CHARS);
  if (text === '' || text === '-' || text === '(empty)') return null;
  const out: DnAttributes = { o: null, c: null, cn: null };
  let found = false;
  for (const [type, value] of attributes(text)) {
    const t = type.trim().toLowerCase();
    const v = toSafeText(value, MAX_ATTRIBUTE_CHARS);
    if (v === '') continue;
    if (ORG.has(t) && out.o === null) out.o = v;
    else if (COUNTRY.has(t) && out.c === null) out.c = v;
    else if (COMMON_NAME.has(t) && out.cn === null) out.cn = v;
    else continue;
    found = true;
  }
  return found ? out : null;
}

/** ServerCertificateInfo from a log's subject and issuer strings, or undefined when neither names anything. */
export function certificateFromLog(
  subject: string | null | undefined,
  issuer: string | null | undefined,
  line: number,
): ServerCertificateInfo | undefined {
  const s = parseDn(subject);
  const i = parseDn(issuer);
  if (s === null && i === null) return undefined;
  return {
    subjectOrg: s?.o ?? null,
    subjectCountry: s?.c ?? null,
    subjectCommonName: s?.cn ?? null,
    issuerOrg: i?.o ?? null,
    frame: line,
  };
}

/** [type, value] pairs of a DN, escapes resolved (a `\XX` run is decoded as UTF-8). */
function* attributes(text: string): Generator<[string, string]> {
  let type = '';
  let bytes: number[] = [];
  let inValue = false;
  let quoted = false;
  const flush = (): [string, string] => {
    let value = Buffer.from(bytes).toString('utf8').trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    return [type, value];
  };
  for (let i = 0; i < text.length; i++) {
    // Whole code points: a character outside the BMP is two UTF-16 units and must not be split.
    const ch = String.fromCodePoint(text.codePointAt(i) ?? 0);
    if (!inValue) {
      if (ch === '=') inValue = true;
      else type += ch;
      i += ch.length - 1;
      continue;
    }
    if (ch === '\\' && i + 1 < text.length) {
      const hex = text.slice(i + 1, i + 3);
      if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
        bytes.push(Number.parseInt(hex, 16));
        i += 2;
      } else {
        const next = String.fromCodePoint(text.codePointAt(i + 1) ?? 0);
        pushText(bytes, next);
        i += next.length;
      }
      continue;
    }
    if (ch === '"') quoted = !quoted;
    if (!quoted && (ch === ',' || ch === '+' || ch === ';') && NEXT_ATTRIBUTE.test(text.slice(i + 1, i + 80))) {
      yield flush();
      type = '';
      bytes = [];
      inValue = false;
      continue;
    }
    pushText(bytes, ch);
    i += ch.length - 1;
  }
  if (inValue) yield flush();
}

function pushText(bytes: number[], ch: string): void {
  const c = ch.charCodeAt(0);
  if (c < 0x80) bytes.push(c);
  else for (const b of Buffer.from(ch, 'utf8')) bytes.push(b);
}

/**
 * Zeek ASCII logs write bytes outside printable ASCII as \xNN: after unescaping, a UTF-8 name is a run of
 * Latin-1 characters. They are read back as UTF-8 when they are valid UTF-8, else kept (and escaped later).
 */
export function utf8FromLatin1(s: string): string {
  let high = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0xff) return s;
    if (c >= 0x80) high = true;
  }
  if (!high) return s;
  const bytes = Buffer.from(s, 'latin1');
  const text = bytes.toString('utf8');
  return Buffer.from(text, 'utf8').equals(bytes) ? text : s;
}
