import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseV2flyList, resolveV2flyList } from '../../../src/tools/catalog-import/v2fly.js';

describe('parseV2flyList', () => {
  it('reads full, domain, bare, include and attributes; skips regexp and keyword; counts bad lines', () => {
    const parsed = parseV2flyList(
      [
        '# comment',
        'include:other @ads @-cn',
        'example.com',
        'domain:Example.ORG @cn # trailing comment',
        'full:api.example.net @ads &affiliated',
        'regexp:^x\\.example\\.com$',
        'keyword:tracker',
        'weird:thing',
        'bad name.com',
        'full:-bad-.example.com',
        '',
      ].join('\n'),
    );
    expect(parsed.entries).toEqual([
      { kind: 'domain', value: 'example.com', attrs: [] },
      { kind: 'domain', value: 'example.org', attrs: ['cn'] },
      { kind: 'full', value: 'api.example.net', attrs: ['ads'] },
    ]);
    expect(parsed.includes).toEqual([{ list: 'other', require: ['ads'], exclude: ['cn'] }]);
    expect(parsed.skippedPatterns).toBe(2);
    expect(parsed.badLines).toBe(3);
  });

  it('never throws on hostile text and returns only valid names', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) => {
        const parsed = parseV2flyList(text);
        for (const e of parsed.entries) expect(e.value).toMatch(/^[a-z0-9_]([a-z0-9_.-]*[a-z0-9_])?$/);
      }),
    );
  });
});

describe('resolveV2flyList', () => {
  it('resolves includes, selective includes, and stop lists', () => {
    const lists = new Map([
      ['a', 'a.com\ninclude:b\ninclude:c @ads\ninclude:stop'],
      ['b', 'b.com'],
      ['c', 'full:ads.c.com @ads\nc.com'],
      ['stop', 'stop.com'],
    ]);
    const r = resolveV2flyList('a', lists, new Set(['stop']));
    expect(r.entries.map((e) => e.value)).toEqual(['a.com', 'b.com', 'ads.c.com']);
    expect(r.missing).toEqual([]);
  });

  it('cuts cycles and reports them and missing lists', () => {
    const lists = new Map([
      ['a', 'a.com\ninclude:b\ninclude:nowhere'],
      ['b', 'b.com\ninclude:a'],
    ]);
    const r = resolveV2flyList('a', lists);
    expect(r.entries.map((e) => e.value)).toEqual(['a.com', 'b.com']);
    expect(r.cycles).toEqual(['a > b > a']);
    expect(r.missing).toEqual(['nowhere']);
  });

  it('stays fast on a lattice of includes (each list including the next two)', () => {
    const lists = new Map<string, string>();
    for (let i = 0; i < 60; i++) lists.set(`l${i}`, `d${i}.com\ninclude:l${i + 1}\ninclude:l${i + 2}`);
    const started = Date.now();
    const r = resolveV2flyList('l0', lists);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(r.entries).toHaveLength(60);
  });

  it('never throws on random include graphs', () => {
    const name = fc.constantFrom('a', 'b', 'c', 'd');
    const line = fc.oneof(
      name.map((n) => `include:${n}`),
      name.map((n) => `include:${n} @x`),
      name.map((n) => `${n}.example.com @x`),
      fc.string({ maxLength: 20 }),
    );
    fc.assert(
      fc.property(
        fc.dictionary(
          name,
          fc.array(line, { maxLength: 8 }).map((l) => l.join('\n')),
        ),
        (obj) => {
          const lists = new Map(Object.entries(obj));
          const r = resolveV2flyList('a', lists);
          expect(new Set(r.entries.map((e) => `${e.kind}:${e.value}`)).size).toBe(r.entries.length);
        },
      ),
    );
  });
});
