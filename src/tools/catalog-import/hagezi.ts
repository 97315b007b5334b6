/**
 * Reader for hagezi/dns-blocklists domain lists (`domains/*.txt`): `# Key: value` header lines, then one domain per
 * line, each meaning the name and its subdomains (the header's "Syntax: Domains (including possible
 * subdomains)"). Hostile text never throws: a line that is not a host name is counted as bad; a list longer than
 * MAX_HAGEZI_LINES is cut and the rest counted.
 */

export interface HageziList {
  /** Header fields ("Title", "Version", "Last modified", "Syntax", ...), as written. */
  header: Record<string, string>;
  /** Lower-case names, no trailing dot, in list order, each once. */
  domains: string[];
  badLines: number;
}

/** Native-tracker lists have a few hundred entries; the largest hagezi lists a few hundred thousand. */
export const MAX_HAGEZI_LINES = 500_000;
const LABEL = '[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?';
const NAME = new RegExp(`^${LABEL}(?:\\.${LABEL})+$`);
const HEADER = /^#\s*([A-Za-z][A-Za-z ]{0,40}):\s*(.*)$/;

export function parseHageziList(text: string): HageziList {
  const out: HageziList = { header: {}, domains: [], badLines: 0 };
  const seen = new Set<string>();
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length && i < MAX_HAGEZI_LINES; i++) {
    const line = (lines[i] ?? '').trim();
    if (line === '') continue;
    if (line.startsWith('#')) {
      const m = HEADER.exec(line);
      const key = m?.[1]?.trim();
      // The first header of a name wins: a later comment line must not rewrite the list's title or version.
      if (m !== null && key !== undefined && !(key in out.header)) out.header[key] = (m[2] ?? '').trim().slice(0, 200);
      continue;
    }
    const name = line.toLowerCase().replace(/\.$/, '');
    if (name.length > 253 || !NAME.test(name)) {
      out.badLines++;
      continue;
    }
    if (seen.has(name)) continue;
    seen.add(name);
    out.domains.push(name);
  }
  if (lines.length > MAX_HAGEZI_LINES) out.badLines += lines.length - MAX_HAGEZI_LINES;
  return out;
}
