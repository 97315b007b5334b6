/** Which inputs `npm run same-bytes` compares, and with which commands: a made-up tree of every folder kind. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { commandsFor, inputOptions, runEnv } from '../../../src/bench/same-bytes/commands.js';
import { enumerateInputs, isSidecar } from '../../../src/bench/same-bytes/inputs.js';

const top = mkdtempSync(join(tmpdir(), 'outflow-same-bytes-'));
afterAll(() => rmSync(top, { recursive: true, force: true }));

function touch(...parts: string[]): void {
  const p = join(top, ...parts);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, 'x');
}

touch('shared/corpus/README.md');
touch('shared/corpus/MANIFEST.tsv');
touch('shared/corpus/truth/b/one.pcap.json');
touch('shared/corpus/pcaps/b/one.pcap');
touch('shared/corpus/pcaps/a/two.pcapng.gz');
touch('shared/logs/README.md');
touch('shared/logs/zeek/NOTES.md');
touch('shared/logs/zeek/conn.log');
touch('shared/logs/zeek/x.messages.index.tsv');
touch('shared/logs/netfilter/teliten_log.plemma__syslog');
touch('shared/payload/captures/tls.pcap');
touch('shared/payload/captures/tls.keys');
touch('shared/payload/captures/h2-dsb.pcapng');
touch('shared/payload/har/chrome.har');
touch('shared/payload/README.md');
touch('repo/samples/admin-pc-workday.pcap');
touch('repo/samples/reports/admin-pc-workday.json');
touch('repo/bench-data/bench-1x.pcap');
touch('repo/bench-data/bench-1x.pcap.packets');
touch('repo/bench-data/pfirewall-1000.log');

const roots = (quick: boolean) => ({
  repoRoot: join(top, 'repo'),
  corpusDir: join(top, 'shared/corpus'),
  sharedDir: join(top, 'shared'),
  quick,
});

describe('same-bytes inputs', () => {
  it('takes every data file, in a stable order, and no documentation, index or key file', () => {
    const { inputs, notes } = enumerateInputs(roots(false));
    expect(inputs.map((i) => i.id)).toEqual([
      'corpus/a/two.pcapng.gz',
      'corpus/b/one.pcap',
      'logs/netfilter/teliten_log.plemma__syslog',
      'logs/zeek/conn.log',
      'payload/h2-dsb.pcapng',
      'payload/tls.pcap',
      'har/chrome.har',
      'samples/admin-pc-workday.pcap',
      'bench-data/bench-1x.pcap',
      'bench-data/pfirewall-1000.log',
    ]);
    expect(inputs.map((i) => i.kind)).toEqual([
      'capture',
      'capture',
      'log',
      'log',
      'capture',
      'capture',
      'har',
      'sample',
      'capture',
      'log',
    ]);
    expect(inputs.filter((i) => i.bench).map((i) => i.id)).toEqual([
      'bench-data/bench-1x.pcap',
      'bench-data/pfirewall-1000.log',
    ]);
    expect(inputs.find((i) => i.id === 'payload/tls.pcap')?.keylog).toBe(join(top, 'shared/payload/captures/tls.keys'));
    expect(inputs.find((i) => i.id === 'payload/h2-dsb.pcapng')?.keylog).toBeNull();
    // etl/ and netmon/ are absent from this tree: said, not an error.
    expect(notes.filter((n) => n.includes('absent')).map((n) => n.split(':')[0])).toEqual(['etl', 'netmon']);
  });

  it('leaves the bench data out with --quick, and says so', () => {
    const { inputs, notes } = enumerateInputs(roots(true));
    expect(inputs.some((i) => i.bench)).toBe(false);
    expect(notes).toContain('bench-data: left out (--quick)');
  });

  it('reads a corpus folder without pcaps/ as the captures themselves', () => {
    const { inputs } = enumerateInputs({ ...roots(true), corpusDir: join(top, 'shared/corpus/pcaps/b') });
    expect(inputs.filter((i) => i.id.startsWith('corpus/')).map((i) => i.id)).toEqual(['corpus/one.pcap']);
  });

  it('runs with nothing shared at all (a fresh clone)', () => {
    const { inputs, notes } = enumerateInputs({
      ...roots(true),
      corpusDir: join(top, 'none'),
      sharedDir: join(top, 'none'),
    });
    expect(inputs.map((i) => i.id)).toEqual(['samples/admin-pc-workday.pcap']);
    expect(notes.some((n) => n.startsWith('corpus: ') && n.endsWith('absent, skipped'))).toBe(true);
  });

  it('knows documentation and sidecar names', () => {
    for (const n of ['NOTES.md', 'README.md', 'a.messages.index.tsv', 'x.keys', 'b.pcap.packets', 'LICENSES.md'])
      expect(isSidecar(n), n).toBe(true);
    for (const n of ['conn.log', 'eve.json', 'x.tsv', 'a.pcap', 'teliten_log.plemma__syslog'])
      expect(isSidecar(n), n).toBe(false);
  });
});

describe('same-bytes commands', () => {
  const { inputs } = enumerateInputs(roots(false));
  const byId = (id: string) => {
    const input = inputs.find((i) => i.id === id);
    if (input === undefined) throw new Error(id);
    return input;
  };

  it('gives logs their time zone and payload captures their keys, on every command', () => {
    const log = byId('logs/zeek/conn.log');
    expect(inputOptions(log)).toEqual(['--timezone', 'Europe/Amsterdam']);
    for (const c of commandsFor(log)) expect(c.args('/out')).toContain('--timezone');
    const tls = byId('payload/tls.pcap');
    for (const c of commandsFor(tls)) expect(c.args('/out').join(' ')).toContain(`--keylog ${tls.keylog}`);
  });

  it('runs flows in each format, audit on a fixed date, requests where content is readable', () => {
    const labels = (id: string) => commandsFor(byId(id)).map((c) => c.label);
    const base = ['flows -f ndjson', 'flows -f csv', 'flows --no-names -f ndjson', 'audit -f json'];
    expect(labels('corpus/b/one.pcap')).toEqual(base);
    expect(labels('har/chrome.har')).toEqual([...base, 'requests -f ndjson --show-values']);
    expect(labels('payload/h2-dsb.pcapng')).toEqual([...base, 'requests -f ndjson --show-values']);
    const audit = commandsFor(byId('corpus/b/one.pcap')).find((c) => c.label === 'audit -f json');
    expect(audit?.args('/out')).toEqual([
      'audit',
      '-f',
      'json',
      '--as-of',
      '2026-11-29',
      byId('corpus/b/one.pcap').path,
    ]);
  });

  it('renders a sample into every report format, into the folder given', () => {
    const sample = commandsFor(byId('samples/admin-pc-workday.pcap')).at(-1);
    expect(sample?.outputs).toContain('admin-pc-workday.html');
    expect(sample?.args('/o')).toContain('/o/admin-pc-workday.json');
    expect(sample?.args('/o')).toContain('--as-of');
  });

  it('pins the report time, time zone and colour, and drops what would change output', () => {
    const env = runEnv({ PATH: '/bin', FORCE_COLOR: '1', OUTFLOW_PSEUDONYM_KEY: 'k', TZ: 'Asia/Tokyo' });
    expect(env).toEqual({ PATH: '/bin', SOURCE_DATE_EPOCH: '1795910400', NO_COLOR: '1', TZ: 'UTC' });
  });
});
