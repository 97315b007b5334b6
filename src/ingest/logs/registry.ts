/**
 * The log formats outflow reads, in sniffing order: specific signatures first, generic ones (CEF, key=value)
 * last. Adding a format = one file + one line here.
 */

import { cefFormat } from './cef.js';
import { ciscoAsaFormat } from './cisco-asa.js';
import { dnsmasqFormat } from './dnsmasq.js';
import { fortigateFormat } from './fortigate.js';
import type { LogFormat } from './log-format.js';
import { netfilterFormat } from './netfilter.js';
import { paloAltoTrafficFormat } from './paloalto-traffic.js';
import { pfFilterlogFormat } from './pf-filterlog.js';
import { squidFormat } from './squid.js';
import { suricataEveFormat } from './suricata-eve.js';
import { windowsDnsDebugFormat } from './windows-dns-debug.js';
import { windowsEventsJsonFormat } from './windows-events-json.js';
import { windowsEventsXmlFormat } from './windows-events-xml.js';
import { windowsFirewallFormat } from './windows-firewall.js';
import { zeekFormat } from './zeek.js';

export const LOG_FORMATS: LogFormat[] = [
  windowsFirewallFormat,
  windowsEventsXmlFormat,
  windowsEventsJsonFormat,
  zeekFormat,
  suricataEveFormat,
  netfilterFormat,
  pfFilterlogFormat,
  fortigateFormat,
  paloAltoTrafficFormat,
  ciscoAsaFormat,
  squidFormat,
  dnsmasqFormat,
  windowsDnsDebugFormat,
  // Generic formats last: CEF lines may come from any of the vendors above.
  cefFormat,
];
