/**
 * The inputs `npm run same-bytes` runs both builds on: the capture corpus, the shared logs, ETL, Network Monitor
 * and payload captures and HAR files, the repository's samples and (without --quick) the bench data. Each folder
 * that is absent is skipped with a note, so the check runs on a clone without ../shared.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** What an input is read as: decides the commands and their extra options. */
export type InputKind = 'capture' | 'log' | 'har' | 'sample';

export interface Input {
  /** Stable label: folder tag and path inside it, e.g. `corpus/nDPI/quic.pcap`. */
  id: string;
  path: string;
  kind: InputKind;
  bytes: number;
  /** NSS key log beside a payload capture (`NAME.keys`), passed as --keylog. */
  keylog: string | null;
  /** Bench data: large, run only without --quick, scheduled first. */
  bench: boolean;
}

export interface InputRoots {
  /** The repository whose build is checked (samples/ and bench-data/ are read from it). */
  repoRoot: string;
  /** A corpus folder: its pcaps/ subfolder when it has one (the layout of ../shared/corpus), else the folder. */
  corpusDir: string;
  /** The shared data folder (logs/, etl/, netmon/, payload/). */
  sharedDir: string;
  quick: boolean;
}

export interface Enumeration {
  inputs: Input[];
  /** One line per folder that was absent or empty: printed so a short run is not mistaken for a full one. */
  notes: string[];
}

/** Every regular file under dir, sorted by path (deterministic order across runs and machines). */
export function walkFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    const entries = readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const e of entries) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/** Documentation and sidecar files that sit beside data and are no input. */
export function isSidecar(name: string): boolean {
  return /\.(md|index\.tsv|keys|packets)$/i.test(name) || /^(LICENSES?|README|MANIFEST)(\.|$)/i.test(name);
}

const CAPTURE = /\.(pcap|pcapng|cap|etl|gz|lz4|zst|snoop)$/i;

interface Folder {
  tag: string;
  dir: string;
  kind: InputKind;
  /** Which files of the folder are inputs. */
  accept: (name: string) => boolean;
  bench?: boolean;
}

function folders(roots: InputRoots): Folder[] {
  const corpus = existsSync(join(roots.corpusDir, 'pcaps')) ? join(roots.corpusDir, 'pcaps') : roots.corpusDir;
  const shared = roots.sharedDir;
  const list: Folder[] = [
    { tag: 'corpus', dir: corpus, kind: 'capture', accept: (n) => !isSidecar(n) },
    { tag: 'logs', dir: join(shared, 'logs'), kind: 'log', accept: (n) => !isSidecar(n) },
    { tag: 'etl', dir: join(shared, 'etl'), kind: 'capture', accept: (n) => CAPTURE.test(n) },
    { tag: 'netmon', dir: join(shared, 'netmon'), kind: 'capture', accept: (n) => CAPTURE.test(n) },
    { tag: 'payload', dir: join(shared, 'payload', 'captures'), kind: 'capture', accept: (n) => CAPTURE.test(n) },
    { tag: 'har', dir: join(shared, 'payload', 'har'), kind: 'har', accept: (n) => /\.har$/i.test(n) },
    { tag: 'samples', dir: join(roots.repoRoot, 'samples'), kind: 'sample', accept: (n) => CAPTURE.test(n) },
  ];
  if (!roots.quick) {
    const bench = join(roots.repoRoot, 'bench-data');
    list.push({ tag: 'bench-data', dir: bench, kind: 'capture', accept: (n) => CAPTURE.test(n), bench: true });
    list.push({ tag: 'bench-data', dir: bench, kind: 'log', accept: (n) => /\.log$/i.test(n), bench: true });
  }
  return list;
}

/** The sample folder holds only the captures at its top (its reports/ are outputs, not inputs). */
function filesOf(folder: Folder): string[] {
  if (folder.kind !== 'sample' && folder.tag !== 'bench-data') return walkFiles(folder.dir);
  return readdirSync(folder.dir, { withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(folder.dir, e.name))
    .sort();
}

function keylogBeside(path: string): string | null {
  const keys = path.replace(/\.(pcap|pcapng)$/i, '.keys');
  return keys !== path && existsSync(keys) ? keys : null;
}

export function enumerateInputs(roots: InputRoots): Enumeration {
  const inputs: Input[] = [];
  const notes: string[] = [];
  for (const folder of folders(roots)) {
    if (!existsSync(folder.dir)) {
      notes.push(`${folder.tag}: ${folder.dir} absent, skipped`);
      continue;
    }
    const files = filesOf(folder).filter((p) => folder.accept(p.slice(p.lastIndexOf('/') + 1)));
    if (files.length === 0) notes.push(`${folder.tag}: no inputs in ${folder.dir}`);
    for (const path of files) {
      inputs.push({
        id: `${folder.tag}/${relative(folder.dir, path)}`,
        path,
        kind: folder.kind,
        bytes: statSync(path).size,
        keylog: folder.tag === 'payload' ? keylogBeside(path) : null,
        bench: folder.bench === true,
      });
    }
  }
  if (roots.quick) notes.push('bench-data: left out (--quick)');
  return { inputs, notes };
}
