/**
 * Host names out of a vendor's own documentation page (saved as a Markdown excerpt under data/sources), each with
 * the words the page puts next to it: the nearest line above that names no host (a definition term such as
 * "[APM][1]", a sentence such as "here are the URLs to allow list for App Center:"). The category is then chosen
 * from those words (mappings.ts), so what a host is for comes from the page, not from its name.
 *
 * Datadog writes its hosts as templates, `trace.agent.`{{< region-param key="dd_site" >}}: a line with that
 * template is read once per site of the site list (sites.yaml, its `allowedRegions`), and each host remembers the
 * site it came from (so the site's region can be stated).
 */
import { parse } from 'tldts';

export interface DocHost {
  /** The token as the page writes it ("*.agent.datadoghq.eu", "api.appcenter.ms", ...), not yet normalised. */
  raw: string;
  /** The words the page puts next to the host ('' when none). */
  context: string;
  /** The site name the line was expanded for (Datadog "EU", "US1", ...), '' when the line had no template. */
  site: string;
  /** 1-based line of the excerpt. */
  line: number;
}

export interface DocSite {
  name: string;
  domain: string;
}

export interface DocHosts {
  hosts: DocHost[];
  /** Lines with a template no site list can fill (left out). */
  unfilledTemplates: number;
}

const MAX_LINES = 20_000;
const MAX_LINE_CHARS = 10_000;
const TEMPLATE = /\{\{<\s*region-param\s+key="([a-z_]+)"[^}]*>\}\}/g;
/** Runs that may be host names; '<' and '>' kept so "<VERSION>-app.agent..." stays one (placeholder) token. */
const TOKEN = /[A-Za-z0-9*<>_][A-Za-z0-9*<>_.-]*/g;

/** The `- name:` / `domain:` pairs of the Datadog docs' `allowedRegions` list. */
export function parseDocSites(text: string): DocSite[] {
  const out: DocSite[] = [];
  let name: string | null = null;
  for (const line of text.split(/\r?\n/).slice(0, MAX_LINES)) {
    const n = /^\s*-\s*name:\s*"?([A-Za-z0-9_-]{1,40})"?\s*$/.exec(line);
    if (n?.[1] !== undefined) {
      name = n[1];
      continue;
    }
    const d = /^\s*domain:\s*"?([a-z0-9.-]{1,253})"?\s*$/.exec(line);
    if (d?.[1] !== undefined && name !== null) {
      out.push({ name, domain: d[1] });
      name = null;
    }
  }
  return out;
}

/** Markdown and Hugo markup out of a context line: link syntax, emphasis, `<br>`, definition colons. */
function cleanContext(line: string): string {
  return line
    .replace(/\[([^\]]*)\]\[[^\]]*\]/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/[*_`#]/g, '')
    .replace(/^\s*[:>-]\s*/, '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 200);
}

/** A token that names a host under a real top-level domain (so "v5.2.0", "logs.json" or "e.g" are not hosts). */
function looksLikeHost(token: string): boolean {
  const t = token.replace(/^\*\./, '').replace(/\.$/, '');
  if (!t.includes('.') || t.includes('..')) return false;
  if (t.includes('<') && t.includes('>')) return true; // a placeholder: kept so the importer counts it as skipped
  // tldts accepts any last label as a suffix; only a name under a Public Suffix List (ICANN) suffix is a host here.
  const p = parse(t);
  return p.domain !== null && p.isIcann === true;
}

/** File names a page links to ("~/includes/retirement.md"): .md is also a country's domain, so look at the form. */
const FILE_EXTENSIONS = new Set([
  'md',
  'mdx',
  'html',
  'htm',
  'json',
  'yaml',
  'yml',
  'png',
  'jpg',
  'svg',
  'txt',
  'js',
  'ts',
]);

function tokens(line: string): string[] {
  // "\*.newrelic.com" in MDX: an escaped asterisk is still the wildcard.
  const text = line
    .replace(/\\\*/g, '*')
    .replace(/`/g, '')
    .replace(/<br\s*\/?>/gi, ' ');
  const out: string[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const token = m[0].replace(/\.+$/, '');
    const before = text.slice(Math.max(0, m.index - 2), m.index);
    // A path segment ("/docs/a.md", "~/x.md") is not a host; a URL's host ("https://host/...") is.
    if (before.endsWith('/') && before !== '//') continue;
    if (FILE_EXTENSIONS.has(token.slice(token.lastIndexOf('.') + 1).toLowerCase())) continue;
    if (looksLikeHost(token)) out.push(token);
  }
  return out;
}

/**
 * Where a host's words are: `above` (default), the nearest line above that names no host; `own-line`, the words on
 * the host's own line or table row once its hosts are taken out ("`rink.hockeyapp.net` - Crash reporting service",
 * "| Windows Error Reporting | watson... |"), else those of the line or row before it (a table row that continues a
 * block leaves its first cell empty).
 */
export type ContextMode = 'above' | 'own-line';

/** The words of a line once its host tokens, table pipes and markup are taken out. */
function ownWords(line: string, hosts: readonly string[]): string {
  let text = line
    .replace(/\\\*/g, '*')
    .replace(/`/g, '')
    .replace(/<\/?br\s*\/?>/gi, ' ');
  for (const h of [...hosts].sort((a, b) => b.length - a.length)) text = text.split(h).join(' ');
  const c = cleanContext(text.replace(/\|/g, ' ; ').replace(/(\s*;\s*)+/g, '; '))
    .replace(/^[;\s-]+|[;\s-]+$/g, '')
    .trim();
  return /[A-Za-z]{2}/.test(c) ? c : '';
}

export function extractDocHosts(text: string, sites: readonly DocSite[] = [], mode: ContextMode = 'above'): DocHosts {
  const out: DocHosts = { hosts: [], unfilledTemplates: 0 };
  let context = '';
  const lines = text.split(/\r?\n/).slice(0, MAX_LINES);
  let inCode = false;
  // Front matter ("ms.author: x", "title: ...") names no host, and its "ms.date" would read as one.
  let inFrontMatter = lines[0]?.trim() === '---';
  for (let i = inFrontMatter ? 1 : 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').slice(0, MAX_LINE_CHARS);
    if (inFrontMatter) {
      if (line.trim() === '---') inFrontMatter = false;
      continue;
    }
    if (/^\s*(```|\{\{<\s*\/?code-block)/.test(line)) {
      inCode = !inCode;
      continue;
    }
    if (inCode || line.trim() === '') continue;
    const keys = [...line.matchAll(TEMPLATE)].map((m) => m[1] ?? '');
    const variants: { text: string; site: string }[] = [];
    if (keys.length === 0) variants.push({ text: line, site: '' });
    else if (keys.every((k) => k === 'dd_site') && sites.length > 0) {
      for (const s of sites) variants.push({ text: line.replace(TEMPLATE, s.domain), site: s.name });
    } else {
      out.unfilledTemplates++;
      continue;
    }
    let found = false;
    for (const v of variants) {
      const raws = tokens(v.text);
      if (mode === 'own-line' && raws.length > 0) {
        const own = ownWords(v.text, raws);
        if (own !== '') context = own;
      }
      for (const raw of raws) {
        found = true;
        out.hosts.push({ raw, context, site: v.site, line: i + 1 });
      }
    }
    if (!found) {
      const c = cleanContext(line);
      if (/[A-Za-z]/.test(c)) context = c;
    }
  }
  return out;
}
