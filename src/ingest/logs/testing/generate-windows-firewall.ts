/**
 * A synthetic Windows Firewall log for tests and the throughput benchmark: deterministic from `seed`, mixing
 * ALLOW/DROP, TCP/UDP/ICMP, IPv4/IPv6, SEND/RECEIVE, with the standard header (17 columns + pid).
 */
import { mulberry32 } from '../../../core/prng.js';

export const WINDOWS_FIREWALL_HEADER =
  '#Version: 1.5\r\n#Software: Microsoft Windows Firewall\r\n#Time Format: Local\r\n' +
  '#Fields: date time action protocol src-ip dst-ip src-port dst-port size tcpflags tcpsyn tcpack tcpwin icmptype icmpcode info path pid\r\n\r\n';

/** Yields the file in pieces of about `linesPerPiece` lines (header first), for streaming large logs. */
export function* generateWindowsFirewallPieces(lines: number, seed: number, linesPerPiece = 10_000): Generator<string> {
  const rnd = mulberry32(seed);
  const int = (n: number) => Math.floor(rnd() * n);
  let t = Date.UTC(2024, 2, 30, 22, 0, 0);
  let piece = WINDOWS_FIREWALL_HEADER;
  for (let i = 0; i < lines; i++) {
    t += int(3) * 1000;
    const stamp = new Date(t).toISOString();
    const date = `${stamp.slice(0, 10)} ${stamp.slice(11, 19)}`;
    const send = rnd() < 0.7;
    const v6 = rnd() < 0.1;
    const local = v6 ? `2001:db8::${(int(200) + 1).toString(16)}` : `192.168.1.${int(200) + 2}`;
    const remote = v6
      ? `2a00:1450:4001::${int(4000).toString(16)}`
      : `${int(220) + 1}.${int(256)}.${int(256)}.${int(254) + 1}`;
    const [src, dst] = send ? [local, remote] : [remote, local];
    const r = rnd();
    const proto = r < 0.75 ? 'TCP' : r < 0.97 ? 'UDP' : 'ICMP';
    const action = rnd() < 0.85 ? 'ALLOW' : 'DROP';
    const eph = 49152 + int(16000);
    const svc = [443, 80, 53, 123, 8080, 5353][int(6)] ?? 443;
    const [sp, dp] = send ? [eph, svc] : [svc, eph];
    let rest: string;
    if (proto === 'ICMP') rest = `- - 0 - - - - 8 0 -`;
    else if (proto === 'TCP')
      rest = `${sp} ${dp} ${action === 'DROP' ? 52 : 0} ${action === 'DROP' ? 'S' : '-'} 0 0 0 - - -`;
    else rest = `${sp} ${dp} ${action === 'DROP' ? 60 + int(400) : 0} - - - - - - -`;
    piece += `${date} ${action} ${proto} ${src} ${dst} ${rest} ${send ? 'SEND' : 'RECEIVE'} ${int(9000) + 4}\r\n`;
    if ((i + 1) % linesPerPiece === 0) {
      yield piece;
      piece = '';
    }
  }
  if (piece !== '') yield piece;
}

/** The whole synthetic log as one string (`lines` data lines after the header). */
export function generateWindowsFirewallLog(lines: number, seed: number): string {
  let out = '';
  for (const piece of generateWindowsFirewallPieces(lines, seed)) out += piece;
  return out;
}
