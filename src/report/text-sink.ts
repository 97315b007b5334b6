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

/**
 * Encodes pieces of text (UTF-8) into one reused buffer and hands its filled part to `write` when it is full and
 * at `end()`; `write` must use the bytes before it returns (the buffer is written over next). For a file: text
 * batched into large strings and encoded with Buffer.from allocated one large string and one buffer per batch,
 * and with a big report in memory each of those advanced the next full collection of that heap (measured: 3 s of
 * 4 s rendering the bench audit's JSON to a file was that).
 */
export function encodedSink(
  write: (bytes: Uint8Array) => void,
  bufferBytes = 1 << 20,
): { put: TextSink; end: () => void } {
  const buffer = Buffer.allocUnsafeSlow(bufferBytes);
  let used = 0;
  /** A high surrogate that ended the last piece: encoded with the next one, which may hold its other half. */
  let held = '';
  const flush = (): void => {
    if (used > 0) write(buffer.subarray(0, used));
    used = 0;
  };
  const encode = (text: string): void => {
    // Three bytes per UTF-16 code unit is the most UTF-8 needs (a surrogate pair: four for two units).
    if (used + 3 * text.length > bufferBytes) flush();
    if (3 * text.length > bufferBytes) write(Buffer.from(text, 'utf8'));
    else used += buffer.write(text, used, 'utf8');
  };
  return {
    put(piece) {
      let text = held === '' ? piece : held + piece;
      held = '';
      const last = text.charCodeAt(text.length - 1);
      if (last >= 0xd800 && last <= 0xdbff) {
        held = text.slice(-1);
        text = text.slice(0, -1);
      }
      if (text.length > 0) encode(text);
    },
    end() {
      if (held !== '') encode(held);
      held = '';
      flush();
    },
  };
}
