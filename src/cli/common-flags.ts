/**
 * The flags every command accepts the same way (issue #20): --no-color, -q/--quiet, -v/--verbose and --debug, so
 * one scheduled script can pass them to any command without checking which takes what. A command that defines
 * one of them itself keeps its own (audit's --no-color and -v say what they do there); the rest are added here,
 * and their help says when they change nothing for that command. --debug is the program's option, accepted
 * before or after the command name and shown in every command's help.
 */
import type { Command } from 'commander';

export interface CommonFlags {
  /** Commander's --no-color: false when given. */
  color?: boolean;
  quiet?: boolean;
  verbose?: boolean;
}

/** Commands whose -v prints more than they print without it (the others accept it for scripts). */
const VERBOSE_SAYS: Readonly<Record<string, string>> = {
  flows: 'more detail on stderr (one line per input: format, packets or lines, bytes, flows)',
};

/** Adds the common flags each command (and subcommand) lacks; shows --debug in every command's help. */
export function addCommonFlags(program: Command): void {
  program.configureHelp({ showGlobalOptions: true });
  for (const command of leafCommands(program)) {
    // Help settings are copied when a command is made: the commands exist already, so each is told.
    command.configureHelp({ ...command.configureHelp(), showGlobalOptions: true });
    const has = (flag: string): boolean => command.options.some((o) => o.long === flag);
    if (!has('--color') && !has('--no-color'))
      command.option('--no-color', 'no colours (this output has none; accepted as for audit)');
    if (!has('--quiet')) command.option('-q, --quiet', 'nothing on stderr but errors');
    if (!has('--verbose'))
      command.option(
        '-v, --verbose',
        VERBOSE_SAYS[command.name()] ?? 'accepted as for audit (nothing more to say here)',
      );
  }
}

/** Commands that run something (not groups such as `geoip`), depth first. */
export function leafCommands(parent: Command): Command[] {
  return parent.commands.flatMap((c) => (c.commands.length > 0 ? leafCommands(c) : [c]));
}
