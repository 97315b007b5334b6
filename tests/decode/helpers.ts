/** Test helpers: decode frames and describe the layers as plain objects for readable assertions. */
import { Anomalies } from '../../src/core/anomalies.js';
import { formatAddress } from '../../src/core/ip-format.js';
import { PacketDecoder } from '../../src/decode/decoder.js';
import { createDecodedPacket, type DecodedPacket, type IpLayer } from '../../src/decode/packet.js';

export interface LayerView {
  v: 4 | 6;
  src: string;
  dst: string;
  proto: number;
  sport: number;
  dport: number;
}

export function view(layer: IpLayer): LayerView {
  return {
    v: layer.ipVersion,
    src: formatAddress(layer.buf, layer.srcOff, layer.ipVersion),
    dst: formatAddress(layer.buf, layer.dstOff, layer.ipVersion),
    proto: layer.protocol,
    sport: layer.srcPort,
    dport: layer.dstPort,
  };
}

export function layersOf(out: DecodedPacket): LayerView[] {
  return out.layers.slice(0, out.layerCount).map(view);
}

/** A decoder with its anomaly counters and one reused output packet. */
export class Harness {
  readonly anomalies = new Anomalies();
  readonly decoder = new PacketDecoder(this.anomalies, 'test.pcap');
  readonly out = createDecodedPacket();
  #frame = 0;

  decode(data: Uint8Array, linkType = 1, tsMicros = 1_700_000_000_000_000 + this.#frame * 1000): DecodedPacket {
    this.#frame++;
    this.decoder.decode(linkType, data, this.#frame, tsMicros, this.out);
    return this.out;
  }

  layers(data: Uint8Array, linkType = 1): LayerView[] {
    return layersOf(this.decode(data, linkType));
  }
}

export function decodeOne(data: Uint8Array, linkType = 1): { out: DecodedPacket; anomalies: Anomalies } {
  const h = new Harness();
  const out = h.decode(data, linkType);
  return { out, anomalies: h.anomalies };
}
