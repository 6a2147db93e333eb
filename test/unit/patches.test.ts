// patches/ holds dependency patches that patch-package applies on `npm ci` (`prepare`:
// a user installing the package runs no install script). A patch for another
// version than the one installed, or one that did not apply, must fail here rather than silently cost speed.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..', '..');
const patches = fs.readdirSync(path.join(root, 'patches')).filter((f) => f.endsWith('.patch'));

describe('dependency patches', () => {
  it('exist', () => {
    expect(patches.length).toBeGreaterThan(0);
  });

  for (const file of patches) {
    it(`${file} is applied to the installed version`, () => {
      const [, name, version] = /^(.+)\+(\d[^+]*)\.patch$/.exec(file)!;
      const pkg = path.join(root, 'node_modules', name!);
      expect(JSON.parse(fs.readFileSync(path.join(pkg, 'package.json'), 'utf8')).version).toBe(version);
      const patch = fs.readFileSync(path.join(root, 'patches', file), 'utf8');
      for (const target of patch.matchAll(/^\+\+\+ b\/node_modules\/[^/]+\/(.+)$/gm)) {
        const added = patch.split(/^diff --git /m).find((d) => d.includes(`+++ b/node_modules/${name}/${target[1]}`))!;
        const lines = added
          .split('\n')
          .filter((l) => l.startsWith('+') && !l.startsWith('+++'))
          .map((l) => l.slice(1).trim())
          .filter(Boolean);
        const source = fs.readFileSync(path.join(pkg, target[1]!), 'utf8');
        for (const line of lines) expect(source, `${target[1]}: ${line}`).toContain(line);
      }
    });
  }

  it('mdast-util-from-markdown compiles with one context object (no spread per event)', () => {
    const source = fs.readFileSync(path.join(root, 'node_modules', 'mdast-util-from-markdown', 'lib', 'index.js'), 'utf8');
    expect(source).not.toMatch(/\.\.\.context,\s*sliceSerialize/);
  });
});
