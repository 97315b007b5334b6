/**
 * `outflow requests INPUT... [--keylog FILE]`: one record per HTTP request read from captures (plaintext HTTP;
 * TLS and QUIC where keys are given or inside the pcapng) and HAR files, with the personal data found in each.
 * NDJSON and CSV stream as requests are read; table and JSON are written at the end. The command and its options;
 * what it does is requests-run.ts, loaded only when requests runs.
 */
import type { Command } from 'commander';
import { Option } from 'commander';
import type { RequestFormat } from '../request-output.js';
import { REQUEST_FORMAT_CHOICES } from './choices.js';

export interface RequestsOptions {
  format?: RequestFormat;
  keylog: string[];
  showValues?: boolean;
  internalDomain: string[];
  quiet?: boolean;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function registerRequestsCommand(program: Command): void {
  program
    .command('requests')
    .description('list the HTTP requests in captures (decrypted with --keylog) and HAR files, with personal data found')
    .argument('<input...>', 'capture or HAR files, directories or globs ("-" for stdin)')
    .addOption(
      new Option('-f, --format <format>', 'output format (default: table on a terminal, else ndjson)').choices(
        REQUEST_FORMAT_CHOICES,
      ),
    )
    .option('--keylog <file>', 'NSS key log (SSLKEYLOGFILE) to decrypt TLS and QUIC; repeatable', collect, [])
    .option('--show-values', 'show query values and personal data unmasked')
    .option('--internal-domain <suffix>', "the organisation's own domain (e.g. corp.example); repeatable", collect, [])
    .option('-q, --quiet', 'no summary on stderr')
    .action(async (inputs: string[], opts: RequestsOptions) =>
      (await import('./requests-run.js')).requestsAction(inputs, opts),
    );
}
