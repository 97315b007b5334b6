/**
 * Handshake messages from handshake-record content (RFC 8446 §4, RFC 5246 §7.4): a message may span records and
 * a record may hold several. Each message is `type(1) length(3) body`. Only messages we read are kept whole (and
 * only up to MAX_KEPT_HANDSHAKE_BYTES); the rest (certificates, tickets) are skipped by their length, so a
 * 16 MB Certificate costs nothing.
 */

export const HS_CLIENT_HELLO = 1;
export const HS_SERVER_HELLO = 2;
export const HS_NEW_SESSION_TICKET = 4;
export const HS_END_OF_EARLY_DATA = 5;
export const HS_ENCRYPTED_EXTENSIONS = 8;
export const HS_FINISHED = 20;
export const HS_KEY_UPDATE = 24;

/** The largest message body we keep to read (a ClientHello with a post-quantum key share is about 2 KB). */
export const MAX_KEPT_HANDSHAKE_BYTES = 64 * 1024;

const HEADER_BYTES = 4;

export type HandshakeHandler = (type: number, body: Uint8Array) => void;

export class HandshakeAssembler {
  readonly #header = new Uint8Array(HEADER_BYTES);
  #headerHave = 0;
  #type = 0;
  /** Body bytes still to come for the current message. */
  #remaining = 0;
  /** Collected body of a kept message, or null while skipping. */
  #body: Uint8Array | null = null;
  #bodyHave = 0;

  constructor(
    /** Which message types are handed on with their body; others are only delimited. */
    private readonly wanted: (type: number) => boolean,
    private readonly onMessage: HandshakeHandler,
  ) {}

  /** True between messages (a key change must fall on a message boundary, RFC 8446 §5.1). */
  get atBoundary(): boolean {
    return this.#headerHave === 0 && this.#remaining === 0;
  }

  reset(): void {
    this.#headerHave = 0;
    this.#remaining = 0;
    this.#body = null;
    this.#bodyHave = 0;
  }

  push(data: Uint8Array): void {
    let off = 0;
    while (off < data.length) {
      if (this.#remaining === 0 && this.#headerHave < HEADER_BYTES) {
        const n = Math.min(HEADER_BYTES - this.#headerHave, data.length - off);
        this.#header.set(data.subarray(off, off + n), this.#headerHave);
        this.#headerHave += n;
        off += n;
        if (this.#headerHave < HEADER_BYTES) return;
        this.#start();
        continue;
      }
      const n = Math.min(this.#remaining, data.length - off);
      if (this.#body !== null) this.#body.set(data.subarray(off, off + n), this.#bodyHave);
      this.#bodyHave += n;
      this.#remaining -= n;
      off += n;
      if (this.#remaining === 0) this.#finish();
    }
  }

  #start(): void {
    const h = this.#header;
    this.#type = h[0] ?? 0;
    const length = ((h[1] ?? 0) << 16) | ((h[2] ?? 0) << 8) | (h[3] ?? 0);
    this.#remaining = length;
    this.#bodyHave = 0;
    this.#body = this.wanted(this.#type) && length <= MAX_KEPT_HANDSHAKE_BYTES ? new Uint8Array(length) : null;
    if (length === 0) this.#finish();
  }

  #finish(): void {
    const body = this.#body;
    const type = this.#type;
    this.#headerHave = 0;
    this.#body = null;
    this.#bodyHave = 0;
    if (body !== null) this.onMessage(type, body);
  }
}
