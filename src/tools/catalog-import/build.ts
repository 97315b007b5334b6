/**
 * The pure part of `npm run catalog:import`: locked source texts in, output file texts and a report out. No I/O,
 * no clock: the same inputs give the same bytes (sorted, stable ids, two-space JSON, final newline).
 */

import { getDomain } from 'tldts';
import type { CatalogFile, CatalogRule, Category } from '../../enrich/catalog/types.js';
import { validateCatalog } from '../../enrich/catalog/validate.js';
import { DomainOwners, type DomainOwnersFile, registrableDomain } from '../../enrich/owners/domain-owners.js';
import { parseFirefoxPrefs } from './firefox-prefs.js';
import { parseHageziList } from './hagezi.js';
import { type HostSkipReason, normalizeHostPattern, onSharedTenantDomain } from './hosts.js';
import { parseM365Markdown } from './m365.js';
import {
  FIREFOX_PREF_FILES,
  firefoxPrefCategory,
  HAGEZI_NATIVE_LISTS,
  INFRASTRUCTURE_OWNERS,
  M365_AREAS,
  M365_HOST_CATEGORIES,
  MISP_PURPOSE_LISTS,
  MULTI_PURPOSE_ORDER,
  PERSONAL_DATA,
  type ThirdPartyList,
  V2FLY_OWNERS,
  V2FLY_PURPOSE_LISTS,
  VENDOR_CODE,
  VENDOR_DOCS,
  type VendorCode,
  type VendorCodeFile,
  type VendorCodeKey,
  type VendorDoc,
  WINDOWS_AREAS,
  WINDOWS_DESCRIPTION_CATEGORIES,
  WINDOWS_PAGES,
  type WindowsPage,
} from './mappings.js';
import { parseMispList } from './misp.js';
import { parseSourceConstants } from './source-constants.js';
import { resolveV2flyList } from './v2fly.js';
import { type DocHost, extractDocHosts, parseDocSites } from './vendor-doc.js';
import { parseWindowsEndpoints } from './windows-endpoints.js';

export interface LockedText {
  lockId: string;
  retrieved: string;
  text: string;
}

/** A vendor page excerpt (mappings.ts VENDOR_DOCS) and, for pages with `dd_site` templates, its site list. */
export interface VendorDocText extends LockedText {
  sites?: string;
}

/** A source locked as a directory of files through its SHA256SUMS manifest (path in the directory → text). */
export interface LockedFiles {
  lockId: string;
  retrieved: string;
  files: ReadonlyMap<string, string>;
}

export interface ImportInputs {
  v2fly: { lockId: string; retrieved: string; lists: ReadonlyMap<string, string> };
  m365: LockedText | null;
  /** The Windows 11 Enterprise page (WINDOWS_PAGES[0]). */
  windows: LockedText | null;
  /** The other Windows pages of WINDOWS_PAGES, by lock id (absent: not imported). */
  windowsPages?: ReadonlyMap<string, LockedText>;
  /** Locked vendor pages, by the lock id VENDOR_DOCS names (absent: none imported). */
  vendorDocs?: ReadonlyMap<string, VendorDocText>;
  /** MISP warninglists (MISP_PURPOSE_LISTS); absent: not imported. */
  misp?: LockedFiles;
  /** Vendors' source files (VENDOR_CODE), by lock id; absent: none imported. */
  vendorCode?: ReadonlyMap<string, LockedFiles>;
  /** Excerpts of Firefox's default-preference files (FIREFOX_PREF_FILES); absent: not imported. */
  firefox?: LockedFiles;
  /** hagezi native-tracker lists (HAGEZI_NATIVE_LISTS); absent: not imported. */
  hagezi?: LockedFiles;
  /** The hand-curated catalog files (their names and suffixes win over imported ones). */
  curated: readonly CatalogFile[];
}

export interface ImportReport {
  owners: {
    lists: number;
    domains: number;
    /** v2fly entries that are not registrable domains (subdomains, public suffixes, tenant names). */
    notRegistrable: number;
    /**
     * Exact hosts (`full:`) tagged `@ads` in a company's list, outside every domain the list itself names:
     * trackers its pages load (OpenAI's list has `full:browser-intake-datadoghq.com @ads`, Datadog's RUM intake),
     * not hosts it runs; never owner facts.
     */
    trackersUsed: number;
    /** Domains claimed by two owners, left out: "domain: owner1, owner2". */
    conflicts: string[];
    skippedPatterns: number;
    badLines: number;
    missingLists: string[];
    cycles: string[];
    /** Registrable domains the owner table has from vendor pages (domains v2fly does not know). */
    fromVendorDocs: number;
    /** Registrable domains the owner table has from vendors' source code (domains v2fly does not know). */
    fromVendorCode: number;
  };
  files: Record<string, { rules: number; names: number; suffixes: number; cidrs: number }>;
  /** Names and suffixes left out because a hand-curated rule already has them. */
  curatedWins: number;
  /** Left out because an earlier import (windows11 > ms365 > vendor pages > firefox prefs > v2fly > MISP > hagezi) already has them. */
  duplicates: number;
  /** Third-party list entries left out because a curated or earlier imported suffix already covers them. */
  coveredBySuffix: number;
  /** Third-party list files named in mappings.ts that the locked source lacks or cannot read. */
  missingFiles: string[];
  /** Host patterns left out, by reason. */
  skippedHosts: Record<string, number>;
  /** Mixed-list entries whose owner the table does not know. */
  unknownOwner: number;
  unmappedAreas: string[];
  badRows: number;
}

export interface ImportOutput {
  /** Path relative to the package root → file text. */
  files: Map<string, string>;
  report: ImportReport;
}

