/**
 * Google Analytics hits: Universal Analytics / Measurement Protocol v1 (v=1, tid=UA-..., cid, uid, _gid, dl, dr)
 * and GA4 (/g/collect: v=2, tid=G-..., cid, uid, sid, dl, dr, en, ep.*), in the query or in a form body, one hit
 * per line in batches. GA4 sends shared parameters in the query and events in the body lines, so a body line
 * counts as a hit when the query was one. Page URLs (dl, dr) are searched by the PII detectors like any value.
 */
import type { NameValue } from '../params.js';
import { telemetryIdValue } from '../value-shapes.js';
import type { IdentifierEmitter } from './recognizer.js';

const TRACKING_ID = /^(?:UA-\d+-\d+|G-[A-Z0-9]{4,}|GTM-[A-Z0-9]+|AW-\d+|DC-\d+|MO-[A-Z0-9]+)$/i;

// No prototype: keys come from the input, and "constructor" must not find Object's.
const IDS: Record<string, string> = Object.assign(Object.create(null), {
  cid: 'ga-client-id',
  _gid: 'ga-client-id',
  uid: 'ga-user-id',
  user_id: 'ga-user-id',
  sid: 'ga-session-id',
  _fid: 'ga-device-id',
});

/** True when the parameters are a Google Analytics hit. */
export function isGoogleAnalyticsHit(params: readonly NameValue[]): boolean {
  let version = false;
  let tracking = false;
  let client = false;
  for (const { name, value } of params) {
    if (name === 'v' && (value === '1' || value === '2')) version = true;
    else if (name === 'tid' && TRACKING_ID.test(value)) tracking = true;
    else if (name === 'cid' || name === '_gid') client = true;
  }
  return tracking && (version || client);
}

/** Emits the hit's ids; `fieldOf` names a parameter ("query cid", "body[2] cid"). */
export function googleAnalyticsIds(
  params: readonly NameValue[],
  fieldOf: (name: string) => string,
  out: IdentifierEmitter,
): void {
  for (const { name, value } of params) {
    const detector = IDS[name];
    const id = detector === undefined ? null : telemetryIdValue(value);
    if (detector !== undefined && id !== null) out.identifier(fieldOf(name), detector, id, 'high');
  }
}
