import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerRulesCommand } from '../../src/cli/commands/rules.js';
import { runRulesList, runRulesTest, runRulesValidate } from '../../src/cli/commands/rules-run.js';
import { memorySink } from '../../src/cli/output.js';
import { UsageError } from '../../src/core/errors.js';
import { DomainOwners } from '../../src/enrich/owners/domain-owners.js';

const dir = mkdtempSync(join(tmpdir(), 'outflow-rules-'));
const rule = (id: string, match: object, extra: object = {}) => ({
  id,
  match,
  vendor: 'Example Corp',
  product: `Product ${id}`,
  category: 'telemetry',
  personalData: { rating: 'likely', kinds: ['device-identifiers'] },
  source: 'https://example.org/doc',
  verified: '2026-11-29',
  ...extra,
});
const write = (name: string, data: unknown): string => {
  const file = join(dir, name);
  writeFileSync(file, typeof data === 'string' ? data : JSON.stringify(data));
  return file;
};
const shippedFile = write('shipped.json', {
  catalogVersion: '1',
  updated: '2026-11-29',
  rules: [
    rule('example.wide', { suffixes: ['*.data.example.com'] }),
    rule('example.eu', { names: ['eu.data.example.com'] }, { region: 'eu', category: 'analytics' }),
    rule(
      'other.time',
      { names: ['time.example.net'] },
      { vendor: 'Other', category: 'time', confidence: 'unverified', verified: undefined },
    ),
  ],
});
const deps = (out = memorySink()) => ({
  out,
  shipped: () => [shippedFile],
  readFile: (f: string) => readFileSync(f, 'utf8'),
});

describe('outflow rules list', () => {
  it('lists rules with filters', async () => {
    const out = memorySink();
    await runRulesList({ vendor: 'example' }, deps(out));
    expect(out.text()).toContain('example.eu\tanalytics\tlikely\tExample Corp\teu.data.example.com\t2026-11-29');
    expect(out.text()).toContain('2 of 3 rules');
    const cat = memorySink();
    await runRulesList({ category: 'time' }, deps(cat));
    expect(cat.text()).toContain('other.time\ttime\tlikely\tOther\ttime.example.net\tunverified');
  });

  it('writes JSON with --json', async () => {
    const out = memorySink();
    await runRulesList({ json: true }, deps(out));
    const doc = JSON.parse(out.text()) as { rules: { id: string; file: string }[] };
    expect(doc.rules.map((r) => r.id)).toEqual(['example.eu', 'example.wide', 'other.time']);
  });

  it('extends and overrides with --rules', async () => {
    const user = write('user.json', {
      catalogVersion: 'u',
      updated: '2026-11-29',
      rules: [rule('example.eu', { names: ['eu2.data.example.com'] }, { vendor: 'Override' })],
    });
    const out = memorySink();
    await runRulesTest(['eu.data.example.com', 'eu2.data.example.com'], { rules: [user] }, deps(out));
    expect(out.text()).toContain('eu.data.example.com: example.wide (suffix *.data.example.com)');
    expect(out.text()).toContain('eu2.data.example.com: example.eu (exact name)');
    expect(out.text()).toContain('Override');
  });
});

