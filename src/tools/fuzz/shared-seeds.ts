/**
 * Optional extra seeds: real captures and logs from the shared data folder next to the repository
 * (../shared/corpus, ../shared/logs, ../shared/etl, ../shared/netmon) when it is there. They are read in place,
 * never copied into the repository; only the inputs mutated from them that show new behaviour are kept, in the
 * fuzzer's own (gitignored) directory. A file goes to the target whose reader would read it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { sniffHar } from '../../ingest/har/har-reader.js';
import { classifyWith } from '../../ingest/input-registry.js';
import { LogIngest } from '../../ingest/logs/log-ingest.js';
import { sniffCompression } from '../../ingest/source.js';

/** Larger files make slow executions; their first part is no better a seed than a small file. */
const MAX_SEED_FILE_BYTES = 64 * 1024;
const MAX_FILES_WALKED = 5000;

function walk(dir: string, out: string[]): void {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return;
  }
  for (const n of names) {
    if (out.length >= MAX_FILES_WALKED) return;
    const p = join(dir, n);
    try {
      const st = statSync(p);
      if (st.isDirectory()) walk(p, out);
      else if (st.isFile() && st.size > 0 && st.size <= MAX_SEED_FILE_BYTES) out.push(p);
    } catch {
      // Vanished or unreadable: not a seed.
    }
  }
}

/** The target a file's bytes belong to, or null (only uncompressed heads are classified). */
export function targetOf(bytes: Uint8Array): string | null {
  const compression = sniffCompression(bytes);
  if (compression !== null) return compression;
  const kind = classifyWith(bytes.subarray(0, 64 * 1024), { har: sniffHar, log: (h) => LogIngest.sniff(h) });
  if (kind === null) return null;
  if (kind.kind === 'capture') return kind.format.id;
  if (kind.kind === 'har') return 'har';
  return `log-${kind.format.id}`;
}

/** Shared files for `target` under `roots`, at most `limit`. */
export function sharedSeeds(roots: readonly string[], target: string, limit: number): Uint8Array[] {
  const files: string[] = [];
  for (const r of roots) walk(r, files);
  const out: Uint8Array[] = [];
  for (const f of files) {
    if (out.length >= limit) break;
    if (/\.(md|txt|tsv|py|json|csv)$/i.test(f) && target !== 'har' && !target.startsWith('log-')) continue;
    let bytes: Buffer;
    try {
      bytes = readFileSync(f);
    } catch {
      continue;
    }
    if (target === 'cli' || targetOf(bytes) === target) out.push(bytes);
  }
  return out;
}
