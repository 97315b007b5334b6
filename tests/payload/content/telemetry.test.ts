import { describe, expect, it } from 'vitest';
import { inspect, linesOf } from './exchange-builder.js';

const GUID = '3F2504E0-4F89-11D3-9A0C-0305E82C3301';

function csEvent(name: string, ext: Record<string, unknown>, data: Record<string, unknown> = {}): string {
  return JSON.stringify({ ver: '4.0', name, time: '2024-05-01T10:00:00.000Z', iKey: 'o:0123abcd', ext, data });
}

describe('Microsoft 1DS / Common Schema', () => {
  const body = [
    csEvent(
      'Office.System.Activity',
      {
        device: { localId: `s:${GUID}`, deviceClass: 'Windows.Desktop' },
        user: { localId: 'm:0123456789ABCDEF' },
        app: { sesId: '8a9b0c1d-2e3f-4a5b-8c7d-9e0f1a2b3c4d', name: 'Word' },
        os: { name: 'Windows', ver: '10.0.19045' },
        sdk: { installId: 'b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e', seq: 12 },
      },
      { Path: 'C:\\Users\\jan\\Documents\\offerte.docx', Upn: 'jan@contoso.nl' },
    ),
    csEvent('Office.System.Idle', { device: { localId: `s:${GUID}` } }),
  ].join('\n');

  it('names the ids of x-json-stream events by their Common Schema paths', () => {
    expect(linesOf({ contentType: 'application/x-json-stream', body })).toEqual([
      `body[0].ext.device.localId | 1ds-device-id | s:${GUID}`,
      'body[0].ext.user.localId | 1ds-user-id | m:0123456789ABCDEF',
      'body[0].ext.app.sesId | 1ds-session-id | 8a9b0c1d-2e3f-4a5b-8c7d-9e0f1a2b3c4d',
      'body[0].ext.sdk.installId | 1ds-install-id | b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e',
      'body[0].data.Path | windows-profile-path | jan',
      'body[0].data.Upn | email | jan@contoso.nl',
      'body[0].data.Upn | user-name | jan@contoso.nl',
    ]);
  });

  it('recognises the events by shape, whatever the content type', () => {
    const found = linesOf({ contentType: 'application/bond-compact-binary', body: body.replace('\n', '\r\n') });
    expect(found[0]).toBe(`body[0].ext.device.localId | 1ds-device-id | s:${GUID}`);
  });

  it('reads Application Insights envelopes in a JSON array', () => {
    const envelopes = [
      {
        name: 'Microsoft.ApplicationInsights.0123.Event',
        time: '2024-05-01T10:00:00.000Z',
        iKey: '01234567-89ab-cdef-0123-456789abcdef',
        tags: { 'ai.user.id': 'kU3xPq9Rz2bT', 'ai.session.id': 'a1B2c3D4e5F6', 'ai.location.ip': '198.51.100.7' },
        data: { baseType: 'EventData' },
      },
    ];
    expect(linesOf({ contentType: 'application/json', body: envelopes })).toEqual([
      'body[0].tags["ai.user.id"] | appinsights-user-id | kU3xPq9Rz2bT',
      'body[0].tags["ai.session.id"] | appinsights-session-id | a1B2c3D4e5F6',
      'body[0].tags["ai.location.ip"] | ip-address | 198.51.100.7',
    ]);
  });
});

describe('Google Analytics', () => {
  it('reads a Universal Analytics hit in the query', () => {
    const dl = encodeURIComponent('https://shop.example/checkout?email=jan%40example.nl');
    expect(
      linesOf({
        path: `/collect?v=1&_v=j101&tid=UA-12345-1&cid=1234567890.1600000000&uid=cust-000042&_gid=987654321.1600000001&dl=${dl}`,
      }),
    ).toEqual([
      'query cid | ga-client-id | 1234567890.1600000000',
      'query uid | ga-user-id | cust-000042',
      'query _gid | ga-client-id | 987654321.1600000001',
      'query dl | email | jan@example.nl',
    ]);
  });

  it('reads a GA4 /g/collect request: ids in the query, events in the body lines', () => {
    const found = linesOf({
      path: '/g/collect?v=2&tid=G-ABCDEF1234&cid=1234567890.1600000000&sid=1700000000&uid=cust-000042',
      contentType: 'text/plain;charset=UTF-8',
      body: 'en=page_view&_et=12\r\nen=login&ep.user_id=cust-000042&ep.method=email',
    });
    expect(found).toEqual([
      'query cid | ga-client-id | 1234567890.1600000000',
      'query sid | ga-session-id | 1700000000',
      'query uid | ga-user-id | cust-000042',
      'body[1] ep.user_id | user-id | cust-000042',
    ]);
  });

  it('reads a batch of Measurement Protocol hits, one per line', () => {
    const body = [
      'v=1&tid=UA-12345-1&cid=555.1600000000&t=pageview',
      'v=1&tid=UA-12345-1&cid=666.1600000001&uid=42424242&t=event',
    ].join('\n');
    expect(linesOf({ path: '/batch', body })).toEqual([
      'body[0] cid | ga-client-id | 555.1600000000',
      'body[1] cid | ga-client-id | 666.1600000001',
      'body[1] uid | ga-user-id | 42424242',
    ]);
  });

  it("does not take another service's cid for a Google Analytics one", () => {
    // (assess/pii's device-id-parameter detector still reads any cid as a device id, at medium confidence.)
    expect(inspect({ path: '/x?cid=campaign-2024&tid=7' }).filter((f) => f.kind === 'identifier')).toEqual([]);
    expect(linesOf({ path: '/x?cid=1234567890.1600000000' })).toEqual([
      'query cid | client-id | 1234567890.1600000000',
    ]);
  });
});

