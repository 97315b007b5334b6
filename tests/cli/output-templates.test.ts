import { describe, expect, it } from 'vitest';
import { expandOutputTemplate, inputStem, sanitizePathPart } from '../../src/cli/output-templates.js';
import { UsageError } from '../../src/core/errors.js';

const ctx = {
  generatedAt: '2026-03-02T08:15:09.123Z',
  host: 'admin-pc01.corp.example',
  firstInput: 'captures/admin-pc.pcapng',
  ext: 'json',
};

describe('output path templates', () => {
  it('expands every placeholder from the report time (UTC), host, first input and format', () => {
    expect(expandOutputTemplate('r/{date}/{time}-{datetime}-{host}-{input}.{ext}', ctx)).toBe(
      'r/2026-03-02/081509-20260302T081509Z-admin-pc01.corp.example-admin-pc.json',
    );
    expect(expandOutputTemplate('{date}{date}', ctx)).toBe('2026-03-022026-03-02');
    expect(expandOutputTemplate('plain/audit.md', ctx)).toBe('plain/audit.md');
  });

  it('uses UTC, not the local time zone, for a time just after midnight UTC', () => {
    expect(expandOutputTemplate('{date} {time}', { ...ctx, generatedAt: '2026-12-31T23:59:59+02:00' })).toBe(
      '2026-12-31 215959',
    );
  });

  it('sanitises hostile input and host names so they stay one path component', () => {
    expect(inputStem('../../etc')).toBe('etc');
    expect(expandOutputTemplate('out/{input}.txt', { ...ctx, firstInput: '../../etc' })).toBe('out/etc.txt');
    expect(expandOutputTemplate('out/{input}.txt', { ...ctx, firstInput: 'a b;rm -rf.log' })).toBe(
      'out/a_b_rm_-rf.txt',
    );
    expect(expandOutputTemplate('out/{input}.txt', { ...ctx, firstInput: '..' })).toBe('out/_.txt');
    expect(expandOutputTemplate('out/{host}/x', { ...ctx, host: '../../evil\x1b[2J' })).toBe('out/_._.._evil__2J/x');
    expect(sanitizePathPart('-rf')).toBe('_rf');
    expect(sanitizePathPart('')).toBe('_');
    expect(sanitizePathPart('x'.repeat(300))).toHaveLength(64);
    for (const bad of ['../../etc', 'a b;rm', '..', '.', '/', 'C:\\Windows\\x', '$(reboot)', '`id`']) {
      const out = expandOutputTemplate('{input}', { ...ctx, firstInput: bad });
      expect(out).toMatch(/^[A-Za-z0-9_][A-Za-z0-9._-]*$/);
      expect(out).not.toBe('..');
    }
  });

  it('names standard input and strips the compression and format extensions', () => {
    expect(inputStem('-')).toBe('stdin');
    expect(inputStem(undefined)).toBe('stdin');
    expect(inputStem('logs/fw-2026-03-02.log.gz')).toBe('fw-2026-03-02');
    expect(inputStem('.hidden')).toBe('_hidden');
  });

  it('refuses unknown placeholders, naming them, and {ext} without a format', () => {
    expect(() => expandOutputTemplate('r/{data}/a.json', ctx)).toThrow(UsageError);
    expect(() => expandOutputTemplate('r/{data}/a.json', ctx)).toThrow(/unknown placeholder \{data\}/);
    expect(() => expandOutputTemplate('r/{}/a.json', ctx)).toThrow(/unknown placeholder \{\}/);
    expect(() => expandOutputTemplate('a.{ext}', { ...ctx, ext: null })).toThrow(/\{ext\}.*needs -f/);
  });
});
