/**
 * Who owns a host name's registrable domain: the organisation that runs the service behind the name, whoever
 * hosts it. The registrable domain comes from the Public Suffix List (tldts) *with* its private section, so a
 * tenant's name on a cloud's shared domain (vendor-x.azurewebsites.net, bucket.s3.amazonaws.com,
 * x.cloudfront.net) is the tenant's own registrable domain and is never attributed to the cloud: the landlord is
 * not the recipient. The table is data (data/owners/domain-owners.json), imported from maintained lists by
 * `npm run catalog:import`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getDomain } from 'tldts';
import { packageRoot } from '../../core/package-root.js';

export interface DomainOwnerEntry {
  /** The organisation, spelt as catalog vendors are ("Microsoft", "Google", "Apple", ...). */
  owner: string;
  /** Registrable domains it owns (lower case, no trailing dot). */
  domains: string[];
  /** Where the attribution comes from: a source id of data/sources/sources.lock.json and the list in it. */
  source: string;
}

export interface DomainOwnersFile {
  updated: string;
  description?: string;
  owners: DomainOwnerEntry[];
}

export interface DomainOwner {
  owner: string;
  /** The name's registrable domain (Public Suffix List, private section honoured). */
  registrableDomain: string;
  source: string;
}

/** The registrable domain of a host name, or null for addresses, bare suffixes and names tldts cannot read. */
export function registrableDomain(name: string): string | null {
  return getDomain(name, { allowPrivateDomains: true });
}

export class DomainOwners {
  readonly #byDomain = new Map<string, DomainOwnerEntry>();

  constructor(readonly file: DomainOwnersFile) {
    // A domain listed for two owners keeps the first: the file is ordered, and a test keeps it free of clashes.
    for (const entry of file.owners) {
      for (const d of entry.domains) if (!this.#byDomain.has(d)) this.#byDomain.set(d, entry);
    }
  }

  /** Where the shipped table lives, relative to the package root. */
  static readonly SHIPPED_FILE = 'data/owners/domain-owners.json';

  /** The shipped table; an empty one when the file is absent. */
  static loadShipped(root: string = packageRoot()): DomainOwners {
    let text: string;
    try {
      text = readFileSync(join(root, DomainOwners.SHIPPED_FILE), 'utf8');
    } catch {
      return new DomainOwners({ updated: '', owners: [] });
    }
    return new DomainOwners(JSON.parse(text) as DomainOwnersFile);
  }

  /** The owner of `name`'s registrable domain, or null when the table does not know it. */
  ownerOf(name: string): DomainOwner | null {
    const domain = registrableDomain(name);
    if (domain === null) return null;
    const entry = this.#byDomain.get(domain);
    return entry === undefined ? null : { owner: entry.owner, registrableDomain: domain, source: entry.source };
  }

  get size(): number {
    return this.#byDomain.size;
  }
}
