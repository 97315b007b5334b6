/**
 * One escape per output kind. Every string that came from a capture or a log is hostile (escape sequences,
 * HTML, spreadsheet formulas); renderers pass every such value through the escape of their output kind.
 */

/**
 * Terminal: C0/C1 control characters, DEL and the Unicode bidi/line separators become visible \xNN / \u{...}
 * escapes, so no input can move the cursor, recolour, retitle or hide text.
 */
export function escapeTerminal(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  return value.replace(/[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
  });
}

/**
 * CSV cell per RFC 4180, safe against formula injection (OWASP): a cell starting with = + - @ tab or CR is
 * prefixed with a single quote so spreadsheets show it as text. Numbers are passed as numbers, not strings.
 */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  let s = escapeTerminal(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n']/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(cells: (string | number | boolean | null | undefined)[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/** HTML text and attribute values. Control characters are made visible first. */
export function escapeHtml(value: string): string {
  return escapeTerminal(value).replace(/[&<>"'`]/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** Markdown table cell: escapes pipes, backticks, angle brackets and markup characters. */
export function escapeMarkdown(value: string): string {
  return escapeTerminal(value).replace(/([\\`*_{}[\]()#+!|<>~])/g, '\\$1');
}

/**
 * JSON for an inline `<script type="application/json">` block: `<`, `>`, `&`, U+2028/U+2029 and the bidi and
 * C1 controls become \uXXXX escapes, so no value can close the element (`</script>`), open a comment (`<!--`)
 * or sit raw in the file, while JSON.parse of the element's text yields the same data (HTML §4.12.1.3).
 */
export function escapeJsonForScript(value: unknown): string {
  return (JSON.stringify(value) ?? 'null').replace(
    /[<>&\u2028\u2029\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
