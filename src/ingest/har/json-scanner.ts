/**
 * An incremental JSON scanner (RFC 8259) over bytes arriving in chunks of any size: it follows the grammar's
 * structure (objects, arrays, keys, strings with escapes, literals) without building values, so a HAR file of
 * hundreds of MB costs the memory of its largest captured value, not of the file. A visitor decides per value
 * whether to walk into it (keys tracked, visitor asked again for its children), skip it, or capture its bytes
 * for JSON.parse. Captured strings longer than a cap are cut (the closing quote kept, the cut recorded), so one
 * huge response body inside an entry costs a bounded prefix. Structural bytes are ASCII, so scanning UTF-8 by
 * byte is exact; validation of numbers and escapes is left to JSON.parse on what is captured.
 */

export type JsonPathKey = string | number;
export type JsonValueKind = 'object' | 'array' | 'string' | 'literal';
export type ScanAction = 'walk' | 'skip' | 'capture';

/** A string inside a captured value that was cut at its cap; path relative to the captured value. */
export interface CutString {
  path: JsonPathKey[];
  /** Raw bytes between the quotes in the input (escapes counted as written). */
  rawBytes: number;
}

export interface JsonScanVisitor {
  /** Called for each value whose parent is walked (and for the root); may throw to stop the scan. */
  valueStart(path: readonly JsonPathKey[], kind: JsonValueKind): ScanAction;
  /** Bytes a capture may hold before it is dropped (then `captured` gets null). */
  captureLimit(path: readonly JsonPathKey[]): number;
  /** A string inside a capture reached the default cap: the cap for this one (at least the default). */
  stringCap(relativePath: readonly JsonPathKey[]): number;
  /** A captured value ended: its bytes (null when over its limit) and the strings cut inside it. */
  captured(path: readonly JsonPathKey[], bytes: Uint8Array | null, cuts: CutString[]): void;
}

