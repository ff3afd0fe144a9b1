import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../src/index.js';

const repoData = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'data');

describe('dataDir option', () => {
  it('reads the built-in lexicons and models from the given folder', () => {
    const a = createAnalyzer({ dataDir: repoData });
    expect(a.context.dataDir).toBe(repoData);
    expect(a.analyze('物流太慢了，包装也破了').sentiment.label).toBe('negative');
  });

  it('names the option when the folder has no lexicons', () => {
    expect(() => createAnalyzer({ dataDir: path.join(repoData, 'no-such-folder') })).toThrow(/dataDir/);
  });
});
