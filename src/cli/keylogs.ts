/**
 * --keylog FILE (repeatable; also `keylogs` in the config file): NSS key log files (SSLKEYLOGFILE) read into one
 * key store. A bad line is counted and shown (first few), never fatal: a browser's key log is appended to by many
 * processes and may end in a half-written line. A file that cannot be read is an input error (exit 2).
 */
import { readFile } from 'node:fs/promises';
import { InputError } from '../core/errors.js';
import { parseKeyLog } from '../payload/keys/key-log.js';
import { KeyStore } from '../payload/keys/key-store.js';
import { escapeTerminal } from '../report/escape.js';

/** What one key log gave, for the run summary and the report's inputs. */
export interface KeyLogSummary {
  file: string;
  entries: number;
  badLines: number;
  ignoredLines: number;
}

export interface LoadedKeys {
  store: KeyStore;
  texts: string[];
  summaries: KeyLogSummary[];
}

/** Bad lines shown per key log on stderr. */
const BAD_LINES_SHOWN = 3;

export async function loadKeyLogs(paths: readonly string[], warn: (line: string) => void): Promise<LoadedKeys> {
  const store = new KeyStore();
  const texts: string[] = [];
  const summaries: KeyLogSummary[] = [];
  for (const file of paths) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? (e instanceof Error ? e.message : String(e));
      throw new InputError(`${file}: cannot read the key log (${code})`, file);
    }
    const parsed = parseKeyLog(text);
    store.addKeyLog(parsed);
    texts.push(text);
    summaries.push({
      file,
      entries: parsed.entries.length,
      badLines: parsed.badCount,
      ignoredLines: parsed.ignoredCount,
    });
    if (parsed.badCount > 0) {
      const shown = parsed.badLines
        .slice(0, BAD_LINES_SHOWN)
        .map((b) => `line ${b.line}: ${b.reason}`)
        .join('; ');
      warn(`${file}: ${parsed.badCount} key log lines skipped (${shown})`);
    }
    if (parsed.entries.length === 0) warn(`${file}: no usable keys in this key log`);
  }
  return { store, texts, summaries };
}

export function stderrWarn(line: string): void {
  process.stderr.write(`outflow: ${escapeTerminal(line)}\n`);
}
