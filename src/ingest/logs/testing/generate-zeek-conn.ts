/**
 * A synthetic Zeek conn.log (ASCII writer, TSV with the standard header block) for tests and the throughput
 * benchmark: deterministic from `seed`, TCP/UDP/ICMP, IPv4 and some IPv6, unset ('-') fields mixed in.
 */
import { mulberry32 } from '../../../core/prng.js';

const FIELDS =
  'ts uid id.orig_h id.orig_p id.resp_h id.resp_p proto service duration orig_bytes resp_bytes conn_state local_orig local_resp missed_bytes history orig_pkts orig_ip_bytes resp_pkts resp_ip_bytes tunnel_parents';

export const ZEEK_CONN_HEADER =
  '#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n#path\tconn\n' +
  `#open\t2024-03-30-22-00-00\n#fields\t${FIELDS.split(' ').join('\t')}\n` +
  `#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tinterval\tcount\tcount\tstring\tbool\tbool\tcount\tstring\tcount\tcount\tcount\tcount\tset[string]\n`;

const STATES = ['SF', 'S0', 'REJ', 'RSTO', 'RSTR', 'SH', 'OTH', 'S1'];
const HISTORIES = ['ShADadfF', 'S', 'Sr', 'ShADadR', 'Dd', 'ShAdDaFf', '-'];
const UID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Yields the file in pieces of about `linesPerPiece` rows (header first). */
export function* generateZeekConnPieces(lines: number, seed: number, linesPerPiece = 10_000): Generator<string> {
  const rnd = mulberry32(seed);
  const int = (n: number) => Math.floor(rnd() * n);
  let t = Date.UTC(2024, 2, 30, 22, 0, 0) * 1000;
  let piece = ZEEK_CONN_HEADER;
  for (let i = 0; i < lines; i++) {
    t += int(400_000);
    const ts = `${Math.floor(t / 1e6)}.${String(t % 1e6).padStart(6, '0')}`;
    let uid = 'C';
    for (let k = 0; k < 17; k++) uid += UID_CHARS[int(UID_CHARS.length)] ?? 'x';
    const v6 = rnd() < 0.1;
    const orig = v6 ? `2001:db8::${(int(200) + 1).toString(16)}` : `10.0.${int(4)}.${int(250) + 2}`;
    const resp = v6
      ? `2a00:1450:4001::${int(4000).toString(16)}`
      : `${int(220) + 1}.${int(256)}.${int(256)}.${int(254) + 1}`;
    const r = rnd();
    const proto = r < 0.7 ? 'tcp' : r < 0.97 ? 'udp' : 'icmp';
    const oport = proto === 'icmp' ? 8 : 49152 + int(16000);
    const rport = proto === 'icmp' ? 0 : ([443, 80, 53, 123, 8080][int(5)] ?? 443);
    const unset = rnd() < 0.2;
    const dur = unset ? '-' : (rnd() * 30).toFixed(6);
    const ob = unset ? '-' : String(int(50_000));
    const rb = unset ? '-' : String(int(500_000));
    const op = int(400) + 1;
    const rp = int(400);
    const state = STATES[int(STATES.length)] ?? 'SF';
    const hist = proto === 'tcp' ? (HISTORIES[int(HISTORIES.length)] ?? '-') : 'D';
    const service = proto === 'tcp' && rport === 443 ? 'ssl' : proto === 'udp' && rport === 53 ? 'dns' : '-';
    piece += `${ts}\t${uid}\t${orig}\t${oport}\t${resp}\t${rport}\t${proto}\t${service}\t${dur}\t${ob}\t${rb}\t${state}\tT\tF\t0\t${hist}\t${op}\t${op * 52 + int(9000)}\t${rp}\t${rp * 60 + int(90000)}\t-\n`;
    if ((i + 1) % linesPerPiece === 0) {
      yield piece;
      piece = '';
    }
  }
  yield `${piece}#close\t2024-03-31-22-00-00\n`;
}
