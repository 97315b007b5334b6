/**
 * Identifiers recognised by the field's name and the value's shape together: device and installation ids,
 * advertising ids (IDFA, GAID: always a UUID), user, client and session ids, IP addresses a client reports about
 * itself, and the long-lived tracking cookies of the large ad and analytics networks.
 */
import { type IdShape, idShape, isPersonalIp, isPlaceholder } from './value-shapes.js';

export type IdCategory = 'advertising' | 'device' | 'user' | 'client' | 'session' | 'ip';

export interface IdentifierHit {
  detector: string;
  value: string;
  confidence: 'high' | 'medium';
}

/** Keys compared after lower-casing and dropping everything but letters and digits ("X-Device-Id" → "xdeviceid"). */
export function nameKey(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

// No prototype: keys come from the input, and "constructor" must not find Object's.
const EXACT: Record<string, IdCategory> = Object.create(null);
const add = (category: IdCategory, names: string[]) => {
  for (const n of names) EXACT[n] = category;
};
add('advertising', [
  'idfa',
  'gaid',
  'aaid',
  'adid',
  'advertisingid',
  'googleadid',
  'googleadvertisingid',
  'adidentifier',
  'madid',
  'ifa',
  'rdid',
  'idfaid',
]);
add('device', [
  'deviceid',
  'devid',
  'udid',
  'machineid',
  'machineguid',
  'hwid',
  'hardwareid',
  'installid',
  'installationid',
  'sqmid',
  'sqmmachineid',
  'androidid',
  'idfv',
  'oemid',
  'deviceuuid',
  'deviceguid',
  'deviceidentifier',
  'deviceuniqueid',
  'deviceuniqueidentifier',
  'appinstanceid',
  'firebaseinstallationid',
  'installationuuid',
  'serialnumber',
]);
add('user', [
  'uid',
  'userid',
  'useruuid',
  'userguid',
  'puid',
  'customerid',
  'memberid',
  'externalid',
  'externaluserid',
  'personid',
  'profileid',
  'distinctid',
  'userkey',
  'xuid',
  'loginid',
  'subscriberid',
  'playerid',
  'ajsuserid',
]);
add('client', [
  'cid',
  'clientid',
  'anonymousid',
  'anonid',
  'visitorid',
  'browserid',
  'ajsanonymousid',
  'guestid',
  'cookieid',
  'fbp',
  'fbc',
]);
add('session', ['sid', 'sessionid', 'sessid', 'sesid', 'sessionuuid', 'sessionguid', 'jsessionid', 'phpsessid']);
add('ip', [
  'ip',
  'ipaddress',
  'ipaddr',
  'clientip',
  'userip',
  'remoteip',
  'remoteaddr',
  'xforwardedfor',
  'xrealip',
  'ipv4',
  'ipv6',
  'publicip',
  'localip',
  'deviceip',
]);

const SUFFIXES: [string, IdCategory][] = [
  ['advertisingid', 'advertising'],
  ['deviceid', 'device'],
  ['installid', 'device'],
  ['installationid', 'device'],
  ['machineid', 'device'],
  ['userid', 'user'],
  ['customerid', 'user'],
  ['memberid', 'user'],
  ['clientid', 'client'],
  ['visitorid', 'client'],
  ['anonymousid', 'client'],
  ['sessionid', 'session'],
  ['ipaddress', 'ip'],
];

/** "user.id", "device.localId": a generic id key takes its meaning from the object around it. */
const GENERIC_ID_KEYS = new Set(['id', 'localid', 'uuid', 'guid', 'uid', 'key']);
// No prototype: keys come from the input, and "constructor" must not find Object's.
const PARENTS: Record<string, IdCategory> = Object.assign(Object.create(null), {
  device: 'device',
  machine: 'device',
  installation: 'device',
  install: 'device',
  user: 'user',
  member: 'user',
  customer: 'user',
  account: 'user',
  profile: 'user',
  person: 'user',
  session: 'session',
  client: 'client',
  visitor: 'client',
  browser: 'client',
});

export function categoryOf(name: string, parent: string): IdCategory | null {
  const key = nameKey(name);
  if (key === '') return null;
  if (GENERIC_ID_KEYS.has(key)) {
    const byParent = PARENTS[nameKey(parent)];
    if (byParent !== undefined) return byParent;
  }
  const exact = EXACT[key];
  if (exact !== undefined) return exact;
  for (const [suffix, category] of SUFFIXES) if (key.endsWith(suffix)) return category;
  return null;
}

const DETECTOR: Record<IdCategory, string> = {
  advertising: 'advertising-id',
  device: 'device-id',
  user: 'user-id',
  client: 'client-id',
  session: 'session-id',
  ip: 'ip-address',
};

const STRONG: ReadonlySet<IdShape> = new Set(['uuid', 'hex', 'ga-client-id']);
/** Short names other services use for other things (campaign id, Twilio's sid): only a strong shape counts. */
const AMBIGUOUS = new Set(['cid', 'sid']);

/** An identifier by name and shape, or null. */
export function classifyIdentifier(name: string, parent: string, raw: string): IdentifierHit | null {
  const category = categoryOf(name, parent);
  if (category === null) return null;
  const value = raw.trim();
  if (category === 'ip') {
    const first = value.split(',')[0]?.trim() ?? ''; // X-Forwarded-For: client, proxy1, proxy2
    return isPersonalIp(first) ? { detector: DETECTOR.ip, value: first, confidence: 'high' } : null;
  }
  const shape = idShape(value);
  if (shape === null) return null;
  // An advertising id is a UUID by definition (Apple IDFA, Google AAID); anything else under that name is not one.
  if (category === 'advertising' && shape !== 'uuid') return null;
  if (AMBIGUOUS.has(nameKey(name)) && !STRONG.has(shape)) return null;
  return { detector: DETECTOR[category], value, confidence: STRONG.has(shape) ? 'high' : 'medium' };
}

/** Tracking cookies by name (exact, case-insensitive) and the id each one carries. */
const ID_COOKIES = new Set(
  [
    '_ga',
    '_gid',
    '_gcl_au',
    '_gcl_aw',
    '__utma',
    '_fbp',
    '_fbc',
    'visitor_info1_live',
    'ysc',
    'nid',
    'muid',
    'muidb',
    'anid',
    'ide',
    'dsid',
    '__gads',
    '__gpi',
    '_uetvid',
    '_uetsid',
    '_clck',
    'clid',
    'ajs_anonymous_id',
    'ajs_user_id',
    'personalization_id',
    'guest_id',
    'bcookie',
    'bscookie',
    'li_sugr',
    'uuid2',
    'tdid',
    'a3',
    'demdex',
    'dpm',
    's_vi',
    's_ecid',
    '_pin_unauth',
    'hubspotutk',
    '__hstc',
    '_hjid',
    'msptc',
    'mc1',
    'anon',
    'sid',
    'hsid',
    'ssid',
    'apisid',
    'sapisid',
    '__secure-1psid',
    '__secure-3psid',
    '__secure-1papisid',
    '__secure-3papisid',
    '__secure-enid',
    'login_info',
    '_ttp',
    'tt_webid',
    'tt_webid_v2',
    '_scid',
    '_rdt_uuid',
    '__qca',
    'optimizelyenduserid',
    'ab.storage.userid',
    'ab.storage.deviceid',
  ].map((n) => n.toLowerCase()),
);
const ID_COOKIE_PATTERNS = [
  /^_ga_[a-z0-9]+$/i,
  /^mp_[0-9a-f]+_mixpanel$/i,
  /^_hjsessionuser_\d+$/i,
  /^intercom-(?:id|device-id)-/i,
  /^amcv_/i,
  /^_pk_id\./i,
  /^amplitude_id/i,
  /^ab\.storage\.(?:userid|deviceid)\./i,
];

export function isTrackingCookie(name: string): boolean {
  const lower = name.toLowerCase();
  return ID_COOKIES.has(lower) || ID_COOKIE_PATTERNS.some((p) => p.test(lower));
}

/** A long-lived tracking cookie with a real value; _ga names Google Analytics' client id outright. */
export function classifyCookie(name: string, raw: string): IdentifierHit | null {
  const value = raw.trim().replace(/^"(.*)"$/, '$1');
  if (!isTrackingCookie(name) || value.length < 6 || value.length > 4096 || isPlaceholder(value)) return null;
  const detector = name.toLowerCase() === '_ga' ? 'ga-client-id' : 'cookie-id';
  return { detector, value, confidence: 'high' };
}
