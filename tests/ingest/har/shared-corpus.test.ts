/**
 * The real HAR exports in ../shared/payload/har (Chrome, Firefox, Safari, Charles, Insomnia, mitmproxy; a BOM,
 * HTTP/3, WebSocket and event-stream entries): every entry with an http(s)/ws(s) URL is read with the method,
 * host and path+query JSON.parse gives; the file that is not JSON is refused with an InputError.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/core/errors.js';
import { sniffHar } from '../../../src/ingest/har/sniff-har.js';
import { readHarBytes } from './har-builder.js';

const DIR = resolve(process.cwd(), '../shared/payload/har');
const BROKEN = 'mitmproxy-brokenfile.har';

interface Expected {
  method: string;
  host: string;
  path: string;
}

function expectedEntries(text: string): Expected[] {
  const har = JSON.parse(text.replace(/^\ufeff/, '')) as {
    log: { entries: { request: { method: string; url: string } }[] };
  };
  const out: Expected[] = [];
  for (const e of har.log.entries) {
    let u: URL;
    try {
      u = new URL(e.request.url);
    } catch {
      continue;
    }
    if (!/^(https?|wss?):$/.test(u.protocol)) continue;
    out.push({ method: e.request.method, host: u.host.toLowerCase(), path: `${u.pathname}${u.search}` });
  }
  return out;
}

const hostOnly = (h: string | null) => (h ?? '').toLowerCase().replace(/:\d+$/, '');

describe.skipIf(!existsSync(DIR))('the shared HAR files', () => {
  const files = existsSync(DIR)
    ? readdirSync(DIR)
        .filter((f) => f.endsWith('.har'))
        .sort()
    : [];

  for (const file of files.filter((f) => f !== BROKEN)) {
    it(`${file}: every http(s)/ws(s) entry, in any chunking`, async () => {
      const bytes = readFileSync(join(DIR, file));
      expect(sniffHar(bytes.subarray(0, 64 * 1024))).toBe(true);
      const want = expectedEntries(bytes.toString('utf8'));
      for (const sizes of [undefined, [1], [13], [4096]]) {
        const { records } = await readHarBytes(bytes, sizes, file);
        const got = records.map((r) => ({
          method: r.exchange.method,
          host: hostOnly(r.exchange.host),
          path: r.exchange.path,
        }));
        expect(got).toEqual(want.map((w) => ({ ...w, host: hostOnly(w.host) })));
      }
    });
  }

  it(`${BROKEN}: refused with an InputError`, async () => {
    const bytes = readFileSync(join(DIR, BROKEN));
    await expect(readHarBytes(bytes, undefined, BROKEN)).rejects.toBeInstanceOf(InputError);
    expect(sniffHar(bytes)).toBe(false);
  });

  it('reads entries from every file', async () => {
    let total = 0;
    for (const file of files.filter((f) => f !== BROKEN)) {
      const bytes = readFileSync(join(DIR, file));
      const { records } = await readHarBytes(bytes, undefined, file);
      expect(records.length).toBe(expectedEntries(bytes.toString('utf8')).length);
      total += records.length;
    }
    expect(total).toBeGreaterThan(60);
    console.log(`shared HAR entries read: ${total} in ${files.length - 1} files`);
  });
});
