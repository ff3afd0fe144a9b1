// Writes schema/analysis.schema.json and schema/batch-result.schema.json from the
// zod output schemas in src/schema/ (run by `npm run build`, after tsup).
// The TypeScript is compiled here with esbuild, as train-sentiment.mjs does,
// so the files come from the sources, not from a stale dist/.
// `--check` writes nothing and exits 1 when a file differs from what it would write.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
const outDir = path.join(repo, 'schema');
const check = process.argv.includes('--check');

const compiled = path.join(repo, 'node_modules', '.cache', 'review-triage', 'json-schema.mjs');
await esbuild.build({
  entryPoints: [path.join(repo, 'src', 'schema', 'json-schema.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  outfile: compiled,
  logLevel: 'error',
});
const { outputJsonSchemas, formatJsonSchema } = await import(pathToFileURL(compiled).href);

let stale = 0;
fs.mkdirSync(outDir, { recursive: true });
for (const [file, schema] of Object.entries(outputJsonSchemas())) {
  const target = path.join(outDir, file);
  const text = formatJsonSchema(schema);
  const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : null;
  if (current === text) continue;
  if (check) {
    console.error(`schema/${file} is out of date: run npm run build (or node scripts/build-schemas.mjs)`);
    stale++;
  } else {
    fs.writeFileSync(target, text);
    console.log(`wrote schema/${file}`);
  }
}
process.exit(stale ? 1 : 0);
