/**
 * cli-table3, loaded when the first table is drawn: it and its dependencies cost ~10 ms at startup, which every
 * flows, requests and audit run paid even when it wrote NDJSON or JSON (issue #18).
 */
import { createRequire } from 'node:module';
import type CliTable from 'cli-table3';

export type CliTableClass = typeof CliTable;

let loaded: CliTableClass | undefined;

/** The cli-table3 Table class. */
export function cliTable(): CliTableClass {
  loaded ??= createRequire(import.meta.url)('cli-table3') as CliTableClass;
  return loaded;
}
