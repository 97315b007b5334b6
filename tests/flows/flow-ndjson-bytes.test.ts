/**
 * flowToNdjson writes by template, not JSON.stringify: every line must be byte-for-byte JSON.stringify of the
 * record with its keys in the documented order (the NDJSON contract the golden tests pin), whatever the strings
 * hold (quotes, backslashes, control characters, U+2028, lone surrogates, non-ASCII) and whichever values repeat
 * from one record to the next (the repeating columns remember their last JSON).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flowToNdjson, writeFlowNdjson } from '../../src/flows/flow-ndjson.js';
import type { FlowName, FlowRecord } from '../../src/flows/flow-record.js';

/** The key order of docs/inputs.md "Flow records", optional keys left out when undefined. */
function canonical(r: FlowRecord): unknown {
  const name = (n: FlowName) => ({
    name: n.name,
    via: n.via,
    frame: n.frame,
    cnameChain: n.cnameChain,
    unicode: n.unicode,
    suspicious: n.suspicious,
  });
  return {
    proto: r.proto,
    ipProto: r.ipProto,
    client: r.client,
    clientPort: r.clientPort,
    server: r.server,
    serverPort: r.serverPort,
    firstSeen: r.firstSeen,
    lastSeen: r.lastSeen,
    packetsOut: r.packetsOut,
    packetsIn: r.packetsIn,
    bytesOut: r.bytesOut,
    bytesIn: r.bytesIn,
    rttMs: r.rttMs,
    tcpFlags: r.tcpFlags,
    endReason: r.endReason,
    tunnelDepth: r.tunnelDepth,
    names: r.names.map(name),
    source: { file: r.source.file, firstFrame: r.source.firstFrame, line: r.source.line, format: r.source.format },
    alpn: r.alpn,
    tlsVersions: r.tlsVersions,
    ech: r.ech,
    serverCertificate:
      r.serverCertificate === undefined
        ? undefined
        : {
            subjectOrg: r.serverCertificate.subjectOrg,
            subjectCountry: r.serverCertificate.subjectCountry,
            subjectCommonName: r.serverCertificate.subjectCommonName,
            issuerOrg: r.serverCertificate.issuerOrg,
            frame: r.serverCertificate.frame,
          },
    http: r.http === undefined ? undefined : { method: r.http.method, path: r.http.path },
    pii: r.pii,
    process: r.process,
    action: r.action,
    bytesTotal: r.bytesTotal,
  };
}

/** Strings built from the characters JSON must escape, and some it must not. */
const HOSTILE = ['"', '\\', '\u0000', '\u001f', '\u007f', '\u2028', '\u2029', '\ud800', '\udfff', 'é', '😀', '\n', 'a'];
const hostile = fc.string({
  unit: fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })),
  maxLength: 12,
});
/** Few distinct values, so records in a row repeat them (the memoised columns). */
const pooled = fc.oneof(fc.constantFrom('', 'allow', 'drop', 'SAF', 'windows-firewall', 'a"b', 'fin'), hostile);
const number = fc.oneof(fc.nat(), fc.constantFrom(-0, 1e21, 0.5, Number.NaN, Number.POSITIVE_INFINITY));

const name = fc.record(
  {
    name: hostile,
    via: fc.constantFrom('sni', 'dns', 'http-host'),
    frame: fc.nat(),
    cnameChain: fc.array(hostile, { maxLength: 2 }),
    unicode: hostile,
    suspicious: hostile,
  },
  { requiredKeys: ['name', 'via', 'frame'] },
);

const processObject = fc.oneof(
  fc.record({ pid: number }),
  fc.record({ image: hostile, pid: fc.nat(), user: hostile }, { requiredKeys: [] }),
  fc.record({ user: hostile, pid: fc.nat() }),
);

const record = fc.record(
  {
    proto: fc.constantFrom('tcp', 'udp', 'icmp', 'icmpv6', 'other'),
    ipProto: fc.nat(255),
    client: hostile,
    clientPort: fc.nat(65535),
    server: hostile,
    serverPort: fc.nat(65535),
    firstSeen: pooled,
    lastSeen: pooled,
    packetsOut: fc.option(number),
    packetsIn: fc.option(number),
    bytesOut: fc.option(number),
    bytesIn: fc.option(number),
    rttMs: fc.option(fc.double()),
    tcpFlags: pooled,
    endReason: pooled,
    tunnelDepth: fc.nat(4),
    names: fc.array(name, { maxLength: 3 }),
    source: fc.record({ file: pooled, firstFrame: fc.nat(), line: number, format: pooled }, { requiredKeys: ['file'] }),
    alpn: fc.array(hostile, { maxLength: 2 }),
    tlsVersions: fc.array(fc.constantFrom('1.2', '1.3'), { maxLength: 2 }),
    ech: fc.boolean(),
    serverCertificate: fc.record({
      subjectOrg: fc.option(hostile),
      subjectCountry: fc.option(hostile),
      subjectCommonName: fc.option(hostile),
      issuerOrg: fc.option(hostile),
      frame: number,
    }),
    http: fc.record({ method: hostile, path: hostile }),
    pii: fc.array(
      fc.record({
        kind: fc.constantFrom('email', 'phone'),
        detector: hostile,
        field: hostile,
        excerpt: hostile,
        confidence: fc.constantFrom('high', 'low'),
      }),
      { maxLength: 1 },
    ),
    process: processObject,
    action: pooled,
    bytesTotal: fc.nat(),
  },
  {
    requiredKeys: [
      'proto',
      'ipProto',
      'client',
      'clientPort',
      'server',
      'serverPort',
      'firstSeen',
      'lastSeen',
      'packetsOut',
      'packetsIn',
      'bytesOut',
      'bytesIn',
      'rttMs',
      'tcpFlags',
      'endReason',
      'tunnelDepth',
      'names',
      'source',
    ],
  },
) as fc.Arbitrary<FlowRecord>;

