// The training scripts featurise text with the library's own TypeScript code: this compiles one
// featurizer entry (scripts/lib/*-featurizer.ts) to an ESM file under node_modules/.cache, which
// still finds data/ by walking up, and imports it.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** `name`: 'sentiment' or 'types' (scripts/lib/<name>-featurizer.ts). */
export async function loadFeaturizer(name) {
  const esbuild = await import('esbuild');
  const out = path.join(repo, 'node_modules', '.cache', 'review-triage', `${name}-training.mjs`);
  await esbuild.build({
    entryPoints: [path.join(repo, 'scripts', 'lib', `${name}-featurizer.ts`)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile: out,
    logLevel: 'error',
  });
  return import(pathToFileURL(out).href);
}