describe('Sentry envelopes', () => {
  const event = {
    event_id: '9ec79c33ec9942ab8353589fcb2e04dc',
    platform: 'javascript',
    user: { id: 'user-12345', email: 'jan@example.nl', ip_address: '{{auto}}', username: 'jjansen' },
    contexts: { device: { model: 'iPhone14,2', id: GUID } },
  };
  const session = {
    sid: '7c7b6e3a-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
    did: 'user-12345',
    status: 'ok',
    attrs: { ip_address: '203.0.113.9' },
  };
  const sessionText = JSON.stringify(session);
  const envelope = [
    JSON.stringify({
      event_id: event.event_id,
      sent_at: '2024-05-01T10:00:00.000Z',
      dsn: 'https://pk@o1.ingest.sentry.io/1',
    }),
    JSON.stringify({ type: 'event' }),
    JSON.stringify(event),
    JSON.stringify({ type: 'session', length: Buffer.byteLength(sessionText) }),
    sessionText,
    JSON.stringify({ type: 'attachment', length: 22, filename: 'log.txt' }),
    'mail: marie@example.nl',
  ].join('\n');
  const expected = [
    'body.event.user.id | sentry-user-id | user-12345',
    `body.event.contexts.device.id | sentry-device-id | ${GUID}`,
    'body.event.user.email | email | jan@example.nl',
    'body.event.user.username | user-name | jjansen',
    'body.session.did | sentry-user-id | user-12345',
    'body.session.sid | sentry-session-id | 7c7b6e3a-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
    'body.session.attrs.ip_address | ip-address | 203.0.113.9',
    'body.attachment | email | marie@example.nl',
  ];

  it('reads every item of a declared envelope', () => {
    expect(linesOf({ contentType: 'application/x-sentry-envelope', body: envelope })).toEqual(expected);
  });

  it('recognises an envelope sent as text/plain', () => {
    expect(linesOf({ contentType: 'text/plain;charset=UTF-8', body: envelope })).toEqual(expected);
  });

  it('reads a bare event sent to the store endpoint', () => {
    expect(linesOf({ path: '/api/1/store/', contentType: 'application/json', body: event })).toEqual([
      'body.user.id | sentry-user-id | user-12345',
      `body.contexts.device.id | sentry-device-id | ${GUID}`,
      'body.user.email | email | jan@example.nl',
      'body.user.username | user-name | jjansen',
    ]);
  });
});

describe('Segment', () => {
  it('reads the calls of a batch', () => {
    const body = {
      batch: [
        {
          type: 'identify',
          userId: 'u_98765432',
          anonymousId: '507f191e-810c-4c1c-8d2a-2b7a0c1b9e3f',
          traits: { email: 'jan@example.nl', plan: 'pro' },
          context: { ip: '198.51.100.23', device: { advertisingId: '6D92078A-8246-4BA4-AE5B-76104861E7DC' } },
        },
        { type: 'track', event: 'Clicked', anonymousId: '507f191e-810c-4c1c-8d2a-2b7a0c1b9e3f' },
      ],
      writeKey: 'wk_abcdef0123',
    };
    expect(linesOf({ path: '/v1/batch', contentType: 'application/json', body })).toEqual([
      'body.batch[0].userId | segment-user-id | u_98765432',
      'body.batch[0].anonymousId | segment-anonymous-id | 507f191e-810c-4c1c-8d2a-2b7a0c1b9e3f',
      'body.batch[0].context.ip | ip-address | 198.51.100.23',
      'body.batch[0].context.device.advertisingId | advertising-id | 6D92078A-8246-4BA4-AE5B-76104861E7DC',
      'body.batch[0].traits.email | email | jan@example.nl',
    ]);
  });
});

describe('Mixpanel', () => {
  const events = [
    {
      event: 'Viewed Page',
      properties: {
        token: 'f0e1d2c3b4a5',
        distinct_id: '$device:18a2b3c4d5e6f7',
        $device_id: '18a2b3c4d5e6f7',
        $user_id: 'jan@example.nl',
      },
    },
  ];
  const data = Buffer.from(JSON.stringify(events)).toString('base64');
  const expected = (where: string) => [
    `${where} data[0].properties.distinct_id | mixpanel-distinct-id | $device:18a2b3c4d5e6f7`,
    `${where} data[0].properties.$device_id | mixpanel-device-id | 18a2b3c4d5e6f7`,
    `${where} data[0].properties.$user_id | mixpanel-user-id | jan@example.nl`,
    `${where} data[0].properties.$user_id | email | jan@example.nl`,
  ];

  it('decodes the base64 data parameter of the query', () => {
    expect(linesOf({ path: `/track/?data=${encodeURIComponent(data)}&ip=1` })).toEqual(expected('query'));
  });

  it('decodes the data field of a form body', () => {
    const body = `data=${encodeURIComponent(data)}&verbose=1`;
    expect(linesOf({ path: '/track/', contentType: 'application/x-www-form-urlencoded', body })).toEqual(
      expected('body'),
    );
  });

  it('reads profile updates', () => {
    const engage = { $token: 'f0e1d2c3b4a5', $distinct_id: 'cust-000042', $set: { $email: 'piet@example.nl' } };
    expect(linesOf({ path: `/engage/?data=${Buffer.from(JSON.stringify(engage)).toString('base64url')}` })).toEqual([
      'query data.$distinct_id | mixpanel-distinct-id | cust-000042',
      'query data.$set.$email | email | piet@example.nl',
    ]);
  });
});
