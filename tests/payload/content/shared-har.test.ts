/**
 * Content inspection over the real HAR exports in ../shared/payload/har: every entry is inspected without an
 * error, and what is known to be in them is found (Google account and analytics cookies, the e-mail address in a
 * Chrome Sync protobuf body, Slack's session id).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readHar } from '../../../src/ingest/har/har-reader.js';
import { inspectExchange } from '../../../src/payload/content/inspect-exchange.js';
import type { ContentFinding } from '../../../src/payload/types.js';

const DIR = resolve(process.cwd(), '../shared/payload/har');

async function findingsOf(file: string): Promise<string[]> {
  const bytes = readFileSync(join(DIR, file));
  async function* source(): AsyncGenerator<Uint8Array> {
    yield bytes;
  }
  const out: string[] = [];
  await readHar(source(), file, (r) => {
    const found: ContentFinding[] = inspectExchange(r.exchange, { showValues: true, internalSuffixes: [] });
    for (const f of found)
      out.push(`${r.entry} ${f.field} ${f.kind === 'identifier' ? f.detector : f.kind} ${f.excerpt}`);
  });
  return out;
}

describe.skipIf(!existsSync(DIR))('content of the shared HAR files', () => {
  it('inspects every entry of every file', async () => {
    let total = 0;
    for (const file of readdirSync(DIR).filter((f) => f.endsWith('.har') && !f.includes('broken'))) {
      total += (await findingsOf(file)).length;
    }
    expect(total).toBeGreaterThan(20);
    console.log(`findings in the shared HAR files: ${total}`);
  });

  it('finds the Google cookies of the Chrome export', async () => {
    const found = await findingsOf('mitmproxy-chrome.har');
    expect(found.filter((f) => / cookie-id /.test(f)).map((f) => f.split(' ')[2])).toEqual([
      'SID',
      '__Secure-1PSID',
      '__Secure-3PSID',
      'HSID',
      'SSID',
      'APISID',
      'SAPISID',
      '__Secure-1PAPISID',
      '__Secure-3PAPISID',
      '__Secure-ENID',
      'NID',
    ]);
  });

  it('finds the address in a protobuf body, the analytics cookies and a session id', async () => {
    const found = await findingsOf('mitmproxy-diff_data.har');
    expect(found).toContain('3 body email stanleygvi@gmail.com');
    expect(found).toContain('1 cookie _ga ga-client-id GA1.2.1478153842.1693348042');
    expect(found).toContain('4 query session_id session-id 1b55ded2-453f-414d-8356-9c024f271ca0');
  });
});
