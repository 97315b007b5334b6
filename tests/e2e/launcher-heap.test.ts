/**
 * The launcher keeps V8's young generation small (bin/outflow.js: why; issue #18). Checked on the real launcher,
 * as npm's shims start it (`node <script>`): a preload, at exit, allocates objects that survive a while, which
 * makes V8 grow its young generation up to its limit, and reports the largest size it saw. A plain `node` run of
 * the same preload shows that it does grow there.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { LARGEST_YOUNG_GENERATION } from '../fixtures/young-generation-probe.js';
import { cli, repoRoot, tempDir } from './helpers.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const PROBE = `
import { getHeapSpaceStatistics } from 'node:v8';
${LARGEST_YOUNG_GENERATION}
process.on('exit', () => {
  process.stderr.write('NEW_SPACE_MAX ' + largestYoungGeneration() + '\\n');
});
`;
const probe = join(tmp.dir, 'probe.mjs');
writeFileSync(probe, PROBE);

const MiB = 1024 * 1024;

/** The largest young generation the probe saw after `args` ran under node. */
function youngGenerationMax(args: string[]): number {
  const r = spawnSync(process.execPath, ['--import', pathToFileURL(probe).href, ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  expect(r.status).toBe(0);
  const m = /NEW_SPACE_MAX (\d+)/.exec(r.stderr);
  expect(m).not.toBeNull();
  return Number(m?.[1]);
}

describe('the launcher', () => {
  it("keeps V8's young generation at its starting size for the whole run", () => {
    expect(youngGenerationMax(['-e', '0'])).toBeGreaterThan(8 * MiB);
    expect(youngGenerationMax([cli, '--version'])).toBeLessThanOrEqual(8 * MiB);
  });

  it('keeps it there in an audit, whose worker threads reset the flag when they start (core/heap-flags.ts)', () => {
    // The audit hashes its input on a worker thread: before the flags were set again after it started, the
    // young generation grew to 2 x 16 MiB from then on.
    const sample = join(repoRoot, 'samples', 'admin-pc-workday.pcap');
    expect(
      youngGenerationMax([
        cli,
        'audit',
        '--quiet',
        '--fail-on',
        'never',
        '-f',
        'json',
        '-o',
        join(tmp.dir, 'r.json'),
        sample,
      ]),
    ).toBeLessThanOrEqual(8 * MiB);
  });
});
