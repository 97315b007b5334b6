/**
 * What an interrupted run (SIGINT: Ctrl-C; SIGTERM: a scheduler's or service manager's stop) leaves behind: no
 * partial report and no temporary file. Whoever holds something that must not outlive the process registers an
 * undo here: the atomic writer its temporary file (cli/output.ts), the progress line its erase
 * (cli/progress.ts), the input pool its worker threads (pipeline/input-pool.ts). On the first signal every undo
 * runs, the asynchronous ones get a short grace, and the process ends by the signal (a shell shows 130 for
 * SIGINT, 143 for SIGTERM: 128 + the signal number), so a scheduler sees the run was cut off. A second signal
 * ends it at once. Report files are only ever renamed into place whole, so stopping between two
 * steps can leave the old file or the whole new one, never a part.
 */

/** Exit codes of a run stopped by a signal (128 + its number). */
export const EXIT_SIGINT = 130;
export const EXIT_SIGTERM = 143;

/** How long the first signal waits for asynchronous undos (workers terminating) before exiting anyway. */
export const UNDO_GRACE_MS = 2000;

type Undo = () => void | Promise<void>;

const undos = new Set<Undo>();

/** Registers `undo` to run if the run is interrupted; returns the function that unregisters it. */
export function onInterrupt(undo: Undo): () => void {
  undos.add(undo);
  return () => {
    undos.delete(undo);
  };
}

/** Undos registered now (tests). */
export function pendingUndos(): number {
  return undos.size;
}

export interface InterruptDeps {
  exit: (code: number) => void;
  /** Milliseconds before giving up on asynchronous undos. */
  graceMs?: number;
}

/**
 * The handler for one signal: runs every undo (synchronous ones at once, in registration order; an undo that
 * throws does not stop the others), waits up to the grace for the asynchronous ones, then exits with `code`.
 * A second call, of this handler or another made by the same factory, exits with its code at once.
 */
export function interruptHandlers(deps: InterruptDeps): (code: number) => Promise<void> {
  let stopping = false;
  return async (code) => {
    if (stopping) {
      deps.exit(code);
      return;
    }
    stopping = true;
    const pending: Promise<unknown>[] = [];
    for (const undo of [...undos]) {
      undos.delete(undo);
      try {
        const r = undo();
        if (r instanceof Promise) pending.push(r.catch(() => undefined));
      } catch {
        // Already stopping: the remaining undos matter more than this one's failure.
      }
    }
    if (pending.length > 0) {
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, deps.graceMs ?? UNDO_GRACE_MS);
        timer.unref();
      });
      await Promise.race([Promise.all(pending), grace]);
      clearTimeout(timer);
    }
    deps.exit(code);
  };
}

/**
 * Installs the handlers on the process (the launcher, bin/outflow.js, calls this once). The run ends by the
 * signal itself, default action restored and the signal raised again, rather than by process.exit(130/143):
 * a shell then sees a process the signal killed (so a script interrupted with Ctrl-C stops too, not only this
 * command), and the exit cannot hang. process.exit waits for libuv's thread pool, and a thread blocked reading
 * a FIFO or a process substitution (`outflow audit <(ssh host cat fw.log)`) never returns: the run would hang on
 * the very signal meant to stop it.
 */
export function installSignalHandlers(): void {
  // One handler for both: SIGINT after SIGTERM (or the other way round) is a second signal too.
  const handle = interruptHandlers({ exit: (code) => dieBy(code === EXIT_SIGINT ? 'SIGINT' : 'SIGTERM', code) });
  process.on('SIGINT', () => void handle(EXIT_SIGINT));
  process.on('SIGTERM', () => void handle(EXIT_SIGTERM));
}

function dieBy(signal: 'SIGINT' | 'SIGTERM', code: number): void {
  process.removeAllListeners(signal);
  process.kill(process.pid, signal);
  // Still alive (the signal is ignored where the run was started): exit with the code a shell would show.
  setTimeout(() => process.exit(code), 200);
}
