import { describe, expect, it } from 'vitest';
import { categoryOf, classifyCookie, classifyIdentifier } from '../../../src/payload/content/identifiers.js';
import { idShape, isPersonalIp } from '../../../src/payload/content/value-shapes.js';

const GUID = '6D92078A-8246-4BA4-AE5B-76104861E7DC';

describe('identifier names', () => {
  it.each([
    ['deviceId', '', 'device'],
    ['X-Device-Id', '', 'device'],
    ['device_unique_identifier', '', 'device'],
    ['localId', 'device', 'device'],
    ['id', 'user', 'user'],
    ['uid', '', 'user'],
    ['$user_id', '', 'user'],
    ['ep.user_id', '', 'user'],
    ['distinct_id', '', 'user'],
    ['cid', '', 'client'],
    ['anonymousId', '', 'client'],
    ['sid', '', 'session'],
    ['JSESSIONID', '', 'session'],
    ['idfa', '', 'advertising'],
    ['advertisingId', '', 'advertising'],
    ['ip_address', '', 'ip'],
    ['X-Forwarded-For', '', 'ip'],
    ['id', '', null],
    ['id', 'order', null],
    ['requestId', '', null],
    ['traceId', '', null],
  ])('%s (in %s) → %s', (name, parent, category) => {
    expect(categoryOf(name, parent)).toBe(category);
  });
});

describe('identifier values', () => {
  it.each([
    [GUID, 'uuid'],
    [`{${GUID}}`, 'uuid'],
    [`s:${GUID}`, 'uuid'],
    ['0123456789abcdef0123', 'hex'],
    ['1234567890.1600000000', 'ga-client-id'],
    ['GA1.2.1234567890.1600000000', 'ga-client-id'],
    ['48151623', 'number'],
    ['u_98765432', 'token'],
    ['00000000-0000-0000-0000-000000000000', null],
    ['ffffffff-ffff-ffff-ffff-ffffffffffff', null],
    ['null', null],
    ['{{auto}}', null],
    ['abc', null],
    ['anonymous', null],
    ['has spaces 123 x', null],
    ['onlyletters', null],
    ['12345', null],
  ])('%s → %s', (value, shape) => {
    expect(idShape(value)).toBe(shape);
  });

  it('wants a UUID for an advertising id', () => {
    expect(classifyIdentifier('idfa', '', GUID)).toEqual({
      detector: 'advertising-id',
      value: GUID,
      confidence: 'high',
    });
    expect(classifyIdentifier('adid', '', 'a1b2c3d4e5f60718')).toBeNull();
    expect(classifyIdentifier('gaid', '', '00000000-0000-0000-0000-000000000000')).toBeNull();
  });

  it('grades strong shapes high and loose ones medium', () => {
    expect(classifyIdentifier('userId', '', '48151623')?.confidence).toBe('medium');
    expect(classifyIdentifier('userId', '', GUID)?.confidence).toBe('high');
  });

  it('takes the client address from X-Forwarded-For, and only real addresses', () => {
    expect(classifyIdentifier('X-Forwarded-For', '', '203.0.113.9, 10.0.0.1')?.value).toBe('203.0.113.9');
    expect(isPersonalIp('2001:db8::7')).toBe(true);
    expect(isPersonalIp('127.0.0.1')).toBe(false);
    expect(isPersonalIp('0.0.0.0')).toBe(false);
    expect(isPersonalIp('999.1.1.1')).toBe(false);
  });
});

describe('tracking cookies', () => {
  it.each([
    ['_ga', 'GA1.2.1234567890.1600000000', 'ga-client-id'],
    ['_gid', 'GA1.2.987654321.1600000001', 'cookie-id'],
    ['VISITOR_INFO1_LIVE', 'abcDEF123_x', 'cookie-id'],
    ['IDE', 'AHWqTUkz9yY1', 'cookie-id'],
    ['_fbp', 'fb.1.1596403881668.1116446470', 'cookie-id'],
    ['mp_0123abcd_mixpanel', 'xyz123456', 'cookie-id'],
    ['_ga_ABC123', 'GS1.1.1693313101.3.1.1693314156.0.0.0', 'cookie-id'],
  ])('%s', (name, value, detector) => {
    expect(classifyCookie(name, value)).toEqual({ detector, value, confidence: 'high' });
  });

  it('ignores other cookies and empty values', () => {
    expect(classifyCookie('theme', 'dark-mode-1234')).toBeNull();
    expect(classifyCookie('NID', '')).toBeNull();
    expect(classifyCookie('_ga', 'null')).toBeNull();
  });
});
