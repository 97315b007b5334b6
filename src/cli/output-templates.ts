/**
 * Output path templates for scheduled runs: `-o 'reports/{date}/{host}-{input}.{ext}'`. Every value put into a
 * path is reduced to [A-Za-z0-9._-] and may not start with a dot or dash, so neither a host name nor a hostile
 * input file name ("../../etc", "a b;rm") can move the output elsewhere or become a shell option later.
 */
import { basename } from 'node:path';
import { UsageError } from '../core/errors.js';

export const PLACEHOLDERS = ['date', 'time', 'datetime', 'host', 'input', 'ext'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

/** Longest value a placeholder expands to: file systems limit a name to 255 bytes. */
const MAX_VALUE_LENGTH = 64;

export interface TemplateContext {
  /** The report's generatedAt (ISO 8601 UTC); date and time placeholders come from it, not the clock. */
  generatedAt: string;
  /** os.hostname(), sanitised here. */
  host: string;
  /** The first input as given on the command line ("-" = standard input). */
  firstInput: string | undefined;
  /** Extension (without dot) for {ext}, from -f; null when no format was given. */
  ext: string | null;
}

/** [A-Za-z0-9._-] only; a leading dot or dash becomes "_" (no "..", no hidden files, no "-rf"); never empty. */
export function sanitizePathPart(value: string): string {
  const s = value
    .replace(/[^A-Za-z0-9._-]/g, '_')
    .replace(/^[.-]/, '_')
    .slice(0, MAX_VALUE_LENGTH);
  return s === '' ? '_' : s;
}

/** Basename of the input without compression and format extension: "logs/fw.log.gz" -> "fw". */
export function inputStem(input: string | undefined): string {
  if (input === undefined || input === '-') return 'stdin';
  const base = basename(input.replace(/[\\/]+$/, '')).replace(/\.(gz|gzip)$/i, '');
  const dot = base.lastIndexOf('.');
  return sanitizePathPart(dot > 0 ? base.slice(0, dot) : base);
}

/** Whether a path contains a placeholder-like "{...}". */
export function hasPlaceholder(path: string): boolean {
  return /\{[^{}]*\}/.test(path);
}

function utcParts(iso: string): { date: string; time: string } {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) throw new UsageError(`cannot expand a date from the report time "${iso}"`);
  const s = new Date(t).toISOString(); // 2026-03-02T08:15:00.000Z
  return { date: s.slice(0, 10), time: s.slice(11, 19).replace(/:/g, '') };
}

/**
 * Expands every {name} in `path`. {datetime} is ISO 8601 basic format (20260302T081500Z): no colons, which
 * Windows forbids in file names. An unknown placeholder is a usage error naming it and the known ones.
 */
export function expandOutputTemplate(path: string, ctx: TemplateContext): string {
  return path.replace(/\{([^{}]*)\}/g, (_match, name: string) => {
    switch (name as Placeholder) {
      case 'date':
        return utcParts(ctx.generatedAt).date;
      case 'time':
        return utcParts(ctx.generatedAt).time;
      case 'datetime': {
        const { date, time } = utcParts(ctx.generatedAt);
        return `${date.replace(/-/g, '')}T${time}Z`;
      }
      case 'host':
        return sanitizePathPart(ctx.host);
      case 'input':
        return inputStem(ctx.firstInput);
      case 'ext':
        if (ctx.ext === null) throw new UsageError(`{ext} in output path "${path}" needs -f to say the format`);
        return ctx.ext;
      default:
        throw new UsageError(
          `unknown placeholder {${name}} in output path "${path}" (known: ${PLACEHOLDERS.map((p) => `{${p}}`).join(' ')})`,
        );
    }
  });
}
