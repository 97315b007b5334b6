/**
 * The examples every --help ends with, by command path ("" is outflow itself, "geoip lookup" a subcommand). They
 * live here, in one table, so that help, docs/cli.md and man/outflow.1 show the same ones and one test
 * (tests/docs/help-examples.test.ts) can run each against the real CLI from a clone's root: every example uses
 * only the files in samples/ and data/, writes only into the current directory, and has no shell syntax but
 * single quotes (they run the same in bash, zsh and PowerShell).
 */
import type { Command } from 'commander';

export interface Example {
  /** The command line, starting with "outflow". */
  line: string;
  /** What it shows or writes, one short line. */
  says: string;
}

const CAPTURE = 'samples/admin-pc-workday.pcap';
const DECRYPTED = 'samples/telemetry-decrypted.pcapng';
const REPORT = 'samples/reports/admin-pc-workday.json';
const REPORT_2 = 'samples/reports/telemetry-decrypted.json';

export const EXAMPLES: Readonly<Record<string, readonly Example[]>> = {
  // The first examples of audit and geoip, as a start: the same lines, so the test runs each once.
  '': [
    {
      line: `outflow audit ${CAPTURE} --vantage NL`,
      says: 'the sample workday capture: who received what, from where, how sure (taken in NL)',
    },
    {
      line: `outflow audit ${DECRYPTED} -o report.html -o report.json`,
      says: 'a page to open in a browser, and the JSON that diff, merge, trend and --baseline read',
    },
    {
      line: 'outflow geoip lookup 20.42.65.92 2a00:1450:4001:80b::200e',
      says: 'country, operator and transfer status of addresses',
    },
  ],
  audit: [
    {
      line: `outflow audit ${CAPTURE} --vantage NL`,
      says: 'a table on the terminal; exit 1 when a destination is high risk',
    },
    {
      line: `outflow audit ${DECRYPTED} -o report.html -o report.json`,
      says: 'a page for people and the JSON that diff, merge, trend and --baseline read',
    },
    {
      line: `outflow audit ${CAPTURE} --baseline ${REPORT} --fail-on medium`,
      says: 'mark each destination new or seen against an earlier report; exit 1 from medium risk',
    },
  ],
  diff: [
    { line: `outflow diff ${REPORT} ${REPORT_2}`, says: 'destinations new, gone and changed between two reports' },
    { line: `outflow diff ${REPORT} ${REPORT_2} -o changes.md`, says: 'the same as Markdown, for a ticket' },
  ],
  export: [
    {
      line: `outflow export ecs ${REPORT} -o destinations.ndjson`,
      says: 'one ECS document per destination, for Elasticsearch or a SIEM',
    },
    { line: `outflow export ecs ${REPORT_2}`, says: 'the same on standard output, for a log shipper' },
  ],
  flows: [
    { line: `outflow flows ${DECRYPTED}`, says: 'a table on a terminal, NDJSON when piped' },
    { line: `outflow flows ${CAPTURE} -f csv --no-names`, says: 'CSV, without naming the servers' },
    {
      line: `outflow flows ${DECRYPTED} -f ndjson --stats stats.json`,
      says: 'NDJSON, with the read and skip counts in stats.json',
    },
  ],
  geoip: [
    {
      line: 'outflow geoip lookup 20.42.65.92 2a00:1450:4001:80b::200e',
      says: 'what the audit would say about two addresses',
    },
    { line: 'outflow geoip info', says: 'the databases in use and how old they are' },
  ],
  'geoip lookup': [
    {
      line: 'outflow geoip lookup 20.42.65.92 2a00:1450:4001:80b::200e',
      says: 'scope, country, ASN, operator, DPF status and transfer status',
    },
    {
      line: 'outflow geoip lookup --json --as-of 2026-11-29 20.42.65.92',
      says: 'one JSON document, judged on a given day',
    },
    {
      line: 'outflow geoip lookup 192.168.10.23 --internal 192.168.10.0/24',
      says: 'an address of your own network: local, no transfer',
    },
  ],
  'geoip info': [
    { line: 'outflow geoip info', says: 'each database: file, type, build date, age' },
    { line: 'outflow geoip info --json', says: 'the same as one JSON document' },
  ],
  merge: [
    {
      line: `outflow merge ${REPORT} ${REPORT_2} -o estate.json`,
      says: 'one report from two, as if one audit had read both captures',
    },
    { line: `outflow merge 'samples/reports/*.json' -o estate.html`, says: 'every report a glob finds, as a page' },
  ],
  requests: [
    {
      line: `outflow requests ${DECRYPTED}`,
      says: 'the HTTP requests the keys in the capture decrypt, personal data masked',
    },
    { line: `outflow requests ${DECRYPTED} -f csv --show-values`, says: 'CSV, with the values unmasked' },
  ],
  rules: [
    {
      line: 'outflow rules test self.events.data.microsoft.com',
      says: 'which rule names this host, its vendor, category and source',
    },
    { line: 'outflow rules list --category telemetry --vendor Microsoft', says: "Microsoft's telemetry rules" },
  ],
  'rules list': [
    { line: 'outflow rules list --category crash-reporting', says: 'every crash-reporting rule' },
    { line: 'outflow rules list --vendor Google --json', says: "Google's rules as one JSON document" },
  ],
  'rules test': [
    {
      line: 'outflow rules test self.events.data.microsoft.com o450612.ingest.sentry.io',
      says: 'the rule, vendor and category of two host names, and why',
    },
    { line: 'outflow rules test --json region1.google-analytics.com', says: 'the same as one JSON document' },
  ],
  'rules validate': [
    {
      line: 'outflow rules validate data/catalog/microsoft.json',
      says: 'check a catalog file against the schema (your own rules file the same way)',
    },
    {
      line: 'outflow rules validate data/catalog/microsoft.json data/catalog/saas-analytics.json',
      says: 'several files; exit 2 with one line per error',
    },
  ],
  trend: [
    {
      line: `outflow trend ${REPORT} ${REPORT_2}`,
      says: 'destinations, countries and risk over the reports, as a table',
    },
    { line: 'outflow trend samples/reports -o trend.html', says: 'every report in a directory, as a page' },
  ],
};

/** The command's path below outflow: "" for outflow, "geoip lookup" for that subcommand. */
export function commandPath(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

export function examplesFor(command: Command): readonly Example[] {
  return EXAMPLES[commandPath(command)] ?? [];
}

/** The help text's last block: fixed lines, the same at every terminal width. */
export function formatExamples(examples: readonly Example[]): string {
  const lines = ['', 'Examples:'];
  for (const e of examples) lines.push(`  # ${e.says}`, `  $ ${e.line}`);
  return lines.join('\n');
}

/** Ends every command's --help, at every level, with its examples. */
export function addExamples(command: Command): void {
  const examples = examplesFor(command);
  if (examples.length > 0) command.addHelpText('after', formatExamples(examples));
  for (const sub of command.commands) addExamples(sub);
}
