/**
 * Device and installation identifiers in telemetry parameters (deviceid=, clientid=, machineid=, installid=,
 * sqmid=, ...). A GUID or long hex string alone is not reported: hashes and request ids look the same; the
 * parameter name is what makes it a persistent device identifier.
 */
import type { PiiDetector, RawHit } from './types.js';
import { MAX_HITS_PER_DETECTOR } from './types.js';

const DEVICE_KEYS = new Set([
  'deviceid',
  'devid',
  'clientid',
  'machineid',
  'machineguid',
  'installid',
  'installationid',
  'sqmid',
  'sqmmachineid',
  'hwid',
  'hardwareid',
  'adid',
  'advertisingid',
  'idfa',
  'gaid',
  'aaid',
  'anonymousid',
  'xmsclientid',
  'xdeviceid',
  'xclientid',
  'oemid',
  'msftdeviceid',
  'cid',
]);
const GUID = /^\{?[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}\}?$/;
const HEX_ID = /^[0-9a-fA-F]{16,64}$/;
/** Google Analytics client id: random number "." first-visit timestamp. */
const GA_CID = /^\d{5,12}\.\d{9,10}$/;

export const deviceIdDetector: PiiDetector = {
  id: 'device-id-parameter',
  kind: 'device-id',
  detect: ({ params }) => {
    const out: RawHit[] = [];
    for (const { key, value } of params) {
      if (!DEVICE_KEYS.has(key)) continue;
      const v = value.trim();
      const bare = v.replace(/^(?:[a-z]:|s:)/i, ''); // Microsoft 1DS prefixes ids with "s:", "u:" ...
      if (/^[{]?0{8}-?0{4}-?0{4}-?0{4}-?0{12}[}]?$/.test(bare)) continue;
      // "cid" is a campaign or content id as often as a client id: only an id's shape counts there.
      if (key === 'cid' && !(GUID.test(bare) || HEX_ID.test(bare) || GA_CID.test(bare))) continue;
      if (GUID.test(bare) || HEX_ID.test(bare)) out.push({ value: v, confidence: 'high' });
      else if (GA_CID.test(bare)) out.push({ value: v, confidence: 'high' });
      else if (/^[\w.:-]{8,128}$/.test(bare) && /\d/.test(bare)) out.push({ value: v, confidence: 'medium' });
      if (out.length >= MAX_HITS_PER_DETECTOR) break;
    }
    return out;
  },
};
