// Runs every ```ts / ```js block of README.md and docs/*.md, so the examples
// cannot rot. A block is written to a temporary module (importing
// `review-triage` resolves to src/ through the vitest alias) and imported.
//
// Conventions, also stated at the top of docs/pipeline.md:
// - A block that does not declare them gets `createAnalyzer` (imported from
//   'review-triage'), a fresh `analyzer = createAnalyzer()` and `reviews`, a
//   few sample review inputs.
// - A line `expression; // <JS literal> [more words]` asserts the literal:
//   numbers written with decimals match to that many places, anything else
//   must be deeply equal. Comments that are not a literal are prose.
// - A block marked ```ts nocheck is not run (it needs a package this one does
//   not depend on); keep those rare.
// - Blocks run with the working directory set to a folder holding the files
//   the examples name: lexicons/our-courier.json and my-actions.json.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNNABLE = new Set(['ts', 'js', 'typescript', 'javascript']);
const MAX_NOCHECK_BLOCKS = 2;

interface Block {
  file: string;
  line: number;
  lang: string;
  flags: string;
  code: string;
}

function docFiles(): string[] {
  const docs = fs.existsSync(path.join(repo, 'docs'))
    ? fs.readdirSync(path.join(repo, 'docs')).filter((f) => f.endsWith('.md')).sort().map((f) => `docs/${f}`)
    : [];
  return ['README.md', ...docs];
}

