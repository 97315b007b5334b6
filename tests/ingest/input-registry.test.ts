/**
 * The input seam: every capture format and every log format is registered in its list, classified by content
 * in one place, and named in the "formats tried" message. Adding a format file without its registry line fails
 * here.
 */
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CAPTURE_FORMATS } from '../../src/ingest/capture-formats.js';
import { sniffHar } from '../../src/ingest/har/har-reader.js';
import {
  classifyInput,
  classifyWith,
  describeUnrecognised,
  formatsTried,
  unrecognisedInput,
} from '../../src/ingest/input-registry.js';
import { LogIngest } from '../../src/ingest/logs/log-ingest.js';
import { LOG_FORMATS } from '../../src/ingest/logs/registry.js';
import { writePcap } from '../../src/writer/pcap-writer.js';
import { PcapngWriter } from '../../src/writer/pcapng-writer.js';
import { repoRoot } from '../e2e/helpers.js';

const INGEST = join(repoRoot, 'src', 'ingest');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sourceFiles(join(dir, e.name))
      : e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')
        ? [join(dir, e.name)]
        : [],
  );
}

/** Exported values shaped like a format of either kind (id, sniff, createParser). */
function looksLikeFormat(value: unknown): value is { id: string; sniff: unknown; createParser: unknown } {
  return (
    typeof value === 'object' &&
    value !== null &&
    'id' in value &&
    typeof value.id === 'string' &&
    'sniff' in value &&
    typeof value.sniff === 'function' &&
    'createParser' in value &&
    typeof value.createParser === 'function'
  );
}

describe('input format registry', () => {
  it('registers every format that a file under src/ingest exports', async () => {
    const registered = new Set<unknown>([...CAPTURE_FORMATS, ...LOG_FORMATS]);
    const unregistered: string[] = [];
    for (const file of sourceFiles(INGEST)) {
      const mod = (await import(file)) as Record<string, unknown>;
      for (const [name, value] of Object.entries(mod)) {
        if (looksLikeFormat(value) && !registered.has(value)) unregistered.push(`${relative(repoRoot, file)}: ${name}`);
      }
    }
    expect(unregistered).toEqual([]);
  });

  it('has unique ids across captures and logs, each named in the formats tried', async () => {
    const ids = [...CAPTURE_FORMATS, ...LOG_FORMATS].map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    const tried = await formatsTried();
    for (const id of ids) expect(tried).toContain(id);
  });

  it('classifies captures by magic bytes and logs by their text', async () => {
    const pcap = writePcap({ linkType: 1 }, []);
    expect(await classifyInput(pcap)).toMatchObject({ kind: 'capture', format: { id: 'pcap' } });
    const pcapng = new PcapngWriter().section().toBuffer();
    expect(await classifyInput(pcapng)).toMatchObject({ kind: 'capture', format: { id: 'pcapng' } });
    const firewall = Buffer.from(
      '#Software: Microsoft Windows Firewall\n2024-01-01 00:00:00 ALLOW TCP 10.0.0.1 192.0.2.1 50000 443 0 - 0 0 0 - - - SEND\n',
    );
    expect(await classifyInput(firewall)).toMatchObject({ kind: 'log', format: { id: 'windows-firewall' } });
    expect(await classifyInput(Buffer.from('hello\n'))).toBeNull();
  });

  it('says what an unrecognised input looks like and what was tried', async () => {
    const zstd = Uint8Array.from([0x28, 0xb5, 0x2f, 0xfd, 0, 0, 0, 0]);
    const error = await unrecognisedInput('trace.pcapng.zst', zstd);
    expect(error.message).toContain('trace.pcapng.zst: not a capture or log format outflow knows');
    expect(error.message).toContain('zstd-compressed');
    expect(error.message).toContain(await formatsTried());
    expect(describeUnrecognised(Buffer.from('plain words\n'))).toBe('text');
  });

  it('never throws on arbitrary first bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 256 }), (head) => {
        classifyWith(head, { har: sniffHar, log: (h) => LogIngest.sniff(h) });
        describeUnrecognised(head);
      }),
      { numRuns: 2000 },
    );
  });
});
