/**
 * Segment tracking calls (api.segment.io /v1/batch, /v1/t, /v1/i ...): objects with a type (track, identify,
 * page, screen, group, alias) and a userId or anonymousId; a batch holds them under "batch". Traits such as
 * traits.email are found by the e-mail detector on the walk that follows.
 */
import { emitAt, isRecord, type JsonRecognizer } from './recognizer.js';

const TYPES = new Set(['track', 'identify', 'page', 'screen', 'group', 'alias']);

const IDS: [string[], string][] = [
  [['userId'], 'segment-user-id'],
  [['previousId'], 'segment-user-id'],
  [['anonymousId'], 'segment-anonymous-id'],
  [['context', 'ip'], 'ip-address'],
  [['context', 'device', 'id'], 'segment-device-id'],
  [['context', 'device', 'advertisingId'], 'advertising-id'],
];

export const segmentRecognizer: JsonRecognizer = {
  id: 'segment',
  recognize(value, field, out) {
    if (!isRecord(value) || typeof value.type !== 'string' || !TYPES.has(value.type)) return false;
    if (!('userId' in value) && !('anonymousId' in value)) return false;
    for (const [path, detector] of IDS) emitAt(out, value, field, path, detector);
    return true;
  },
};
