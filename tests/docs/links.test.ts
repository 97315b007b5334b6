/**
 * Every relative link in README.md and docs/*.md points to a file that exists, and every #anchor to a heading of
 * that file (GitHub's heading ids), so moving a section cannot leave a dead link behind. Links to the web are not
 * fetched. A small fixture shows the checker catches a missing file and a missing anchor.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The text outside fenced code blocks and inline code spans, line by line (links there are not links). */
function proseLines(markdown: string): string[] {
  const out: string[] = [];
  let fence: string | null = null;
  for (const line of markdown.split('\n')) {
    const m = /^\s*(`{3,}|~{3,})/.exec(line);
    if (m?.[1] !== undefined) {
      if (fence === null) fence = m[1];
      else if (m[1].startsWith(fence)) fence = null;
      continue;
    }
    if (fence !== null) continue;
    out.push(line.replace(/(`+)[\s\S]*?\1/g, ''));
  }
  return out;
}

/** GitHub's id for a heading: lower case, punctuation dropped (but `-` and `_`), spaces to `-`. */
function headingSlug(text: string): string {
  return text
    .replace(/<[^>]*>/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** The anchors a Markdown file offers: its headings' ids (repeats numbered -1, -2, … as GitHub does). */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const counts = new Map<string, number>();
  let fence: string | null = null;
  for (const line of markdown.split('\n')) {
    const f = /^\s*(`{3,}|~{3,})/.exec(line);
    if (f?.[1] !== undefined) {
      if (fence === null) fence = f[1];
      else if (f[1].startsWith(fence)) fence = null;
      continue;
    }
    if (fence !== null) continue;
    const h = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (h?.[1] === undefined) continue;
    const base = headingSlug(h[1]);
    const n = counts.get(base) ?? 0;
    counts.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  return anchors;
}

/** Broken relative links of one Markdown file, as "target: why". */
function brokenLinks(file: string): string[] {
  const broken: string[] = [];
  const text = readFileSync(file, 'utf8');
  for (const line of proseLines(text)) {
    for (const m of line.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
      const target = m[1] ?? '';
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:
      const hash = target.indexOf('#');
      const path = hash < 0 ? target : target.slice(0, hash);
      const anchor = hash < 0 ? '' : decodeURIComponent(target.slice(hash + 1));
      const dest = path === '' ? file : resolve(dirname(file), decodeURIComponent(path));
      if (!existsSync(dest)) {
        broken.push(`${target}: no such file`);
        continue;
      }
      if (anchor === '') continue;
      if (statSync(dest).isDirectory() || !dest.endsWith('.md')) {
        broken.push(`${target}: an anchor into a file that is not Markdown`);
        continue;
      }
      if (!anchorsOf(readFileSync(dest, 'utf8')).has(anchor)) broken.push(`${target}: no heading #${anchor}`);
    }
  }
  return broken;
}

function markdownFiles(): string[] {
  const docs = join(repoRoot, 'docs');
  const pages = readdirSync(docs)
    .filter((f) => f.endsWith('.md'))
    .map((f) => join(docs, f));
  return [join(repoRoot, 'README.md'), ...pages];
}

describe('links in README.md and docs/', () => {
  for (const file of markdownFiles()) {
    it(`${relative(repoRoot, file)}: every relative link and anchor resolves`, () => {
      expect(brokenLinks(file)).toEqual([]);
    });
  }
});

describe('the link checker', () => {
  const dir = mkdtempSync(join(tmpdir(), 'outflow-links-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives headings the ids GitHub gives them', () => {
    expect(headingSlug('`outflow audit INPUT...`')).toBe('outflow-audit-input');
    expect(headingSlug('`--baseline PREVIOUS.json`')).toBe('--baseline-previousjson');
    expect(headingSlug('Worker threads (`-j`)')).toBe('worker-threads--j');
    expect(headingSlug("The DPO's follow-up")).toBe('the-dpos-follow-up');
    expect([...anchorsOf('# A\n## Same\n```\n# not a heading\n```\n## Same\n')]).toEqual(['a', 'same', 'same-1']);
  });

  it('catches a missing file and a missing anchor, and ignores links in code and to the web', () => {
    mkdirSync(join(dir, 'docs'), { recursive: true });
    writeFileSync(join(dir, 'docs', 'b.md'), '# B\n\n## Present\n');
    const a = join(dir, 'a.md');
    writeFileSync(
      a,
      [
        '# A',
        '[ok](docs/b.md#present) [self](#a) [web](https://example.com/x#y)',
        '[gone](docs/missing.md) [bad anchor](docs/b.md#absent)',
        '`[in code](nowhere.md)`',
        '```',
        '[in a fence](nowhere.md)',
        '```',
      ].join('\n'),
    );
    expect(brokenLinks(a)).toEqual(['docs/missing.md: no such file', 'docs/b.md#absent: no heading #absent']);
  });
});
