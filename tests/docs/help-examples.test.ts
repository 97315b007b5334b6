/**
 * Issue #21 item 7: every --help ends with two or three examples, and they are real: each runs on the files in
 * samples/ (and data/) through the CLI's entry (examples-runner.mjs: all in one process, for speed) and ends with
 * exit 0 or 1 (findings), never 2 (usage, unusable input), 3 (a bug) or 4 (output not written). They run in a
 * scratch directory that links samples/ and data/, so the files they write land there, and each file an example
 * names with -o or --stats must exist afterwards.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXAMPLES, examplesFor, formatExamples } from '../../src/cli/commands/examples.js';
import { buildProgram } from '../../src/cli/program.js';
import { repoRoot, tempDir } from '../e2e/helpers.js';
import { allCommands, pathOf, splitExample } from './cli-walk.js';

const program = buildProgram();
const commands = allCommands(program);

describe('help examples', () => {
  it('every command has two or three examples, and every example belongs to a command', () => {
    for (const command of commands) {
      const count = examplesFor(command).length;
      expect(count, `examples of "outflow ${pathOf(command)}"`).toBeGreaterThanOrEqual(2);
      expect(count, `examples of "outflow ${pathOf(command)}"`).toBeLessThanOrEqual(3);
    }
    expect(Object.keys(EXAMPLES).sort()).toEqual(commands.map(pathOf).sort());
  });

  it('each example calls its own command and uses no shell syntax but single quotes', () => {
    for (const [path, examples] of Object.entries(EXAMPLES)) {
      for (const e of examples) {
        const words = splitExample(e.line);
        expect(words[0]).toBe('outflow');
        // Top-level examples show any command; a command's show that command.
        if (path !== '') expect(words.slice(1, 1 + path.split(' ').length).join(' ')).toBe(path);
        expect(e.line.replace(/'[^']*'/g, '')).not.toMatch(/["`$|&;<>(){}\\]/);
      }
    }
  });

  it('--help ends with the examples on every command', () => {
    for (const command of commands) {
      let out = '';
      command.configureOutput({ writeOut: (s) => (out += s), writeErr: (s) => (out += s) });
      command.outputHelp();
      expect(out.trimEnd().endsWith(formatExamples(examplesFor(command)).trimEnd()), pathOf(command)).toBe(true);
    }
  });
});

describe('the examples run on the samples', () => {
  const scratch = tempDir();
  afterAll(() => scratch.cleanup());
  symlinkSync(join(repoRoot, 'samples'), join(scratch.dir, 'samples'), 'dir');
  symlinkSync(join(repoRoot, 'data'), join(scratch.dir, 'data'), 'dir');

  const lines = [...new Set(Object.values(EXAMPLES).flatMap((examples) => examples.map((e) => e.line)))];
  const resultFile = join(scratch.dir, 'results.json');
  const child = spawnSync(
    process.execPath,
    [
      join(repoRoot, 'tests/docs/examples-runner.mjs'),
      JSON.stringify(lines.map((l) => splitExample(l).slice(1))),
      resultFile,
    ],
    { cwd: scratch.dir, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' }, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const results: Ran[] = existsSync(resultFile) ? (JSON.parse(readFileSync(resultFile, 'utf8')) as Ran[]) : [];

  it('the runner finished', () => {
    expect(child.status, child.stderr.toString()).toBe(0);
    expect(results).toHaveLength(lines.length);
  });

  it.each(lines.map((line, i) => [line, i] as const))('%s', (line, i) => {
    const r = results[i];
    expect(r, line).toBeDefined();
    if (r === undefined) return;
    expect([0, 1], `exit ${r.status}; stderr: ${r.stderr}`).toContain(r.status);
    const words = splitExample(line);
    for (let w = 0; w < words.length - 1; w++) {
      if (words[w] !== '-o' && words[w] !== '--stats') continue;
      const file = join(scratch.dir, words[w + 1] ?? '');
      expect(existsSync(file) && statSync(file).size > 0, `${words[w + 1]} written`).toBe(true);
    }
  });
});

interface Ran {
  status: number;
  stderr: string;
}
