import { describe, expect, it } from 'vitest';
import { sniffHar } from '../../../src/ingest/har/sniff-har.js';
import { harText } from './har-builder.js';

const bytes = (s: string) => Buffer.from(s, 'utf8');

describe('sniffHar', () => {
  it.each([
    ['a HAR', harText([])],
    ['compact', harText([], {}, 0)],
    ['with a BOM', `\ufeff${harText([])}`],
    ['after whitespace', `\r\n\t  ${harText([])}`],
    ['"log" after other keys', `{"comment":"x}{\\"log\\":{","n":[1,{"a":"]"}],"log":{"entries":[]}}`],
    ['"log" spelt with an escape', '{"\\u006cog":{}}'],
    ['only the start of a big file', harText([]).slice(0, 40)],
  ])('recognises %s', (_name, text) => {
    expect(sniffHar(bytes(text))).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['a JSON array', '[{"log":{}}]'],
    ['a Docker JSON log line', '{"log":"GET / 200\\n","stream":"stdout","time":"2024-05-01T10:00:00Z"}\n'],
    ['"log" holding an array', '{"log":\n[\n    2,1,3\n]\n"request:"}'],
    ['"log" nested deeper', '{"data":{"log":{"entries":[]}}}'],
    ['"log" only as a value', '{"kind":"log"}'],
    ['a head that ends before "log"', '{"pages":[{"title":"a long page list'],
    ['NDJSON whose second record has log', '{"a":1}\n{"log":{}}\n'],
    ['text', 'log: {'],
    ['a pcap', '\xd4\xc3\xb2\xa1'],
    ['UTF-16', '\ufffe{\u0000"\u0000l\u0000o\u0000g\u0000"\u0000'],
  ])('refuses %s', (_name, text) => {
    expect(sniffHar(bytes(text))).toBe(false);
  });

  it('looks only at the head it is given', () => {
    const far = `{"pad":"${'x'.repeat(70_000)}","log":{"entries":[]}}`;
    expect(sniffHar(bytes(far).subarray(0, 64 * 1024))).toBe(false);
    expect(sniffHar(bytes(far))).toBe(true);
  });
});
