/**
 * The few error kinds the CLI turns into one clear line and an exit code of their own (2 input or usage, 4
 * output, 5 a refused resource). Anything else that escapes is a bug and is reported as one (with a stack under
 * --debug).
 */

/** An input that cannot be used at all: not a capture or log we know, unreadable, empty. */
export class InputError extends Error {
  override readonly name = 'InputError';
  constructor(
    message: string,
    readonly file?: string,
  ) {
    super(message);
  }
}

/** Why an input gave nothing at all: the reason of its entry in the report's skipped section. */
export type UnusableInputReason = 'input-unreadable' | 'input-empty' | 'input-unrecognised';

/**
 * An input that gave nothing at all, found out before anything of it was read: it could not be opened (missing or
 * gone since the directory was listed, no permission, a directory, an I/O error before its first byte), it is
 * empty, or no format outflow knows recognises it (a README beside the captures). A run with other inputs names
 * it in one line, counts it in the report's skipped section under `reason`, reads the rest and ends with code 2
 * (pipeline/read-inputs.ts); a run where no input could be read fails as before.
 */
export class UnreadableInputError extends InputError {
  constructor(
    message: string,
    file: string,
    /** The cause alone ("permission denied"), for the skipped entry. */
    readonly detail: string,
    readonly reason: UnusableInputReason = 'input-unreadable',
  ) {
    super(message, file);
  }
}

/** Bad command-line arguments or configuration. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/**
 * A file that could not be written (full disk, read-only or missing directory, no permission): an I/O failure,
 * not a bug. The CLI prints one line naming the path and the cause and exits with code 4; no partial file is
 * left behind (report files are written to a temporary file and renamed into place).
 */
export class OutputError extends Error {
  override readonly name = 'OutputError';
  constructor(
    readonly path: string,
    readonly code: string,
    detail: string,
  ) {
    super(`cannot write ${path}: ${code} (${detail})`);
  }
}

/**
 * The system refused something the whole run needs, not one input's fault and not a bug: the process's limit of
 * open files was reached (EMFILE; ENFILE: the system's), or a file of outflow's own could not be loaded. Node
 * loads a command's modules many at once, so a low limit (`ulimit -n 100` with `-j 2`) failed while a worker
 * started, and was reported as an internal error. The CLI prints one line with the remedy and exits with 5.
 */
export class ResourceError extends Error {
  override readonly name = 'ResourceError';
}

/** Codes of a refused resource, with what to say of each. */
const RESOURCE_CODES: Record<string, string> = Object.assign(Object.create(null) as Record<string, string>, {
  EMFILE: 'too many open files: the limit of open files for this process was reached',
  ENFILE: 'too many open files in the system: its file table is full',
});

const RAISE_LIMIT = 'raise the limit (ulimit -n; LimitNOFILE= for a systemd service) or read fewer inputs at once (-j)';

/**
 * `e` as a ResourceError when it is one (a refused resource: EMFILE, ENFILE, also when they come from a worker
 * thread, whose errors keep their code), else null.
 */
export function resourceErrorOf(e: unknown): ResourceError | null {
  if (e instanceof ResourceError) return e;
  if (e === null || typeof e !== 'object') return null;
  const { code, path } = e as { code?: unknown; path?: unknown };
  if (typeof code !== 'string') return null;
  // Node's module loader reports a file it could not open for want of descriptors as missing.
  if (code === 'ERR_MODULE_NOT_FOUND' || code === 'ERR_UNSUPPORTED_DIR_IMPORT') {
    const message = e instanceof Error ? e.message : code;
    return new ResourceError(
      `could not load a part of outflow (${message}): the installation is incomplete (run npm ci) or the limit of open files is too low; ${RAISE_LIMIT}`,
    );
  }
  const words = RESOURCE_CODES[code];
  if (words === undefined) return null;
  const at = typeof path === 'string' ? ` (opening ${path})` : '';
  return new ResourceError(`${words}${at}; ${RAISE_LIMIT}`);
}
