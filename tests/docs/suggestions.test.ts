/**
 * Issue #21 item 7: a mistyped option names the closest one. For every command at every depth, its first long
 * option (--help where it has no other) with two letters swapped must be refused with exit 2 (usage) and
 * "(Did you mean --that?)"; a mistyped command name the same. In process: the program is built as the CLI builds
 * it, with its output captured.
 */
import { type Command, CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/program.js';
import { allCommands, pathOf } from './cli-walk.js';

/** "--fail-on" -> "--fali-on": two letters in the middle swapped (at edit distance 1 for commander's matcher). */
function typo(long: string): string {
  const i = Math.floor(long.length / 2);
  return `${long.slice(0, i)}${long[i + 1] ?? ''}${long[i] ?? ''}${long.slice(i + 2)}`;
}

/** Parses argv with every command's output captured; what was written to stderr and commander's exit code. */
async function parse(args: string[]): Promise<{ stderr: string; exitCode: number }> {
  const program = buildProgram();
  let stderr = '';
  for (const c of allCommands(program)) {
    c.configureOutput({ writeOut: () => {}, writeErr: (s) => (stderr += s), outputError: (s, w) => w(s) });
  }
  try {
    await program.parseAsync(['node', 'outflow', ...args]);
  } catch (error) {
    if (error instanceof CommanderError) return { stderr, exitCode: error.exitCode };
    throw error;
  }
  return { stderr, exitCode: 0 };
}

function firstLongOption(command: Command): string {
  const own = command.options.map((o) => o.long).find((l) => l !== undefined && l !== '--version');
  return own ?? '--help';
}

describe('an unknown option suggests the closest one', () => {
  const commands = allCommands(buildProgram());
  it.each(commands.map((c) => [pathOf(c) || '(outflow)', firstLongOption(c)] as const))('%s %s', async (path, long) => {
    const words = path === '(outflow)' ? [] : path.split(' ');
    const wrong = typo(long);
    expect(wrong).not.toBe(long);
    // An argument after the option: a command that needs one must still complain about the option first.
    const r = await parse([...words, wrong, 'x']);
    expect(r.exitCode).not.toBe(0);
    expect(r.stderr).toContain(`unknown option '${wrong}'`);
    expect(r.stderr).toContain(`(Did you mean ${long}?)`);
  });

  it('every option of audit, not only the first', async () => {
    const audit = commands.find((c) => pathOf(c) === 'audit');
    const longs = (audit?.options ?? []).flatMap((o) => (o.long !== undefined && o.long.length > 5 ? [o.long] : []));
    expect(longs.length).toBeGreaterThan(20);
    for (const long of longs) {
      const r = await parse(['audit', typo(long), 'x']);
      expect(r.stderr, long).toContain(`(Did you mean ${long}?)`);
    }
  });

  it('a mistyped command or subcommand names the closest one', async () => {
    expect((await parse(['audti', 'x'])).stderr).toContain('(Did you mean audit?)');
    expect((await parse(['geoip', 'lokup', '1.1.1.1'])).stderr).toContain('(Did you mean lookup?)');
    expect((await parse(['rules', 'tset', 'x'])).stderr).toContain('(Did you mean test?)');
  });
});
