import { describe, expect, it } from 'vitest';
import { inspectExchange, MAX_FINDINGS_PER_EXCHANGE } from '../../../src/payload/content/inspect-exchange.js';
import { exchange, inspect, linesOf } from './exchange-builder.js';

const GUID = '3F2504E0-4F89-11D3-9A0C-0305E82C3301';

describe('where findings are named', () => {
  it('reads the path and each query parameter, percent-decoded', () => {
    expect(
      linesOf({ path: `/users/jan%40example.nl/files?uid=u-47110815&to=piet%40example.nl&deviceId=${GUID}` }),
    ).toEqual([
      'path | email | jan@example.nl',
      'query uid | user-id | u-47110815',
      'query to | email | piet@example.nl',
      `query deviceId | device-id | ${GUID}`,
    ]);
  });

  it('reads request headers but not the benign ones, and ids inside a User-Agent', () => {
    const found = linesOf({
      headers: [
        ['Host', 'jan@example.nl'],
        ['Accept-Language', 'nl-NL'],
        [':authority', 'piet@example.nl'],
        ['User-Agent', `Contoso/2.1 (iPhone; iOS 17.2; deviceId=${GUID})`],
        ['X-Device-Id', 'a1b2c3d4e5f60718293a4b5c6d7e8f90'],
        ['X-User-Email', 'kees@example.nl'],
        ['Referer', 'https://shop.example/account?mail=marie%40example.nl'],
      ],
    });
    expect(found).toEqual([
      `header User-Agent | device-id | ${GUID}`,
      'header X-Device-Id | device-id | a1b2c3d4e5f60718293a4b5c6d7e8f90',
      'header X-User-Email | email | kees@example.nl',
      'header Referer | email | marie@example.nl',
    ]);
  });

  it('reads each cookie of every Cookie header by name', () => {
    const found = linesOf({
      headers: [
        ['Cookie', '_ga=GA1.2.1234567890.1600000000; theme=dark; VISITOR_INFO1_LIVE=abcDEF123_x'],
        ['cookie', 'MUID=0A1B2C3D4E5F60718293A4B5C6D7E8F9; ajs_anonymous_id="507f191e-810c-4c1c-8d2a-2b7a0c1b9e3f"'],
        ['Cookie', 'NID=511=ZZZ123abc; _ga_ABC123=GS1.1.1693313101.3.1.1693314156.0.0.0; lang=nl'],
      ],
    });
    expect(found).toEqual([
      'cookie _ga | ga-client-id | GA1.2.1234567890.1600000000',
      'cookie VISITOR_INFO1_LIVE | cookie-id | abcDEF123_x',
      'cookie MUID | cookie-id | 0A1B2C3D4E5F60718293A4B5C6D7E8F9',
      'cookie ajs_anonymous_id | cookie-id | 507f191e-810c-4c1c-8d2a-2b7a0c1b9e3f',
      'cookie NID | cookie-id | 511=ZZZ123abc',
      'cookie _ga_ABC123 | cookie-id | GS1.1.1693313101.3.1.1693314156.0.0.0',
    ]);
  });

  it('decodes JSON inside a cookie, a parameter or a token, one level deep', () => {
    const mixpanel = encodeURIComponent(JSON.stringify({ distinct_id: 'user-777', $device_id: '18a1b2c3d4e5f6' }));
    const twice = Buffer.from(JSON.stringify({ inner: Buffer.from('{"email":"x@y.nl"}').toString('base64') })).toString(
      'base64',
    );
    const jwt = ['{"alg":"RS256","typ":"JWT"}', '{"upn":"jan@contoso.com","exp":1700000000}']
      .map((s) => Buffer.from(s).toString('base64url'))
      .join('.');
    const found = linesOf({
      path: `/e?ctx=${encodeURIComponent('{"user":{"id":"u-123456"}}')}&blob=${encodeURIComponent(twice)}`,
      headers: [
        ['Cookie', `mp_0123abcd_mixpanel=${mixpanel}`],
        ['Authorization', `Bearer ${jwt}.c2lnbmF0dXJl`],
      ],
    });
    expect(found).toEqual([
      'query ctx.user.id | user-id | u-123456',
      'header Authorization.upn | email | jan@contoso.com',
      'header Authorization.upn | user-name | jan@contoso.com',
      'cookie mp_0123abcd_mixpanel.distinct_id | user-id | user-777',
      'cookie mp_0123abcd_mixpanel.$device_id | device-id | 18a1b2c3d4e5f6',
    ]);
  });
});

describe('what is reported', () => {
  it('masks values unless asked to show them', () => {
    const x = exchange({ path: '/c?email=jan.jansen@example.nl&uid=u-47110815' });
    const masked = inspectExchange(x, { showValues: false, internalSuffixes: [] });
    expect(masked.map((f) => f.excerpt)).toEqual(['j***@e***.nl', 'u***5']);
    expect(masked[0]).toEqual({
      kind: 'email',
      detector: 'email',
      field: 'query email',
      excerpt: 'j***@e***.nl',
      confidence: 'high',
    });
  });

  it('uses the organisation suffixes for internal host names', () => {
    const x = exchange({ path: '/c?server=fs01.gemeente-intern.nl' });
    expect(inspectExchange(x, { showValues: true, internalSuffixes: ['gemeente-intern.nl'] })).toEqual([
      {
        kind: 'internal-host',
        detector: 'internal-host',
        field: 'query server',
        excerpt: 'fs01.gemeente-intern.nl',
        confidence: 'high',
      },
    ]);
  });

  it('reports a value once per kind and field, whatever its array position', () => {
    const events = [0, 1, 2].map((i) => ({ user: { email: 'jan@example.nl', id: 'u-47110815' }, seq: i }));
    expect(linesOf({ contentType: 'application/json', body: { events } })).toEqual([
      'body.events[0].user.email | email | jan@example.nl',
      'body.events[0].user.id | user-id | u-47110815',
    ]);
  });

  it('says an id once where the name-based PII detectors would say it again', () => {
    // device-id-parameter and user-name-parameter agree with the identifier: one finding each.
    expect(linesOf({ path: `/t?deviceid=${GUID}&uid=u-47110815&username=jdoe` })).toEqual([
      `query deviceid | device-id | ${GUID}`,
      'query uid | user-id | u-47110815',
      'query username | user-name | jdoe',
    ]);
  });

  it('is bounded per exchange', () => {
    const emails = Array.from({ length: 1000 }, (_, i) => `person${i}@example.nl`);
    const found = inspect({ contentType: 'application/json', body: { emails } });
    expect(found).toHaveLength(MAX_FINDINGS_PER_EXCHANGE);
  });

  it('does not report ids without a telling name, nor placeholders', () => {
    expect(
      linesOf({
        path: `/x?requestId=${GUID}&trace=${GUID}&uid=null&cid=0&gaid=00000000-0000-0000-0000-000000000000&adid=12345&sid=`,
        headers: [['X-Request-Id', GUID]],
      }),
    ).toEqual([]);
  });

  it('does not take URL user info for an e-mail address', () => {
    expect(linesOf({ body: { dsn: 'https://abc123@o1.ingest.sentry.io/42' } })).toEqual([]);
  });
});
