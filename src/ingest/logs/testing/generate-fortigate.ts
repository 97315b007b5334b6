/**
 * A synthetic FortiGate traffic log (key=value, syslog PRI, quoted and bare values) for tests and the
 * throughput benchmark: deterministic from `seed`, TCP/UDP/ICMP, IPv4 and some IPv6, eventtime in s, ms, µs
 * or ns, hostnames and users on some lines, and a few other log types mixed in.
 */
import { mulberry32 } from '../../../core/prng.js';

const ACTIONS = ['accept', 'close', 'deny', 'timeout', 'client-rst', 'server-rst'];
const HOSTS = ['www.example.com', 'api.Example.net', 'cdn.example.org', 'login.example.com'];
const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** Yields the file in pieces of about `linesPerPiece` lines. */
export function* generateFortigatePieces(lines: number, seed: number, linesPerPiece = 10_000): Generator<string> {
  const rnd = mulberry32(seed);
  const int = (n: number) => Math.floor(rnd() * n);
  let t = Date.UTC(2024, 9, 26, 22, 0, 0);
  let piece = '';
  for (let i = 0; i < lines; i++) {
    t += int(3) * 1000;
    const d = new Date(t);
    const date = `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
    const time = `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
    const unit = int(4);
    const eventtime =
      unit === 0
        ? `${t / 1000}`
        : unit === 1
          ? `${t}`
          : unit === 2
            ? `${t}${int(1000)}`
            : `${t}${int(1000)}${int(10)}${int(10)}${int(10)}`;
    const v6 = rnd() < 0.1;
    const src = v6 ? `2001:db8::${(int(200) + 1).toString(16)}` : `10.0.${int(4)}.${int(250) + 2}`;
    const dst = v6
      ? `2a00:1450:4001::${int(4000).toString(16)}`
      : `${int(220) + 1}.${int(256)}.${int(256)}.${int(254) + 1}`;
    const r = rnd();
    const proto = r < 0.7 ? 6 : r < 0.95 ? 17 : 1;
    const dport = [443, 80, 53, 123][int(4)] ?? 443;
    const type = rnd() < 0.95 ? 'traffic' : 'utm';
    const host = rnd() < 0.4 ? ` hostname="${HOSTS[int(HOSTS.length)] ?? ''}"` : '';
    const user = rnd() < 0.2 ? ` user="user${int(50)}"` : rnd() < 0.05 ? ' unauthuser="guest"' : '';
    piece +=
      `<189>date=${date} time=${time} devname="fw-${int(3)}" devid="FG100E0000000001" eventtime=${eventtime} tz="+0100" ` +
      `logid="0000000013" type="${type}" subtype="forward" level="notice" vd="root" srcip=${src} srcport=${49152 + int(16000)} ` +
      `srcintf="port1" srcintfrole="lan" dstip=${dst} dstport=${dport} dstintf="wan1" dstintfrole="wan" srccountry="Reserved" ` +
      `dstcountry="Netherlands" sessionid=${int(1e9)} proto=${proto} action="${ACTIONS[int(ACTIONS.length)] ?? 'accept'}" ` +
      `policyid=${int(100)} policytype="policy" poluuid="d7e8f2a0-0000-51ea-0000-${int(1e6)}" service="HTTPS" trandisp="snat" ` +
      `transip=198.51.100.1 transport=${int(65536)} duration=${int(600)} sentbyte=${int(100000)} rcvdbyte=${int(1000000)} ` +
      `sentpkt=${int(500)} rcvdpkt=${int(900)} appcat="unscanned"${host}${user}\n`;
    if ((i + 1) % linesPerPiece === 0) {
      yield piece;
      piece = '';
    }
  }
  if (piece !== '') yield piece;
}
