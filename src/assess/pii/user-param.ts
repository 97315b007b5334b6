/** User names in parameters whose name says so (user=, username=, upn=, login=, account=, uid= ...). */
import type { PiiDetector, RawHit } from './types.js';
import { MAX_HITS_PER_DETECTOR } from './types.js';

/** Keys after normaliseKey (lower case, no "-", "_", "."). */
const USER_KEYS = new Set([
  'user',
  'username',
  'userid',
  'upn',
  'userprincipalname',
  'login',
  'loginname',
  'logonname',
  'account',
  'accountname',
  'uid',
  'samaccountname',
  'owner',
  'xmsusername',
]);
const NOT_A_NAME = new Set(['', 'true', 'false', 'null', 'none', 'undefined', 'anonymous', 'guest', '0', '-1', 'n/a']);

export const userParamDetector: PiiDetector = {
  id: 'user-name-parameter',
  kind: 'user-name',
  detect: ({ params }) => {
    const out: RawHit[] = [];
    for (const { key, value } of params) {
      if (!USER_KEYS.has(key)) continue;
      const v = value.trim();
      if (v.length < 2 || v.length > 128 || NOT_A_NAME.has(v.toLowerCase())) continue;
      // A name with letters is a strong signal; a bare number is an account number, still identifying.
      out.push({ value: v, confidence: /[A-Za-z]/.test(v) ? 'high' : 'medium' });
      if (out.length >= MAX_HITS_PER_DETECTOR) break;
    }
    return out;
  },
};
