import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Every type a public type mentions must be importable by name from one of the entry points. Checked on the
// built declaration files (tsup puts shared declarations in chunks): a declaration in a chunk that no entry
// point exports is a type users meet in a signature but cannot name.
const dist = path.resolve(__dirname, '..', 'dist');
const built = fs.existsSync(path.join(dist, 'extend.d.ts'));
if (!built) console.warn('[review-triage tests] dist/ not found (run `npm run build`): the public-types check is skipped.');

/** Declared under another public name (export { ScriptTokenizer as Tokenizer }). */
const ALIASED = new Set(['ScriptTokenizer']);

describe.skipIf(!built)('public types', () => {
  it('every declaration in the built types is exported by review-triage, /extend or /testing', () => {
    const files = fs.readdirSync(dist).filter((f) => f.endsWith('.d.ts'));
    const declared = new Set<string>();
    const exported = new Set<string>();
    for (const f of files) {
      const text = fs.readFileSync(path.join(dist, f), 'utf8');
      for (const m of text.matchAll(/^(?:declare )?(?:interface|type|class|const|function|enum) ([A-Za-z_$][\w$]*)/gm)) declared.add(m[1]!);
      if (!['index.d.ts', 'extend.d.ts', 'testing.d.ts'].includes(f)) continue;
      for (const m of text.matchAll(/export \{([^}]*)\}/g)) {
        for (const part of m[1]!.split(',')) {
          const name = part.replace(/^\s*type\s+/, '').trim().split(/\s+as\s+/).pop()!.trim();
          if (name) exported.add(name);
        }
      }
      for (const m of text.matchAll(/^export (?:declare )?(?:interface|type|class|const|function|enum) ([A-Za-z_$][\w$]*)/gm)) exported.add(m[1]!);
    }
    const hidden = [...declared].filter((n) => !exported.has(n) && !ALIASED.has(n)).sort();
    expect(hidden).toEqual([]);
    expect(exported.size).toBeGreaterThan(80);
  });
});
