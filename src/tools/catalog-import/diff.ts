/** What an import changes in a shipped output file: the names (or owner domains) it adds and removes. */

function patterns(text: string | null): Set<string> {
  const out = new Set<string>();
  if (text === null) return out;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return out;
  }
  if (typeof parsed !== 'object' || parsed === null) return out;
  const record = parsed as { rules?: unknown; owners?: unknown };
  if (Array.isArray(record.rules)) {
    for (const r of record.rules as { match?: Record<string, unknown> }[]) {
      for (const key of ['names', 'suffixes', 'cidrs']) {
        const list = r.match?.[key];
        if (Array.isArray(list)) for (const p of list) if (typeof p === 'string') out.add(p);
      }
    }
  }
  if (Array.isArray(record.owners)) {
    for (const o of record.owners as { owner?: unknown; domains?: unknown }[]) {
      if (Array.isArray(o.domains))
        for (const d of o.domains) if (typeof d === 'string') out.add(`${d} (${String(o.owner)})`);
    }
  }
  return out;
}

export interface FileDiff {
  added: string[];
  removed: string[];
}

export function diffOutput(before: string | null, after: string | null): FileDiff {
  const a = patterns(before);
  const b = patterns(after);
  return {
    added: [...b].filter((p) => !a.has(p)).sort(),
    removed: [...a].filter((p) => !b.has(p)).sort(),
  };
}
