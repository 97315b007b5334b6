/**
 * `outflow diff`, `audit --baseline` and output path templates through the commander program (no dist build
 * needed). The audit runs on a generated capture with local traffic only, so no GeoIP answer matters.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { runDiffCommand } from '../../src/cli/commands/diff-run.js';
import { main } from '../../src/cli/main.js';
import { memorySink } from '../../src/cli/output.js';
import { sanitizePathPart } from '../../src/cli/output-templates.js';
import { buildProgram } from '../../src/cli/program.js';
import { InputError, UsageError } from '../../src/core/errors.js';
import { renderJson } from '../../src/report/json/json-renderer.js';
import type { Report } from '../../src/report/model.js';
import { udpFrame } from '../../src/writer/conversation.js';
import { dnsQuery } from '../../src/writer/dns-message-builder.js';
import { writePcap } from '../../src/writer/pcap-writer.js';
import { report } from '../compare/report-builder.js';

const dir = mkdtempSync(join(tmpdir(), 'outflow-diff-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  process.exitCode = undefined;
});

const write = (name: string, r: Report): string => {
  const file = join(dir, name);
  writeFileSync(file, renderJson(r));
  return file;
};
const run = (args: string[]) => buildProgram().parseAsync(['node', 'outflow', ...args]);

const a = write('a.json', report([{ name: 'old.example.com', risk: 'high' }, { name: 'kept.example.com' }]));
const b = write(
  'b.json',
  report([{ name: 'kept.example.com', risk: 'low' }, { name: 'new.example.com' }], {
    generatedAt: '2026-03-03T06:00:00.000Z',
  }),
);

describe('outflow diff', () => {
  it('prints the table by default and JSON with -f json, exit 0', async () => {
    const out = memorySink();
    expect(await runDiffCommand(a, b, {}, out)).toBe(0);
    expect(out.text()).toContain('1 new, 1 gone, 1 changed');
    expect(out.text()).toContain('~ kept.example.com: risk medium → low');
    const json = memorySink();
    await runDiffCommand(a, b, { format: 'json' }, json);
    expect(JSON.parse(json.text())).toMatchObject({ summary: { newGroups: 1, goneGroups: 1, changedGroups: 1 } });
  });

  it('writes -o files by extension or -f, with templates, through the program', async () => {
    await run(['diff', a, b, '-q', '-o', join(dir, 'out', '{date}', 'diff.md')]);
    expect(process.exitCode).toBe(0);
    expect(readFileSync(join(dir, 'out', '2026-03-03', 'diff.md'), 'utf8')).toContain('## Gone (1)');
    await run(['diff', a, b, '-q', '-f', 'json', '-o', join(dir, 'out', 'd-{input}.{ext}')]);
    expect(JSON.parse(readFileSync(join(dir, 'out', 'd-b.json'), 'utf8'))).toHaveProperty('changed');
  });

  it('fails with InputError (exit 2) for unreadable or foreign inputs, UsageError for bad -o', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"schemaVersion":"9.0.0"}');
    await expect(runDiffCommand(a, join(dir, 'missing.json'), {}, memorySink())).rejects.toThrow(InputError);
    await expect(runDiffCommand(bad, b, {}, memorySink())).rejects.toThrow(/schema 9\.0\.0/);
    await expect(runDiffCommand(a, b, { output: join(dir, 'x.{nope}') }, memorySink())).rejects.toThrow(UsageError);
    await expect(runDiffCommand(a, b, { output: join(dir, 'x.html') }, memorySink())).rejects.toThrow(/use -f/);
    const stderr: string[] = [];
    const write0 = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((s: string) => stderr.push(s) > 0) as typeof process.stderr.write;
    try {
      await main(['node', 'outflow', 'diff', a, join(dir, 'missing.json')]);
    } finally {
      process.stderr.write = write0;
    }
    expect(process.exitCode).toBe(2);
    expect(stderr.join('')).toMatch(/^outflow: cannot read report .*missing\.json \(ENOENT\)\n$/);
  });
});

describe('outflow audit --baseline and output templates', () => {
  const pcap = join(dir, 'office pc;1.pcap');
  const client = { ip: '192.168.10.23', port: 53001 };
  const resolver = { ip: '192.168.10.1', port: 53 };
  const t0 = Date.UTC(2026, 2, 2, 8) * 1000;
  writeFileSync(
    pcap,
    writePcap({ linkType: 1 }, [{ data: udpFrame(client, resolver, dnsQuery(1, 'a.example')), tsMicros: t0 }]),
  );
  const env = process.env.SOURCE_DATE_EPOCH;
  const audit = async (args: string[]) => {
    process.env.SOURCE_DATE_EPOCH = String(Date.UTC(2026, 2, 2, 23, 59, 58) / 1000);
    try {
      await run(['audit', pcap, '-q', '--fail-on', 'never', ...args]);
    } finally {
      if (env === undefined) delete process.env.SOURCE_DATE_EPOCH;
      else process.env.SOURCE_DATE_EPOCH = env;
    }
  };

  it('expands templates in -o and marks groups new/seen/gone against --baseline', async () => {
    await audit(['-f', 'json', '-o', join(dir, 'r', '{date}', '{host}-{input}-{time}.{ext}')]);
    const first = join(dir, 'r', '2026-03-02', `${sanitizePathPart(hostname())}-office_pc_1-235958.json`);
    expect(existsSync(first)).toBe(true);
    const prev = JSON.parse(readFileSync(first, 'utf8')) as Report;
    expect(prev.destinations.length).toBeGreaterThan(0);
    expect(prev.destinations[0]?.baseline).toBeUndefined();
    const extra = report([{ name: 'was-here.example.com', country: 'SG', risk: 'high' }]).destinations;
    const baseline = write('baseline.json', { ...prev, destinations: [...prev.destinations, ...extra] });
    await audit(['--baseline', baseline, '-o', join(dir, 'second.json')]);
    const second = JSON.parse(readFileSync(join(dir, 'second.json'), 'utf8')) as Report;
    expect(second.destinations.every((g) => g.baseline === 'seen')).toBe(true);
    expect(second.gone?.map((g) => g.key)).toEqual(['|was-here.example.com|SG']);
    expect(second.metadata.baseline).toEqual({ file: baseline, generatedAt: prev.metadata.generatedAt });
    await audit(['--baseline', write('empty.json', report([])), '-o', join(dir, 'third.txt')]);
    expect(readFileSync(join(dir, 'third.txt'), 'utf8')).toContain('new: ');
  });

  it('refuses unknown placeholders and bad baselines before auditing', async () => {
    await expect(audit(['-o', join(dir, '{week}.json')])).rejects.toThrow(/unknown placeholder \{week\}/);
    await expect(audit(['--baseline', join(dir, 'nope.json'), '-o', join(dir, 'x.json')])).rejects.toThrow(InputError);
    expect(existsSync(join(dir, 'x.json'))).toBe(false);
  });
});
