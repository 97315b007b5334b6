/**
 * The commander program as plain data for the reference pages (docs/cli.md, man/outflow.1): every command at
 * every depth, in definition order, with its usage, arguments, options (flags, description, default, choices)
 * and examples. Read from the Command objects themselves, never from formatted help, so the pages do not depend
 * on the terminal width and cannot say something --help does not.
 */
import type { Command, Option } from 'commander';
import { commandPath, type Example, examplesFor } from '../../cli/commands/examples.js';

export interface ArgumentDoc {
  /** As in usage: "<input...>". */
  name: string;
  description: string;
}

export interface OptionDoc {
  flags: string;
  description: string;
  /** Shown only when it tells something: not for flags, --no-x or repeatable options that start empty. */
  defaultValue?: string;
  choices?: readonly string[];
}

export interface CommandDoc {
  /** "" for outflow itself, "geoip lookup" for a subcommand. */
  path: string;
  /** "outflow audit [options] <input...>". */
  usage: string;
  description: string;
  arguments: ArgumentDoc[];
  options: OptionDoc[];
  examples: readonly Example[];
  subcommands: CommandDoc[];
}

export function describeCommand(command: Command): CommandDoc {
  const path = commandPath(command);
  return {
    path,
    usage: ['outflow', path, command.usage()].filter((s) => s !== '').join(' '),
    description: command.description(),
    arguments: command.registeredArguments.map((a) => ({
      name: a.required ? `<${a.name()}${a.variadic ? '...' : ''}>` : `[${a.name()}${a.variadic ? '...' : ''}]`,
      description: a.description,
    })),
    options: command.options.filter((o) => !o.hidden).map(describeOption),
    examples: examplesFor(command),
    subcommands: command.commands.map(describeCommand),
  };
}

function describeOption(option: Option): OptionDoc {
  const doc: OptionDoc = { flags: option.flags, description: option.description };
  const shown = defaultShown(option);
  if (shown !== undefined) doc.defaultValue = shown;
  if (option.argChoices !== undefined) doc.choices = option.argChoices;
  return doc;
}

function defaultShown(option: Option): string | undefined {
  if (option.defaultValueDescription !== undefined) return option.defaultValueDescription;
  const value: unknown = option.defaultValue;
  if (value === undefined || option.negate || typeof value === 'boolean') return undefined;
  if (Array.isArray(value)) return value.length === 0 ? undefined : value.join(', ');
  return String(value);
}

/** Every command below outflow, depth first in definition order. */
export function flatten(doc: CommandDoc): CommandDoc[] {
  return doc.subcommands.flatMap((sub) => [sub, ...flatten(sub)]);
}
