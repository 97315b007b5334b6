/**
 * A focused validator for data/catalog/schema.json (JSON Schema draft 2020-12). No general schema engine is
 * installed, so this checks exactly what the schema says, plus what a schema cannot (CIDR syntax, real dates,
 * duplicate ids). Every error names the rule (index and id) and the key, so an author can fix a file from the
 * message alone.
 */
import { isIsoDate } from '../../core/calendar-date.js';
import { parseCidr } from './cidr.js';
import { CATEGORIES, type CatalogFile, CONFIDENCES, DATA_KINDS, RATINGS } from './types.js';

export interface CatalogError {
  /** Rule index in `rules`, or null for file-level keys. */
  index: number | null;
  id: string | null;
  /** JSON path of the offending key, e.g. "match.suffixes[2]". */
  key: string;
  message: string;
}

export type ValidationResult = { ok: true; catalog: CatalogFile } | { ok: false; errors: CatalogError[] };

const LABEL = '[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?';
const HOSTNAME = new RegExp(`^${LABEL}(?:\\.${LABEL})*$`);
const SUFFIX = new RegExp(`^(?:\\*\\.|\\.)${LABEL}(?:\\.${LABEL})*$`);
const RULE_ID = /^[a-z0-9][a-z0-9-]*(?:\.[a-z0-9][a-z0-9-]*)+$/;
const REGION = /^[a-z]{2,8}$/;
const FILE_KEYS = new Set(['$schema', 'catalogVersion', 'updated', 'description', 'rules']);
const RULE_KEYS = new Set([
  'id',
  'match',
  'vendor',
  'product',
  'category',
  'personalData',
  'region',
  'source',
  'verified',
  'confidence',
  'notes',
]);
const MATCH_KEYS = new Set(['names', 'suffixes', 'cidrs', 'ports']);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isString(value: unknown, min: number, max: number): value is string {
  return typeof value === 'string' && value.length >= min && value.length <= max;
}

export function validateCatalog(data: unknown): ValidationResult {
  const errors: CatalogError[] = [];
  const fileError = (key: string, message: string): void => {
    errors.push({ index: null, id: null, key, message });
  };
  if (!isObject(data)) return { ok: false, errors: [{ index: null, id: null, key: '', message: 'not a JSON object' }] };
  for (const key of Object.keys(data)) if (!FILE_KEYS.has(key)) fileError(key, 'unknown key');
  if (!isString(data.catalogVersion, 1, 64)) fileError('catalogVersion', 'must be a string of 1-64 characters');
  if (!isIsoDate(data.updated)) fileError('updated', 'must be a date YYYY-MM-DD');
  if (data.description !== undefined && !isString(data.description, 0, 2000))
    fileError('description', 'must be a string of at most 2000 characters');
  if (!Array.isArray(data.rules)) {
    fileError('rules', 'must be an array');
  } else {
    const seen = new Map<string, number>();
    data.rules.forEach((rule: unknown, index: number) => {
      validateRule(rule, index, errors);
      if (isObject(rule) && typeof rule.id === 'string') {
        const first = seen.get(rule.id);
        if (first !== undefined) {
          errors.push({ index, id: rule.id, key: 'id', message: `duplicate id (first at rule ${first})` });
        } else seen.set(rule.id, index);
      }
    });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, catalog: data as unknown as CatalogFile };
}

