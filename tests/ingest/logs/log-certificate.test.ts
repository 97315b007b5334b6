import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_ATTRIBUTE_CHARS } from '../../../src/decode/names/x509-names.js';
import { certificateFromLog, parseDn, utf8FromLatin1 } from '../../../src/ingest/logs/log-certificate.js';
import { hasShared, runLog, runLogs, sharedFile } from './log-test-helpers.js';

describe('parseDn', () => {
  it('reads Suricata spelling, including a bare comma inside a value', () => {
    expect(parseDn('C=US, ST=California, O=Google, Inc., CN=*.google.com')).toEqual({
      o: 'Google, Inc.',
      c: 'US',
      cn: '*.google.com',
    });
    expect(parseDn('CN=*.icloud.com, OU=management:idms.group.506364, O=Apple Inc., ST=California, C=US')).toEqual({
      o: 'Apple Inc.',
      c: 'US',
      cn: '*.icloud.com',
    });
  });

  it('reads RFC 2253 spelling (Zeek/OpenSSL): escaped specials, hex-escaped UTF-8, long names and OIDs', () => {
    expect(parseDn('CN=a.example,O=Example\\, Inc.,C=DE')).toEqual({ o: 'Example, Inc.', c: 'DE', cn: 'a.example' });
    expect(parseDn('O=Soci\\C3\\A9t\\C3\\A9 G\\C3\\A9n\\C3\\A9rale,C=FR')?.o).toBe('Société Générale');
    expect(parseDn('organizationName=Acme+CN=acme.example;countryName=NL')).toEqual({
      o: 'Acme',
      c: 'NL',
      cn: 'acme.example',
    });
    expect(parseDn('2.5.4.10=Acme OID, CN=x')?.o).toBe('Acme OID');
    expect(parseDn('O="Quoted, Corp", C=US')?.o).toBe('Quoted, Corp');
    expect(parseDn('O=Emoji 😀 Ltd, C=GB')?.o).toBe('Emoji 😀 Ltd');
  });

  it('takes the first of repeated attributes and gives null for placeholders and DNs without O, C or CN', () => {
    expect(parseDn('O=First, O=Second')?.o).toBe('First');
    for (const v of [null, undefined, '', '-', '(empty)', 'OU=Only Unit', 'garbage without equals']) {
      expect(parseDn(v)).toBeNull();
    }
  });

  it('escapes control and bidi characters in values', () => {
    expect(parseDn('O=Evil\u001b[2J\u202eCorp, C=US')?.o).toBe('Evil\\x1b[2J\\u{202e}Corp');
  });

  it('never throws, and keeps values bounded', () => {
    const piece = fc.oneof(
      fc.constantFrom('O=', 'C=', 'CN=', ',', ', ', '+', ';', '\\', '\\2C', '"', '=', ' '),
      fc.string({ maxLength: 6 }),
      fc.string({ unit: 'binary', maxLength: 4 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (parts) => {
        const dn = parseDn(parts.join(''));
        if (dn !== null) {
          for (const v of [dn.o, dn.c, dn.cn])
            if (v !== null) expect(v.length).toBeLessThanOrEqual(MAX_ATTRIBUTE_CHARS * 12);
        }
      }),
      { numRuns: 3000 },
    );
  });
});

describe('certificateFromLog', () => {
  it('builds ServerCertificateInfo with the line as frame, or nothing', () => {
    expect(
      certificateFromLog('C=US, O=Google LLC, CN=www.google.com', 'C=US, O=Google Trust Services, CN=WR2', 7),
    ).toEqual({
      subjectOrg: 'Google LLC',
      subjectCountry: 'US',
      subjectCommonName: 'www.google.com',
      issuerOrg: 'Google Trust Services',
      frame: 7,
    });
    expect(certificateFromLog('-', null, 1)).toBeUndefined();
  });

  it("reads Zeek's \\xNN-escaped UTF-8 back", () => {
    expect(utf8FromLatin1('Soci\u00c3\u00a9t\u00c3\u00a9')).toBe('Société');
    expect(utf8FromLatin1('caf\u00e9')).toBe('caf\u00e9'); // not UTF-8: kept
  });
});

const ev = (o: object) => JSON.stringify(o);

describe('TLS logs fill serverCertificate', () => {
  it('Suricata EVE tls subject/issuerdn, joined to the flow event by flow_id', async () => {
    const base = { src_ip: '192.168.1.5', src_port: 50000, dest_ip: '142.250.1.1', dest_port: 443, proto: 'TCP' };
    const { records } = await runLog(
      [
        ev({
          timestamp: '2024-12-18T19:40:00.000000+0000',
          flow_id: 42,
          event_type: 'tls',
          ...base,
          tls: {
            subject: 'C=US, O=Google LLC, CN=*.google.com',
            issuerdn: 'C=US, O=Google Trust Services, CN=WR2',
            sni: 'www.google.com',
            version: 'TLS 1.2',
          },
        }),
        ev({
          timestamp: '2024-12-18T19:41:00.000000+0000',
          flow_id: 42,
          event_type: 'flow',
          ...base,
          flow: {
            pkts_toserver: 5,
            pkts_toclient: 6,
            bytes_toserver: 900,
            bytes_toclient: 7000,
            start: '2024-12-18T19:39:59.000000+0000',
            end: '2024-12-18T19:40:30.000000+0000',
            state: 'closed',
            reason: 'timeout',
          },
        }),
        ev({
          timestamp: '2024-12-18T19:42:00.000000+0000',
          flow_id: 43,
          event_type: 'tls',
          ...base,
          src_port: 50001,
          tls: { sni: 'tls13.example', version: 'TLS 1.3' },
        }),
      ].join('\n'),
    );
    const f = records.find((r) => r.clientPort === 50000);
    expect(f?.bytesIn).toBe(7000);
    expect(f?.serverCertificate).toEqual({
      subjectOrg: 'Google LLC',
      subjectCountry: 'US',
      subjectCommonName: '*.google.com',
      issuerOrg: 'Google Trust Services',
      frame: 1,
    });
    expect(records.find((r) => r.clientPort === 50001)?.serverCertificate).toBeUndefined();
  });

  it('Zeek ssl.log subject/issuer columns (before Zeek 4), joined to conn.log by uid', async () => {
    const head = (path: string, fields: string) =>
      `#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n#path\t${path}\n#fields\t${fields.split(' ').join('\t')}\n`;
    const row = (...v: string[]) => `${v.join('\t')}\n`;
    const conn =
      head(
        'conn',
        'ts uid id.orig_h id.orig_p id.resp_h id.resp_p proto duration conn_state orig_pkts orig_ip_bytes resp_pkts resp_ip_bytes',
      ) +
      row(
        '1268758221.420447',
        'C1',
        '192.168.23.129',
        '1062',
        '65.55.195.250',
        '443',
        'tcp',
        '2.5',
        'SF',
        '12',
        '1800',
        '10',
        '5800',
      );
    const ssl =
      head('ssl', 'ts uid id.orig_h id.orig_p id.resp_h id.resp_p version server_name subject issuer') +
      row(
        '1268758221.5',
        'C1',
        '192.168.23.129',
        '1062',
        '65.55.195.250',
        '443',
        'TLSv10',
        '-',
        'CN=urs.microsoft.com,OU=Windows Live Operations,O=Microsoft Corporation,L=Redmond,ST=Washington,C=US',
        'CN=Microsoft Secure Server Authority,DC=redmond,DC=corp,DC=microsoft,DC=com',
      ) +
      row(
        '1268758222.5',
        'C2',
        '192.168.23.129',
        '1063',
        '65.55.195.251',
        '443',
        'TLSv12',
        'x.example',
        'O=Caf\\xc3\\xa9 GmbH\\x5c2C Ltd,C=DE',
        '-',
      );
    const { records } = await runLogs([
      { name: 'conn.log', data: conn },
      { name: 'ssl.log', data: ssl },
    ]);
    expect(records.find((r) => r.clientPort === 1062)?.serverCertificate).toEqual({
      subjectOrg: 'Microsoft Corporation',
      subjectCountry: 'US',
      subjectCommonName: 'urs.microsoft.com',
      issuerOrg: null,
      frame: 7,
    });
    expect(records.find((r) => r.clientPort === 1063)?.serverCertificate?.subjectOrg).toBe('Café GmbH, Ltd');
  });

  it.skipIf(!hasShared('zeek', 'chad314159_infectedPCAP__ssl.log'))(
    'reads the shared Bro 2.5 ssl.log and EVE samples',
    async () => {
      const zeek = await runLogs(
        await Promise.all(
          ['conn.log', 'ssl.log'].map(async (n) => ({
            name: n,
            data: await sharedFile('zeek', `chad314159_infectedPCAP__${n}`),
          })),
        ),
      );
      const ms = zeek.records.find((r) => r.server === '65.55.195.250' && r.serverCertificate !== undefined);
      expect(ms?.serverCertificate?.subjectOrg).toBe('Microsoft Corporation');
      const eve = await runLog(await sharedFile('suricata-eve', 'elastic_beats__eve-small.log'));
      const apple = eve.records.find((r) => r.serverCertificate !== undefined);
      expect(apple?.serverCertificate).toMatchObject({
        subjectOrg: 'Apple Inc.',
        subjectCountry: 'US',
        issuerOrg: 'Apple Inc.',
      });
    },
  );
});
