/**
 * Reader for Firefox default-preference files (browser/app/profile/firefox.js, modules/libpref/init/all.js):
 * `pref("name", value);` lines (also `sticky_pref`, `lockPref`, `user_pref`). The pref name says what an endpoint is
 * for, so each URL in a string value yields (pref, host). Preprocessor lines (`#ifdef ...`) are not evaluated: every
 * value line is taken as written, so a pref with different values under different `#ifdef`s yields all their hosts.
 * Hostile text never throws: lines that are too long, too many lines, and URLs whose host is a `%PLACEHOLDER%`
 * are counted and skipped.
 */

export interface PrefHost {
  pref: string;
  /** Lower-case host name as written in the URL (not yet validated as a host pattern). */
  host: string;
  /** 1-based line number, for evidence. */
  line: number;
}

export interface FirefoxPrefs {
  /** (pref, host) pairs in file order, each pair once. */
  hosts: PrefHost[];
  /** Lines that define a pref. */
  prefLines: number;
  /** URLs whose host is built from a placeholder (`https://%LOCALE%.phish-error.mozilla.com/`). */
  placeholderHosts: number;
  /** URLs whose authority is not a host name, lines over MAX_LINE_LENGTH, lines past MAX_PREF_LINES. */
  badLines: number;
}

/** all.js is about 4,500 lines; firefox.js about 3,500. */
export const MAX_PREF_LINES = 100_000;
export const MAX_LINE_LENGTH = 20_000;
/** Preference values hold a handful of URLs at most (a CSP string a few). */
const MAX_URLS_PER_VALUE = 50;

const PREF_CALL = /^\s*(?:pref|sticky_pref|lockPref|user_pref)\s*\(\s*"((?:[^"\\]|\\.){1,300})"\s*,\s*(.*)$/;
const STRING_VALUE = /^(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')/;
/** Schemes of endpoints the browser contacts: web, and WebSocket (the push service and FxA pairing are wss://). */
const URL_AUTHORITY = /\b(?:https?|wss?):\/\/([^/\s"'?#<>\\]{1,300})/gi;
const HOST = /^[a-z0-9_](?:[a-z0-9_.-]{0,251}[a-z0-9_])?$/;

function unescapeJs(s: string): string {
  return s.replace(/\\(.)/g, '$1');
}

/** The host of a URL authority (userinfo and port dropped), 'placeholder', or null when it is not a host name. */
function authorityHost(authority: string): string | 'placeholder' | null {
  const hostPort = authority.slice(authority.lastIndexOf('@') + 1);
  if (/[%$#{}]/.test(hostPort)) return 'placeholder';
  const host = hostPort.replace(/:\d{1,5}$/, '').toLowerCase();
  return HOST.test(host) && !host.includes('..') ? host : null;
}

export function parseFirefoxPrefs(text: string): FirefoxPrefs {
  const out: FirefoxPrefs = { hosts: [], prefLines: 0, placeholderHosts: 0, badLines: 0 };
  const seen = new Set<string>();
  const lines = text.split(/\r?\n/);
  const n = Math.min(lines.length, MAX_PREF_LINES);
  for (let i = 0; i < n; i++) {
    const line = lines[i] ?? '';
    if (line.length > MAX_LINE_LENGTH) {
      out.badLines++;
      continue;
    }
    const m = PREF_CALL.exec(line);
    if (m === null || m[1] === undefined) continue;
    out.prefLines++;
    const pref = unescapeJs(m[1]);
    const v = STRING_VALUE.exec((m[2] ?? '').trim());
    // Booleans and numbers name no endpoint.
    if (v === null) continue;
    const value = unescapeJs(v[1] ?? v[2] ?? '');
    let urls = 0;
    for (const u of value.matchAll(URL_AUTHORITY)) {
      if (++urls > MAX_URLS_PER_VALUE) break;
      const host = authorityHost(u[1] ?? '');
      if (host === 'placeholder') {
        out.placeholderHosts++;
        continue;
      }
      if (host === null) {
        out.badLines++;
        continue;
      }
      const key = `${pref}\u0000${host}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.hosts.push({ pref, host, line: i + 1 });
    }
  }
  if (lines.length > MAX_PREF_LINES) out.badLines += lines.length - MAX_PREF_LINES;
  return out;
}