/** The input is not JSON here; `offset` counts bytes from the start of the input (BOM included). */
export class JsonSyntaxError extends Error {
  override readonly name = 'JsonSyntaxError';
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** Deeper nesting is refused: no real HAR comes near it, and the frame stack stays bounded. */
export const MAX_JSON_DEPTH = 256;
/** Object keys longer than this are kept as an unmatchable key (the visitor never needs long keys). */
export const MAX_KEY_BYTES = 256;
/** Default cap for each string inside a capture (the visitor may raise it per string). */
export const DEFAULT_STRING_CAP = 1 << 20;

enum Expect {
  Value,
  ValueOrClose, // just after '['
  KeyOrClose, // just after '{'
  Key, // after ',' in an object
  Colon,
  CommaOrClose,
  Done,
}

enum Lex {
  Token,
  String,
  Escape,
  Unicode,
  Literal,
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const BOM = [0xef, 0xbb, 0xbf];

interface Frame {
  isObject: boolean;
  /** Current key (object) or index of the current element (array); null before the first. */
  key: JsonPathKey | null;
}

/** The bytes of one capture, in one growing buffer (one copy per byte kept). */
class ByteSink {
  #buf = new Uint8Array(1024);
  #len = 0;
  append(src: Uint8Array, from: number, to: number): void {
    const n = to - from;
    if (n <= 0) return;
    if (this.#len + n > this.#buf.length) {
      let cap = this.#buf.length * 2;
      while (cap < this.#len + n) cap *= 2;
      const next = new Uint8Array(cap);
      next.set(this.#buf.subarray(0, this.#len));
      this.#buf = next;
    }
    this.#buf.set(src.subarray(from, to), this.#len);
    this.#len += n;
  }
  appendByte(b: number): void {
    this.append(Uint8Array.of(b), 0, 1);
  }
  get length(): number {
    return this.#len;
  }
  bytes(): Uint8Array {
    return this.#buf.subarray(0, this.#len);
  }
}

interface Capture {
  /** Stack depth when the captured value started: it ends when the stack is back to this depth. */
  depth: number;
  path: JsonPathKey[];
  limit: number;
  sink: ByteSink | null; // null once over the limit
  cuts: CutString[];
  /** Start of the not-yet-copied run in the current chunk, or -1 while a cut string is being dropped. */
  segStart: number;
}

const utf8 = new TextDecoder('utf-8');

export class JsonScanner {
  readonly #visitor: JsonScanVisitor;
  #offset = 0;
  #bomAt = 0; // bytes of a BOM matched so far; -1 once past it
  #expect = Expect.Value;
  #lex = Lex.Token;
  #stack: Frame[] = [];
  #unicodeLeft = 0;
  #isKey = false;
  #keyBytes = new Uint8Array(MAX_KEY_BYTES);
  #keyLen = 0;
  #keyTooLong = false;
  #keyEscaped = false;
  #strBytes = 0;
  #strCap = DEFAULT_STRING_CAP;
  #capture: Capture | null = null;
  #skipDepth = -1; // stack depth at which a skipped container started, -1 when not skipping

  constructor(visitor: JsonScanVisitor) {
    this.#visitor = visitor;
  }

  /** True once the root value is complete; later bytes are not looked at. */
  get done(): boolean {
    return this.#expect === Expect.Done;
  }

  /** Bytes consumed so far. */
  get offset(): number {
    return this.#offset;
  }

  write(chunk: Uint8Array): void {
    const cap = this.#capture;
    if (cap !== null && cap.segStart >= 0) cap.segStart = 0;
    let i = 0;
    const len = chunk.length;
    while (i < len && this.#expect !== Expect.Done) {
      const c = chunk[i] as number;
      if (this.#bomAt >= 0) {
        if (c === BOM[this.#bomAt]) {
          this.#bomAt++;
          if (this.#bomAt === 3) this.#bomAt = -1;
          i++;
          continue;
        }
        if (this.#bomAt > 0) this.#fail(c, i);
        this.#bomAt = -1;
      }
      switch (this.#lex) {
        case Lex.String:
          i = this.#stringBytes(chunk, i);
          continue;
        case Lex.Escape:
          this.#keyByte(c);
          this.#strBytes++;
          if (c === 0x75) {
            this.#lex = Lex.Unicode;
            this.#unicodeLeft = 4;
          } else this.#lex = Lex.String;
          i++;
          continue;
        case Lex.Unicode:
          this.#keyByte(c);
          this.#strBytes++;
          if (--this.#unicodeLeft === 0) this.#lex = Lex.String;
          i++;
          continue;
        case Lex.Literal:
          if (isLiteralByte(c)) {
            i++;
            continue;
          }
          this.#lex = Lex.Token;
          this.#valueEnd(chunk, i); // the terminator is not part of the literal: reprocess it
          continue;
        case Lex.Token:
          this.#token(chunk, i, c);
          i++;
      }
    }
    this.#offset += i;
    this.#flush(chunk, i);
  }

  /** The input ended: throws JsonSyntaxError unless the root value was complete. */
  end(): void {
    if (this.#lex === Lex.Literal && this.#stack.length === 0 && this.#expect !== Expect.Done) {
      this.#lex = Lex.Token;
      this.#valueEnd(new Uint8Array(0), 0);
    }
    if (this.#expect === Expect.Done) return;
    const nothing = this.#stack.length === 0 && this.#expect === Expect.Value && this.#lex === Lex.Token;
    throw new JsonSyntaxError(
      nothing ? 'no JSON value in the input' : `the JSON ends early (after byte ${this.#offset})`,
      this.#offset,
    );
  }

  #token(chunk: Uint8Array, i: number, c: number): void {
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) return;
    const top = this.#stack[this.#stack.length - 1];
    switch (this.#expect) {
      case Expect.ValueOrClose:
        if (c === 0x5d) this.#close(chunk, i, false);
        else this.#valueStart(i, c);
        break;
      case Expect.Value:
        this.#valueStart(i, c);
        break;
      case Expect.KeyOrClose:
      case Expect.Key:
        if (c === 0x7d && this.#expect === Expect.KeyOrClose) this.#close(chunk, i, true);
        else if (c === QUOTE) this.#startString(true);
        else this.#fail(c, i);
        break;
      case Expect.Colon:
        if (c !== 0x3a) this.#fail(c, i);
        this.#expect = Expect.Value;
        break;
      case Expect.CommaOrClose:
        if (top === undefined) this.#fail(c, i);
        else if (c === 0x2c) this.#expect = top.isObject ? Expect.Key : Expect.Value;
        else if (c === (top.isObject ? 0x7d : 0x5d)) this.#close(chunk, i, top.isObject);
        else this.#fail(c, i);
        break;
      default:
        break;
    }
  }

  #valueStart(i: number, c: number): void {
    const kind: JsonValueKind | null =
      c === 0x7b ? 'object' : c === 0x5b ? 'array' : c === QUOTE ? 'string' : isLiteralStart(c) ? 'literal' : null;
    if (kind === null) this.#fail(c, i);
    const parent = this.#stack[this.#stack.length - 1];
    if (parent !== undefined && !parent.isObject) parent.key = parent.key === null ? 0 : (parent.key as number) + 1;
    if (this.#capture === null && this.#skipDepth < 0) {
      const path = this.#path();
      const action = this.#visitor.valueStart(path, kind);
      if (action === 'capture') {
        const limit = this.#visitor.captureLimit(path);
        this.#capture = { depth: this.#stack.length, path, limit, sink: new ByteSink(), cuts: [], segStart: i };
      } else if (action === 'skip' && (kind === 'object' || kind === 'array')) this.#skipDepth = this.#stack.length;
    }
    if (kind === 'object' || kind === 'array') {
      if (this.#stack.length >= MAX_JSON_DEPTH)
        throw new JsonSyntaxError(`nested deeper than ${MAX_JSON_DEPTH} levels`, this.#offset + i);
      this.#stack.push({ isObject: kind === 'object', key: null });
      this.#expect = kind === 'object' ? Expect.KeyOrClose : Expect.ValueOrClose;
    } else if (kind === 'string') this.#startString(false);
    else this.#lex = Lex.Literal;
  }

  #close(chunk: Uint8Array, i: number, isObject: boolean): void {
    const top = this.#stack.pop();
    if (top === undefined || top.isObject !== isObject) this.#fail(chunk[i] as number, i);
    if (this.#skipDepth === this.#stack.length) this.#skipDepth = -1;
    this.#valueEnd(chunk, i + 1);
  }

  /** A value ended just before `end` (index into chunk). */
  #valueEnd(chunk: Uint8Array, end: number): void {
    const cap = this.#capture;
    if (cap !== null && cap.depth === this.#stack.length) {
      this.#flush(chunk, end);
      this.#capture = null;
      this.#visitor.captured(cap.path, cap.sink === null ? null : cap.sink.bytes(), cap.cuts);
    }
    this.#expect = this.#stack.length === 0 ? Expect.Done : Expect.CommaOrClose;
  }

  #startString(isKey: boolean): void {
    this.#lex = Lex.String;
    this.#isKey = isKey;
    this.#keyLen = 0;
    this.#keyTooLong = false;
    this.#keyEscaped = false;
    this.#strBytes = 0;
    this.#strCap = DEFAULT_STRING_CAP;
  }

  /** Bytes inside a string from i; returns where to continue. */
  #stringBytes(chunk: Uint8Array, i: number): number {
    const c = chunk[i] as number;
    if (c === QUOTE) {
      this.#lex = Lex.Token;
      this.#endString(chunk, i);
      return i + 1;
    }
    const cap = this.#capture;
    const keeping = cap !== null && !this.#isKey && cap.segStart >= 0;
    if (keeping && this.#strBytes >= this.#strCap && (c & 0xc0) !== 0x80) {
      // Only here is a cut safe: not inside an escape, not inside a UTF-8 sequence.
      if (this.#strCap === DEFAULT_STRING_CAP) {
        this.#strCap = Math.max(DEFAULT_STRING_CAP, this.#visitor.stringCap(this.#relativePath(cap)));
      }
      if (this.#strBytes >= this.#strCap) {
        this.#flush(chunk, i);
        cap.segStart = -1;
      }
    }
    if (c === BACKSLASH) {
      this.#keyEscaped = true;
      this.#keyByte(c);
      this.#strBytes++;
      this.#lex = Lex.Escape;
      return i + 1;
    }
    const bounded = cap !== null && !this.#isKey && cap.segStart >= 0;
    const stop = bounded
      ? Math.min(chunk.length, i + 1 + Math.max(0, this.#strCap - this.#strBytes - 1))
      : chunk.length;
    let j = i + 1;
    while (j < stop) {
      const d = chunk[j];
      if (d === QUOTE || d === BACKSLASH) break;
      j++;
    }
    if (this.#isKey) for (let k = i; k < j; k++) this.#keyByte(chunk[k] as number);
    this.#strBytes += j - i;
    return j;
  }

  #endString(chunk: Uint8Array, quoteAt: number): void {
    if (this.#isKey) {
      const top = this.#stack[this.#stack.length - 1];
      if (top !== undefined) top.key = this.#decodeKey();
      this.#expect = Expect.Colon;
      return;
    }
    const cap = this.#capture;
    if (cap !== null && cap.segStart < 0) {
      // The cut string closes: keep its closing quote and everything after it.
      cap.cuts.push({ path: this.#relativePath(cap), rawBytes: this.#strBytes });
      cap.segStart = quoteAt;
    }
    this.#valueEnd(chunk, quoteAt + 1);
  }

  #keyByte(b: number): void {
    if (!this.#isKey) return;
    if (this.#keyLen < MAX_KEY_BYTES) this.#keyBytes[this.#keyLen++] = b;
    else this.#keyTooLong = true;
  }

  #decodeKey(): string {
    // A key too long or badly escaped can never equal a name the visitor asks for: give it an impossible one.
    if (this.#keyTooLong) return '\u0000long-key';
    const raw = this.#keyBytes.subarray(0, this.#keyLen);
    if (!this.#keyEscaped) return utf8.decode(raw);
    try {
      const v: unknown = JSON.parse(`"${utf8.decode(raw)}"`);
      return typeof v === 'string' ? v : '\u0000bad-key';
    } catch {
      return '\u0000bad-key';
    }
  }

  /** Copies the pending run of the current chunk (up to `end`) into the capture. */
  #flush(chunk: Uint8Array, end: number): void {
    const cap = this.#capture;
    if (cap === null || cap.segStart < 0) return;
    if (cap.sink !== null && end > cap.segStart) {
      if (cap.sink.length + (end - cap.segStart) > cap.limit) cap.sink = null;
      else cap.sink.append(chunk, cap.segStart, end);
    }
    cap.segStart = end;
  }

  #path(): JsonPathKey[] {
    const out: JsonPathKey[] = [];
    for (const f of this.#stack) out.push(f.key ?? '');
    return out;
  }

  #relativePath(cap: Capture): JsonPathKey[] {
    return this.#path().slice(cap.depth);
  }

  #fail(c: number, i: number): never {
    const shown = c >= 0x21 && c < 0x7f ? `'${String.fromCharCode(c)}'` : `byte 0x${c.toString(16).padStart(2, '0')}`;
    throw new JsonSyntaxError(`unexpected ${shown} at byte ${this.#offset + i}`, this.#offset + i);
  }
}

function isLiteralStart(c: number): boolean {
  return c === 0x2d || (c >= 0x30 && c <= 0x39) || c === 0x74 || c === 0x66 || c === 0x6e;
}

/** Bytes that may continue a number or true/false/null; anything else ends the literal. */
function isLiteralByte(c: number): boolean {
  return (
    (c >= 0x30 && c <= 0x39) ||
    (c >= 0x61 && c <= 0x7a) ||
    (c >= 0x41 && c <= 0x5a) ||
    c === 0x2e ||
    c === 0x2b ||
    c === 0x2d
  );
}
