/** FlowDetails: the order and bound of a flow's names. */
import { describe, expect, it } from 'vitest';
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
