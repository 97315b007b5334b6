/**
 * The inspection of one exchange's values: every leaf (a query parameter, a header, a cookie, a form field, a
 * JSON value) goes through identifier recognition (name and shape), one level of nested JSON decoding, and the
 * PII detectors of assess/pii (the text detectors on the value, the name-based ones on the leaf's own name).
 * Telemetry formats are recognised per JSON document before its leaves are walked, so their specific detector
 * names ("1ds-device-id") win over the generic ones for the same field and value. Work is bounded by a leaf
 * budget and by the finding sink's limit.
 */
import { deviceIdDetector } from '../../assess/pii/device-id.js';
import { detectPii } from '../../assess/pii/registry.js';
import { MAX_PII_INPUT, normaliseKey } from '../../assess/pii/text.js';
import { userParamDetector } from '../../assess/pii/user-param.js';
import { FindingSink } from './finding-sink.js';
import { classifyCookie, classifyIdentifier } from './identifiers.js';
import { childField, walkJson } from './json-walk.js';
import { decodeNestedJson } from './nested-json.js';
import type { NameValue } from './params.js';
import { googleAnalyticsIds, isGoogleAnalyticsHit } from './telemetry/google-analytics.js';
import { isRecord } from './telemetry/recognizer.js';
import { JSON_RECOGNIZERS } from './telemetry/registry.js';

/** Values inspected per exchange at most (query parameters, headers, cookies, form fields, JSON leaves). */
export const MAX_LEAVES_PER_EXCHANGE = 4096;
/** Batch elements offered to the telemetry recognisers per document. */
const MAX_RECOGNIZED_ELEMENTS = 512;
/** Overlap between the windows a long text is searched in, so a value across a window edge is still whole. */
const WINDOW_OVERLAP = 512;

/** name=value, name: value or name/value pairs inside a free-form value (a User-Agent, a header). */
const EMBEDDED_PAIR = /(?<![\w.-])([A-Za-z_][\w.-]{1,40})\s*[=:/]\s*"?([^\s;,()"'&<>]{4,256})/g;
const MAX_EMBEDDED_PAIRS = 64;

/** Shorter values hold nothing the text detectors know ("a@b.cd" is the shortest); names still count. */
const MIN_PII_TEXT = 6;

/** How the PII detectors should read a text: as URL parts (percent-decoded) or as it is. */
export type TextKind = 'http.path' | 'http.query' | 'http.body';

export interface Leaf {
  field: string;
  /** The name the value is held under (parameter, header, cookie, JSON key). */
  name: string;
  /** The key of the enclosing object for JSON values, else "". */
  parent: string;
  value: string;
  cookie: boolean;
  textKind: TextKind;
}

export interface InspectorOptions {
  showValues: boolean;
  internalSuffixes: string[];
}

export class ContentInspector {
  readonly sink: FindingSink;
  readonly #internalSuffixes: string[];
  #budget = MAX_LEAVES_PER_EXCHANGE;
  /**
   * Leaves already inspected, by field without array positions and value: a telemetry batch repeats the same
   * ids in every event, and findings are kept once per such field and value anyway (finding-sink.ts).
   */
  readonly #seen = new Set<string>();

  constructor(opts: InspectorOptions) {
    this.sink = new FindingSink(opts.showValues);
    this.#internalSuffixes = opts.internalSuffixes;
  }

  get done(): boolean {
    return this.sink.full || this.#budget <= 0;
  }

  /** A parsed JSON document at `base`; `nested` allows one more level of decoding inside its values. */
  json(root: unknown, base: string, rootName: string, nested: boolean): void {
    if (this.done) return;
    this.#recognize(root, base);
    walkJson(root, base, rootName, (leaf) => {
      this.leaf({ ...leaf, cookie: false, textKind: 'http.body' }, nested);
      return !this.done;
    });
  }

  /** A name=value list (query, form body line); `ga` when the request is known to be a Google Analytics hit. */
  params(list: NameValue[], fieldOf: (name: string) => string, ga: boolean): void {
    if (ga || isGoogleAnalyticsHit(list)) googleAnalyticsIds(list, fieldOf, this.sink);
    for (const { name, value } of list) {
      if (this.done) return;
      this.leaf({ field: fieldOf(name), name, parent: '', value, cookie: false, textKind: 'http.query' }, true);
    }
  }

