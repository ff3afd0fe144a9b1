import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The file this code runs from. `__filename` in CommonJS (our CJS build, or
 * a CJS bundle of our ESM build, where a bundler leaves `import.meta.url`
 * empty and `createRequire(import.meta.url)` would throw); `import.meta.url`
 * in an ES module.
 */
export function moduleFile(): string {
  // `node -e` defines a global __filename of '[eval]' that an ES module also sees: only an absolute path is ours.
  if (typeof __filename === 'string' && path.isAbsolute(__filename)) return __filename;
  return fileURLToPath(import.meta.url);
}
