import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Command } from 'commander';
import { afterAll, describe, expect, it } from 'vitest';
import { registerGeoipCommand } from '../../src/cli/commands/geoip.js';
import { memorySink } from '../../src/cli/output.js';
import { UsageError } from '../../src/core/errors.js';
import { writeMmdb } from '../../src/writer/mmdb-writer.js';

const dir = mkdtempSync(path.join(tmpdir(), 'outflow-geoip-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A tiny "shipped" directory: a country and an ASN database built 2024-06-01.
const epoch = 1717200000;
writeFileSync(
  path.join(dir, 'country.mmdb'),
  writeMmdb(
    [
      { network: '8.8.8.0/24', data: { country_code: 'US' } },
      { network: '198.18.0.0/15', data: { country_code: 'DE' } },
      { network: '2a01:4f8::/32', data: { country_code: 'DE' } },
    ],
    { databaseType: 'country test', ipVersion: 6, buildEpoch: epoch },
  ),
);
writeFileSync(
  path.join(dir, 'asn.mmdb'),
  writeMmdb(
    [
      {
        network: '8.8.8.0/24',
        data: { autonomous_system_number: 15169, autonomous_system_organization: 'Google LLC' },
      },
      {
        network: '2a01:4f8::/32',
        data: { autonomous_system_number: 24940, autonomous_system_organization: 'Hetzner' },
      },
    ],
    { databaseType: 'asn test', ipVersion: 6, buildEpoch: epoch },
  ),
);

async function run(args: string[], now = '2024-06-20T00:00:00Z'): Promise<string> {
  const out = memorySink();
  const program = new Command().exitOverride();
  registerGeoipCommand(program, () => ({ out, now: () => new Date(now), shippedDir: dir }));
  for (const c of program.commands) c.exitOverride();
  await program.parseAsync(['node', 'outflow', ...args]);
  return out.text();
}

describe('outflow geoip lookup', () => {
  it('prints scope, country, ASN, operator, DPF, anycast, transfer and databases', async () => {
    const text = await run(['geoip', 'lookup', '8.8.8.8', '2a01:4f8::1', '10.0.0.1', '::ffff:8.8.8.8']);
    expect(text).toContain('8.8.8.8\n  scope       public (global unicast)');
    expect(text).toContain('country     US');
    expect(text).toContain('asn         AS15169 Google LLC');
    expect(text).toContain('operator    Alphabet Inc. (Google LLC), HQ US (by ASN)');
    expect(text).toMatch(/location {4}not fixed: Google Public DNS/);
    // Google's DPF participation rests on its own statement (companies.ts): adequate, and the line says so.
    expect(text).toMatch(/DPF {9}participant, stated by the company as recorded on 2023-09-01 \(company statement/);
    expect(text).toMatch(/transfer {4}adequate: US: operator certified/);
    expect(text).toContain('country.mmdb (country test, built 2024-06-01)');
    expect(text).toContain('HQ DE');
    expect(text).toContain('transfer    eea');
    expect(text).toContain('10.0.0.1\n  scope       local (private-use, RFC 1918)\n  transfer    none');
    expect(text).toContain('region      n/a');
  });

  it('writes JSON and honours --internal', async () => {
    const json = JSON.parse(
      await run(['geoip', 'lookup', '--json', '--internal', '8.8.8.0/24', '--', '8.8.8.8', '198.18.0.1']),
    );
    expect(json[0]).toMatchObject({ ip: '8.8.8.8', scope: { scope: 'local' }, transfer: { status: 'none' } });
    expect(json[1].scope.scope).toBe('special');
  });

  it('rejects bad addresses and networks with a UsageError', async () => {
    await expect(run(['geoip', 'lookup', '8.8.8.8', 'nope'])).rejects.toThrow(UsageError);
    await expect(run(['geoip', 'lookup', '--internal', '10.0.0.0/99', '--', '8.8.8.8'])).rejects.toThrow(/--internal/);
    await expect(run(['geoip', 'lookup', '--as-of', '2024-02-30', '8.8.8.8'])).rejects.toThrow(/--as-of/);
  });

  it('judges the DPF fact and the adequacy decision on --as-of', async () => {
    // Before Google's statement (2023-09-01): participation unknown, so adequate only if certified.
    const before = await run(['geoip', 'lookup', '--as-of', '2023-08-15', '8.8.8.8']);
    expect(before).toMatch(/DPF {9}unknown on 2023-08-15: participant, stated by the company only from 2023-09-01/);
    expect(before).toMatch(/transfer {4}adequate-if-certified/);
    // Before the DPF adequacy decision (2023-07-10) the US is a third country whatever the operator says.
    const earlier = await run(['geoip', 'lookup', '--json', '--as-of', '2023-07-01', '8.8.8.8']);
    expect(JSON.parse(earlier)[0].transfer.status).toBe('third-country');
    const after = await run(['geoip', 'lookup', '--as-of', '2023-09-01', '8.8.8.8']);
    expect(after).toMatch(/transfer {4}adequate: US: operator certified/);
  });
});

describe('outflow geoip info', () => {
  it('lists databases with build dates, warning when old', async () => {
    const fresh = await run(['geoip', 'info']);
    expect(fresh).toContain('asn.mmdb  asn  asn test (flat, IPv6)  built 2024-06-01, 19 days ago');
    expect(fresh).not.toContain('warning');
    const old = await run(['geoip', 'info'], '2024-09-01T00:00:00Z');
    expect(old).toContain('warning: older than 60 days');
    const json = JSON.parse(await run(['geoip', 'info', '--json']));
    expect(json.databases).toHaveLength(2);
  });
});
