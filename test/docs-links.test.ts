// Relative links between README.md, docs/, BENCHMARKS.md and DEVELOPMENT.md
// must point at a file that exists and, with a #fragment, at one of its headings
// (GitHub's anchor rules), so moving a section cannot leave a dead link.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
export function headingAnchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^```/.test(line)) fenced = !fenced;
    const m = !fenced && /^#{1,6}\s+(.+?)\s*#*\s*$/.exec(line);
    if (!m) continue;
    const base = m[1]!
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  return anchors;
}

function pages(): string[] {
  const docs = fs.readdirSync(path.join(repo, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`);
  return ['README.md', 'BENCHMARKS.md', 'DEVELOPMENT.md', ...docs].filter((p) => fs.existsSync(path.join(repo, p)));
}

describe('links between the documentation pages', () => {
  it('computes GitHub anchors the way GitHub does for the headings used here', () => {
    const anchors = headingAnchors("# A\n## Across a batch: near-duplicate groups (`cluster` stage)\n## Batch stages (after spam's `cluster` and `flood`)\n## A\n```\n# not a heading\n```");
    expect([...anchors]).toEqual(['a', 'across-a-batch-near-duplicate-groups-cluster-stage', 'batch-stages-after-spams-cluster-and-flood', 'a-1']);
  });

  it('README links every docs page, BENCHMARKS.md and DEVELOPMENT.md', () => {
    const readme = fs.readFileSync(path.join(repo, 'README.md'), 'utf8');
    for (const page of pages().filter((p) => p !== 'README.md')) expect(readme, `README.md does not link ${page}`).toContain(`](${page}`);
  });

  it('every relative link resolves to an existing file and heading', () => {
    const broken: string[] = [];
    for (const page of pages()) {
      const text = fs.readFileSync(path.join(repo, page), 'utf8').replace(/^```[\s\S]*?^```/gm, '');
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/i.test(target!)) continue; // http(s), mailto
        const [file, anchor] = target!.split('#');
        const resolved = file ? path.resolve(path.dirname(path.join(repo, page)), file) : path.join(repo, page);
        if (!fs.existsSync(resolved)) {
          broken.push(`${page}: ${target} (no such file)`);
          continue;
        }
        if (anchor && !(fs.statSync(resolved).isFile() && headingAnchors(fs.readFileSync(resolved, 'utf8')).has(anchor))) {
          broken.push(`${page}: ${target} (no such heading)`);
        }
      }
    }
    expect(broken).toEqual([]);
  });
});