export const V2FLY_URL = 'https://github.com/v2fly/domain-list-community/blob/master/data/';
export const M365_URL = 'https://learn.microsoft.com/en-us/microsoft-365/enterprise/urls-and-ip-address-ranges';
export const OWNERS_FILE = 'data/owners/domain-owners.json';
export const VENDOR_DOCS_FILE = 'data/catalog/imported-vendor-docs.json';
export const MISP_URL = 'https://github.com/MISP/misp-warninglists/blob/main/';
export const HAGEZI_URL = 'https://github.com/hagezi/dns-blocklists/blob/main/';
export const MISP_FILE = 'data/catalog/imported-misp.json';
export const HAGEZI_FILE = 'data/catalog/imported-hagezi.json';
export const FIREFOX_FILE = 'data/catalog/imported-firefox.json';
export const VENDOR_CODE_FILE = 'data/catalog/imported-vendor-code.json';

export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Ids compared label by label, numbers as numbers, so ms365.common.9 sorts before ms365.common.10. */
export function compareIds(a: string, b: string): number {
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i] ?? '';
    const y = pb[i] ?? '';
    if (x === y) continue;
    if (/^\d+$/.test(x) && /^\d+$/.test(y)) return Number(x) - Number(y);
    return compare(x, y);
  }
  return pa.length - pb.length;
}

export function stableJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

export function buildOwners(inputs: ImportInputs, report: ImportReport): DomainOwnersFile {
  const mapped = new Set(Object.keys(V2FLY_OWNERS));
  const claims = new Map<string, Set<string>>();
  const perList = new Map<string, Set<string>>();
  for (const list of Object.keys(V2FLY_OWNERS).sort()) {
    const owner = V2FLY_OWNERS[list] ?? list;
    if (!inputs.v2fly.lists.has(list)) {
      report.owners.missingLists.push(list);
      continue;
    }
    const stop = new Set([...mapped].filter((l) => l !== list));
    const resolved = resolveV2flyList(list, inputs.v2fly.lists, stop);
    report.owners.skippedPatterns += resolved.skippedPatterns;
    report.owners.badLines += resolved.badLines;
    report.owners.missingLists.push(...resolved.missing);
    report.owners.cycles.push(...resolved.cycles);
    const domains = new Set<string>();
    // The list's own whole domains (`domain:` entries): an exact @ads host under one of them is the company's own.
    const listedDomains = new Set(resolved.entries.filter((e) => e.kind === 'domain').map((e) => e.value));
    for (const e of resolved.entries) {
      if (registrableDomain(e.value) !== e.value) {
        report.owners.notRegistrable++;
        continue;
      }
      if (e.kind === 'full' && e.attrs.includes('ads') && !listedDomains.has(getDomain(e.value) ?? '')) {
        report.owners.trackersUsed++;
        continue;
      }
      domains.add(e.value);
      const owners = claims.get(e.value) ?? new Set<string>();
      owners.add(owner);
      claims.set(e.value, owners);
    }
    perList.set(list, domains);
  }
  const conflicted = new Set<string>();
  for (const [domain, owners] of claims) {
    if (owners.size > 1) {
      conflicted.add(domain);
      report.owners.conflicts.push(`${domain}: ${[...owners].sort().join(', ')}`);
    }
  }
  report.owners.conflicts.sort();
  report.owners.missingLists = [...new Set(report.owners.missingLists)].sort();
  report.owners.cycles = [...new Set(report.owners.cycles)].sort();
  const owners = [...perList]
    .map(([list, domains]) => ({
      owner: V2FLY_OWNERS[list] ?? list,
      domains: [...domains].filter((d) => !conflicted.has(d)).sort(compare),
      source: `${inputs.v2fly.lockId}:${list}`,
    }))
    .filter((e) => e.domains.length > 0)
    .sort((a, b) => compare(a.owner, b.owner) || compare(a.source, b.source));
  report.owners.lists = owners.length;
  report.owners.domains = owners.reduce((n, e) => n + e.domains.length, 0);
  return {
    updated: inputs.v2fly.retrieved,
    description:
      'Registrable domain to owner, from the v2fly/domain-list-community company lists (MIT). Generated by npm run catalog:import; do not edit by hand.',
    owners,
  };
}

interface Draft {
  id: string;
  vendor: string;
  product: string;
  category: Category;
  names: Set<string>;
  suffixes: Set<string>;
  cidrs: string[];
  ports: number[];
  notes: string;
  location?: boolean;
  region?: string;
}

/** `*.a.b.c` → ['*.b.c', '*.c']; `a.b.c` → ['*.b.c', '*.c']: the suffixes that would cover the pattern. */
function coveringSuffixes(pattern: string): string[] {
  const labels = pattern.replace(/^\*\./, '').split('.');
  const out: string[] = [];
  for (let i = 1; i < labels.length; i++) out.push(`*.${labels.slice(i).join('.')}`);
  return out;
}

