/**
 * Startup cost (issue #18): every command is defined at startup, but only the one that runs loads its work. The
 * real CLI runs with a preload that records every module it loads (ES modules through a load hook, CommonJS
 * through require.cache), and the test names what must not be among them: before, `--version` loaded all ~340
 * modules of every command (Ajv, yaml, maxmind, tldts, the renderers...) and took ~0.5 s.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, repoRoot, tempDir, writeScenario } from './helpers.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const PRELOAD = `
import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
const log = process.env.OUTFLOW_LOAD_LOG;
register(new URL('./hooks.mjs', import.meta.url), { data: log });
const cache = createRequire(import.meta.url).cache;
process.on('exit', () => appendFileSync(log, Object.keys(cache).map((f) => f + '\\n').join('')));
`;
const HOOKS = `
import { appendFileSync } from 'node:fs';
let log;
export function initialize(data) { log = data; }
export async function load(url, context, next) { appendFileSync(log, url + '\\n'); return next(url, context); }
`;
writeFileSync(join(tmp.dir, 'preload.mjs'), PRELOAD);
writeFileSync(join(tmp.dir, 'hooks.mjs'), HOOKS);

let runs = 0;

/** Runs the CLI; the modules it loaded, as paths relative to the repository (packages as node_modules/NAME/...). */
function loadedBy(args: string[]): { status: number | null; stdout: string; modules: string[] } {
  const log = join(tmp.dir, `loaded-${runs++}.txt`);
  writeFileSync(log, '');
  const r = spawnSync(process.execPath, ['--import', pathToFileURL(join(tmp.dir, 'preload.mjs')).href, cli, ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, OUTFLOW_LOAD_LOG: log, NO_COLOR: '1' },
  });
  const root = `${repoRoot}/`;
  const modules = readFileSync(log, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => (line.startsWith('file:') ? fileURLToPath(line) : line))
    .filter((path) => path.startsWith(root))
    .map((path) => path.slice(root.length));
  return { status: r.status, stdout: r.stdout, modules };
}

const packagesIn = (modules: string[]): string[] => [
  ...new Set(modules.filter((m) => m.startsWith('node_modules/')).map((m) => m.split('/')[1] ?? '')),
];

describe('startup loads only what the command uses', () => {
  it('--version loads the command definitions and commander, no command work', () => {
    const r = loadedBy(['--version']);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    expect(packagesIn(r.modules)).toEqual(['commander']);
    const dist = r.modules.filter((m) => m.startsWith('dist/'));
    // The launcher's own modules and the definitions; a *-run.js module is a command's work.
    const outsideCli = dist.filter((m) => !m.startsWith('dist/cli/'));
    expect(outsideCli.sort()).toEqual([
      'dist/core/errors.js',
      'dist/core/heap-flags.js',
      'dist/core/interrupt.js',
      'dist/report/escape.js',
    ]);
    expect(dist.filter((m) => m.endsWith('-run.js'))).toEqual([]);
  });

  it('audit --help loads no audit work either', () => {
    const r = loadedBy(['audit', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('--fail-on');
    expect(packagesIn(r.modules)).toEqual(['commander']);
    expect(r.modules.filter((m) => m.endsWith('-run.js'))).toEqual([]);
  });

  it('flows to NDJSON loads no audit, report reader, table, YAML or HTTP/2 library', () => {
    const capture = join(tmp.dir, 'scenario.pcap');
    writeScenario(capture);
    const r = loadedBy(['flows', '--format', 'ndjson', '--quiet', capture]);
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n').filter((l) => l !== '').length).toBeGreaterThan(0);
    const loaded = packagesIn(r.modules);
    for (const heavy of ['ajv', 'yaml', 'maxmind', 'tldts', 'chalk', 'cli-table3', 'hpack.js'])
      expect(loaded).not.toContain(heavy);
    expect(r.modules.filter((m) => /^dist\/cli\/commands\/.*-run\.js$/.test(m))).toEqual([
      'dist/cli/commands/flows-run.js',
    ]);
    expect(r.modules.filter((m) => m.startsWith('dist/audit/') || m.startsWith('dist/report-reader/'))).toEqual([]);
    // A pcap read without keys: the content reader (TLS, QUIC, HTTP) is not loaded at all.
    expect(r.modules).not.toContain('dist/payload/payload-tap.js');
    // Nor the log, HAR and HAR-content readers: they load when an input is one (classifyInput, read-inputs).
    expect(
      r.modules.filter(
        (m) =>
          m.startsWith('dist/ingest/logs/') ||
          m.startsWith('dist/ingest/har/') ||
          m.startsWith('dist/payload/content/') ||
          m === 'dist/pipeline/har-flows.js',
      ),
    ).toEqual([]);
  });

  it('a log and a HAR file load their readers when they come', () => {
    const log = join(tmp.dir, 'pfirewall.log');
    writeFileSync(
      log,
      '#Version: 1.5\n#Software: Microsoft Windows Firewall\n#Time Format: Local\n#Fields: date time action protocol src-ip dst-ip src-port dst-port size tcpflags tcpsyn tcpack tcpwin icmptype icmpcode info path\n2024-01-01 00:00:00 ALLOW TCP 10.0.0.1 192.0.2.1 50000 443 0 - 0 0 0 - - - SEND\n',
    );
    const r = loadedBy(['flows', '--format', 'ndjson', '--quiet', '--timezone', 'UTC', log]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('"server":"192.0.2.1"');
    expect(r.modules).toContain('dist/ingest/logs/log-ingest.js');
  });
});
