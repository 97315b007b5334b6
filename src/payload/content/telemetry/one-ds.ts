/**
 * Microsoft 1DS / OneCollector events in Common Schema 3.0/4.0 (ver, name, time, iKey, ext.*, data.*), one
 * event per line in "application/x-json-stream" bodies; and Application Insights envelopes (name, time, iKey,
 * tags "ai.user.id", "ai.device.id", ...), their older cousin. The ids sit at fixed paths.
 */
import { emitAt, isRecord, type JsonRecognizer } from './recognizer.js';

const CS_IDS: [string[], string][] = [
  [['ext', 'device', 'localId'], '1ds-device-id'],
  [['ext', 'device', 'id'], '1ds-device-id'],
  [['ext', 'device', 'authSecId'], '1ds-device-id'],
  [['ext', 'user', 'localId'], '1ds-user-id'],
  [['ext', 'user', 'id'], '1ds-user-id'],
  [['ext', 'user', 'authId'], '1ds-user-id'],
  [['ext', 'app', 'userId'], '1ds-user-id'],
  [['ext', 'app', 'sesId'], '1ds-session-id'],
  [['ext', 'sdk', 'installId'], '1ds-install-id'],
  [['ext', 'intweb', 'msfpc'], '1ds-client-id'],
];

const AI_TAGS: [string, string][] = [
  ['ai.user.id', 'appinsights-user-id'],
  ['ai.user.authUserId', 'appinsights-user-id'],
  ['ai.user.accountId', 'appinsights-user-id'],
  ['ai.device.id', 'appinsights-device-id'],
  ['ai.session.id', 'appinsights-session-id'],
  ['ai.location.ip', 'ip-address'],
];

function isCommonSchemaEvent(v: unknown): v is Record<string, unknown> {
  return (
    isRecord(v) &&
    typeof v.ver === 'string' &&
    typeof v.name === 'string' &&
    'time' in v &&
    (typeof v.iKey === 'string' || isRecord(v.ext))
  );
}

function isAppInsightsEnvelope(v: unknown): v is Record<string, unknown> {
  return isRecord(v) && typeof v.name === 'string' && typeof v.iKey === 'string' && isRecord(v.tags);
}

export const oneDsRecognizer: JsonRecognizer = {
  id: '1ds',
  recognize(value, field, out) {
    if (isCommonSchemaEvent(value)) {
      for (const [path, detector] of CS_IDS) emitAt(out, value, field, path, detector);
      return true;
    }
    if (isAppInsightsEnvelope(value)) {
      for (const [tag, detector] of AI_TAGS) emitAt(out, value, field, ['tags', tag], detector);
      return true;
    }
    return false;
  },
};
