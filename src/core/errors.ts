/**
 * The few error kinds the CLI turns into one clear line and exit code 2. Anything else that escapes is a bug
 * and is reported as one (with a stack under --debug).
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
