import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeRenderedFile, writeTextFile } from '../../src/cli/output.js';
import { OutputError } from '../../src/core/errors.js';
import { runCli, tempDir } from '../e2e/helpers.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe('report files are written atomically', () => {
  it('a renderer that fails half way leaves the old file whole and no temporary file', async () => {
    const path = join(tmp.dir, 'a', 'report.json');
    await writeTextFile(path, 'old whole report\n');
    await expect(
      writeRenderedFile(path, (sink) => {
        sink('new partial');
        throw new Error('renderer broke');
      }),
    ).rejects.toThrow('renderer broke');
    expect(readFileSync(path, 'utf8')).toBe('old whole report\n');
    expect(readdirSync(join(tmp.dir, 'a'))).toEqual(['report.json']);
  });

  it('an unwritable place is an OutputError naming the path and the cause, not a bug', async () => {
    const blocker = join(tmp.dir, 'not-a-dir');
    writeFileSync(blocker, 'x');
    const path = join(blocker, 'report.json');
    const error = await writeTextFile(path, 'text').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutputError);
    expect((error as OutputError).message).toMatch(/cannot write .*not-a-dir\/report\.json: E(NOTDIR|EXIST)/);
  });

  it('the CLI exits 4 with one line when it cannot write a report, and writes a whole one otherwise', () => {
    const blocker = join(tmp.dir, 'file-in-the-way');
    writeFileSync(blocker, 'x');
    const bad = runCli([
      'audit',
      'samples/admin-pc-workday.pcap',
      '--fail-on',
      'never',
      '-q',
      '-o',
      join(blocker, 'r.json'),
    ]);
    expect(bad.status).toBe(4);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/^outflow: cannot write /);
    const dir = join(tmp.dir, 'out');
    mkdirSync(dir);
    const good = runCli([
      'audit',
      'samples/admin-pc-workday.pcap',
      '--fail-on',
      'never',
      '-q',
      '-o',
      join(dir, 'r.json'),
    ]);
    expect(good.status, good.stderr).toBe(0);
    expect(readdirSync(dir)).toEqual(['r.json']);
    expect(JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')).schemaVersion).toBe('1.3.0');
    expect(existsSync(join(dir, 'r.json'))).toBe(true);
  });
});
