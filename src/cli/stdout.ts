/**
 * Standard output as a command-line tool needs it, set up once by the launcher (bin/outflow.js):
 *
 * - Into a pipe, writes block. Node leaves a pipe non-blocking on Linux, so output the reader had not taken yet
 *   queued in memory: `outflow flows` on the benchmark capture into a pipe peaked at ~305 MB against ~262 MB
 *   into a file, and took ~15 % longer. A blocking write waits for the reader instead, as cat or grep do.
 * - A reader that goes away (`outflow flows x.pcap | head`) ends the run quietly with code 0, as ripgrep does,
 *   instead of an unhandled EPIPE error with a stack trace; any other write error is one line and code 2.
 */
import { escapeTerminal } from '../report/escape.js';

interface PipeHandle {
  setBlocking?: (blocking: boolean) => unknown;
}

export function prepareStdout(stdout: NodeJS.WriteStream = process.stdout): void {
  // `_handle` is Node's libuv handle behind the stream; only pipes and sockets have setBlocking.
  const handle = (stdout as unknown as { _handle?: PipeHandle })._handle;
  if (stdout.isTTY !== true) handle?.setBlocking?.(true);
  stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    process.stderr.write(`outflow: cannot write to standard output: ${escapeTerminal(error.message)}\n`);
    process.exit(2);
  });
}
