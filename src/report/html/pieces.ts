/**
 * HTML built as pieces: a list of strings whose concatenation is the text. The big parts of a report (the
 * destination table, its JSON block, the findings, the evidence) have a row per group or item, and a report may
 * have hundreds of thousands of them; as pieces they reach the output without ever being one string.
 */

/** Text, whole or in pieces. */
export type Text = string | readonly string[];

/** Pieces whose concatenation is `parts.join('\n')`, where a part may itself be pieces. */
export function joinLines(parts: readonly Text[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    if (i > 0) out.push('\n');
    const part = parts[i] as Text;
    if (typeof part === 'string') out.push(part);
    // A loop, not push(...part): a part may have more pieces than a call may have arguments.
    else for (const piece of part) out.push(piece);
  }
  return out;
}
