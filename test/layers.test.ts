import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The layering of src/ (issue: re-layer the code), checked on the import statements themselves:
// kernel < lexicon/text < capabilities < analyzer < entry points and CLI; no cycles anywhere.
const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'src');

/** Rank of a module by its place in src/; a module may import only modules of its rank or lower. */
const LAYERS: Array<[RegExp, number, string]> = [
  [/^util\//, 0, 'util'],
  [/^schema\//, 0, 'schema (the output vocabulary)'],
  [/^kernel\//, 1, 'kernel'],
  [/^types\.ts$/, 2, 'results'],
  [/^text\//, 3, 'text'],
  [/^lexicon\//, 4, 'lexicon'],
  [/^context\//, 5, 'context'],
  [/^(document|sentiment|classify|spam|severity|triage|report|reply)\//, 6, 'capabilities'],
  [/^analyzer\//, 7, 'analyzer'],
  [/^(index\.ts|extend\.ts|testing\/|cli\/|monitor\/)/, 8, 'entry points, CLI and the monitor'],
];

function layerOf(rel: string): { rank: number; name: string } {
  for (const [re, rank, name] of LAYERS) if (re.test(rel)) return { rank, name };
  throw new Error(`src/${rel} is in no layer: add its folder to LAYERS`);
}

function modules(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) out.push(path.relative(src, p).split(path.sep).join('/'));
    }
  };
  walk(src);
  return out.sort();
}

/** Relative imports and re-exports of a module, resolved to src-relative .ts paths (type-only imports count too). */
function importsOf(rel: string): string[] {
  const text = fs.readFileSync(path.join(src, rel), 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'";]*?from\s+['"](\.{1,2}\/[^'"]+)['"]/g)) {
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(rel), m[1]!)).replace(/\.js$/, '.ts');
    out.push(target);
  }
  return out;
}

describe('layers', () => {
  const all = modules();
  const graph = new Map(all.map((m) => [m, importsOf(m)]));

  it('every import resolves to a module of src/', () => {
    for (const [m, deps] of graph) for (const d of deps) expect(all, `${m} imports ${d}`).toContain(d);
  });

  it('no module imports from a higher layer', () => {
    const upward: string[] = [];
    for (const [m, deps] of graph) {
      const from = layerOf(m);
      for (const d of deps) {
        const to = layerOf(d);
        if (to.rank > from.rank) upward.push(`${m} (${from.name}) imports ${d} (${to.name})`);
      }
    }
    expect(upward).toEqual([]);
  });

  it('the kernel names no capability, batch module or concrete tokenizer', () => {
    for (const m of all.filter((x) => x.startsWith('kernel/'))) {
      for (const d of graph.get(m)!) expect(d, `${m} imports ${d}`).toMatch(/^(kernel|util|schema)\//);
    }
  });

  it('has no import cycle', () => {
    const state = new Map<string, 0 | 1 | 2>(); // 0 new, 1 on the stack, 2 done
    const cycles: string[] = [];
    const visit = (m: string, stack: string[]) => {
      state.set(m, 1);
      for (const d of graph.get(m) ?? []) {
        if (state.get(d) === 1) cycles.push([...stack.slice(stack.indexOf(d)), d].join(' -> '));
        else if (!state.get(d)) visit(d, [...stack, d]);
      }
      state.set(m, 2);
    };
    for (const m of all) if (!state.get(m)) visit(m, [m]);
    expect(cycles).toEqual([]);
  });
});
