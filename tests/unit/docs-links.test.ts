import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** A clone must stand alone: the documents it reads first may only point at files inside it (or at web addresses). */
const root = resolve(__dirname, '..', '..');
const documents = ['README.md', 'CONTRIBUTING.md', ...readdirSync(join(root, 'docs')).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`)];

function localTargets(document: string): string[] {
  const text = readFileSync(join(root, document), 'utf8');
  const targets = [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1] ?? '');
  return targets.filter((target) => !/^[a-z]+:/i.test(target) && !target.startsWith('#')).map((target) => target.split('#')[0] ?? '');
}

describe.each(documents)('%s', (document) => {
  it('links only to files that exist inside the repository', () => {
    for (const target of localTargets(document)) {
      const path = resolve(dirname(join(root, document)), target);
      expect({ target, inside: !relative(root, path).startsWith('..'), exists: existsSync(path) }).toEqual({ target, inside: true, exists: true });
    }
  });

  it('does not send the reader to the steering handbook beside the checkout', () => {
    expect(readFileSync(join(root, document), 'utf8')).not.toMatch(/\.\.\/shared\//);
  });
});