class Claims {
  readonly #curated = new Set<string>();
  readonly #imported = new Set<string>();
  constructor(
    curated: readonly CatalogFile[],
    private readonly report: ImportReport,
  ) {
    for (const file of curated) {
      for (const rule of file.rules) {
        for (const n of rule.match.names ?? []) this.#curated.add(n);
        for (const s of rule.match.suffixes ?? []) this.#curated.add(s.startsWith('.') ? `*${s}` : s);
      }
    }
  }
  /**
   * For the least specific sources (third-party lists): also leaves out a pattern a claimed suffix already covers,
   * since at run time the list's exact name would otherwise outrank that more specific source's suffix rule.
   */
  takeUncovered(patterns: Iterable<string>): string[] {
    const open: string[] = [];
    for (const p of patterns) {
      const covers = coveringSuffixes(p);
      if (covers.some((s) => this.#curated.has(s))) {
        this.report.curatedWins++;
        this.report.coveredBySuffix++;
      } else if (covers.some((s) => this.#imported.has(s))) {
        this.report.duplicates++;
        this.report.coveredBySuffix++;
      } else open.push(p);
    }
    return this.take(open);
  }

  /** Keeps the patterns nobody claimed yet, and claims them. */
  take(patterns: Iterable<string>): string[] {
    const kept: string[] = [];
    for (const p of patterns) {
      if (this.#curated.has(p)) this.report.curatedWins++;
      else if (this.#imported.has(p)) this.report.duplicates++;
      else {
        this.#imported.add(p);
        kept.push(p);
      }
    }
    return kept;
  }
}

function skip(
  report: ImportReport,
  reason:
    | HostSkipReason
    | 'unknown-owner'
    | 'not-vendor-traffic'
    | 'shared-tenant-host'
    | 'not-list-purpose'
    | 'unmapped-pref'
    | 'pref-not-a-service'
    | 'unmapped-constant'
    | 'constant-not-a-service',
): void {
  report.skippedHosts[reason] = (report.skippedHosts[reason] ?? 0) + 1;
}

function vendorFor(host: string, pageVendor: string, owners: DomainOwners): string {
  const owner = owners.ownerOf(host.replace(/^\*\./, ''));
  if (owner === null || owner.owner === pageVendor || INFRASTRUCTURE_OWNERS.has(owner.owner)) return pageVendor;
  return owner.owner;
}

function toRules(
  drafts: Draft[],
  claims: Claims,
  meta: { source: string; verified: string; confidence: 'documented' | 'third-party-list'; coverage?: boolean },
): CatalogRule[] {
  const rules: CatalogRule[] = [];
  const take = (patterns: string[]): string[] =>
    meta.coverage === true ? claims.takeUncovered(patterns) : claims.take(patterns);
  for (const d of [...drafts].sort((a, b) => compareIds(a.id, b.id))) {
    const names = take([...d.names].sort(compare));
    const suffixes = take([...d.suffixes].sort(compare));
    if (names.length === 0 && suffixes.length === 0 && d.cidrs.length === 0) continue;
    const pd = PERSONAL_DATA[d.category];
    const kinds = d.location === true ? [...pd.kinds, 'location' as const] : [...pd.kinds];
    const rule: CatalogRule = {
      id: d.id,
      match: {
        ...(names.length > 0 ? { names } : {}),
        ...(suffixes.length > 0 ? { suffixes } : {}),
        ...(d.cidrs.length > 0 ? { cidrs: d.cidrs } : {}),
        ...(d.cidrs.length > 0 && d.ports.length > 0 ? { ports: d.ports } : {}),
      },
      vendor: d.vendor,
      product: d.product,
      category: d.category,
      ...(d.region === undefined ? {} : { region: d.region }),
      personalData: { rating: d.location === true ? 'likely' : pd.rating, kinds },
      source: meta.source,
      verified: meta.verified,
      confidence: meta.confidence,
      notes: d.notes.slice(0, 2000),
    };
    rules.push(rule);
  }
  return rules;
}

function addHost(draft: Draft, raw: string, report: ImportReport): void {
  const p = normalizeHostPattern(raw);
  if (p.kind === 'skip') skip(report, p.reason);
  else if (p.kind === 'name') draft.names.add(p.value);
  else draft.suffixes.add(p.value);
}

const M365_AREA_SLUGS: Readonly<Record<string, string>> = {
  'Exchange Online': 'exchange',
  'SharePoint Online and OneDrive for Business': 'sharepoint',
  'Skype for Business Online and Microsoft Teams': 'teams',
  'Microsoft 365 Common and Office Online': 'common',
};

function m365Drafts(input: LockedText, owners: DomainOwners, report: ImportReport): Draft[] {
  const parsed = parseM365Markdown(input.text);
  report.badRows += parsed.badRows;
  const drafts = new Map<string, Draft>();
  for (const ep of parsed.endpoints) {
    const area = M365_AREAS[ep.serviceArea];
    if (area === undefined && !report.unmappedAreas.includes(ep.serviceArea)) report.unmappedAreas.push(ep.serviceArea);
    const areaSlug = M365_AREA_SLUGS[ep.serviceArea] ?? (slug(ep.serviceArea) || 'area');
    const product = area?.product ?? ep.serviceArea;
    const baseCategory = area?.category ?? 'other';
    const wildcards = /wildcard/i.test(ep.notes);
    const describe = (category: Category): string =>
      `Microsoft 365 endpoint ID ${ep.id} (${ep.category}, ${ep.required ? 'required' : 'optional'})${ep.notes === '' ? '' : `: ${ep.notes}`}. Category ${category}: ${category === baseCategory ? (area?.why ?? 'service area not mapped') : 'host family (see mappings.ts)'}.`;
    const draftFor = (vendor: string, category: Category): Draft => {
      const main = vendor === 'Microsoft' && category === baseCategory;
      const id = `ms365.${areaSlug}.${ep.id}${main ? '' : `.${category}${vendor === 'Microsoft' ? '' : `-${slug(vendor)}`}`}`;
      let d = drafts.get(id);
      if (d === undefined) {
        d = {
          id,
          vendor,
          product,
          category,
          names: new Set(),
          suffixes: new Set(),
          cidrs: [],
          ports: [],
          notes: describe(category),
        };
        drafts.set(id, d);
      }
      return d;
    };
    for (const host of ep.hosts) {
      // "*.microsoft.com" in the rows Microsoft itself calls wildcards covers unrelated services: the owner table
      // already says who runs those names, a rule would wrongly say what for.
      if (
        wildcards &&
        host.trim().startsWith('*.') &&
        registrableDomain(host.trim().slice(2)) === host.trim().slice(2)
      ) {
        skip(report, 'inner-wildcard');
        continue;
      }
      const p = normalizeHostPattern(host);
      if (p.kind === 'skip') {
        skip(report, p.reason);
        continue;
      }
      const bare = p.value.replace(/^\*\./, '');
      const category = M365_HOST_CATEGORIES.find((c) => c.test.test(bare))?.category ?? baseCategory;
      const vendor = vendorFor(p.value, 'Microsoft', owners);
      // A CA's revocation host whose owner the table does not know is not Microsoft's: no vendor to state.
      if (category === 'certificate' && vendor === 'Microsoft' && owners.ownerOf(bare)?.owner !== 'Microsoft') {
        skip(report, 'unknown-owner');
        continue;
      }
      const d = draftFor(vendor, category);
      if (p.kind === 'name') d.names.add(p.value);
      else d.suffixes.add(p.value);
    }
    if (ep.hosts.length === 0 && ep.ips.length > 0) {
      const d = draftFor('Microsoft', baseCategory);
      d.cidrs.push(...ep.ips.filter((ip) => /^[0-9a-f:.]+\/\d{1,3}$/i.test(ip)));
    }
  }
  return [...drafts.values()];
}

/**
 * Drafts from a Windows connection-endpoints page. The Enterprise page (`idStyle` "block") keeps one rule per block
 * of its table (`win11.<area>.<block>`); a page with one table per edition ("category") repeats its blocks in each
 * table with different positions, so its rules are one per area and category (`<prefix>.<area>.<category>`).
 */
function windowsDrafts(
  input: LockedText,
  page: Pick<WindowsPage, 'idPrefix' | 'product' | 'title' | 'idStyle'>,
  owners: DomainOwners,
  report: ImportReport,
): Draft[] {
  const parsed = parseWindowsEndpoints(input.text);
  report.badRows += parsed.badRows;
  const drafts = new Map<string, Draft & { firsts: string[] }>();
  for (const ep of parsed.endpoints) {
    // "Diagnostic Data" (Enterprise page) and "Diagnostic data" (other editions) name the same area.
    const areaCategory =
      WINDOWS_AREAS[ep.area] ??
      Object.entries(WINDOWS_AREAS).find(([a]) => a.toLowerCase() === ep.area.toLowerCase())?.[1];
    if (areaCategory === undefined && !report.unmappedAreas.includes(ep.area)) report.unmappedAreas.push(ep.area);
    const category =
      WINDOWS_DESCRIPTION_CATEGORIES.find((c) => c.test.test(ep.description))?.category ?? areaCategory ?? 'other';
    const p = normalizeHostPattern(ep.destination);
    if (p.kind === 'skip') {
      skip(report, p.reason);
      continue;
    }
    const vendor = vendorFor(p.value, 'Microsoft', owners);
    const part = page.idStyle === 'block' ? String(ep.block) : category;
    const id = `${page.idPrefix}.${slug(ep.area) || 'area'}.${part}${vendor === 'Microsoft' ? '' : `.${slug(vendor)}`}`;
    const first =
      ep.description
        .replace(/<\/?br\s*\/?>/gi, ' ')
        .split(/(?<=\.)\s/)[0]
        ?.trim() ?? '';
    let d = drafts.get(id);
    if (d === undefined) {
      d = {
        id,
        vendor,
        product: `${page.product}: ${ep.area}`,
        category,
        names: new Set(),
        suffixes: new Set(),
        cidrs: [],
        ports: [],
        notes: '',
        location: ep.area === 'Location',
        firsts: [],
      };
      drafts.set(id, d);
    }
    if (first !== '' && !d.firsts.includes(first)) d.firsts.push(first);
    if (p.kind === 'name') d.names.add(p.value);
    else d.suffixes.add(p.value);
  }
  return [...drafts.values()].map(({ firsts, ...d }) => ({
    ...d,
    notes: `${page.title}, area "${d.product.slice(page.product.length + 2)}"${firsts.length === 0 ? '' : `: ${firsts.join(' ')}`}`,
  }));
}

function v2flyDrafts(inputs: ImportInputs, owners: DomainOwners, report: ImportReport): Draft[] {
  const drafts = new Map<string, Draft>();
  for (const purpose of V2FLY_PURPOSE_LISTS) {
    if (!inputs.v2fly.lists.has(purpose.list)) {
      report.owners.missingLists.push(purpose.list);
      continue;
    }
    const resolved = resolveV2flyList(purpose.list, inputs.v2fly.lists);
    for (const e of resolved.entries) {
      let vendor = purpose.vendor;
      if (vendor === null) {
        vendor = owners.ownerOf(e.value)?.owner ?? null;
        if (vendor === null) {
          skip(report, 'unknown-owner');
          continue;
        }
      }
      const id = `v2fly.${purpose.list}${purpose.vendor === null ? `.${slug(vendor)}` : ''}`;
      let d = drafts.get(id);
      if (d === undefined) {
        d = {
          id,
          vendor,
          product: purpose.product,
          category: purpose.category,
          names: new Set(),
          suffixes: new Set(),
          cidrs: [],
          ports: [],
          notes: `v2fly list "${purpose.list}": ${purpose.why}.${purpose.vendor === null ? ' Vendor: the owner of the registrable domain (v2fly company lists).' : ''}`,
        };
        drafts.set(id, d);
      }
      addHost(d, e.value, report);
      if (e.kind === 'domain') addHost(d, `*.${e.value}`, report);
    }
  }
  return [...drafts.values()];
}

interface ListEntry {
  kind: 'name' | 'suffix';
  value: string;
}

/** The entries of one third-party list as name / suffix patterns, or null when the list is missing or unreadable. */
function listEntries(
  source: 'misp' | 'hagezi',
  list: ThirdPartyList,
  text: string | undefined,
  report: ImportReport,
): ListEntry[] | null {
  if (text === undefined) return null;
  if (source === 'hagezi') {
    const parsed = parseHageziList(text);
    report.badRows += parsed.badLines;
    // hagezi's syntax: each entry is the name and its subdomains.
    return parsed.domains.flatMap((d) => [
      { kind: 'name' as const, value: d },
      { kind: 'suffix' as const, value: d },
    ]);
  }
  const parsed = parseMispList(text);
  if (parsed.error !== null) {
    report.missingFiles.push(`${list.file} (${parsed.error})`);
    return [];
  }
  report.badRows += parsed.badEntries;
  return parsed.hosts;
}

/**
 * Rules from lists whose every entry serves one purpose (MISP warninglists, hagezi native-tracker lists). An entry
 * on a cloud tenant's domain is left out (who runs it is not who the list files it under), and so is one whose
 * parent domain the same list already names (the parent's suffix covers it).
 */
function thirdPartyDrafts(
  source: 'misp' | 'hagezi',
  lists: readonly ThirdPartyList[],
  input: LockedFiles,
  owners: DomainOwners,
  report: ImportReport,
): Draft[] {
  const drafts = new Map<string, Draft>();
  for (const list of lists) {
    const entries = listEntries(source, list, input.files.get(list.file), report);
    if (entries === null) {
      report.missingFiles.push(list.file);
      continue;
    }
    const listed = new Set(entries.filter((e) => e.kind === 'suffix').map((e) => e.value));
    for (const e of entries) {
      if (coveringSuffixes(e.value).some((s) => listed.has(s.slice(2)))) continue;
      if (list.exclude?.some((x) => x.test.test(e.value)) === true) {
        skip(report, 'not-list-purpose');
        continue;
      }
      if (onSharedTenantDomain(e.value)) {
        skip(report, 'shared-tenant-host');
        continue;
      }
      let vendor: string;
      if (list.vendor === null) {
        const owner = owners.ownerOf(e.value)?.owner;
        if (owner === undefined) {
          skip(report, 'unknown-owner');
          continue;
        }
        vendor = owner;
      } else vendor = vendorFor(e.value, list.vendor, owners);
      const id = `${source}.${list.idPart}${vendor === list.vendor ? '' : `.${slug(vendor) || 'vendor'}`}`;
      let d = drafts.get(id);
      if (d === undefined) {
        d = {
          id,
          vendor,
          product: list.product,
          category: list.category,
          names: new Set(),
          suffixes: new Set(),
          cidrs: [],
          ports: [],
          notes: `Category ${list.category}: ${list.why}.${
            list.vendor === null
              ? ' Vendor: the owner of the registrable domain (owner table).'
              : vendor === list.vendor
                ? ''
                : ` The list files it under ${list.vendor}; the owner table names ${vendor} for the domain.`
          }`,
        };
        drafts.set(id, d);
      }
      addHost(d, e.kind === 'suffix' ? `*.${e.value}` : e.value, report);
    }
  }
  return [...drafts.values()];
}

function thirdPartyFile(
  source: 'misp' | 'hagezi',
  lists: readonly ThirdPartyList[],
  input: LockedFiles,
  owners: DomainOwners,
  claims: Claims,
  report: ImportReport,
): CatalogRule[] {
  const rules: CatalogRule[] = [];
  const base = source === 'misp' ? MISP_URL : HAGEZI_URL;
  for (const d of thirdPartyDrafts(source, lists, input, owners, report).sort((a, b) => compareIds(a.id, b.id))) {
    const list = lists.find((l) => d.id.split('.')[1] === l.idPart);
    rules.push(
      ...toRules([d], claims, {
        source: `${base}${list?.file ?? ''}`,
        verified: input.retrieved,
        confidence: 'third-party-list',
        coverage: true,
      }),
    );
  }
  return rules;
}

/**
 * Rules from Firefox's default preferences: the pref name says what the endpoint is for (FIREFOX_PREF_CATEGORIES),
 * the owner table says whose host it is. One rule per file, mapping entry and vendor; exact names only (a pref
 * names one host, not its subdomains).
 */
function firefoxRules(input: LockedFiles, owners: DomainOwners, claims: Claims, report: ImportReport): CatalogRule[] {
  const rules: CatalogRule[] = [];
  for (const file of FIREFOX_PREF_FILES) {
    const text = input.files.get(file.file);
    if (text === undefined) {
      report.missingFiles.push(`firefox-default-prefs/${file.file}`);
      continue;
    }
    const parsed = parseFirefoxPrefs(text);
    report.badRows += parsed.badLines;
    if (parsed.placeholderHosts > 0)
      report.skippedHosts.placeholder = (report.skippedHosts.placeholder ?? 0) + parsed.placeholderHosts;
    const drafts = new Map<string, Draft & { prefs: Set<string> }>();
    for (const h of parsed.hosts) {
      const mapping = firefoxPrefCategory(h.pref);
      if (mapping === null) {
        skip(report, 'unmapped-pref');
        continue;
      }
      if (mapping.category === null) {
        skip(report, 'pref-not-a-service');
        continue;
      }
      const owner = owners.ownerOf(h.host)?.owner;
      if (owner === undefined) {
        skip(report, 'unknown-owner');
        continue;
      }
      const id = `firefox.${file.idPart}.${slug(mapping.prefix) || 'pref'}.${slug(owner) || 'vendor'}`;
      let d = drafts.get(id);
      if (d === undefined) {
        d = {
          id,
          vendor: owner,
          product: mapping.product,
          category: mapping.category,
          names: new Set(),
          suffixes: new Set(),
          cidrs: [],
          ports: [],
          notes: '',
          ...(mapping.location === true ? { location: true } : {}),
          prefs: new Set(),
        };
        drafts.set(id, d);
      }
      d.prefs.add(h.pref);
      addHost(d, h.host, report);
    }
    for (const d of drafts.values())
      d.notes = `Firefox default preference ${[...d.prefs].sort(compare).join(', ')} (${file.file}): ${
        firefoxPrefCategory([...d.prefs][0] ?? '')?.why ?? ''
      }. Vendor: the owner of the registrable domain (owner table).`;
    rules.push(
      ...toRules([...drafts.values()], claims, {
        source: file.url,
        verified: input.retrieved,
        confidence: 'documented',
      }),
    );
  }
  return rules;
}

interface DocHostResolved {
  doc: VendorDoc;
  host: DocHost;
  /** Normalised name or suffix. */
  pattern: { kind: 'name' | 'suffix'; value: string };
}

/** The hosts of every locked vendor page, normalised, with what the page does not count as its traffic left out. */
function vendorDocHosts(inputs: ImportInputs, report: ImportReport): DocHostResolved[] {
  const out: DocHostResolved[] = [];
  for (const doc of VENDOR_DOCS) {
    const input = inputs.vendorDocs?.get(doc.lockId);
    if (input === undefined) continue;
    const sites = input.sites === undefined ? [] : parseDocSites(input.sites);
    const parsed = extractDocHosts(input.text, sites, doc.context);
    report.badRows += parsed.unfilledTemplates;
    for (const host of parsed.hosts) {
      const p = normalizeHostPattern(host.raw);
      if (p.kind === 'skip') {
        skip(report, p.reason);
        continue;
      }
      const bare = p.value.replace(/^\*\./, '');
      if (doc.exclude?.some((e) => e.test.test(bare)) === true) {
        skip(report, 'not-vendor-traffic');
        continue;
      }
      out.push({ doc, host, pattern: p });
    }
  }
  return out;
}

/** A host a vendor's own page or code names as its product's, as a claim on its registrable domain. */
interface OwnerClaim {
  /** Normalised name or suffix. */
  pattern: string;
  vendor: string;
  /** Lock id of the page or code. */
  lockId: string;
  from: 'doc' | 'code';
}

/**
 * Owner facts a vendor's own page or code gives: the registrable domains of the hosts it names as its product's,
 * where v2fly names no owner. A domain two sources give to different vendors is left out (and listed as a conflict).
 */
function addVendorOwners(file: DomainOwnersFile, hosts: readonly OwnerClaim[], report: ImportReport): void {
  const known = new DomainOwners(file);
  const claims = new Map<string, Map<string, OwnerClaim>>();
  for (const h of hosts) {
    const domain = registrableDomain(h.pattern.replace(/^\*\./, ''));
    if (domain === null || known.ownerOf(domain) !== null) continue;
    const byVendor = claims.get(domain) ?? new Map<string, OwnerClaim>();
    if (!byVendor.has(h.vendor)) byVendor.set(h.vendor, h);
    claims.set(domain, byVendor);
  }
  const entries = new Map<string, { owner: string; source: string; from: 'doc' | 'code'; domains: string[] }>();
  for (const [domain, byVendor] of claims) {
    if (byVendor.size > 1) {
      report.owners.conflicts.push(`${domain}: ${[...byVendor.keys()].sort().join(', ')}`);
      continue;
    }
    const claim = [...byVendor.values()][0];
    if (claim === undefined) continue;
    const key = `${claim.vendor}\u0000${claim.lockId}`;
    const e = entries.get(key) ?? { owner: claim.vendor, source: claim.lockId, from: claim.from, domains: [] };
    e.domains.push(domain);
    entries.set(key, e);
  }
  for (const e of entries.values()) {
    file.owners.push({ owner: e.owner, domains: e.domains.sort(compare), source: e.source });
    report.owners.domains += e.domains.length;
    if (e.from === 'doc') report.owners.fromVendorDocs += e.domains.length;
    else report.owners.fromVendorCode += e.domains.length;
  }
  report.owners.conflicts.sort();
  file.owners.sort((a, b) => compare(a.owner, b.owner) || compare(a.source, b.source));
}

interface CodeHostResolved {
  code: VendorCode;
  file: VendorCodeFile;
  key: VendorCodeKey & { category: Category };
  /** The constant's name in the file. */
  constant: string;
  host: string;
  vendor: string;
}

/**
 * The hosts of every locked vendor source file whose constant the file's table maps to a purpose. A constant no
 * entry matches, or one the table says is not a service (category null), is counted and left out.
 */
function vendorCodeHosts(inputs: ImportInputs, report: ImportReport): CodeHostResolved[] {
  const out: CodeHostResolved[] = [];
  for (const code of VENDOR_CODE) {
    const input = inputs.vendorCode?.get(code.lockId);
    if (input === undefined) continue;
    for (const file of code.files) {
      const text = input.files.get(file.file);
      if (text === undefined) {
        report.missingFiles.push(`${code.lockId}/${file.file}`);
        continue;
      }
      const parsed = parseSourceConstants(text);
      report.badRows += parsed.badLines;
      if (parsed.placeholders > 0)
        report.skippedHosts.placeholder = (report.skippedHosts.placeholder ?? 0) + parsed.placeholders;
      for (const c of parsed.constants) {
        const key = file.keys.find((k) => k.key.test(c.key));
        if (key === undefined) {
          skip(report, 'unmapped-constant');
          continue;
        }
        if (key.category === null) {
          skip(report, 'constant-not-a-service');
          continue;
        }
        const p = normalizeHostPattern(c.host);
        if (p.kind !== 'name') {
          skip(report, p.kind === 'skip' ? p.reason : 'invalid');
          continue;
        }
        if (code.exclude?.some((e) => e.test.test(p.value)) === true) {
          skip(report, 'not-vendor-traffic');
          continue;
        }
        out.push({
          code,
          file,
          key: { ...key, category: key.category },
          constant: c.key,
          host: p.value,
          vendor: code.vendor,
        });
      }
    }
  }
  return out;
}

/**
 * Rules from vendors' source code: one per source, category and vendor. A host the same source names for several
 * purposes gets the first of them in MULTI_PURPOSE_ORDER, and its rule's notes say which constants named it.
 */
function vendorCodeRules(
  hosts: readonly CodeHostResolved[],
  inputs: ImportInputs,
  owners: DomainOwners,
  claims: Claims,
): CatalogRule[] {
  const rules: CatalogRule[] = [];
  for (const code of VENDOR_CODE) {
    const input = inputs.vendorCode?.get(code.lockId);
    const mine = hosts.filter((h) => h.code.lockId === code.lockId);
    if (input === undefined || mine.length === 0) continue;
    const byHost = new Map<string, CodeHostResolved[]>();
    for (const h of mine) byHost.set(h.host, [...(byHost.get(h.host) ?? []), h]);
    const drafts = new Map<string, Draft & { uses: Set<string>; sources: Set<string> }>();
    for (const [host, uses] of byHost) {
      const rank = (c: Category): number => MULTI_PURPOSE_ORDER.indexOf(c);
      const best = [...uses].sort((a, b) => rank(a.key.category) - rank(b.key.category))[0];
      if (best === undefined) continue;
      const vendor = vendorFor(host, code.vendor, owners);
      const category = best.key.category;
      const id = `code.${code.idPrefix}.${category}${vendor === code.vendor ? '' : `.${slug(vendor)}`}`;
      let d = drafts.get(id);
      if (d === undefined) {
        d = {
          id,
          vendor,
          product: best.key.product,
          category,
          names: new Set(),
          suffixes: new Set(),
          cidrs: [],
          ports: [],
          notes: '',
          uses: new Set(),
          sources: new Set(),
        };
        drafts.set(id, d);
      }
      d.names.add(host);
      for (const u of uses) {
        d.uses.add(`${u.constant} (${u.file.file}: ${u.key.why})`);
        d.sources.add(u.file.url);
      }
      if (uses.some((u) => u.key.category !== category))
        d.uses.add(
          `${host} is named for ${[...new Set(uses.map((u) => u.key.category))].join(' and ')}; the rule states ${category} (MULTI_PURPOSE_ORDER)`,
        );
    }
    for (const { uses, sources, ...d } of [...drafts.values()].sort((a, b) => compareIds(a.id, b.id))) {
      const source = [...sources].sort(compare)[0] ?? '';
      rules.push(
        ...toRules([{ ...d, notes: `${code.title}: ${[...uses].sort(compare).join('; ')}.` }], claims, {
          source,
          verified: input.retrieved,
          confidence: 'documented',
        }),
      );
    }
  }
  return rules;
}

function vendorDocDrafts(hosts: DocHostResolved[], owners: DomainOwners): Map<string, Draft[]> {
  const byDoc = new Map<string, Map<string, Draft & { contexts: Set<string> }>>();
  for (const { doc, host, pattern } of hosts) {
    const hit = doc.categories.find((c) => c.test.test(host.context));
    const category = hit?.category ?? doc.defaultCategory;
    const why = hit?.why ?? doc.defaultWhy;
    const region = host.site === '' ? undefined : doc.siteRegions?.find((r) => r.test.test(host.site))?.region;
    const vendor = vendorFor(pattern.value, doc.vendor, owners);
    const id = `doc.${doc.idPrefix}.${category}${region === undefined ? '' : `.${region}`}${vendor === doc.vendor ? '' : `.${slug(vendor)}`}`;
    const drafts = byDoc.get(doc.lockId) ?? new Map<string, Draft & { contexts: Set<string> }>();
    byDoc.set(doc.lockId, drafts);
    let d = drafts.get(id);
    if (d === undefined) {
      d = {
        id,
        vendor,
        product: doc.product,
        category,
        names: new Set(),
        suffixes: new Set(),
        cidrs: [],
        ports: [],
        notes: `Category ${category}: ${why}.${region === undefined ? '' : ` Region ${region}: the page's site list names the site ${host.site}.`}`,
        contexts: new Set(),
        ...(region === undefined ? {} : { region }),
      };
      drafts.set(id, d);
    }
    if (host.context !== '') d.contexts.add(host.context);
    if (pattern.kind === 'name') d.names.add(pattern.value);
    else d.suffixes.add(pattern.value);
  }
  const out = new Map<string, Draft[]>();
  for (const [lockId, drafts] of byDoc) {
    const doc = VENDOR_DOCS.find((v) => v.lockId === lockId);
    out.set(
      lockId,
      [...drafts.values()].map(({ contexts, ...d }) => ({
        ...d,
        notes: `${doc?.title ?? lockId}; listed under: ${[...contexts].sort(compare).join(' / ') || '(no heading)'}. ${d.notes}`,
      })),
    );
  }
  return out;
}

function catalogText(rules: CatalogRule[], updated: string, description: string): string {
  const file: CatalogFile & { $schema: string } = {
    $schema: './schema.json',
    catalogVersion: `imported-${updated}`,
    updated,
    description,
    rules,
  };
  const check = validateCatalog(file);
  if (!check.ok) {
    const first = check.errors.slice(0, 5).map((e) => `${e.id ?? e.index}: ${e.key} ${e.message}`);
    throw new Error(`generated catalog is invalid: ${first.join('; ')}`);
  }
  return stableJson(file);
}

function count(file: string, rules: CatalogRule[], report: ImportReport): void {
  report.files[file] = {
    rules: rules.length,
    names: rules.reduce((n, r) => n + (r.match.names?.length ?? 0), 0),
    suffixes: rules.reduce((n, r) => n + (r.match.suffixes?.length ?? 0), 0),
    cidrs: rules.reduce((n, r) => n + (r.match.cidrs?.length ?? 0), 0),
  };
}

export function emptyReport(): ImportReport {
  return {
    owners: {
      lists: 0,
      domains: 0,
      notRegistrable: 0,
      trackersUsed: 0,
      conflicts: [],
      skippedPatterns: 0,
      badLines: 0,
      missingLists: [],
      cycles: [],
      fromVendorDocs: 0,
      fromVendorCode: 0,
    },
    files: {},
    curatedWins: 0,
    duplicates: 0,
    coveredBySuffix: 0,
    missingFiles: [],
    skippedHosts: {},
    unknownOwner: 0,
    unmappedAreas: [],
    badRows: 0,
  };
}

export function buildImport(inputs: ImportInputs): ImportOutput {
  const report = emptyReport();
  const files = new Map<string, string>();
  const ownersFile = buildOwners(inputs, report);
  const docHosts = vendorDocHosts(inputs, report);
  const codeHosts = vendorCodeHosts(inputs, report);
  addVendorOwners(
    ownersFile,
    [
      ...docHosts.map((h) => ({
        pattern: h.pattern.value,
        vendor: h.doc.vendor,
        lockId: h.doc.lockId,
        from: 'doc' as const,
      })),
      ...codeHosts.map((h) => ({ pattern: h.host, vendor: h.vendor, lockId: h.code.lockId, from: 'code' as const })),
    ],
    report,
  );
  if (report.owners.fromVendorDocs > 0 || report.owners.fromVendorCode > 0)
    ownersFile.description = `${ownersFile.description ?? ''} Domains v2fly does not list come from the vendors' own pages${report.owners.fromVendorCode > 0 ? ' and source code' : ''} (source: the lock id of the page).`;
  files.set(OWNERS_FILE, stableJson(ownersFile));
  const owners = new DomainOwners(ownersFile);
  const claims = new Claims(inputs.curated, report);
  /** One imported rule file: counted in the report and written as catalog JSON. */
  const emit = (path: string, rules: CatalogRule[], updated: string, description: string): void => {
    count(path, rules, report);
    files.set(path, catalogText(rules, updated, description));
  };
  // Order of precedence among imports: the Windows pages are the most specific (Enterprise first, then the
  // other editions' page), then Microsoft 365, then the vendor pages, Firefox, v2fly and the third-party lists.
  for (const page of WINDOWS_PAGES) {
    const input = page.lockId === WINDOWS_PAGES[0]?.lockId ? inputs.windows : inputs.windowsPages?.get(page.lockId);
    if (input === null || input === undefined) continue;
    const rules = toRules(windowsDrafts(input, page, owners, report), claims, {
      source: page.url,
      verified: input.retrieved,
      confidence: 'documented',
    });
    emit(
      page.file,
      rules,
      input.retrieved,
      `Imported by npm run catalog:import from "${input.lockId}" (Microsoft Learn, ${page.citation}). Do not edit by hand.`,
    );
  }
  if (inputs.m365 !== null) {
    const rules = toRules(m365Drafts(inputs.m365, owners, report), claims, {
      source: M365_URL,
      verified: inputs.m365.retrieved,
      confidence: 'documented',
    });
    const path = 'data/catalog/imported-ms365.json';
    emit(
      path,
      rules,
      inputs.m365.retrieved,
      `Imported by npm run catalog:import from "${inputs.m365.lockId}" (Microsoft Learn, Office 365 URLs and IP address ranges, worldwide, CC BY 4.0). Do not edit by hand.`,
    );
  }
  // Vendor pages come after the Microsoft pages and before v2fly: documented by the vendor, but less specific.
  const docDrafts = vendorDocDrafts(docHosts, owners);
  if (docDrafts.size > 0) {
    const rules: CatalogRule[] = [];
    let updated = '';
    for (const doc of VENDOR_DOCS) {
      const drafts = docDrafts.get(doc.lockId);
      const input = inputs.vendorDocs?.get(doc.lockId);
      if (drafts === undefined || input === undefined) continue;
      if (input.retrieved > updated) updated = input.retrieved;
      rules.push(...toRules(drafts, claims, { source: doc.url, verified: input.retrieved, confidence: 'documented' }));
    }
    emit(
      VENDOR_DOCS_FILE,
      rules,
      updated,
      `Imported by npm run catalog:import from vendors' own pages listing the hosts their agents and SDKs use (${VENDOR_DOCS.filter(
        (d) => inputs.vendorDocs?.has(d.lockId) === true,
      )
        .map((d) => d.lockId)
        .join(', ')}; see data/sources/sources.lock.json). Do not edit by hand.`,
    );
  }
  // Vendors' own source code: the endpoints their software is built to contact, after their pages.
  const codeRules = vendorCodeRules(codeHosts, inputs, owners, claims);
  if (codeRules.length > 0 || (inputs.vendorCode?.size ?? 0) > 0) {
    const locked = VENDOR_CODE.filter((c) => inputs.vendorCode?.has(c.lockId) === true);
    const updated =
      locked
        .map((c) => inputs.vendorCode?.get(c.lockId)?.retrieved ?? '')
        .sort(compare)
        .at(-1) ?? '';
    emit(
      VENDOR_CODE_FILE,
      codeRules,
      updated,
      `Imported by npm run catalog:import from vendors' own source code: the default endpoints named by constants (${locked
        .map((c) => c.lockId)
        .join(', ')}; see data/sources/sources.lock.json). Do not edit by hand.`,
    );
  }
  // Firefox's own configuration: documented by the vendor, after the vendor pages, before the third-party lists.
  if (inputs.firefox !== undefined) {
    emit(
      FIREFOX_FILE,
      firefoxRules(inputs.firefox, owners, claims, report),
      inputs.firefox.retrieved,
      `Imported by npm run catalog:import from "${inputs.firefox.lockId}" (excerpts of Firefox's default preferences, MPL-2.0): the endpoint each pref names, categorised by the pref's name. Do not edit by hand.`,
    );
  }
  const v2Drafts = v2flyDrafts(inputs, owners, report);
  const v2Rules: CatalogRule[] = [];
  for (const d of [...v2Drafts].sort((a, b) => compareIds(a.id, b.id))) {
    const list = d.id.split('.')[1] ?? '';
    v2Rules.push(
      ...toRules([d], claims, {
        source: `${V2FLY_URL}${list}`,
        verified: inputs.v2fly.retrieved,
        confidence: 'third-party-list',
      }),
    );
  }
  const v2Path = 'data/catalog/imported-v2fly.json';
  emit(
    v2Path,
    v2Rules,
    inputs.v2fly.retrieved,
    `Imported by npm run catalog:import from "${inputs.v2fly.lockId}" (v2fly/domain-list-community, MIT): lists that say what traffic is for. Do not edit by hand.`,
  );
  // The least specific sources come last: lists that say what a host is for, then the vendors' tracker lists.
  if (inputs.misp !== undefined) {
    const rules = thirdPartyFile('misp', MISP_PURPOSE_LISTS, inputs.misp, owners, claims, report);
    emit(
      MISP_FILE,
      rules,
      inputs.misp.retrieved,
      `Imported by npm run catalog:import from "${inputs.misp.lockId}" (MISP warninglists, CC0 1.0): lists that say what a host is for. Do not edit by hand.`,
    );
  }
  if (inputs.hagezi !== undefined) {
    const rules = thirdPartyFile('hagezi', HAGEZI_NATIVE_LISTS, inputs.hagezi, owners, claims, report);
    emit(
      HAGEZI_FILE,
      rules,
      inputs.hagezi.retrieved,
      `Imported by npm run catalog:import from "${inputs.hagezi.lockId}" (hagezi/dns-blocklists native-tracker lists, GPL-3.0): hosts vendors' own software sends device and usage data to. Do not edit by hand.`,
    );
  }
  report.missingFiles.sort();
  report.unknownOwner = report.skippedHosts['unknown-owner'] ?? 0;
  report.unmappedAreas.sort();
  report.owners.missingLists = [...new Set(report.owners.missingLists)].sort();
  return { files, report };
}
