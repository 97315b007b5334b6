/**
 * A synthetic netfilter LOG file (classic BSD syslog, UFW-style prefixes) for tests and the throughput
 * benchmark: deterministic from `seed`, TCP (SYN, SYN-ACK, ACK-FIN), UDP, ICMP, IPv4 and some IPv6.
 */
import { mulberry32 } from '../../../core/prng.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const PREFIXES = ['[UFW BLOCK] ', '[UFW ALLOW] ', '[UFW AUDIT] ', 'DROP-IN: ', ''];
const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** Yields the file in pieces of about `linesPerPiece` lines. */
export function* generateNetfilterPieces(lines: number, seed: number, linesPerPiece = 10_000): Generator<string> {
  const rnd = mulberry32(seed);
  const int = (n: number) => Math.floor(rnd() * n);
  let t = Date.UTC(2025, 1, 27, 22, 0, 0);
  let piece = '';
  for (let i = 0; i < lines; i++) {
    t += int(3) * 1000;
    const d = new Date(t);
    const day = d.getUTCDate();
    const stamp = `${MONTHS[d.getUTCMonth()] ?? 'Jan'} ${day < 10 ? ` ${day}` : day} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
    const v6 = rnd() < 0.1;
    const local = v6
      ? `2001:0db8:0000:0000:0000:0000:0000:${(int(200) + 1).toString(16).padStart(4, '0')}`
      : `192.168.1.${int(200) + 2}`;
    const remote = v6
      ? `2a00:1450:4001:0000:0000:0000:0000:${int(4000).toString(16).padStart(4, '0')}`
      : `${int(220) + 1}.${int(256)}.${int(256)}.${int(254) + 1}`;
    const inbound = rnd() < 0.5;
    const [src, dst] = inbound ? [remote, local] : [local, remote];
    const r = rnd();
    const proto = r < 0.7 ? 'TCP' : r < 0.95 ? 'UDP' : v6 ? 'ICMPv6' : 'ICMP';
    const prefix = PREFIXES[int(PREFIXES.length)] ?? '';
    const id = int(65536);
    const ipPart = v6
      ? `LEN=${60 + int(1400)} TC=0 HOPLIMIT=64 FLOWLBL=${id}`
      : `LEN=${40 + int(1400)} TOS=0x00 PREC=0x00 TTL=${int(200) + 30} ID=${id} DF`;
    let l4: string;
    if (proto === 'TCP') {
      const flags = ['SYN', 'SYN ACK', 'ACK FIN', 'ACK PSH', 'RST'][int(5)] ?? 'SYN';
      l4 = `SPT=${49152 + int(16000)} DPT=${[443, 22, 80, 25][int(4)] ?? 443} WINDOW=${int(65535)} RES=0x00 ${flags} URGP=0`;
    } else if (proto === 'UDP')
      l4 = `SPT=${49152 + int(16000)} DPT=${[53, 123, 443][int(3)] ?? 53} LEN=${int(500) + 8}`;
    else l4 = 'TYPE=8 CODE=0 ID=1 SEQ=1';
    const iface = inbound ? 'IN=eth0 OUT= MAC=00:01:02:03:04:05:06:07:08:09:0a:0b:08:00' : 'IN= OUT=eth0';
    const up = (t / 1000 - 1_700_000_000).toFixed(6);
    piece += `${stamp} gw kernel: [${up}] ${prefix}${iface} SRC=${src} DST=${dst} ${ipPart} PROTO=${proto} ${l4} \n`;
    if ((i + 1) % linesPerPiece === 0) {
      yield piece;
      piece = '';
    }
  }
  if (piece !== '') yield piece;
}
