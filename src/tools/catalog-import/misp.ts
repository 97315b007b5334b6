/**
 * Reader for MISP warninglists (`lists/<name>/list.json`): `{name, description, version, type, list: [...]}`.
 * Only host-name lists are read (type `string` or `hostname`); an entry written `.example.com` means the
 * subdomains of example.com (MISP's convention), anything else is one exact name. Hostile input never throws: an
 * unreadable file gives `error`, an entry that is not a host name is counted as bad.
 */

export interface MispHost {
  kind: 'name' | 'suffix';
  /** Lower-case host name without the leading dot. */
  value: string;
}

export interface MispList {
  name: string;
  description: string;
  version: string;
  hosts: MispHost[];
  badEntries: number;
  /** Why nothing was read (not JSON, not a host-name list, no `list` array), or null. */
  error: string | null;
}

export const MAX_MISP_ENTRIES = 1_000_000;
const LABEL = '[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?';
const NAME = new RegExp(`^${LABEL}(?:\\.${LABEL})+$`);

function text(value: unknown, max: number): string {
  if (typeof value === 'string') return value.slice(0, max);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return '';
}

export function parseMispList(json: string): MispList {
  const out: MispList = { name: '', description: '', version: '', hosts: [], badEntries: 0, error: null };
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return { ...out, error: 'not JSON' };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { ...out, error: 'not a JSON object' };
  const file = data as Record<string, unknown>;
  out.name = text(file.name, 200);
  out.description = text(file.description, 500);
  out.version = text(file.version, 40);
  if (file.type !== 'string' && file.type !== 'hostname')
    return { ...out, error: `type ${text(file.type, 40) || '(none)'} is not a host-name list` };
  if (!Array.isArray(file.list)) return { ...out, error: 'no list array' };
  const seen = new Set<string>();
  for (const entry of file.list.slice(0, MAX_MISP_ENTRIES)) {
    if (typeof entry !== 'string') {
      out.badEntries++;
      continue;
    }
    const raw = entry.trim().toLowerCase().replace(/\.$/, '');
    const suffix = raw.startsWith('.');
    const value = suffix ? raw.slice(1) : raw;
    if (value.length > 253 || !NAME.test(value)) {
      out.badEntries++;
      continue;
    }
    const key = `${suffix ? '.' : ''}${value}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.hosts.push({ kind: suffix ? 'suffix' : 'name', value });
  }
  out.badEntries += Math.max(0, file.list.length - MAX_MISP_ENTRIES);
  return out;
}
