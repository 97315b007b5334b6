/**
 * Process entry: runs the commander program and turns known errors into one line and exit code 2. Exit codes:
 * 0 clean, 1 findings at or above --fail-on, 2 usage error or unusable input (also: some inputs could not be read,
 * the rest was; cli/expand-cli-inputs.ts, pipeline/read-inputs.ts), 3 internal error (a bug), 4 an output file
 * could not be written (full disk, read-only, no permission), 5 the system refused a resource the run needs (too
 * many open files; core/errors.ts ResourceError); 141 when the reader of standard output went away
 * (cli/stdout.ts); a run stopped by SIGINT or SIGTERM ends by that signal (130, 143 in a shell; core/interrupt.ts).
 * docs/unattended.md is what a scheduler may rely on.
 */
import { CommanderError } from 'commander';
import { InputError, OutputError, resourceErrorOf, UsageError } from '../core/errors.js';
import { escapeTerminal } from '../report/escape.js';
import { buildProgram } from './program.js';

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;
export const EXIT_INTERNAL = 3;
/** A report or statistics file could not be written (full disk, read-only, no permission): not a bug. */
export const EXIT_OUTPUT = 4;
/** The system refused what the run needs (too many open files) or outflow's own files could not be loaded. */
export const EXIT_RESOURCE = 5;

export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    process.exitCode = exitCodeFor(error);
  }
}

function exitCodeFor(error: unknown): number {
  if (error instanceof CommanderError) {
    // Help and version are successes; commander already printed its own one-line message for the rest.
    return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
  }
  if (error instanceof OutputError) {
    process.stderr.write(`outflow: ${escapeTerminal(error.message)}\n`);
    return EXIT_OUTPUT;
  }
  const resource = resourceErrorOf(error);
  if (resource !== null) {
    process.stderr.write(`outflow: ${escapeTerminal(resource.message)}\n`);
    if (process.argv.includes('--debug') && error instanceof Error && error.stack !== undefined)
      process.stderr.write(`${error.stack}\n`);
    return EXIT_RESOURCE;
  }
  if (error instanceof InputError || error instanceof UsageError) {
    process.stderr.write(`outflow: ${escapeTerminal(error.message)}\n`);
    return EXIT_USAGE;
  }
  const err = error instanceof Error ? error : new Error(String(error));
  process.stderr.write(`outflow: internal error: ${escapeTerminal(err.message)} (this is a bug; run with --debug)\n`);
  if (process.argv.includes('--debug') && err.stack !== undefined) process.stderr.write(`${err.stack}\n`);
  return EXIT_INTERNAL;
}
