/**
 * The one way a report JSON comes back in (--baseline, diff, trend, merge, export): from a file or standard
 * input ("-"), with or without a byte-order mark, checked against the shipped JSON Schema (report/schema.json,
 * through Ajv) after an older minor version is upgraded (upgrade.ts). Reports come from other hosts and other
 * people: a truncated, hand-edited, newer or hostile file is refused with one line naming the file and the first
 * problem, before any input of the run is read, instead of a wrong comparison later.
 */
import { constants } from 'node:buffer';
import { readFile } from 'node:fs/promises';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { InputError } from '../core/errors.js';
import { REPORT_SCHEMA_VERSION, type Report } from '../report/model.js';
import schema from '../report/schema.json' with { type: 'json' };
import { upgradeReport } from './upgrade.js';

const { MAX_STRING_LENGTH } = constants;

const VERSION = /^(\d+)\.(\d+)\.(\d+)$/;
const [, CURRENT_MAJOR = '', CURRENT_MINOR = ''] = VERSION.exec(REPORT_SCHEMA_VERSION) ?? [];

let compiled: ValidateFunction | undefined;

/** The schema's validator, compiled once on first use (compiling costs ~50 ms). */
function validator(): ValidateFunction {
  compiled ??= new Ajv2020({ allErrors: false, strict: true, allowUnionTypes: true }).compile(schema);
  return compiled;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads a report from `file`, or from standard input when `file` is "-". */
export async function readReport(file: string, stdin: () => Promise<Buffer> = readStdin): Promise<Report> {
  const name = file === '-' ? 'stdin' : file;
  let bytes: Buffer;
  try {
    bytes = file === '-' ? await stdin() : await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : 'unreadable');
    throw new InputError(`cannot read report ${name} (${code})`, name);
  }
  return parseReport(reportText(bytes, name), name);
}

/**
 * The file's text. A report of more than about 536 million characters (some 190,000 destinations, pretty-printed)
 * is longer than a JavaScript string can be: refused with that reason, not as a bug.
 */
function reportText(bytes: Buffer, name: string): string {
  try {
    return bytes.toString('utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ERR_STRING_TOO_LONG') throw error;
    throw new InputError(
      `${name} is too large to read as a report (${Math.round(bytes.length / 1e6)} MB; at most ${Math.floor(MAX_STRING_LENGTH / 1e6)} million characters of JSON can be read)`,
      name,
    );
  }
}

/** Parses and checks report JSON text; an InputError with one line naming `file` otherwise. */
export function parseReport(text: string, file: string): Report {
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const why = error instanceof Error ? (error.message.split('\n')[0] ?? '') : 'invalid JSON';
    throw new InputError(`${file} is not a report JSON file (${why}); give a report written with -o report.json`, file);
  }
  const problem = reportProblem(doc);
  if (problem !== null) throw new InputError(`${file} is not a usable outflow report: ${problem}`, file);
  return doc as Report;
}

/**
 * The first problem that makes `doc` unusable as a report of this version, or null; an older minor version is
 * upgraded in place on the way (so a null answer means `doc` is now a current report).
 */
export function reportProblem(doc: unknown): string | null {
  if (!isObj(doc)) return 'not a JSON object';
  const version = doc.schemaVersion;
  if (typeof version !== 'string') return 'no schemaVersion (is this an outflow JSON report?)';
  const [, major = '', minor = ''] = VERSION.exec(version) ?? [];
  if (major !== CURRENT_MAJOR) return `report schema ${version.slice(0, 40)}; this outflow reads ${CURRENT_MAJOR}.x`;
  if (Number(minor) > Number(CURRENT_MINOR)) {
    return `report schema ${version} was written by a newer outflow; this one reads up to ${REPORT_SCHEMA_VERSION} (update outflow)`;
  }
  upgradeReport(doc, Number(minor));
  // The schema names the current version; an upgraded older report is checked as what it now is.
  const valid = validator()({ ...doc, schemaVersion: REPORT_SCHEMA_VERSION });
  return valid ? null : describeError(validator().errors?.[0]);
}

function describeError(e: ErrorObject | undefined): string {
  if (e === undefined) return 'does not match the report schema';
  const where = e.instancePath === '' ? 'the report' : e.instancePath.slice(1).replaceAll('/', '.');
  const params = e.params as Record<string, unknown>;
  const detail =
    e.keyword === 'additionalProperties'
      ? ` (${String(params.additionalProperty).slice(0, 60)})`
      : e.keyword === 'enum'
        ? ` (${(params.allowedValues as unknown[]).join(', ')})`
        : '';
  return `${where} ${e.message ?? 'is invalid'}${detail}`;
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(String(c)));
  return Buffer.concat(chunks);
}
