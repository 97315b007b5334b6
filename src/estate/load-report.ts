/**
 * Read a report written by `outflow audit -o x.json` (or by merge) back in. Reports come from other hosts and
 * other people: check the shape the merge and export rely on and name the file and the field when it is wrong,
 * rather than fail later on an undefined.
 */
import { readFile } from 'node:fs/promises';
import { InputError } from '../core/errors.js';
import type { Report } from '../report/model.js';
import { REPORT_SCHEMA_VERSION } from '../report/model.js';

const MAJOR = REPORT_SCHEMA_VERSION.split('.')[0];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The first field that does not have the shape the model says, or null. */
export function reportProblem(doc: unknown): string | null {
  if (!isObject(doc)) return 'not a JSON object';
  if (typeof doc.schemaVersion !== 'string') return 'no schemaVersion (is this an outflow JSON report?)';
  if (doc.schemaVersion.split('.')[0] !== MAJOR) {
    return `schemaVersion ${doc.schemaVersion}; this outflow reads ${MAJOR}.x reports`;
  }
  const m = doc.metadata;
  if (!isObject(m)) return 'metadata missing';
  for (const k of ['inputs', 'databases', 'timeAssumptions'] as const)
    if (!Array.isArray(m[k])) return `metadata.${k} missing`;
  if (!isObject(m.catalog) || !Array.isArray(m.catalog.files)) return 'metadata.catalog missing';
  if (!isObject(m.options)) return 'metadata.options missing';
  if (!isObject(doc.summary) || typeof doc.summary.clients !== 'number') return 'summary missing';
  for (const k of ['destinations', 'evidence', 'skipped', 'limitations'] as const)
    if (!Array.isArray(doc[k])) return `${k} missing`;
  const groups = doc.destinations as unknown[];
  for (const [i, g] of groups.entries()) {
    const where = `destinations[${i}]`;
    if (!isObject(g) || typeof g.key !== 'string') return `${where}.key missing`;
    for (const k of ['names', 'ips', 'ports', 'clients', 'processes', 'evidence', 'reasons', 'alpn'] as const)
      if (!Array.isArray(g[k])) return `${where}.${k} missing`;
    for (const k of ['regionHints', 'personalDataKinds', 'tlsVersions'] as const)
      if (!Array.isArray(g[k])) return `${where}.${k} missing`;
    if (typeof g.flows !== 'number' || !Number.isFinite(g.flows)) return `${where}.flows is not a number`;
    if (typeof g.firstSeen !== 'string' || typeof g.lastSeen !== 'string') return `${where}.firstSeen/lastSeen missing`;
    if (!isObject(g.out) || !isObject(g.in)) return `${where}.out/in missing`;
    if (typeof g.risk !== 'string') return `${where}.risk missing`;
  }
  for (const [i, e] of (doc.evidence as unknown[]).entries())
    if (!isObject(e) || typeof e.id !== 'string') return `evidence[${i}].id missing`;
  for (const [i, s] of (doc.skipped as unknown[]).entries())
    if (!isObject(s) || typeof s.reason !== 'string' || typeof s.count !== 'number' || !Array.isArray(s.examples))
      return `skipped[${i}] malformed`;
  return null;
}

export function parseReport(text: string, file: string): Report {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new InputError(
      `${file}: not JSON (${e instanceof Error ? e.message : String(e)}); give reports written with -o report.json`,
      file,
    );
  }
  const problem = reportProblem(doc);
  if (problem !== null) throw new InputError(`${file}: not an outflow report: ${problem}`, file);
  return doc as Report;
}

export async function loadReport(file: string): Promise<Report> {
  let text: string;
  try {
    text = file === '-' ? await readStdin() : await readFile(file, 'utf8');
  } catch (e) {
    throw new InputError(`${file}: cannot read (${e instanceof Error ? e.message : String(e)})`, file);
  }
  return parseReport(text, file === '-' ? 'stdin' : file);
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(String(c)));
  return Buffer.concat(chunks).toString('utf8');
}
