/**
 * The inputs of a reading command (audit, flows) expanded (estate/expand-inputs.ts), with each directory that
 * could not be listed named on stderr at once. `skipped` counts them: the command then ends with code 2
 * (EXIT_USAGE, "unusable input") after reading the rest, as grep does with a file it cannot open.
 */
import { expandInputs } from '../estate/expand-inputs.js';
import { escapeTerminal } from '../report/escape.js';

export async function expandCliInputs(args: string[]): Promise<{ files: string[]; skipped: number }> {
  let skipped = 0;
  const files = await expandInputs(args, (dir, cause) => {
    skipped++;
    process.stderr.write(`outflow: cannot list ${escapeTerminal(dir)}: ${escapeTerminal(cause)} (skipped)\n`);
  });
  return { files, skipped };
}
