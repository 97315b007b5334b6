/**
 * `outflow flows INPUT...`: one record per flow, as NDJSON (the documented contract), a table or CSV.
 * NDJSON streams as flows end; table and CSV are written when all input is read. The command and its options;
 * what it does is flows-run.ts, loaded only when flows runs.
 */
import type { Command } from 'commander';
import { Option } from 'commander';
import type { FlowFormat } from '../flow-output.js';
import { FLOW_FORMAT_CHOICES } from './choices.js';

export interface FlowsOptions {
  format?: FlowFormat;
  stats?: string;
  names: boolean;
  dnsGrace: string;
  timezone?: string;
  quiet?: boolean;
  jobs?: string;
  keylog?: string[];
}

export function registerFlowsCommand(program: Command): void {
  program
    .command('flows')
    .description('list the flows in captures and logs, one record per flow')
    .argument('<input...>', 'capture or log files (pcap, pcapng, gzip\'d or not; "-" for stdin)')
    .addOption(
      new Option('-f, --format <format>', 'output format (default: table on a terminal, else ndjson)').choices(
        FLOW_FORMAT_CHOICES,
      ),
    )
    .option('--stats <file>', 'write input and skip statistics as JSON to this file')
    .option('--no-names', 'skip naming (DNS, TLS SNI, HTTP Host, QUIC)')
    .option('--dns-grace <seconds>', 'seconds a DNS answer stays usable after its TTL', '3600')
    .option('--timezone <zone>', 'IANA time zone of logs that write local time without a zone')
    .option(
      '--keylog <file>',
      'NSS key log (SSLKEYLOGFILE): decrypt TLS and QUIC and add "decrypted" bytes to each flow (repeatable)',
      (value: string, previous: string[]) => [...previous, value],
      [],
    )
    .option('-j, --jobs <n>', 'inputs read at once in worker threads (default 1: all on one thread)')
    .option('-q, --quiet', 'no summary on stderr')
    .action(async (inputs: string[], opts: FlowsOptions) => (await import('./flows-run.js')).flowsAction(inputs, opts));
}
