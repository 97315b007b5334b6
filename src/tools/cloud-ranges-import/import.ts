/**
 * The import itself, offline: the locked raw files (checked against their SHA-256) → the table's text. Kept
 * apart from the command line so that a test can prove the shipped table is reproduced byte for byte.
 */
import { readLock, readLockedSource } from '../sources/source-lock.js';
import { type BuildStats, buildTable, serialiseTable, type TableInput } from './build-table.js';
import { CLOUD_SOURCES } from './sources.js';

export const CLOUD_TABLE_FILE = 'data/cloud/cloud-ranges.json';

const ABOUT =
  'Address ranges that clouds and CDNs publish, with the published region and its country; built by `npm run cloud:import` from the files in data/sources (sources.lock.json). Do not edit by hand.';

export function importCloudRanges(root: string): { text: string; stats: BuildStats } {
  const lock = readLock(root);
  const inputs: TableInput[] = CLOUD_SOURCES.map((spec) => {
    const entry = lock.sources.find((s) => s.id === spec.id);
    const text = readLockedSource(root, lock, spec.id).toString('utf8');
    const parsed = spec.parse(text, entry?.retrieved ?? spec.retrieved, entry?.file ?? spec.file);
    return {
      source: {
        id: spec.id,
        provider: spec.provider,
        name: spec.name,
        url: spec.url,
        version: parsed.version,
        date: parsed.date,
        licence: entry?.licence ?? spec.licence,
        regionDocumentation: spec.regionDocumentation,
      },
      parsed,
      ...(spec.regionsCoverGlobal === true ? { regionsCoverGlobal: true } : {}),
      ...(spec.yieldsToEarlier === true ? { yieldsToEarlier: true } : {}),
    };
  });
  const { table, stats } = buildTable(inputs, ABOUT);
  return { text: serialiseTable(table), stats };
}