/** Fenced blocks of a markdown file, with the line their code starts on. */
export function fencedBlocks(file: string, markdown: string): Block[] {
  const blocks: Block[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)\s*(.*)$/.exec(lines[i]!);
    if (!open) continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && !/^```\s*$/.test(lines[end]!)) end++;
    blocks.push({ file, line: start + 1, lang: open[1]!.toLowerCase(), flags: open[2]!.trim(), code: lines.slice(start, end).join('\n') });
    i = end;
  }
  return blocks;
}

/** The value of the longest whitespace-delimited prefix of `comment` that is a JS literal, or undefined. */
export function literalPrefix(comment: string): { source: string } | undefined {
  if (!/^(['"[{\d-]|true\b|false\b|null\b)/.test(comment)) return undefined;
  const cuts: number[] = [comment.length];
  for (let i = comment.length - 1; i > 0; i--) if (/\s/.test(comment[i]!) && !/\s/.test(comment[i - 1]!)) cuts.push(i);
  for (const cut of cuts) {
    const source = comment.slice(0, cut);
    try {
      // Only literals survive: a name (`{ id, level }`) throws a ReferenceError here.
      new Function(`"use strict"; return (${source});`)();
      return { source };
    } catch {
      // not a literal this long; try a shorter prefix
    }
  }
  return undefined;
}

const NOT_AN_EXPRESSION = /^(?:(?:const|let|var|import|export|return|if|for|while|function|class|try|catch|throw)\b|[}\])]|\/\/)/;

/** Rewrites `expr; // literal` lines into assertions; returns the code and how many it made. */
export function withAssertions(block: Block): { code: string; assertions: number } {
  let assertions = 0;
  const lines = block.code.split('\n').map((text, i) => {
    const m = /^(\s*)(.+?);\s*\/\/\s*(.+)$/.exec(text);
    if (!m || NOT_AN_EXPRESSION.test(m[2]!.trim())) return text;
    const literal = literalPrefix(m[3]!.trim());
    if (!literal) return text;
    assertions++;
    const where = `${block.file}:${block.line + i}`;
    return `${m[1]}globalThis.__docsExpect((${m[2]}), (${literal.source}), ${JSON.stringify(where)});`;
  });
  return { code: lines.join('\n'), assertions };
}

function declares(code: string, name: string): boolean {
  return new RegExp(`\\b(const|let|var|function)\\s+${name}\\b|import\\s*\\{[^}]*\\b${name}\\b[^}]*\\}`).test(code);
}

const SAMPLE_REVIEWS = `[
  { id: 'r1', text: '質量很差，發貨太慢了！！！！', rating: 1 },
  { id: 'r2', text: '衣服起球严重，洗一次就掉色，客服也不回复，要求退款', rating: 1 },
  { id: 'r3', text: '用了三天脸上过敏起红疹，已经打12315投诉', rating: 1 },
  { id: 'r4', text: 'Great quality and fast shipping, will buy again!', rating: 5 },
  { id: 'r5', text: '便宜正品私聊，加薇信 abc123456' },
  { id: 'r6', text: 'The zipper broke after two days and support never replied.', rating: 2 },
]`;

/** The module a block becomes: the prelude it needs, then its code with assertions. */
export function moduleSource(block: Block): { source: string; assertions: number } {
  const { code, assertions } = withAssertions(block);
  const prelude: string[] = [];
  if (!declares(code, 'createAnalyzer')) prelude.push("import { createAnalyzer } from 'review-triage';");
  if (!declares(code, 'analyzer') && /\banalyzer\b/.test(code)) prelude.push('const analyzer = createAnalyzer();');
  if (!declares(code, 'reviews') && /\breviews\b/.test(code)) prelude.push(`const reviews = ${SAMPLE_REVIEWS};`);
  return { source: `${prelude.join('\n')}\n${code}\nexport {};\n`, assertions };
}

function docsExpect(actual: unknown, expected: unknown, where: string): void {
  if (typeof expected === 'number' && typeof actual === 'number' && !Number.isInteger(expected)) {
    const places = String(expected).split('.')[1]?.length ?? 0;
    expect(Math.abs(actual - expected), `${where}: ${actual} is not ${expected} to ${places} places`).toBeLessThanOrEqual(0.5 * 10 ** -places + 1e-12);
    return;
  }
  expect(actual, where).toEqual(expected);
}

const blocks = docFiles().flatMap((file) => fencedBlocks(file, fs.readFileSync(path.join(repo, file), 'utf8')));
const runnable = blocks.filter((b) => RUNNABLE.has(b.lang) && !/\bnocheck\b/.test(b.flags));

describe('documentation examples', () => {
  let work = '';
  let cwd = '';
  beforeAll(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'review-triage-docs-'));
    // Files the examples name, in the formats the docs describe.
    fs.mkdirSync(path.join(work, 'lexicons'));
    fs.writeFileSync(
      path.join(work, 'lexicons', 'our-courier.json'),
      JSON.stringify({ kind: 'topics', lang: 'zh', entries: [{ term: '闪电侠快运', topic: 'logistics' }] }),
    );
    fs.writeFileSync(path.join(work, 'my-actions.json'), JSON.stringify({ byLevel: { critical: ['Page the shop owner.'] } }));
    (globalThis as Record<string, unknown>).__docsExpect = docsExpect;
    cwd = process.cwd();
  });
  afterAll(() => {
    process.chdir(cwd);
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('README.md and every docs/*.md page have examples the tests run, and few blocks opt out', () => {
    expect(runnable.filter((b) => b.file === 'README.md').length).toBeGreaterThanOrEqual(3);
    for (const page of ['pipeline', 'text', 'lexicons', 'sentiment', 'classify', 'spam', 'severity', 'errors', 'replies']) {
      expect(runnable.some((b) => b.file === `docs/${page}.md`), `docs/${page}.md has no runnable example`).toBe(true);
    }
    const optedOut = blocks.filter((b) => RUNNABLE.has(b.lang) && /\bnocheck\b/.test(b.flags));
    expect(optedOut.length).toBeLessThanOrEqual(MAX_NOCHECK_BLOCKS);
  });

  it('finds the asserted values written in comments', () => {
    const sample: Block = { file: 'x.md', line: 1, lang: 'ts', flags: '', code: "a.b;  // 'negative'  (more words)\nc;  // [{ id, level }]\nd; // 0.919 (in [0, 1])\nconst e = 1; // 2" };
    const { code, assertions } = withAssertions(sample);
    expect(assertions).toBe(2);
    expect(code).toContain("globalThis.__docsExpect((a.b), ('negative'), \"x.md:1\");");
    expect(code).toContain('globalThis.__docsExpect((d), (0.919), "x.md:3");');
    expect(code).toContain('const e = 1; // 2');
  });

  for (const [n, block] of runnable.entries()) {
    it(`${block.file}:${block.line} runs without throwing and shows what it says`, async () => {
      const { source, assertions } = moduleSource(block);
      const file = path.join(work, `${n}-${path.basename(block.file, '.md').toLowerCase()}-${block.line}.ts`);
      fs.writeFileSync(file, source);
      let calls = 0;
      (globalThis as Record<string, unknown>).__docsExpect = (actual: unknown, expected: unknown, where: string) => {
        calls++;
        docsExpect(actual, expected, where);
      };
      process.chdir(work);
      try {
        await import(pathToFileURL(file).href);
      } finally {
        process.chdir(cwd);
      }
      // Every assertion written in the block was reached (none skipped by an early exit).
      expect(calls).toBe(assertions);
    }, 60_000);
  }
});
