/**
 * Opens one .mmdb file and checks it before use: archives given instead of the database get a message saying
 * what to do, files without the MaxMind metadata marker or with a search tree that does not fit the file are
 * refused, and the schema is detected from a sample record found by walking the tree (MaxMind DB spec
 * "Search Tree Section"). Everything wrong with a file is an InputError naming it.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { Reader } from 'maxmind';
import { InputError } from '../../core/errors.js';
import { formatIPv4, formatIPv6 } from '../../core/ip-format.js';
import { detectRoles, detectSchema, type GeoRole, type GeoSchema } from './geo-schema.js';
import { SearchTree } from './search-tree.js';

export interface OpenDatabase {
  file: string;
  path: string;
  reader: Reader<Record<string, unknown>>;
  /** The search tree, walked from address bytes (search-tree.ts). */
  tree: SearchTree;
  /** Decodes the data record `record` (a value from tree.find) that the walk for `address` ended on; may throw. */
  data: (record: number, address: Uint8Array) => unknown;
  schema: GeoSchema;
  roles: GeoRole[];
  type: string;
  /** YYYY-MM-DD from build_epoch. */
  buildDate: string;
  ipVersion: number;
  size: number;
  sha256: string;
}

/** Databases larger than this are refused (the largest commercial GeoIP2 files are a few hundred MB). */
export const MAX_DATABASE_BYTES = 2 * 1024 ** 3 - 1;
/** Tree nodes visited while looking for a sample record. */
const SAMPLE_WALK_LIMIT = 200_000;

export function sniffArchive(head: Uint8Array): 'gzip' | 'zip' | 'tar' | null {
  if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return 'zip';
  if (Buffer.from(head.subarray(257, 262)).toString('latin1') === 'ustar') return 'tar';
  return null;
}

export function archiveHint(file: string, kind: 'gzip' | 'zip' | 'tar'): string {
  const name = path.basename(file);
  const how =
    kind === 'zip'
      ? `unzip ${name}`
      : kind === 'tar'
        ? `tar xf ${name}`
        : /\.(tar\.gz|tgz)$/i.test(name)
          ? `tar xzf ${name}`
          : `gunzip ${name}`;
  return `${name} is a ${kind === 'tar' ? 'tar' : kind} archive, not a MaxMind .mmdb database: unpack it (${how}) and point --geoip-dir at the folder that holds the .mmdb file`;
}

export function openDatabase(file: string): OpenDatabase {
  let buf: Buffer;
  try {
    const size = statSync(file).size;
    if (size > MAX_DATABASE_BYTES)
      throw new InputError(`${file}: ${size} bytes is too large for a GeoIP database`, file);
    buf = readFileSync(file);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`cannot read GeoIP database ${file}: ${(e as Error).message}`, file);
  }
  return openDatabaseBuffer(buf, file);
}

/**
 * Decoded data records by offset in the data section. Without it the reader decodes the whole record (a country
 * with its names in eight languages) on every lookup; with it, the few hundred records of a country database are
 * decoded once. Records are shared between answers, so nothing may modify them (geo-schema.ts only reads).
 */
export class RecordCache {
  static readonly LIMIT = 100_000;
  readonly #map = new Map<number, unknown>();
  get(offset: number): unknown {
    return this.#map.get(offset);
  }
  set(offset: number, value: unknown): void {
    if (this.#map.size >= RecordCache.LIMIT) this.#map.clear();
    this.#map.set(offset, value);
  }
}

export function openDatabaseBuffer(buf: Buffer, file: string): OpenDatabase {
  const archive = sniffArchive(buf.subarray(0, 512));
  if (archive !== null) throw new InputError(archiveHint(file, archive), file);
  let reader: Reader<Record<string, unknown>>;
  try {
    reader = new Reader<Record<string, unknown>>(buf, { cache: new RecordCache() });
  } catch (e) {
    throw new InputError(
      `${path.basename(file)} is not a usable MaxMind DB file (${(e as Error).message}); download the .mmdb again`,
      file,
    );
  }
  const m = reader.metadata;
  const bits = m.ipVersion === 4 ? 32 : 128;
  if ((m.ipVersion !== 4 && m.ipVersion !== 6) || ![24, 28, 32].includes(m.recordSize)) {
    throw new InputError(
      `${path.basename(file)}: unsupported MaxMind DB (ip_version ${m.ipVersion}, record size ${m.recordSize})`,
      file,
    );
  }
  if (m.searchTreeSize + 16 > buf.length || m.nodeCount === 0) {
    throw new InputError(`${path.basename(file)} is truncated or corrupt: its search tree does not fit the file`, file);
  }
  const tree = new SearchTree(buf, m);
  const sample = findSample(reader, tree, m.nodeCount, bits);
  const schema = detectSchema(m.databaseType, sample);
  if (schema === null) {
    throw new InputError(
      `${path.basename(file)} (${m.databaseType}): record layout not recognised (expected MaxMind/DB-IP, ip-location-db or IPinfo fields)`,
      file,
    );
  }
  const roles = detectRoles(schema, sample);
  return {
    file: path.basename(file),
    path: file,
    reader,
    tree,
    data: recordDecoder(reader),
    schema,
    roles,
    type: m.databaseType,
    buildDate: Number.isNaN(m.buildEpoch.getTime()) ? 'unknown' : m.buildEpoch.toISOString().slice(0, 10),
    ipVersion: m.ipVersion,
    size: buf.length,
    sha256: createHash('sha256').update(buf).digest('hex'),
  };
}

/**
 * Decodes a data record by the record value the tree walk ended on. The Reader's resolveDataPointer does exactly
 * that (data section offset = record - node_count + search tree size, then its decoder with our RecordCache), but
 * it is not part of the package's typed API: when a later version lacks it, the record is fetched through the
 * public Reader.get with the address as text, which walks to the same record.
 */
export function recordDecoder(
  reader: Reader<Record<string, unknown>>,
): (record: number, address: Uint8Array) => unknown {
  const resolve = (reader as unknown as { resolveDataPointer?: unknown }).resolveDataPointer;
  if (typeof resolve === 'function') return (record) => resolve.call(reader, record) as unknown;
  return (_record, address) => reader.get(address.length === 4 ? formatIPv4(address, 0) : formatIPv6(address, 0));
}

/** The first address (in tree order) that has data, decoded; null when the walk finds none or data is broken. */
function findSample(
  reader: Reader<Record<string, unknown>>,
  tree: SearchTree,
  nodeCount: number,
  bits: number,
): unknown {
  const stack: { node: number; depth: number; prefix: Uint8Array }[] = [
    { node: 0, depth: 0, prefix: new Uint8Array(bits / 8) },
  ];
  let visited = 0;
  while (stack.length > 0 && visited++ < SAMPLE_WALK_LIMIT) {
    const top = stack.pop();
    if (top === undefined || top.depth >= bits) continue;
    const children: { node: number; depth: number; prefix: Uint8Array }[] = [];
    for (const side of [0, 1]) {
      const rec = tree.record(top.node, side);
      const prefix = top.prefix.slice();
      if (side === 1) prefix[top.depth >> 3] = (prefix[top.depth >> 3] ?? 0) | (0x80 >> (top.depth & 7));
      if (rec < nodeCount) children.push({ node: rec, depth: top.depth + 1, prefix });
      else if (rec > nodeCount) {
        const ip = bits === 32 ? formatIPv4(prefix, 0) : formatIPv6(prefix, 0);
        try {
          return reader.get(ip);
        } catch {
          return null;
        }
      }
    }
    // Right pushed first so the left (lower addresses) is explored first.
    stack.push(...children.reverse());
  }
  return null;
}
