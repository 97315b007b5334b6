/**
 * Standard output as a command-line tool needs it, set up once by the launcher (bin/outflow.js):
 *
 * - Into a pipe, writes block. Node leaves a pipe non-blocking on Linux, so output the reader had not taken yet
 *   queued in memory: `outflow flows` on the benchmark capture into a pipe peaked at ~305 MB against ~262 MB
 *   into a file, and took ~15 % longer. A blocking write waits for the reader instead, as cat or grep do.
 * - A reader that goes away (`outflow flows x.pcap | head`) ends the run at once, quietly, with code 141: what a
 *   tool killed by SIGPIPE reports in the shell (128 + 13), as `yes | head` does. Not 0: an audit whose output
 *   was cut off must not read as clean (its findings code is not known yet while it writes). Before, an
 *   unhandled EPIPE error printed a stack trace. Any other write error is one line and code 2.
 */
import { escapeTerminal } from '../report/escape.js';
import { EXIT_USAGE } from './main.js';

interface PipeHandle {
  setBlocking?: (blocking: boolean) => unknown;
}

/** Exit code when the reader of standard output went away (the shell's code for a SIGPIPE death). */
export const EXIT_BROKEN_PIPE = 141;

export function prepareStdout(stdout: NodeJS.WriteStream = process.stdout): void {
  // `_handle` is Node's libuv handle behind the stream; only pipes and sockets have setBlocking.
  const handle = (stdout as unknown as { _handle?: PipeHandle })._handle;
  if (stdout.isTTY !== true) handle?.setBlocking?.(true);
  stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(EXIT_BROKEN_PIPE);
    process.stderr.write(`outflow: cannot write to standard output: ${escapeTerminal(error.message)}\n`);
    process.exit(EXIT_USAGE);
  });
}
