/**
 * Reads a report JSON that outflow wrote earlier (for --baseline and `outflow diff`). The file is checked for
 * what baselines and diffs read — schemaVersion with our major version (semver: a new major may rename fields),
 * and the shape of the summary and destination groups — so a wrong or damaged file fails with one line naming
 * the file and the first problem instead of a wrong comparison.
 */
import { readFile } from 'node:fs/promises';
import { InputError } from '../core/errors.js';
import type { Report } from '../report/model.js';
import { REPORT_SCHEMA_VERSION } from '../report/model.js';

const RISKS = ['high', 'medium', 'low', 'none'];
const TRANSFERS = ['none', 'eea', 'adequate', 'adequate-if-certified', 'third-country', 'unknown'];
const PERSONAL = ['observed', 'likely', 'possible', 'unlikely', 'unknown'];

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const isNullableString = (v: unknown): boolean => v === null || typeof v === 'string';

function major(version: string): string {
  return version.split('.')[0] ?? '';
}

/** The first problem with a destination group, or null. */
function groupProblem(g: unknown, at: string): string | null {
  if (!isObj(g)) return `${at} is not an object`;
  if (typeof g.key !== 'string') return `${at}.key is not a string`;
  if (typeof g.id !== 'string') return `${at}.id is not a string`;
  if (!Array.isArray(g.names) || !g.names.every((n) => isObj(n) && typeof n.name === 'string'))
    return `${at}.names is not a list of names`;
  if (!Array.isArray(g.ips) || !g.ips.every((i) => typeof i === 'string')) return `${at}.ips is not a list`;
  if (!isNullableString(g.country)) return `${at}.country is not a string or null`;
  if (g.operator !== null && !(isObj(g.operator) && typeof g.operator.name === 'string'))
    return `${at}.operator is not an operator or null`;
  if (typeof g.risk !== 'string' || !RISKS.includes(g.risk)) return `${at}.risk is not a risk level`;
  if (typeof g.transfer !== 'string' || !TRANSFERS.includes(g.transfer)) return `${at}.transfer is not known`;
  if (typeof g.personalData !== 'string' || !PERSONAL.includes(g.personalData))
    return `${at}.personalData is not known`;
  if (!Array.isArray(g.personalDataKinds)) return `${at}.personalDataKinds is not a list`;
  for (const dir of ['out', 'in'] as const) {
    const d = g[dir];
    if (!isObj(d) || !(d.bytes === null || isCount(d.bytes))) return `${at}.${dir}.bytes is not a count or null`;
  }
  if (!isCount(g.flows)) return `${at}.flows is not a count`;
  return null;
}

/** The first problem that makes `doc` unusable as a report, or null. */
export function reportProblem(doc: unknown): string | null {
  if (!isObj(doc)) return 'not a JSON object';
  if (typeof doc.schemaVersion !== 'string') return 'no schemaVersion: not an outflow report';
  if (major(doc.schemaVersion) !== major(REPORT_SCHEMA_VERSION)) {
    return `report schema ${doc.schemaVersion}; this outflow reads ${major(REPORT_SCHEMA_VERSION)}.x`;
  }
  const m = doc.metadata;
  if (!isObj(m) || typeof m.generatedAt !== 'string' || Number.isNaN(Date.parse(m.generatedAt)))
    return 'metadata.generatedAt is missing or not a time';
  const s = doc.summary;
  if (!isObj(s)) return 'summary is missing';
  if (typeof s.highestRisk !== 'string' || !RISKS.includes(s.highestRisk)) return 'summary.highestRisk is not known';
  if (typeof s.bytesLeavingEeaShare !== 'number' || !(s.bytesLeavingEeaShare >= 0 && s.bytesLeavingEeaShare <= 1))
    return 'summary.bytesLeavingEeaShare is not a share 0..1';
  for (const k of ['bytes', 'flows', 'destinations'] as const) if (!isCount(s[k])) return `summary.${k} is not a count`;
  if (!Array.isArray(doc.destinations)) return 'destinations is not a list';
  for (let i = 0; i < doc.destinations.length; i++) {
    const p = groupProblem(doc.destinations[i], `destinations[${i}]`);
    if (p !== null) return p;
  }
  return null;
}

/** Parses and checks report JSON text; InputError with one line naming `file` otherwise. */
export function parseReport(text: string, file: string): Report {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    const why = error instanceof Error ? error.message.split('\n')[0] : 'invalid JSON';
    throw new InputError(`${file} is not a report JSON file (${why})`, file);
  }
  const problem = reportProblem(doc);
  if (problem !== null) throw new InputError(`${file} is not a usable outflow report: ${problem}`, file);
  return doc as Report;
}

/** Reads a report JSON file written by `outflow audit -o FILE.json`. */
export async function readReportFile(file: string): Promise<Report> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new InputError(`cannot read report ${file} (${code})`, file);
  }
  return parseReport(text.replace(/^\uFEFF/, ''), file);
}
