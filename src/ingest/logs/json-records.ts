/**
 * Top-level JSON objects from text that may be one object per line (NDJSON) or pretty-printed, optionally
 * inside an array (PowerShell ConvertTo-Json, evtx_dump -o json). Tracks brace depth outside strings, so the
 * cost is linear; an object longer than MAX_RECORD_CHARS is dropped and reported.
 */

/** Largest JSON record kept (characters). */
export const MAX_RECORD_CHARS = 1024 * 1024;

export interface JsonRecordSink {
  record(text: string, firstLine: number): void;
  tooLong(firstLine: number): void;
}

export class JsonRecords {
  readonly #sink: JsonRecordSink;
  #depth = 0;
  #inString = false;
  #escape = false;
  #parts: string[] = [];
  #size = 0;
  #start = 0;
  #overflow = false;

  constructor(sink: JsonRecordSink) {
    this.#sink = sink;
  }

  line(text: string, lineNo: number): void {
    let from = -1;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (this.#inString) {
        if (this.#escape) this.#escape = false;
        else if (c === 92) this.#escape = true;
        else if (c === 34) this.#inString = false;
        continue;
      }
      if (this.#depth === 0) {
        if (c === 123) {
          this.#depth = 1;
          from = i;
          this.#start = lineNo;
          this.#parts = [];
          this.#size = 0;
          this.#overflow = false;
        }
        continue; // '[', ',', whitespace between records
      }
      if (c === 34) this.#inString = true;
      else if (c === 123 || c === 91) this.#depth++;
      else if (c === 125 || c === 93) {
        this.#depth--;
        if (this.#depth === 0) {
          this.#push(text.slice(Math.max(from, 0), i + 1));
          if (this.#overflow) this.#sink.tooLong(this.#start);
          else this.#sink.record(this.#parts.join('\n'), this.#start);
          this.#parts = [];
          from = -1;
        }
      }
    }
    if (this.#depth > 0) this.#push(text.slice(Math.max(from, 0)));
  }

  #push(s: string): void {
    if (this.#overflow) return;
    this.#size += s.length + 1;
    if (this.#size > MAX_RECORD_CHARS) {
      this.#overflow = true;
      this.#parts = [];
      return;
    }
    this.#parts.push(s);
  }

  /** True when input ended inside an object (a truncated file). */
  get open(): boolean {
    return this.#depth > 0;
  }
}
