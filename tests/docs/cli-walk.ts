/** Helpers for the tests of the command tree: every command at every depth, and example lines as argv. */
import type { Command } from 'commander';
import { commandPath } from '../../src/cli/commands/examples.js';

/** outflow itself, then every command and subcommand, depth first in definition order. */
export function allCommands(program: Command): Command[] {
  const out: Command[] = [program];
  for (const sub of program.commands) out.push(...allCommands(sub));
  return out;
}

export const pathOf = commandPath;

/** An example line as the shell would pass it: words split on spaces, single quotes kept together and removed. */
export function splitExample(line: string): string[] {
  return [...line.matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? '');
}
