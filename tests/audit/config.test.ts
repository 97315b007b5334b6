import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findConfig, loadConfig, parseConfig } from '../../src/audit/config.js';
import { UsageError } from '../../src/core/errors.js';

const JSON_TEXT = JSON.stringify({
  outputs: ['reports/{date}.json', 'reports/{date}.html'],
  failOn: 'medium',
  timezone: 'Europe/Amsterdam',
  policy: { allowedCountries: ['NO', 'ch'], allowedOperators: ['Hetzner Online GmbH'], vantage: 'NL' },
  pseudonymize: { keyEnv: 'MY_KEY' },
});

const YAML_TEXT = `# nightly audit
outputs:
  - reports/{date}.json
  - "reports/{date}.html"
failOn: medium
timezone: Europe/Amsterdam
policy:
  allowedCountries: [NO, ch]   # NO is Norway, not false (YAML 1.2 core schema)
  allowedOperators:
    - Hetzner Online GmbH
  vantage: NL
pseudonymize:
  keyEnv: MY_KEY
`;

function message(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as Error).message;
  }
  throw new Error('expected a UsageError');
}

describe('parseConfig', () => {
  it('reads YAML and JSON to the same config', () => {
    const fromJson = parseConfig(JSON_TEXT, 'outflow.config.json');
    expect(parseConfig(YAML_TEXT, 'outflow.config.yaml')).toEqual(fromJson);
    expect(parseConfig(YAML_TEXT, 'x.YML')).toEqual(fromJson);
    expect(fromJson.policy?.allowedCountries).toEqual(['NO', 'ch']);
  });

  it('sniffs files without a known extension: JSON first, then YAML', () => {
    const fromJson = parseConfig(JSON_TEXT, 'a.json');
    expect(parseConfig(JSON_TEXT, 'policy.conf')).toEqual(fromJson);
    expect(parseConfig(YAML_TEXT, 'policy.conf')).toEqual(fromJson);
    expect(parseConfig(`\uFEFF${JSON_TEXT}`, 'a.json')).toEqual(fromJson);
  });

  it('reads the --dpf mode (rely or ignore) and refuses anything else', () => {
    expect(parseConfig('dpf: ignore\n', 'c.yaml')).toEqual({ dpf: 'ignore' });
    expect(parseConfig('{"dpf":"rely"}', 'c.json')).toEqual({ dpf: 'rely' });
    expect(message(() => parseConfig('dpf: maybe\n', 'c.yaml'))).toMatch(/^config dpf: expected one of rely, ignore/);
  });

  it('names the bad key, in YAML as in JSON', () => {
    expect(message(() => parseConfig('polcy:\n  vantage: NL\n', 'c.yaml'))).toMatch(/^config polcy: unknown key/);
    expect(message(() => parseConfig('{"polcy":{}}', 'c.json'))).toMatch(/^config polcy: unknown key/);
    expect(message(() => parseConfig('policy:\n  allowedCountries: [NL, USA]\n', 'c.yml'))).toBe(
      'config policy.allowedCountries[1]: expected a two-letter country code',
    );
    expect(message(() => parseConfig('policy:\n  vantge: NL\n', 'c.yml'))).toMatch(/^config policy\.vantge: unknown/);
    expect(message(() => parseConfig('failOn: sometimes\n', 'c.yml'))).toMatch(/^config failOn: expected one of/);
    // YAML would read `outputs: 3` as a number: still a type error naming the key.
    expect(message(() => parseConfig('outputs: 3\n', 'c.yml'))).toBe('config outputs: expected a list');
    expect(message(() => parseConfig('jobs: 0\n', 'c.yml'))).toMatch(/^config jobs: expected a whole number 1-/);
    expect(message(() => parseConfig('{"jobs": "4"}', 'c.json'))).toMatch(/^config jobs: expected a whole number/);
    expect(parseConfig('jobs: 4\n', 'c.yml').jobs).toBe(4);
  });

  it('rejects syntax errors, empty files and non-objects with one line', () => {
    expect(message(() => parseConfig('{"failOn": ', 'c.json'))).toMatch(/^config c\.json: not valid JSON/);
    expect(message(() => parseConfig('policy: [a\n', 'c.yaml'))).toMatch(/^config c\.yaml: not valid YAML at line/);
    expect(message(() => parseConfig('failOn: high\nfailOn: low\n', 'c.yaml'))).toMatch(/not valid YAML/);
    expect(message(() => parseConfig('', 'c.yaml'))).toBe('config c.yaml: empty (expected an object)');
    expect(message(() => parseConfig('- a\n- b\n', 'c.yaml'))).toBe('config (top level): expected an object');
  });

  it('caps alias expansion (billion laughs)', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (let i = 0; i < 60; i++) lines.push(`b${i}: &b${i} [*a, *a]`);
    expect(message(() => parseConfig(lines.join('\n'), 'bomb.yaml'))).toMatch(/^config bomb\.yaml: unusable YAML/);
  });
});

describe('config discovery', () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'outflow-config-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('finds nothing in an empty directory', () => {
    expect(findConfig(dir)).toBeNull();
  });

  it('prefers .json, then .yaml, then .yml', () => {
    writeFileSync(join(dir, 'outflow.config.yml'), 'failOn: low\n');
    expect(findConfig(dir)).toBe(join(dir, 'outflow.config.yml'));
    writeFileSync(join(dir, 'outflow.config.yaml'), 'failOn: medium\n');
    expect(findConfig(dir)).toBe(join(dir, 'outflow.config.yaml'));
    writeFileSync(join(dir, 'outflow.config.json'), '{"failOn":"high"}');
    const found = findConfig(dir);
    expect(found).toBe(join(dir, 'outflow.config.json'));
    expect(found === null ? null : loadConfig(found).failOn).toBe('high');
  });

  it('loads a discovered YAML file', () => {
    writeFileSync(join(dir, 'outflow.config.yaml'), YAML_TEXT);
    const found = findConfig(dir);
    expect(found === null ? null : loadConfig(found)).toEqual(parseConfig(JSON_TEXT, 'x.json'));
  });

  it('says when the file cannot be read', () => {
    mkdirSync(join(dir, 'sub'));
    expect(message(() => loadConfig(join(dir, 'sub')))).toMatch(/^cannot read config/);
    expect(message(() => loadConfig(join(dir, 'missing.yaml')))).toMatch(/^cannot read config/);
  });
});
