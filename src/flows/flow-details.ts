/**
 * What the flow table keeps of a flow outside its typed-array columns (flow-columns.ts): the names and facts the
 * namer finds (SNI, HTTP, certificate, ALPN, personal data), the naming state while it works, and the payload
 * handler of runs that read content. Created only for flows that can get any of these (a run that names flows or
 * reads content); a `flows --no-names` run keeps none, and its flows are written straight from the columns.
 */

import type { PiiFinding } from '../assess/pii/types.js';
import { addressText, type FlowColumns, HOT_I32, I_PORTS } from './flow-columns.js';
import type { FlowNamingState } from './flow-namer.js';
import type { FlowName, ServerCertificateInfo } from './flow-record.js';
import type { FlowPayloadHandler } from './payload-seam.js';

/** TCP flag bits as in the header's flags byte. */
export const TCP_FIN = 0x01;
export const TCP_SYN = 0x02;
export const TCP_RST = 0x04;
export const TCP_ACK = 0x10;

/**
 * The names of a flow without any, shared: a flow's names are replaced, never changed in place (addName), so no
 * flow writes into this list, and a flow without names keeps no array of its own.
 */
const NO_NAMES: FlowName[] = [];

export class FlowDetails {
  /** Present while the flow still needs naming work; dropped when done to free its buffers. */
  naming: FlowNamingState | null = null;
  /** Replaced when a name is added, never changed in place: ended flows' lists may still be read elsewhere. */
  names: FlowName[] = NO_NAMES;
  alpn: readonly string[] | undefined = undefined;
  tlsVersions: readonly string[] | undefined = undefined;
  ech: boolean | undefined = undefined;
  /** Subject and issuer of the server's certificate, where the handshake showed it in clear (TLS 1.2 and older). */
  serverCertificate: ServerCertificateInfo | undefined = undefined;
  http: { method: string; path: string } | undefined = undefined;
  pii: PiiFinding[] | undefined = undefined;
  /** Present only in runs with a payload tap (keys, `requests`): reads the flow's content. */
  payload: FlowPayloadHandler | null = null;

  /**
   * The flow's slot in the table's columns, where its addresses, ports and first frame are: read from there, not
   * copied. The address texts are spelt when first asked for: most flows never are (`flows` writes IPv4 addresses
   * from the columns' words; DNS look-ups and content readers ask), and spelling them for every TCP flow cost two
   * interned-text look-ups per flow (issue #18). Asked only while the flow is in the table: its slot is another
   * flow's once it ended.
   */
  readonly #columns: FlowColumns;
  #slot: number;
  #client: string | null = null;
  #server: string | null = null;

  constructor(columns: FlowColumns, slot: number) {
    this.#columns = columns;
    this.#slot = slot;
  }

  /**
   * This object, as new, for another flow of the same table. The flow table reuses the details of ended flows:
   * each new one outlived a young collection and was copied (~190 bytes per TCP flow, issue #18). Values the old
   * flow handed out (its names, lists, findings) are not touched: they are replaced here, never changed.
   */
  reuse(slot: number): this {
    this.naming = null;
    this.names = NO_NAMES;
    this.alpn = undefined;
    this.tlsVersions = undefined;
    this.ech = undefined;
    this.serverCertificate = undefined;
    this.http = undefined;
    this.pii = undefined;
    this.payload = null;
    this.#slot = slot;
    this.#client = null;
    this.#server = null;
    return this;
  }

  get clientPort(): number {
    return (this.#columns.i32[this.#slot * HOT_I32 + I_PORTS] ?? 0) >>> 16;
  }

  get serverPort(): number {
    return (this.#columns.i32[this.#slot * HOT_I32 + I_PORTS] ?? 0) & 0xffff;
  }

  get firstFrame(): number {
    return this.#columns.firstFrame[this.#slot] ?? 0;
  }

  get client(): string {
    this.#client ??= addressText(this.#columns, this.#slot, false);
    return this.#client;
  }

  get server(): string {
    this.#server ??= addressText(this.#columns, this.#slot, true);
    return this.#server;
  }

  addPii(findings: PiiFinding[]): void {
    if (findings.length === 0) return;
    this.pii ??= [];
    for (const f of findings) {
      if (this.pii.length >= MAX_PII_PER_FLOW) return;
      if (!this.pii.some((p) => p.kind === f.kind && p.excerpt === f.excerpt && p.field === f.field)) this.pii.push(f);
    }
  }

  addName(name: FlowName): void {
    const names = this.names;
    const n = names.length;
    if (n >= MAX_NAMES_PER_FLOW) return;
    for (const m of names) if (m.name === name.name && m.via === name.via) return;
    // Names the client itself sent come before names learnt from DNS (most trustworthy first).
    let at = n;
    if (name.via !== 'dns') {
      for (let i = 0; i < n; i++) {
        if (names[i]?.via === 'dns') {
          at = i;
          break;
        }
      }
    }
    // A new array of the exact size: names stay with the flow to its end, and an array pushed to reserves 16
    // slots (~130 bytes per flow kept; most flows have one or two names).
    const grown = new Array<FlowName>(n + 1);
    for (let i = 0, j = 0; i <= n; i++) grown[i] = i === at ? name : (names[j++] as FlowName);
    this.names = grown;
  }
}

/** Bound on payload findings kept per flow. */
export const MAX_PII_PER_FLOW = 32;

/** Bound on names kept per flow (a keep-alive proxy connection may carry many hosts). */
export const MAX_NAMES_PER_FLOW = 32;
