/** FlowDetails: the order and bound of a flow's names. */
import { describe, expect, it } from 'vitest';
import { FlowColumns, HOT_I32, I_C0, I_META, I_PORTS, I_S0, META_V6 } from '../../src/flows/flow-columns.js';
import { FlowDetails } from '../../src/flows/flow-details.js';

describe('FlowDetails.addName', () => {
  it('puts names the client sent before DNS names, drops repeats, keeps at most 32', () => {
    const c = new FlowColumns();
    const flow = new FlowDetails(c, c.allocate());
    flow.addName({ name: 'd1.example', via: 'dns', frame: 1 });
    flow.addName({ name: 'd2.example', via: 'dns', frame: 2 });
    flow.addName({ name: 's.example', via: 'sni', frame: 3 });
    flow.addName({ name: 'd1.example', via: 'dns', frame: 4 });
    flow.addName({ name: 'h.example', via: 'http-host', frame: 5 });
    expect(flow.names.map((n) => `${n.via}:${n.name}`)).toEqual([
      'sni:s.example',
      'http-host:h.example',
      'dns:d1.example',
      'dns:d2.example',
    ]);
    for (let i = 0; i < 40; i++) flow.addName({ name: `n${i}.example`, via: 'dns', frame: 10 + i });
    expect(flow.names).toHaveLength(32);
  });
});

describe('FlowDetails addresses, ports and first frame', () => {
  it('reads them from the slot, spells the addresses only when asked and keeps them, and starts over on reuse', () => {
    const c = new FlowColumns();
    const slot = c.allocate();
    c.i32[slot * HOT_I32 + I_C0] = 0x0a000005;
    c.i32[slot * HOT_I32 + I_S0] = 0xc0000201 | 0;
    c.i32[slot * HOT_I32 + I_PORTS] = (50000 << 16) | 443;
    c.firstFrame[slot] = 7;
    const flow = new FlowDetails(c, slot);
    expect([flow.client, flow.clientPort, flow.server, flow.serverPort, flow.firstFrame]).toEqual([
      '10.0.0.5',
      50000,
      '192.0.2.1',
      443,
      7,
    ]);
    // Kept once spelt: later changes to the slot (another flow's, once this one ended) do not show.
    c.i32[slot * HOT_I32 + I_S0] = 0x01020304;
    expect(flow.server).toBe('192.0.2.1');
    // Reused for another slot: everything the old flow had is gone, the new slot's values read.
    flow.addName({ name: 'old.example', via: 'sni', frame: 1 });
    flow.alpn = ['h2'];
    const other = c.allocate();
    c.i32[other * HOT_I32 + I_S0] = 0x08080808;
    expect(flow.reuse(other)).toBe(flow);
    expect([flow.names, flow.alpn, flow.server, flow.firstFrame]).toEqual([[], undefined, '8.8.8.8', 0]);
  });

  it('spells IPv6 addresses from the slot’s words', () => {
    const c = new FlowColumns();
    const slot = c.allocate();
    c.i32[slot * HOT_I32 + I_META] = (c.i32[slot * HOT_I32 + I_META] ?? 0) | META_V6;
    c.i32[slot * HOT_I32 + I_C0] = 0x20010db8;
    c.i32[slot * HOT_I32 + I_S0] = 0x20010db8;
    c.v6Words.set([0, 0, 1, 0, 0, 2], slot * 6);
    const flow = new FlowDetails(c, slot);
    expect([flow.client, flow.server]).toEqual(['2001:db8::1', '2001:db8::2']);
  });
});
