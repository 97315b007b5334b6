/**
 * The config file (`--config FILE`, JSON): defaults for outputs and the audit policy. Validated key by key; an
 * error names the key ("policy.allowedCountries[2]: expected a two-letter country code").
 */
import { readFileSync } from 'node:fs';
import { UsageError } from '../core/errors.js';

export interface AuditConfig {
  /** Output files; the format follows the extension. */
  outputs?: string[];
  failOn?: 'high' | 'medium' | 'low' | 'never';
  geoipDirs?: string[];
  rules?: string[];
  timezone?: string;
  policy?: {
    allowedCountries?: string[];
    allowedOperators?: string[];
    ignored?: string[];
    internalCidrs?: string[];
    internalSuffixes?: string[];
    vantage?: string;
  };
  pseudonymize?: {
    /** Environment variable holding the key (default OUTFLOW_PSEUDONYM_KEY). */
    keyEnv?: string;
  };
}

type Check = (value: unknown, path: string) => void;

const fail = (path: string, what: string): never => {
  throw new UsageError(`config ${path}: ${what}`);
};
const str: Check = (v, p) => {
  if (typeof v !== 'string' || v.length === 0) fail(p, 'expected a non-empty string');
};
const strList =
  (item: Check = str): Check =>
  (v, p) => {
    if (!Array.isArray(v)) fail(p, 'expected a list');
    for (const [i, x] of (v as unknown[]).entries()) item(x, `${p}[${i}]`);
  };
const country: Check = (v, p) => {
  if (typeof v !== 'string' || !/^[A-Za-z]{2}$/.test(v)) fail(p, 'expected a two-letter country code');
};
const oneOf =
  (values: string[]): Check =>
  (v, p) => {
    if (typeof v !== 'string' || !values.includes(v)) fail(p, `expected one of ${values.join(', ')}`);
  };
const object =
  (shape: Record<string, Check>): Check =>
  (v, p) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(p, 'expected an object');
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      const check = shape[k];
      if (check === undefined)
        fail(p === '' ? k : `${p}.${k}`, `unknown key (known: ${Object.keys(shape).join(', ')})`);
      else check(x, p === '' ? k : `${p}.${k}`);
    }
  };

const CONFIG_SHAPE = object({
  $schema: str,
  outputs: strList(),
  failOn: oneOf(['high', 'medium', 'low', 'never']),
  geoipDirs: strList(),
  rules: strList(),
  timezone: str,
  policy: object({
    allowedCountries: strList(country),
    allowedOperators: strList(),
    ignored: strList(),
    internalCidrs: strList(),
    internalSuffixes: strList(),
    vantage: str,
  }),
  pseudonymize: object({ keyEnv: str }),
});

export function parseConfig(text: string, file: string): AuditConfig {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`config ${file}: not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  CONFIG_SHAPE(value, '');
  return value as AuditConfig;
}

export function loadConfig(file: string): AuditConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`cannot read config ${file}`);
  }
  return parseConfig(text, file);
}
