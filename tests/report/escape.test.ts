import { describe, expect, it } from 'vitest';
import { csvCell, csvRow, escapeHtml, escapeMarkdown, escapeTerminal } from '../../src/report/escape.js';

describe('escapeTerminal', () => {
  it('makes control, C1 and bidi characters visible', () => {
    expect(escapeTerminal('a\x1b[2Jb\x07c')).toBe('a\\x1b[2Jb\\x07c');
    expect(escapeTerminal('x\u202ey')).toBe('x\\u{202e}y');
    expect(escapeTerminal('\x9b31m')).toBe('\\x9b31m');
    expect(escapeTerminal('plain.example.com')).toBe('plain.example.com');
  });
});

describe('csvCell', () => {
  it('neutralises formulas', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
    expect(csvCell('+1')).toBe('"\'+1"');
    expect(csvCell('-2')).toBe('"\'-2"');
    expect(csvCell('@SUM(A1)')).toBe('"\'@SUM(A1)"');
  });
  it('quotes per RFC 4180 and keeps numbers as numbers', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(null)).toBe('');
    expect(csvRow(['a', 1])).toBe('a,1\r\n');
  });
  it('escapes line breaks instead of passing them', () => {
    expect(csvCell('a\r\nb')).toBe('a\\x0d\\x0ab');
  });
});

describe('escapeHtml / escapeMarkdown', () => {
  it('escapes markup', () => {
    expect(escapeHtml('<script>alert(1)</script>')).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(escapeHtml('"><img src=x onerror=alert(1)>')).toBe('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(escapeMarkdown('a|b*c')).toBe('a\\|b\\*c');
  });
});
