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

/** Bad command-line arguments or configuration. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
