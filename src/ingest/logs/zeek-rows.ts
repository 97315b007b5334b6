/**
 * Zeek log rows in both writers' shapes, behind one accessor: the ASCII writer (TSV with `#separator`,
 * `#set_separator`, `#empty_field`, `#unset_field`, `#path`, `#fields` headers; values escaped as \xNN) and
 * the JSON writer (one object per line, keys "id.orig_h" with a literal dot, or nested "id": {...}).
 * Columns are always mapped by name: their order changes between Zeek versions.
 */

export interface ZeekRow {
  /** The log's path (conn, dns, ssl, quic, http, ...) from #path / _path, or guessed from the fields. */
  path: string;
  /** A scalar field as text, or null when unset/absent. */
  get(name: string): string | null;
  /** A set/vector field as items (empty when unset or empty). */
  list(name: string): string[];
}

/** Undoes the ASCII writer's \xNN escapes (used for names; raw bytes become latin-1 code points). */
export function unescapeZeek(s: string): string {
  if (!s.includes('\\x')) return s;
  return s.replace(/\\x([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
}

/** Guesses a log's path from its field names (JSON logs often lack _path). */
export function guessPath(has: (name: string) => boolean): string {
  if (has('conn_state') || has('orig_ip_bytes') || has('orig_bytes')) return 'conn';
  if (has('query') && (has('answers') || has('qtype') || has('rcode'))) return 'dns';
  if (has('client_initial_dcid') || has('server_scid')) return 'quic';
  if (has('server_name') || has('cipher') || has('established')) return 'ssl';
  if (has('method') && (has('host') || has('uri'))) return 'http';
  return 'other';
}

export class ZeekTsvHeader {
  separator = '\t';
  setSeparator = ',';
  empty = '(empty)';
  unset = '-';
  path = '';
  fields: string[] = [];
  #index = new Map<string, number>();

  /** Consumes a '#' header line; returns false when the line is not one. */
  header(line: string): boolean {
    if (line.startsWith('#separator')) {
      const v = line.slice(11).trim();
      this.separator = v === '' ? '\t' : unescapeZeek(v);
      return true;
    }
    if (line.charCodeAt(0) !== 35) return false;
    const sep = this.separator;
    const cut = line.indexOf(sep);
    const key = cut < 0 ? line : line.slice(0, cut);
    const value = cut < 0 ? '' : line.slice(cut + sep.length);
    if (key === '#set_separator') this.setSeparator = value;
    else if (key === '#empty_field') this.empty = value;
    else if (key === '#unset_field') this.unset = value;
    else if (key === '#path') this.path = value;
    else if (key === '#fields') this.setFields(value.split(sep));
    return true;
  }

  setFields(fields: string[]): void {
    this.fields = fields;
    this.#index = new Map(fields.map((f, i) => [f, i]));
    if (this.path === '') this.path = guessPath((n) => this.#index.has(n));
  }

  row(line: string): ZeekRow | null {
    if (this.fields.length === 0) return null;
    const values = line.split(this.separator);
    if (values.length !== this.fields.length) return null;
    const get = (name: string): string | null => {
      const i = this.#index.get(name);
      const v = i === undefined ? undefined : values[i];
      return v === undefined || v === this.unset ? null : v;
    };
    return {
      path: this.path,
      get,
      list: (name) => {
        const v = get(name);
        return v === null || v === this.empty || v === '' ? [] : v.split(this.setSeparator);
      },
    };
  }
}

/** A row from one JSON line, or null when the line is not a JSON object. */
export function jsonRow(line: string): ZeekRow | null {
  let o: unknown;
  try {
    o = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof o !== 'object' || o === null || Array.isArray(o)) return null;
  const rec = o as Record<string, unknown>;
  const id = typeof rec.id === 'object' && rec.id !== null ? (rec.id as Record<string, unknown>) : null;
  const raw = (name: string): unknown => {
    if (name in rec) return rec[name];
    if (id !== null && name.startsWith('id.')) return id[name.slice(3)];
    return undefined;
  };
  const text = (v: unknown): string | null =>
    typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : null;
  const path = typeof rec._path === 'string' ? rec._path : guessPath((n) => raw(n) !== undefined);
  return {
    path,
    get: (name) => text(raw(name)),
    list: (name) => {
      const v = raw(name);
      if (Array.isArray(v)) return v.map(text).filter((x): x is string => x !== null);
      const t = text(v);
      return t === null ? [] : [t];
    },
  };
}
