/**
 * The config file (`--config FILE`, JSON or YAML): defaults for outputs and the audit policy. Validated key by
 * key; an error names the key ("policy.allowedCountries[2]: expected a two-letter country code").
 *
 * YAML is read as YAML 1.2 with the core schema (YAML 1.2.2 §10.3), so `NO` (Norway) stays a string instead of
 * becoming false as in YAML 1.1, and merge keys / custom tags are not interpreted. Without --config, the first of
 * CONFIG_FILE_NAMES in the current directory is used.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { extname, join } from 'node:path';
import type * as Yaml from 'yaml';
import { UsageError } from '../core/errors.js';
import { MAX_JOBS } from '../pipeline/jobs.js';

export interface AuditConfig {
  /** Output files; the format follows the extension. */
  outputs?: string[];
  failOn?: 'high' | 'medium' | 'low' | 'never';
  geoipDirs?: string[];
  rules?: string[];
  /** NSS key log files (SSLKEYLOGFILE) to decrypt TLS and QUIC with, as `--keylog`. */
  keylogs?: string[];
  timezone?: string;
  /** Inputs read at once in worker threads (default 1). */
  jobs?: number;
  /** `--dpf`: rely on the EU-US Data Privacy Framework (default) or ignore it (US recipients = third country). */
  dpf?: 'rely' | 'ignore';
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
  throw new UsageError(`config ${path === '' ? '(top level)' : path}: ${what}`);
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
const positiveInt: Check = (v, p) => {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > MAX_JOBS)
    fail(p, `expected a whole number 1-${MAX_JOBS}`);
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
  keylogs: strList(),
  timezone: str,
  jobs: positiveInt,
  dpf: oneOf(['rely', 'ignore']),
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

/** Looked for, in this order, in the current directory when --config is not given. */
export const CONFIG_FILE_NAMES = ['outflow.config.json', 'outflow.config.yaml', 'outflow.config.yml'] as const;

/** Anchors/aliases are a YAML feature ("billion laughs"); a config never needs many. */
const MAX_YAML_ALIASES = 50;

type Syntax = 'json' | 'yaml';

function syntaxOf(file: string): Syntax | null {
  const ext = extname(file).toLowerCase();
  if (ext === '.json') return 'json';
  if (ext === '.yaml' || ext === '.yml') return 'yaml';
  return null;
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new UsageError(`config ${file}: not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
}

let yamlLib: typeof Yaml | undefined;

/** The yaml package, loaded with the first YAML config: it costs ~60 ms, which every audit paid at startup. */
function yaml(): typeof Yaml {
  yamlLib ??= createRequire(import.meta.url)('yaml') as typeof Yaml;
  return yamlLib;
}

function parseYaml(text: string, file: string): unknown {
  const { LineCounter, parseDocument } = yaml();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    version: '1.2',
    schema: 'core',
    uniqueKeys: true,
    prettyErrors: false,
    lineCounter,
  });
  const first = doc.errors[0];
  if (first !== undefined) {
    const at = lineCounter.linePos(first.pos[0]);
    const where = ` at line ${at.line}, column ${at.col}`;
    throw new UsageError(`config ${file}: not valid YAML${where} (${first.message.split('\n')[0]})`);
  }
  try {
    return doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (e) {
    throw new UsageError(`config ${file}: unusable YAML (${e instanceof Error ? e.message : String(e)})`);
  }
}

/**
 * Parses and validates config text. The syntax follows the extension (.json, .yaml, .yml); any other name is
 * tried as JSON, then as YAML (every JSON text is YAML 1.2, but JSON's error message is the clearer one).
 */
export function parseConfig(text: string, file: string): AuditConfig {
  const body = text.replace(/^\uFEFF/, '');
  const syntax = syntaxOf(file);
  let value: unknown;
  if (syntax === 'json') value = parseJson(body, file);
  else if (syntax === 'yaml') value = parseYaml(body, file);
  else {
    try {
      value = JSON.parse(body);
    } catch {
      value = parseYaml(body, file);
    }
  }
  // An empty YAML file is null: say so rather than "expected an object" with no key.
  if (value === null || value === undefined) throw new UsageError(`config ${file}: empty (expected an object)`);
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

/** The config file to use when --config is not given: the first CONFIG_FILE_NAMES entry in `dir`, or null. */
export function findConfig(dir: string): string | null {
  for (const name of CONFIG_FILE_NAMES) {
    const path = join(dir, name);
    if (existsSync(path)) return path;
  }
  return null;
}
