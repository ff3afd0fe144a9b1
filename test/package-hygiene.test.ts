import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Record<string, unknown> & { files: string[] };

describe('package hygiene (issue 11, item 6)', () => {
  it('LICENSE is the MIT text and package.json says so, with repository, homepage and bugs', () => {
    expect(fs.readFileSync(path.join(root, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n[\s\S]*Permission is hereby granted, free of charge/);
    expect(pkg.license).toBe('MIT');
    expect(pkg.repository).toMatchObject({ type: 'git', url: expect.stringContaining('github.com/review-triage/review-triage') });
    expect(pkg.homepage).toMatch(/^https:\/\//);
    expect(pkg.bugs).toMatchObject({ url: expect.stringMatching(/\/issues$/) });
  });

  it('the tarball lists LICENSE and ATTRIBUTION.md; ATTRIBUTION.md credits every shipped model file', () => {
    expect(pkg.files).toEqual(expect.arrayContaining(['LICENSE', 'ATTRIBUTION.md', 'CHANGELOG.md']));
    const attribution = fs.readFileSync(path.join(root, 'ATTRIBUTION.md'), 'utf8');
    const models = fs.readdirSync(path.join(root, 'data', 'models'));
    expect(models.length).toBeGreaterThan(0);
    for (const m of models) expect(attribution, m).toContain(`data/models/${m}`);
    expect(fs.readFileSync(path.join(root, 'CHANGELOG.md'), 'utf8')).toMatch(/## \[Unreleased\]/);
  });
});
