/**
 * HAR httpVersion spellings to the exchange's version: "HTTP/1.1", "http/2.0" (Chrome), "HTTP/2" (Safari),
 * "h2", "h3" (Chrome), "HTTP/3" (Firefox), "h3-29", Chrome's old "http/2+quic/46" (Google QUIC, carried as
 * HTTP/3 here: it is neither TCP nor HTTP/2). Empty or unknown spellings give null.
 */
export function harHttpVersion(raw: unknown): '1.0' | '1.1' | '2' | '3' | null {
  if (typeof raw !== 'string') return null;
  const v = raw.trim().toLowerCase();
  if (v === '') return null;
  if (/^h3(?:-\d+)?$/.test(v) || /^http\/3(?:\.0)?$/.test(v) || v.includes('quic')) return '3';
  if (v === 'h2' || v === 'h2c' || /^http\/2(?:\.0)?$/.test(v)) return '2';
  if (v === 'http/1.1' || v === 'h1' || v === 'http/1') return '1.1';
  if (v === 'http/1.0' || v === 'http/0.9') return '1.0';
  return null;
}
