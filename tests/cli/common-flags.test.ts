/**
 * Every command accepts --no-color, -q, -v and --debug the same way (issue #20), so one scheduled script can
 * pass them to any command. Before, `diff` had no --no-color, `geoip` and `rules` took none of them, and only
 * `audit` had -v.
 */
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { leafCommands } from '../../src/cli/common-flags.js';
import { buildProgram } from '../../src/cli/program.js';
import { runCli } from '../e2e/helpers.js';

const commandPath = (c: Command): string => {
  const names: string[] = [];
  for (let at: Command | null = c; at?.parent != null; at = at.parent) names.unshift(at.name());
  return names.join(' ');
};

describe('the common flags', () => {
  const program = buildProgram();
  const leaves = leafCommands(program);

  it('walks every command, subcommands included', () => {
    expect(leaves.map(commandPath)).toEqual(
      expect.arrayContaining(['audit', 'diff', 'trend', 'flows', 'geoip lookup', 'rules validate', 'merge']),
    );
  });

  for (const command of leaves) {
    it(`${commandPath(command)} accepts --no-color, -q, -v and --debug`, () => {
      const flags = command.options.map((o) => [o.short ?? null, o.long]);
      expect(flags).toContainEqual([null, '--no-color']);
      expect(flags).toContainEqual(['-q', '--quiet']);
      expect(flags).toContainEqual(['-v', '--verbose']);
      let help = '';
      command.configureOutput({
        writeOut: (s) => {
          help += s;
        },
      });
      command.outputHelp();
      expect(help).toContain('--debug');
    });
  }

  it('the real CLI takes all four after any command name', () => {
    const rules = runCli(['rules', 'list', '--json', '--no-color', '-q', '-v', '--debug']);
    expect(rules.status, rules.stderr).toBe(0);
    expect(() => JSON.parse(rules.stdout)).not.toThrow();
    const geoip = runCli(['geoip', 'lookup', '192.168.1.1', '--json', '--no-color', '-q', '-v', '--debug']);
    expect(geoip.status, geoip.stderr).toBe(0);
  });

  it('flows -v says what was read from each input', () => {
    const r = runCli(['flows', 'samples/admin-pc-workday.pcap', '-f', 'ndjson', '-v', '--no-color']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(
      /^outflow: read samples\/admin-pc-workday\.pcap: pcap, \d+ packets, 3\.28 MB, \d+ flows$/m,
    );
  });
});
