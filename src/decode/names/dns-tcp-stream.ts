/**
 * DNS over TCP (RFC 1035 §4.2.2, RFC 7766 §8): each message is preceded by a 2-byte length. Fed with the
 * in-order payloads of one direction; messages may share a segment or be split across several. At most one
 * message (65535 bytes) is buffered. A length that cannot be a DNS message means the stream is not (or no
 * longer) framed DNS: parsing stops and `anomaly` says why.
 */
import { DNS_HEADER_BYTES, parseDnsMessage } from './dns.js';
import type { DnsMessage } from './types.js';

const LENGTH_PREFIX = 2;
/** Largest message the 16-bit length prefix can announce; also the buffer bound. */
export const MAX_DNS_TCP_MESSAGE = 65_535;

export class DnsTcpStream {
  /** First problem seen: 'dns-tcp-bad-length' stops the stream; a message reason (e.g. 'truncated') does not. */
  anomaly: string | null = null;
  /** Messages framed correctly but not parsed (counted, not returned). */
  invalidMessages = 0;
  /** True once framing was lost: later pushes return nothing. */
  stopped = false;
  readonly #prefix = new Uint8Array(LENGTH_PREFIX);
  #prefixFill = 0;
  #body: Uint8Array | null = null;
  #bodyFill = 0;

  push(segment: Uint8Array): DnsMessage[] {
    const out: DnsMessage[] = [];
    let i = 0;
    // Each round consumes at least one byte or completes a message, so the loop ends within segment.length rounds.
    while (i < segment.length && !this.stopped) {
      const body = this.#body;
      if (body === null) {
        this.#prefix[this.#prefixFill++] = segment[i++] ?? 0;
        if (this.#prefixFill < LENGTH_PREFIX) continue;
        this.#prefixFill = 0;
        const len = ((this.#prefix[0] ?? 0) << 8) | (this.#prefix[1] ?? 0);
        if (len < DNS_HEADER_BYTES) {
          this.#stop('dns-tcp-bad-length');
          break;
        }
        // Common case: the whole message is in this segment; parse it in place without copying.
        if (segment.length - i >= len) {
          this.#emit(segment, i, len, out);
          i += len;
        } else {
          this.#body = new Uint8Array(len);
          this.#bodyFill = 0;
        }
        continue;
      }
      const take = Math.min(body.length - this.#bodyFill, segment.length - i);
      body.set(segment.subarray(i, i + take), this.#bodyFill);
      this.#bodyFill += take;
      i += take;
      if (this.#bodyFill === body.length) {
        this.#body = null;
        this.#emit(body, 0, body.length, out);
      }
    }
    return out;
  }

  #emit(buf: Uint8Array, off: number, len: number, out: DnsMessage[]): void {
    const parsed = parseDnsMessage(buf, off, len);
    if (parsed.kind === 'done') {
      out.push(parsed.value);
      return;
    }
    this.invalidMessages++;
    this.anomaly ??= parsed.kind === 'invalid' ? `dns-${parsed.reason}` : 'dns-truncated';
  }

  #stop(reason: string): void {
    this.stopped = true;
    this.anomaly = reason;
    this.#body = null;
  }
}
