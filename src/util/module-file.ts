import { fileURLToPath } from 'node:url';

/**
 * The file this code runs from. `__filename` in CommonJS (our CJS build, or
 * a CJS bundle of our ESM build, where a bundler leaves `import.meta.url`
 * empty and `createRequire(import.meta.url)` would throw); `import.meta.url`
 * in an ES module.
 */
export function moduleFile(): string {
  if (typeof __filename === 'string') return __filename;
  return fileURLToPath(import.meta.url);
}