function validateRule(rule: unknown, index: number, errors: CatalogError[]): void {
  const id = isObject(rule) && typeof rule.id === 'string' ? rule.id : null;
  const err = (key: string, message: string): void => {
    errors.push({ index, id, key, message });
  };
  if (!isObject(rule)) {
    err('', 'must be an object');
    return;
  }
  for (const key of Object.keys(rule)) if (!RULE_KEYS.has(key)) err(key, 'unknown key');
  if (typeof rule.id !== 'string' || rule.id.length > 128 || !RULE_ID.test(rule.id))
    err('id', 'must be dotted lower-case words, e.g. "vendor.product.endpoint"');
  validateMatch(rule.match, err);
  if (!isString(rule.vendor, 1, 200)) err('vendor', 'must be a non-empty string (at most 200 characters)');
  if (!isString(rule.product, 1, 300)) err('product', 'must be a non-empty string (at most 300 characters)');
  if (!(CATEGORIES as readonly unknown[]).includes(rule.category))
    err('category', `must be one of ${CATEGORIES.join(', ')}`);
  validatePersonalData(rule.personalData, err);
  if (rule.region !== undefined && (typeof rule.region !== 'string' || !REGION.test(rule.region)))
    err('region', 'must be a lower-case region code such as "eu" or "us"');
  if (typeof rule.source !== 'string' || !/^https?:\/\//.test(rule.source) || rule.source.length > 1000)
    err('source', 'must be an http(s) URL');
  if (rule.confidence !== undefined && !(CONFIDENCES as readonly unknown[]).includes(rule.confidence))
    err('confidence', `must be one of ${CONFIDENCES.join(', ')}`);
  if (rule.verified !== undefined && !isIsoDate(rule.verified)) err('verified', 'must be a date YYYY-MM-DD');
  if (rule.verified === undefined && rule.confidence !== 'unverified')
    err('verified', 'required unless confidence is "unverified"');
  if (rule.notes !== undefined && !isString(rule.notes, 0, 2000))
    err('notes', 'must be a string of at most 2000 characters');
}

type Report = (key: string, message: string) => void;

function validateMatch(match: unknown, err: Report): void {
  if (!isObject(match)) {
    err('match', 'must be an object');
    return;
  }
  for (const key of Object.keys(match)) if (!MATCH_KEYS.has(key)) err(`match.${key}`, 'unknown key');
  if (match.names === undefined && match.suffixes === undefined && match.cidrs === undefined)
    err('match', 'needs at least one of names, suffixes, cidrs');
  checkList(match.names, 'match.names', err, (v) =>
    typeof v === 'string' && v.length <= 253 && HOSTNAME.test(v) ? null : 'must be a lower-case host name',
  );
  checkList(match.suffixes, 'match.suffixes', err, (v) =>
    typeof v === 'string' && v.length <= 255 && SUFFIX.test(v) ? null : 'must look like "*.example.com"',
  );
  checkList(match.cidrs, 'match.cidrs', err, (v) =>
    typeof v === 'string' && parseCidr(v) !== null ? null : 'must be an IPv4 or IPv6 prefix like "192.0.2.0/24"',
  );
  checkList(match.ports, 'match.ports', err, (v) =>
    Number.isInteger(v) && typeof v === 'number' && v >= 1 && v <= 65535 ? null : 'must be an integer 1-65535',
  );
}

function checkList(value: unknown, key: string, err: Report, check: (item: unknown) => string | null): void {
  if (value === undefined) return;
  if (!Array.isArray(value) || value.length === 0) {
    err(key, 'must be a non-empty array');
    return;
  }
  value.forEach((item: unknown, i: number) => {
    const problem = check(item);
    if (problem !== null) err(`${key}[${i}]`, problem);
  });
}

function validatePersonalData(value: unknown, err: Report): void {
  if (!isObject(value)) {
    err('personalData', 'must be an object with rating and kinds');
    return;
  }
  for (const key of Object.keys(value))
    if (key !== 'rating' && key !== 'kinds') err(`personalData.${key}`, 'unknown key');
  if (!(RATINGS as readonly unknown[]).includes(value.rating))
    err('personalData.rating', `must be one of ${RATINGS.join(', ')}`);
  if (!Array.isArray(value.kinds)) {
    err('personalData.kinds', 'must be an array');
    return;
  }
  const seen = new Set<unknown>();
  value.kinds.forEach((kind: unknown, i: number) => {
    if (!(DATA_KINDS as readonly unknown[]).includes(kind))
      err(`personalData.kinds[${i}]`, `must be one of ${DATA_KINDS.join(', ')}`);
    else if (seen.has(kind)) err(`personalData.kinds[${i}]`, 'duplicate');
    seen.add(kind);
  });
}

/** One line per error: "rule 12 (microsoft.office.nexus): match.suffixes[0]: must look like ...". */
export function formatCatalogError(error: CatalogError, file?: string): string {
  const where = error.index === null ? 'file' : `rule ${error.index}${error.id === null ? '' : ` (${error.id})`}`;
  const key = error.key === '' ? '' : `${error.key}: `;
  return `${file === undefined ? '' : `${file}: `}${where}: ${key}${error.message}`;
}
