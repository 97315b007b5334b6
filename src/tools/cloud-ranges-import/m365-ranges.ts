/**
 * The address ranges of Microsoft's worldwide Microsoft 365 endpoint list (the markdown rendering the catalog
 * import reads, src/tools/catalog-import/m365.ts, whose table parsing is reused here). Microsoft publishes them
 * for the whole service, without a region: Teams media relays (52.112.0.0/14) and Exchange Online front ends
 * answer from many places, so every range is kind "global". The generic databases place many of them where
 * Microsoft registered the block (52.112.0.0/14 in Canada), which is no evidence of where the server is.
 */
import { parseM365Markdown } from '../catalog-import/m365.js';
import { canonicalPrefix, ImportError, type ParsedSource, type PublishedRange } from './parsers.js';

/** The list's own header: `<!--Worldwide endpoints version 2023073100-->`, `<!--File generated 2023-07-31 ...-->`. */
const VERSION = /^<!--\s*Worldwide endpoints version (\d{10})\s*-->/m;
const GENERATED = /^<!--\s*File generated (\d{4}-\d{2}-\d{2})[ T\d:.]*-->/m;

export function parseM365Ranges(text: string): ParsedSource {
  const version = VERSION.exec(text)?.[1];
  const date = GENERATED.exec(text)?.[1];
  if (version === undefined) throw new ImportError('Microsoft 365 endpoints: no "Worldwide endpoints version" line');
  const day = date === undefined ? null : new Date(`${date}T00:00:00Z`);
  if (date === undefined || day === null || Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== date) {
    throw new ImportError('Microsoft 365 endpoints: no valid "File generated" date');
  }
  const parsed = parseM365Markdown(text);
  const ranges: PublishedRange[] = [];
  // Rows the table parser could not read, and addresses that are not networks (a bare address has no "/").
  let skipped = parsed.badRows;
  for (const endpoint of parsed.endpoints) {
    for (const ip of endpoint.ips) {
      const prefix = canonicalPrefix(ip);
      if (prefix === null) skipped++;
      else ranges.push({ prefix, region: null, country: null, kind: 'global' });
    }
  }
  if (ranges.length === 0) throw new ImportError('Microsoft 365 endpoints: no address range');
  return { version: `version ${version}`, date, ranges, skipped };
}
