import fs from 'node:fs';
import path from 'node:path';

/**
 * A clone holds only this repository: README and docs/ must stand alone. Every relative link points at a file
 * of the repository, and nothing refers to the workplace folder beside the clone (`../shared/…` from the root).
 */
const root = path.resolve(__dirname, '..', '..', '..');
const documents = [
  'README.md',
  ...fs
    .readdirSync(path.join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => path.join('docs', f)),
];

describe.each(documents)('%s', (document) => {
  const text = fs.readFileSync(path.join(root, document), 'utf8');

  it('names no file outside the repository', () => {
    const outside = [...text.matchAll(/(?:\.\.\/)+[\w./-]+/g)]
      .map((m) => m[0])
      .filter((ref) => !path.resolve(root, path.dirname(document), ref).startsWith(root + path.sep));
    expect(outside).toEqual([]);
    if (document === 'README.md') expect(text).not.toMatch(/\.\.\/shared\//);
  });

  it('links only to files that exist', () => {
    const targets = [...text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)]
      .map((m) => m[1] ?? '')
      .filter((href) => !/^[a-z]+:/i.test(href));
    const missing = targets.filter((href) => !fs.existsSync(path.resolve(root, path.dirname(document), href)));
    expect(missing).toEqual([]);
  });
});
