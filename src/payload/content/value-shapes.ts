/**
 * What an identifier value looks like. A name alone ("uid") is not enough, nor a shape alone (a GUID may be a
 * request id): the inspector reports an identifier only when both agree. Placeholders ("null", "{{auto}}",
 * the all-zero advertising id of "limit ad tracking") are never identifiers.
 */
import { parseIp } from '../../enrich/catalog/cidr.js';

export type IdShape = 'uuid' | 'hex' | 'ga-client-id' | 'number' | 'token';

const UUID = /^[{(]?[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}[})]?$/i;
const HEX = /^[0-9a-f]{16,128}$/i;
/** Google Analytics client id: random number "." first-visit time; the _ga cookie prefixes "GA1.2.". */
const GA_CLIENT_ID = /^(?:GA\d\.\d+\.)?\d{4,12}\.\d{9,10}$/;
const NUMBER = /^\d{6,24}$/;
const TOKEN = /^[A-Za-z0-9+/=_.:|~-]{8,256}$/;
const PLACEHOLDER =
  /^(?:null|nil|none|undefined|unknown|unset|n\/a|na|true|false|anonymous|guest|default|test|-?0+|-1|x+|\{\{[^}]*\}\}|\$\{[^}]*\}|%[A-Z_]+%)$/i;
/** Microsoft Common Schema writes ids with a type prefix: "s:" SQM id, "c:" client id, "u:" user, "g:" ... */
const CS_PREFIX = /^[a-z]:(?=[0-9A-Za-z{])/;

/** Longest value taken for an identifier: longer ones are documents, not ids. */
export const MAX_ID_LENGTH = 256;

export function stripIdPrefix(value: string): string {
  return value.replace(CS_PREFIX, '');
}

export function isPlaceholder(value: string): boolean {
  return value === '' || PLACEHOLDER.test(value);
}

/** One character repeated ("aaaaaaaa", "0000-0000-...") names nothing. */
function isRepetitive(value: string): boolean {
  const bare = value.replace(/[-{}():.]/g, '');
  return bare.length > 0 && /^(.)\1*$/.test(bare);
}

export function idShape(raw: string): IdShape | null {
  const value = raw.trim();
  if (value.length < 4 || value.length > MAX_ID_LENGTH || isPlaceholder(value)) return null;
  const bare = stripIdPrefix(value);
  if (isRepetitive(bare)) return null;
  if (UUID.test(bare)) return 'uuid';
  if (HEX.test(bare)) return 'hex';
  if (GA_CLIENT_ID.test(bare)) return 'ga-client-id';
  if (NUMBER.test(bare)) return 'number';
  if (TOKEN.test(bare) && /\d/.test(bare) && /[A-Za-z]/.test(bare)) return 'token';
  return null;
}

/** A value a telemetry format defines as an id: any short non-placeholder text without spaces. */
export function telemetryIdValue(v: unknown): string | null {
  const s = typeof v === 'string' ? v.trim() : typeof v === 'number' && Number.isInteger(v) ? String(v) : null;
  if (s === null || s.length < 2 || s.length > MAX_ID_LENGTH || /\s/.test(s) || isPlaceholder(s)) return null;
  return isRepetitive(stripIdPrefix(s)) ? null : s;
}

/** An IP address a person's device used: any valid literal except unspecified and loopback. */
export function isPersonalIp(raw: string): boolean {
  const value = raw.trim();
  if (value.length < 2 || value.length > 64 || parseIp(value) === null) return false;
  return !/^(?:0\.0\.0\.0|127\.|::1?$|::ffff:127\.)/i.test(value);
}
