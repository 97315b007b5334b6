/** Strict hexadecimal for key logs: an even number of [0-9a-fA-F] and nothing else (Buffer.from(s, 'hex') would
 * silently stop at the first bad digit and hand back a short key). */

const HEX_DIGIT = /^[0-9a-fA-F]*$/;

/** The bytes of `text`, or null when it is not whole hexadecimal bytes. */
export function decodeHex(text: string): Uint8Array | null {
  if (text.length % 2 !== 0 || !HEX_DIGIT.test(text)) return null;
  return new Uint8Array(Buffer.from(text, 'hex'));
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

/** The first bytes of a client random in hex with an ellipsis, for messages ("no key for client random 3a4b…"). */
export function shortHex(bytes: Uint8Array, shownBytes = 8): string {
  const shown = toHex(bytes.subarray(0, shownBytes));
  return bytes.length > shownBytes ? `${shown}…` : shown;
}