  leaf(leaf: Leaf, nested: boolean): void {
    if (this.done) return;
    this.#budget--;
    const { value, field } = leaf;
    if (value.trim() === '') return;
    const seenKey = `${field.replace(/\[\d+\]/g, '[]')}\u0000${value}`;
    if (this.#seen.has(seenKey)) return;
    this.#seen.add(seenKey);
    if (nested) {
      const inner = decodeNestedJson(value);
      if (inner !== null) {
        // The decoded document is what was sent: its leaves are reported, not the encoded blob.
        this.json(inner, field, leaf.name, false);
        return;
      }
    }
    const hit = leaf.cookie
      ? (classifyCookie(leaf.name, value) ?? classifyIdentifier(leaf.name, '', value))
      : classifyIdentifier(leaf.name, leaf.parent, value);
    if (hit !== null) this.sink.identifier(field, hit.detector, hit.value, hit.confidence);
    if (value.length >= MIN_PII_TEXT) this.text(value, field, leaf.textKind);
    this.#byName(leaf);
  }

  /**
   * Identifiers written as name=value, name: value or name/value inside a free-form value, as apps put them in
   * a User-Agent ("MyApp/2.1 (deviceId=3F25...; os=17.2)"): each pair is judged by name and shape like a leaf.
   */
  pairs(text: string, field: string): void {
    let n = 0;
    for (const m of text.slice(0, MAX_PII_INPUT).matchAll(EMBEDDED_PAIR)) {
      if (this.sink.full || ++n > MAX_EMBEDDED_PAIRS) return;
      const hit = classifyIdentifier(m[1] ?? '', '', m[2] ?? '');
      if (hit !== null) this.sink.identifier(field, hit.detector, hit.value, hit.confidence);
    }
  }

  /** The text detectors over a whole text, in overlapping windows of the detectors' input size. */
  text(text: string, field: string, kind: TextKind): void {
    const step = MAX_PII_INPUT - WINDOW_OVERLAP;
    for (let at = 0; at < text.length && !this.sink.full; at += step) {
      const window = at === 0 && text.length <= MAX_PII_INPUT ? text : text.slice(at, at + MAX_PII_INPUT);
      const found = detectPii(window, { field: kind }, { showValues: true, internalSuffixes: this.#internalSuffixes });
      for (const f of found) {
        // "https://key@o1.ingest.sentry.io/1": the e-mail pattern matches URL user info, which is not an address.
        if (f.kind === 'email' && window.includes(`://${f.excerpt}`)) continue;
        this.sink.pii(field, f.kind, f.detector, f.excerpt, f.confidence);
      }
      if (at + MAX_PII_INPUT >= text.length) break;
    }
  }

  /** The name-based detectors (user names, device ids) with the leaf's own name as the parameter name. */
  #byName(leaf: Leaf): void {
    const key = normaliseKey(leaf.name.replace(/^\$+/, ''));
    if (key === '') return;
    const input = { text: '', params: [{ key, value: leaf.value }], internalSuffixes: this.#internalSuffixes };
    for (const detector of [userParamDetector, deviceIdDetector]) {
      for (const h of detector.detect(input))
        this.sink.pii(leaf.field, detector.kind, detector.id, h.value, h.confidence);
    }
  }

  /** Offers the document, and the elements of its batches, to the telemetry recognisers. */
  #recognize(root: unknown, base: string): void {
    const offer = (value: unknown, field: string) => {
      for (const r of JSON_RECOGNIZERS) if (r.recognize(value, field, this.sink)) return;
    };
    offer(root, base);
    let left = MAX_RECOGNIZED_ELEMENTS;
    const offerAll = (list: unknown[], field: string) => {
      for (let i = 0; i < list.length && left > 0; i++, left--) offer(list[i], childField(field, i));
    };
    if (Array.isArray(root)) offerAll(root, base);
    else if (isRecord(root)) {
      for (const [k, v] of Object.entries(root)) if (Array.isArray(v)) offerAll(v, childField(base, k));
    }
  }
}
