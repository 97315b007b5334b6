/**
 * Recognises a HAR file by content, never by its name: an optional UTF-8 byte order mark, a JSON object, and
 * among its top-level keys "log" whose value opens an object, all within the head. A JSON log line that merely
 * has a "log" string (Docker's json-file driver writes {"log":"...","stream":...}) is not a HAR.
 */
import { type JsonPathKey, JsonScanner, type JsonValueKind } from './json-scanner.js';

class Found extends Error {}

export function sniffHar(head: Uint8Array): boolean {
  let found = false;
  const scanner = new JsonScanner({
    valueStart(path: readonly JsonPathKey[], kind: JsonValueKind) {
      if (path.length === 0) {
        if (kind !== 'object') throw new Found();
        return 'walk';
      }
      if (path[0] === 'log' && kind === 'object') {
        found = true;
        throw new Found();
      }
      return 'skip';
    },
    captureLimit: () => 0,
    stringCap: () => 0,
    captured: () => undefined,
  });
  try {
    scanner.write(head);
  } catch {
    // Found (either answer), or the head is not JSON: the answer is in `found`.
  }
  return found;
}
