/** FlowDetails: the order and bound of a flow's names. */
import { describe, expect, it } from 'vitest';
import { FlowColumns, HOT_I32, I_C0, I_META, I_S0, META_V6 } from '../../src/flows/flow-columns.js';
import { FlowDetails } from '../../src/flows/flow-details.js';

describe('FlowDetails.addName', () => {
  it('puts names the client sent before DNS names, drops repeats, keeps at most 32', () => {
    const flow = new FlowDetails('tcp', '10.0.0.1', 50000, '192.0.2.1', 443, 1);
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

describe('FlowDetails addresses', () => {
  it('spells them from the columns only when asked, then keeps them; given texts are used as they are', () => {
    const c = new FlowColumns();
    const slot = c.allocate();
    c.i32[slot * HOT_I32 + I_C0] = 0x0a000005;
    c.i32[slot * HOT_I32 + I_S0] = 0xc0000201 | 0;
    const lazy = new FlowDetails('tcp', null, 50000, null, 443, 1, c, slot);
    expect(lazy.client).toBe('10.0.0.5');
    expect(lazy.server).toBe('192.0.2.1');
    // Kept once spelt: later changes to the slot (another flow's, once this one ended) do not show.
    c.i32[slot * HOT_I32 + I_S0] = 0x01020304;
    expect(lazy.server).toBe('192.0.2.1');
    const given = new FlowDetails('udp', '10.0.0.1', 1, '2001:db8::1', 2, 1);
    expect([given.client, given.server]).toEqual(['10.0.0.1', '2001:db8::1']);
  });

  it('spells IPv6 addresses from the slot’s words', () => {
    const c = new FlowColumns();
    const slot = c.allocate();
    c.i32[slot * HOT_I32 + I_META] = (c.i32[slot * HOT_I32 + I_META] ?? 0) | META_V6;
    c.i32[slot * HOT_I32 + I_C0] = 0x20010db8;
    c.i32[slot * HOT_I32 + I_S0] = 0x20010db8;
    c.v6Words.set([0, 0, 1, 0, 0, 2], slot * 6);
    const lazy = new FlowDetails('tcp', null, 50000, null, 443, 1, c, slot);
    expect([lazy.client, lazy.server]).toEqual(['2001:db8::1', '2001:db8::2']);
  });
});
