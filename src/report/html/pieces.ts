/**
 * HTML made as pieces: strings whose concatenation is the text, produced as they are written out. The big parts
 * of a report (the destination table, its JSON block, the findings, the evidence) have a row per group or item,
 * and a report may have hundreds of thousands; made lazily, a row's text exists only until it is written.
 */

/** Text, whole or as pieces. */
export type Text = string | Iterable<string>;

/** The pieces of `parts.join('\n')`, where a part may itself be pieces; nothing is made before it is asked for. */
export function* joinLines(parts: Iterable<Text>): Generator<string> {
  let first = true;
  for (const part of parts) {
    if (!first) yield '\n';
    first = false;
    if (typeof part === 'string') yield part;
    else yield* part;
  }
}

/** `f` of each item, made as it is asked for. */
export function* each<T>(items: readonly T[], f: (item: T, index: number) => string): Generator<string> {
  for (let i = 0; i < items.length; i++) yield f(items[i] as T, i);
}

/** `open`, the pieces of `body`, then `close`. */
export function* wrapped(open: string, body: Iterable<string>, close: string): Generator<string> {
  yield open;
  yield* body;
  yield close;
}
