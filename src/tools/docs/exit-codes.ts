/**
 * The exit codes the reference pages list, from the constants the CLI exits with: renaming or renumbering one
 * breaks this file's compilation instead of leaving a page that says otherwise.
 */
import { EXIT_FINDINGS, EXIT_INTERNAL, EXIT_OK, EXIT_OUTPUT, EXIT_RESOURCE, EXIT_USAGE } from '../../cli/main.js';
import { EXIT_BROKEN_PIPE } from '../../cli/stdout.js';
import { EXIT_SIGINT, EXIT_SIGTERM } from '../../core/interrupt.js';

export const EXIT_CODES: readonly (readonly [number, string])[] = [
  [EXIT_OK, 'done; for audit: no destination at or above --fail-on'],
  [EXIT_FINDINGS, 'audit: a destination at or above --fail-on (default high)'],
  [EXIT_USAGE, 'usage error or unusable input (one line on stderr: outflow: ...)'],
  [EXIT_INTERNAL, 'internal error: a bug (run with --debug for the stack trace)'],
  [EXIT_OUTPUT, 'a report or statistics file could not be written (full disk, read-only, no permission)'],
  [EXIT_RESOURCE, 'the system refused what the run needs: too many open files (raise ulimit -n or lower -j)'],
  [EXIT_SIGINT, 'interrupted (Ctrl-C, SIGINT)'],
  [EXIT_BROKEN_PIPE, 'the reader of standard output went away (`outflow flows x.pcap | head`)'],
  [EXIT_SIGTERM, 'stopped (SIGTERM)'],
];