/** A log's flow record (no counters, a process id, an action); `over` replaces whole fields. */
function logRecord(over: Partial<FlowRecord>): FlowRecord {
  return {
    proto: 'udp',
    ipProto: 17,
    client: '10.0.0.1',
    clientPort: 5,
    server: '10.0.0.2',
    serverPort: 53,
    firstSeen: '2026-03-29T01:00:00.000000Z',
    lastSeen: '2026-03-29T01:00:00.000000Z',
    packetsOut: null,
    packetsIn: null,
    bytesOut: null,
    bytesIn: null,
    rttMs: null,
    tcpFlags: '',
    endReason: 'allow',
    tunnelDepth: 0,
    names: [],
    source: { file: 'C:\\logs\\pfirewall.log', line: 7, format: 'windows-firewall' },
    process: { pid: 4 },
    action: 'allow',
    ...over,
  };
}

describe('flowToNdjson bytes', () => {
  it('equals JSON.stringify in the documented key order, record after record', () => {
    fc.assert(
      fc.property(fc.array(record, { minLength: 1, maxLength: 8 }), (records) => {
        for (const r of records) expect(flowToNdjson(r)).toBe(`${JSON.stringify(canonical(r))}\n`);
      }),
      { numRuns: 500 },
    );
  });

  it('writes lone surrogates and U+2028 escaped exactly as JSON.stringify does', () => {
    const base = logRecord({
      proto: 'tcp',
      ipProto: 6,
      clientPort: 1,
      server: '\ud800"\u2028',
      serverPort: 2,
      firstSeen: 't',
      lastSeen: 't',
      source: { file: 'a\\b', line: 3 },
    });
    const line = flowToNdjson(base);
    expect(line).toContain('"server":"\\ud800\\"\u2028"');
    expect(line).toContain('"source":{"file":"a\\\\b","line":3}');
    expect(line).toContain('"process":{"pid":4}');
    expect(line).toBe(`${JSON.stringify(canonical(base))}\n`);
    // An extra key on process is kept, as JSON.stringify keeps it.
    const extra = { ...base, process: Object.assign({ pid: 4 }, { tag: 'x' }) };
    expect(flowToNdjson(extra)).toContain('"process":{"pid":4,"tag":"x"}');
  });
});

describe('writeFlowNdjson', () => {
  /** The line and the ASCII promise writeFlowNdjson gives the sink. */
  const written = (r: FlowRecord): { text: string; ascii: boolean } => {
    const got: { text: string; ascii: boolean }[] = [];
    writeFlowNdjson({ write: (text, ascii) => got.push({ text, ascii: ascii === true }) }, r);
    expect(got).toHaveLength(1);
    return got[0] ?? { text: '', ascii: false };
  };

  it('writes the line of flowToNdjson and promises ASCII only when it is, record after record', () => {
    fc.assert(
      fc.property(fc.array(record, { minLength: 1, maxLength: 8 }), (records) => {
        for (const r of records) {
          const { text, ascii } = written(r);
          expect(text).toBe(flowToNdjson(r));
          // The promise lets the sink write Latin-1: that must give the UTF-8 bytes.
          if (ascii) expect(Buffer.from(text, 'latin1').equals(Buffer.from(text, 'utf8'))).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('promises ASCII for a log record with escapes, not after a wide file name, and again after', () => {
    const base = logRecord({});
    expect(written(base).ascii).toBe(true);
    const wide = { ...base, source: { ...base.source, file: 'journal-é.log' } };
    // Twice: the second line takes the file's JSON from the repeat cache, which must remember it is wide.
    expect(written(wide).ascii).toBe(false);
    expect(written(wide).ascii).toBe(false);
    expect(written(base).ascii).toBe(true);
    expect(
      written({ ...base, names: [{ name: 'xn--caf-dma.example', unicode: 'café.example', via: 'dns', frame: 3 }] })
        .ascii,
    ).toBe(false);
    expect(written({ ...base, process: { pid: 4, image: 'C:\\x.exe' } }).ascii).toBe(false);
  });
});
