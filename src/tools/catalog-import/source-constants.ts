/**
 * Service endpoints out of a vendor's own source code (Chromium, the Firebase SDKs, analytics SDKs): the string
 * constants that hold a default endpoint, each with the name it is assigned to. What an endpoint is for is read
 * from that name by a table per file (mappings.ts VENDOR_CODE), the way Firefox's pref names are read: the
 * host comes from the file, never from the table.
 *
 * Recognised, one literal at a time (quotes ', ", `; Objective-C @"..."):
 *   const char kDefaultServerUrl[] = "https://host/...";      (C, C++, also with the literal on the next line)
 *   export const GTAG_URL = 'https://host/...';                (TypeScript, JavaScript, Java, Swift `case x = "..."`)
 *   'api_host':  'https://host',   API_HOST = 'host',          (object keys and enum members)
 *   <string name="key">http://host/...</string>                (Android resources)
 * A literal is a URL (http, https, ws, wss: its host is taken) or, for a named constant, a bare host name
 * ("firestore.googleapis.com", "api.segment.io/v1"). Hosts built from placeholders (`${project}.firebaseio.com`,
 * `%s`) are counted and skipped; so are literals no name can be found for, and comment lines.
 */
import { parse } from 'tldts';

export interface SourceConstant {
  /** The name the literal is assigned to ("kDefaultServerUrl", "api_host"). */
  key: string;
  /** Lower-case host name. */
  host: string;
  /** 1-based line of the literal. */
  line: number;
}

export interface SourceConstants {
  constants: SourceConstant[];
  /** URL literals whose host is built from a placeholder. */
  placeholders: number;
  /** URL literals no constant name was found for (a URL passed to a call, a return value). */
  unnamed: number;
  /** Lines over MAX_LINE_CHARS or past MAX_LINES. */
  badLines: number;
}

export const MAX_LINES = 200_000;
export const MAX_LINE_CHARS = 20_000;
/** A file of constants holds a few dozen literals per line at most. */
const MAX_LITERALS_PER_LINE = 50;

const LITERAL = /(["'`])((?:\\.|(?!\1)[^\\])*)\1/g;
const URL_HOST = /^(?:https?|wss?):\/\/([^/\s?#"'`]+)/i;
const BARE_HOST = /^([a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+)(?:[/:]|$)/;
const HOST = /^[a-z0-9_](?:[a-z0-9_.-]{0,251}[a-z0-9_])?$/;
/** `name =`, `name[] =`, `name: Type =`, `'name':`, `"name" :` at the end of the text before a literal. */
const NAME_BEFORE = /(?:^|[^\w$])([A-Za-z_$][\w$]*)['"]?\s*(?:\[\s*\])?\s*(?::\s*[\w$<>[\]|. ]+?\s*)?[:=]\s*@?$/;
const XML_STRING = /name\s*=\s*"([^"]{1,200})"[^>]*>\s*((?:https?|wss?):\/\/[^<\s]{1,2000})\s*</g;
const COMMENT = /^\s*(?:\/\/|\/\*|\*|#(?!define)|<!--)/;

/** The host of a URL authority (userinfo and port dropped), 'placeholder', or null when it is not a host name. */
function authorityHost(authority: string): string | 'placeholder' | null {
  const hostPort = authority.slice(authority.lastIndexOf('@') + 1);
  if (/[%${}<>\\]/.test(hostPort)) return 'placeholder';
  const host = hostPort.replace(/:\d{1,5}$/, '').toLowerCase();
  return HOST.test(host) && !host.includes('..') ? host : null;
}

/** A bare literal that is a host name under a real (ICANN) top-level domain, e.g. "api.segment.io/v1". */
function bareHost(literal: string): string | null {
  const m = BARE_HOST.exec(literal.toLowerCase());
  if (m?.[1] === undefined) return null;
  const p = parse(m[1]);
  return p.domain !== null && p.isIcann === true ? m[1] : null;
}

/** The constant name a literal starting at `column` of `lines[index]` is assigned to, or null. */
function nameFor(lines: readonly string[], index: number, column: number): string | null {
  const before = (lines[index] ?? '').slice(0, column);
  const here = NAME_BEFORE.exec(before);
  if (here?.[1] !== undefined) return here[1];
  if (before.trim() !== '' && before.trim() !== '@') return null;
  // The literal opens its line: the name ends one of the two lines before ("const char kX[] =").
  for (let k = index - 1, seen = 0; k >= 0 && seen < 2; k--) {
    const prev = (lines[k] ?? '').trimEnd();
    if (prev.trim() === '') continue;
    seen++;
    const m = NAME_BEFORE.exec(prev);
    if (m?.[1] !== undefined) return m[1];
    if (!/[(,]$/.test(prev)) return null;
  }
  return null;
}

export function parseSourceConstants(text: string): SourceConstants {
  const out: SourceConstants = { constants: [], placeholders: 0, unnamed: 0, badLines: 0 };
  const lines = text.split(/\r?\n/);
  const n = Math.min(lines.length, MAX_LINES);
  if (lines.length > MAX_LINES) out.badLines += lines.length - MAX_LINES;
  const seen = new Set<string>();
  const add = (key: string, host: string, line: number): void => {
    const id = `${key}\u0000${host}`;
    if (seen.has(id)) return;
    seen.add(id);
    out.constants.push({ key, host, line });
  };
  for (let i = 0; i < n; i++) {
    const line = lines[i] ?? '';
    if (line.length > MAX_LINE_CHARS) {
      out.badLines++;
      continue;
    }
    if (COMMENT.test(line)) continue;
    for (const m of line.matchAll(XML_STRING)) {
      const host = authorityHost(URL_HOST.exec(m[2] ?? '')?.[1] ?? '');
      if (host === 'placeholder') out.placeholders++;
      else if (host !== null && m[1] !== undefined) add(m[1], host, i + 1);
    }
    let literals = 0;
    for (const m of line.matchAll(LITERAL)) {
      if (++literals > MAX_LITERALS_PER_LINE) break;
      const literal = m[2] ?? '';
      const url = URL_HOST.exec(literal);
      const key = nameFor(lines, i, m.index);
      if (url !== null) {
        const host = authorityHost(url[1] ?? '');
        if (host === 'placeholder') out.placeholders++;
        else if (host !== null && key === null) out.unnamed++;
        else if (host !== null && key !== null) add(key, host, i + 1);
        continue;
      }
      if (key === null) continue;
      const host = bareHost(literal);
      if (host !== null) add(key, host, i + 1);
    }
  }
  return out;
}