describe('outflow rules test', () => {
  it('says which rule matches, how and why, and escapes names', async () => {
    const out = memorySink();
    await runRulesTest(['EU.data.example.com', 'x.data.example.com', 'evil\u001b[31m.example.org'], {}, deps(out));
    const text = out.text();
    expect(text).toContain('EU.data.example.com: example.eu (exact name)');
    expect(text).toContain('vendor-documented ingestion region: eu');
    expect(text).toContain('source: https://example.org/doc (verified 2026-11-29)');
    expect(text).toContain('x.data.example.com: example.wide (suffix *.data.example.com)');
    expect(text).toContain('evil\\x1b[31m.example.org: no rule matches (unknown endpoint)');
    expect(text).not.toContain('\u001b');
  });

  it('explains owner fallback, edge names, CNAME chains and name patterns', async () => {
    const shipped = write('edge.json', {
      catalogVersion: '1',
      updated: '2026-11-29',
      rules: [
        rule('akamai.cdn', { suffixes: ['*.akamaiedge.net'] }, { vendor: 'Akamai', category: 'content-delivery' }),
        rule('vendor.ingest', { names: ['ingest.vendor.example'] }, { vendor: 'Vendor' }),
      ],
    });
    const owners = new DomainOwners({
      updated: 'x',
      owners: [{ owner: 'Contoso', domains: ['contoso.com'], source: 'v2fly:contoso' }],
    });
    const d = (out = memorySink()) => ({ ...deps(out), shipped: () => [shipped], owners: () => owners });
    const out = memorySink();
    await runRulesTest(['ocsp.contoso.com', 'www.contoso.com-c-3.edgekey.net', 'e1.dscb.akamaiedge.net'], {}, d(out));
    const text = out.text();
    expect(text).toContain('ocsp.contoso.com: no rule matches; vendor Contoso by domain owner');
    expect(text).toContain('category: certificate (name pattern "ocsp")');
    expect(text).toContain('domain owner: Contoso of contoso.com (host embedded in www.contoso.com-c-3.edgekey.net)');
    expect(text).toContain('e1.dscb.akamaiedge.net: akamai.cdn (suffix *.akamaiedge.net, generic delivery-network');

    const chained = memorySink();
    await runRulesTest(
      ['www.contoso.com'],
      { cname: 'www.contoso.com.edgekey.net,e2.dscb.akamaiedge.net' },
      d(chained),
    );
    expect(chained.text()).toContain('resolved through www.contoso.com.edgekey.net -> e2.dscb.akamaiedge.net');
    expect(chained.text()).toContain('vendor: Contoso (domain-owner)');
    expect(chained.text()).toContain('set aside: generic delivery-network rule akamai.cdn');

    const json = memorySink();
    await runRulesTest(['m.contoso.com', 'nothing.example'], { json: true, cname: 'ingest.vendor.example' }, d(json));
    const doc = JSON.parse(json.text()) as Record<string, unknown>[];
    expect(doc).toHaveLength(2);
    expect(doc[0]).toMatchObject({
      name: 'm.contoso.com',
      vendor: 'Vendor',
      vendorBasis: 'cname-chain',
      category: 'telemetry',
      categoryBasis: 'rule',
      rule: { id: 'vendor.ingest', file: shipped, pattern: 'ingest.vendor.example', via: 'cname-chain' },
      owner: { owner: 'Contoso', registrableDomain: 'contoso.com', source: 'v2fly:contoso', basis: 'name' },
    });
    // --cname applies to every name given.
    expect(doc[1]).toMatchObject({ name: 'nothing.example', vendor: 'Vendor', owner: null });
    const none = memorySink();
    await runRulesTest(['nothing.example'], { json: true }, d(none));
    const plain = JSON.parse(none.text()) as Record<string, unknown>[];
    expect(plain[0]).toMatchObject({ name: 'nothing.example', vendor: null, rule: null, owner: null });
    expect(Object.keys(plain[0] ?? {})).toEqual(
      expect.arrayContaining(['vendorBasis', 'category', 'categoryBasis', 'explanation']),
    );
  });

  it('rejects an over-long --cname chain', async () => {
    await expect(runRulesTest(['a'], { cname: Array(40).fill('x.example').join(',') }, deps())).rejects.toBeInstanceOf(
      UsageError,
    );
  });

  it('rejects a bad --port', async () => {
    await expect(runRulesTest(['a'], { port: '70000' }, deps())).rejects.toBeInstanceOf(UsageError);
  });
});

describe('outflow rules validate', () => {
  it('accepts valid files', async () => {
    const out = memorySink();
    await runRulesValidate([shippedFile], deps(out));
    expect(out.text()).toBe(`${shippedFile}: ok (3 rules)\n`);
  });

  it('prints one line per error naming rule and key, then fails with a UsageError (exit 2)', async () => {
    const bad = write('bad.json', {
      catalogVersion: '1',
      updated: '2026-11-29',
      rules: [rule('x.bad', { suffixes: ['nodot'] }, { category: 'nope' })],
    });
    const broken = write('broken.json', '{ not json');
    const out = memorySink();
    await expect(runRulesValidate([bad, broken, join(dir, 'missing.json')], deps(out))).rejects.toThrow(
      /4 catalog errors/,
    );
    const lines = out.text().trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe(`${bad}: rule 0 (x.bad): match.suffixes[0]: must look like "*.example.com"`);
    expect(lines[2]).toContain('not valid JSON');
    expect(lines[3]).toContain('cannot read');
  });
});

describe('registerRulesCommand', () => {
  it('adds list, test and validate subcommands', () => {
    const program = new Command();
    registerRulesCommand(program);
    const rules = program.commands.find((c) => c.name() === 'rules');
    expect(rules?.commands.map((c) => c.name())).toEqual(['list', 'test', 'validate']);
  });
});

describe('outflow rules test through the real CLI', () => {
  const cli = join(import.meta.dirname, '..', '..', 'bin', 'outflow.js');
  it('prints one JSON object per name with --json, and escapes names in text', () => {
    const json = spawnSync(
      process.execPath,
      [
        cli,
        'rules',
        'test',
        '--json',
        '--rules',
        shippedFile,
        '--cname',
        'eu.data.example.com',
        'x.unknown-example.test',
      ],
      { encoding: 'utf8' },
    );
    expect(json.status).toBe(0);
    const doc = JSON.parse(json.stdout) as {
      name: string;
      vendor: string;
      vendorBasis: string;
      rule: { id: string };
    }[];
    expect(doc).toEqual([
      expect.objectContaining({ name: 'x.unknown-example.test', vendor: 'Example Corp', vendorBasis: 'cname-chain' }),
    ]);
    expect(doc[0]?.rule.id).toBe('example.eu');
    const text = spawnSync(process.execPath, [cli, 'rules', 'test', 'evil\u001b[2J.example.test'], {
      encoding: 'utf8',
    });
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('evil\\x1b[2J.example.test');
    expect(text.stdout).not.toContain('\u001b');
  });
});
