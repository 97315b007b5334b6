import { describe, expect, it } from 'vitest';
import { MAX_JSON_WALK_DEPTH } from '../../../src/payload/content/json-walk.js';
import { linesOf } from './exchange-builder.js';

const GUID = '3F2504E0-4F89-11D3-9A0C-0305E82C3301';

describe('request bodies', () => {
  it('walks JSON with field paths', () => {
    const body = { ext: { device: { localId: GUID } }, list: [{ events: [{ name: 'a', mail: 'jan@example.nl' }] }] };
    expect(linesOf({ contentType: 'application/json', body })).toEqual([
      `body.ext.device.localId | device-id | ${GUID}`,
      'body.list[0].events[0].mail | email | jan@example.nl',
    ]);
  });

  it('quotes keys that are not plain names', () => {
    expect(linesOf({ body: { 'user info': { 'e.mail': 'jan@example.nl' } } })).toEqual([
      'body["user info"]["e.mail"] | email | jan@example.nl',
    ]);
  });

  it('sniffs JSON sent as text/plain (sendBeacon) and reads numeric ids', () => {
    expect(linesOf({ contentType: 'text/plain;charset=UTF-8', body: '{"userId": 48151623}' })).toEqual([
      'body.userId | user-id | 48151623',
    ]);
  });

  it('reads NDJSON one document per line, a bad line as text', () => {
    const body = [
      JSON.stringify({ a: 1 }),
      '',
      JSON.stringify({ user: { id: 'u-47110815' } }),
      'not json but jan@example.nl',
      JSON.stringify([{ events: [{ name: 'piet@example.nl' }] }]),
    ].join('\n');
    expect(linesOf({ contentType: 'application/x-ndjson', body })).toEqual([
      'body[2].user.id | user-id | u-47110815',
      'body[3] | email | jan@example.nl',
      'body[4][0].events[0].name | email | piet@example.nl',
    ]);
  });

  it('reads a urlencoded form, by type or by shape', () => {
    const expected = ['body uid | user-id | u-47110815', 'body email | email | jan@example.nl'];
    const body = 'uid=u-47110815&email=jan%40example.nl&x=';
    expect(linesOf({ contentType: 'application/x-www-form-urlencoded', body })).toEqual(expected);
    expect(linesOf({ body })).toEqual(expected);
  });

  it('reads the text parts of multipart/form-data', () => {
    const body = [
      '--b0undary',
      'Content-Disposition: form-data; name="email"',
      '',
      'kees@example.nl',
      '--b0undary',
      'Content-Disposition: form-data; name="meta"',
      'Content-Type: application/json',
      '',
      `{"deviceId":"${GUID}"}`,
      '--b0undary',
      'Content-Disposition: form-data; name="upload"; filename="photo.jpg"',
      'Content-Type: image/jpeg',
      '',
      'marie@example.nl',
      '--b0undary--',
      '',
    ].join('\r\n');
    expect(linesOf({ contentType: 'multipart/form-data; boundary="b0undary"', body })).toEqual([
      'body email | email | kees@example.nl',
      `body meta.deviceId | device-id | ${GUID}`,
    ]);
  });

  it('searches text and binary bodies as text, all of it', () => {
    const protobuf = Buffer.concat([
      Buffer.from([0x0a, 0x14]),
      Buffer.from('stanley@example.com'),
      Buffer.from([0x10, 0x63, 0x18, 0x01, 0xff, 0xfe]),
    ]);
    expect(linesOf({ contentType: 'application/octet-stream', body: protobuf })).toEqual([
      'body | email | stanley@example.com',
    ]);
    const long = `${'x '.repeat(300_000)}late@example.nl`;
    expect(linesOf({ contentType: 'text/plain', body: long })).toEqual(['body | email | late@example.nl']);
  });

  it('stops at the walk depth limit', () => {
    let deep: unknown = { email: 'deep@example.nl' };
    for (let i = 0; i < MAX_JSON_WALK_DEPTH + 5; i++) deep = { d: deep };
    expect(linesOf({ contentType: 'application/json', body: { email: 'top@example.nl', deep } })).toEqual([
      'body.email | email | top@example.nl',
    ]);
  });
});
