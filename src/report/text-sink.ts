/**
 * The two shapes of a renderer's text (registry.ts): handed to a sink in pieces as it is made, or whole.
 */

/** A text sink: receives the pieces of a text in order. */
export type TextSink = (text: string) => void;

/** The text a piecewise writer hands to its sink, as one string: the `render` form of a `write`. */
export function collectText(write: (sink: TextSink) => void): string {
  const parts: string[] = [];
  write((text) => parts.push(text));
  return parts.join('');
}

/** Characters gathered before they are handed on, unless the caller says otherwise. */
const DEFAULT_BATCH_CHARS = 1 << 16;

/**
 * Gathers small pieces (a row, a line) into batches for `sink`: a report may have hundreds of thousands of rows,
 * and neither one call per row nor one string for all of them suits the file or pipe behind the sink.
 * `end()` hands on the rest.
 */
export function batchedSink(sink: TextSink, batchChars = DEFAULT_BATCH_CHARS): { put: TextSink; end: () => void } {
  let out = '';
  return {
    put(text) {
      out += text;
      if (out.length >= batchChars) {
        sink(out);
        out = '';
      }
    },
    end() {
      if (out.length > 0) sink(out);
      out = '';
    },
  };
}
