// The .vsix: `npm run package` succeeds (README links included), ships only what the extension needs, and follows
// the marketplace conventions (icon, gallery banner, categories, keywords, CHANGELOG, LICENSE, absolute README images).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..', '..');
const vsix = path.join(root, 'dist', 'postmortem-lint.vsix');

/** The entries of a zip file (stored or deflated), read from its central directory. */
function unzip(file: string): Map<string, Buffer> {
  const zip = fs.readFileSync(file);
  let eocd = zip.length - 22;
  while (eocd >= 0 && zip.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  const entries = new Map<string, Buffer>();
  let at = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < zip.readUInt16LE(eocd + 10); i++) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const local = zip.readUInt32LE(at + 42);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + size);
    entries.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return entries;
}

const MARKETPLACE_CATEGORIES = [
  'Azure',
  'Data Science',
  'Debuggers',
  'Education',
  'Extension Packs',
  'Formatters',
  'Keymaps',
  'Language Packs',
  'Linters',
  'Machine Learning',
  'Notebooks',
  'Other',
  'Programming Languages',
  'SCM Providers',
  'Snippets',
  'Testing',
  'Themes',
  'Visualization',
  'AI',
  'Chat',
];

describe('package', () => {
  it('vsce packages the extension with the bundled files, docs, snippets and grammar only', () => {
    const listing = execFileSync('npx', ['--no-install', 'vsce', 'ls', '--no-dependencies'], { cwd: root, encoding: 'utf8' })
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .sort();
    expect(listing).toContain('dist/extension.js');
    expect(listing).toContain('dist/server.js');
    // the web extension (package.json `browser`) and its worker server
    expect(listing).toContain('dist/web/extension.js');
    expect(listing).toContain('dist/web/server.js');
    // the language model, once for both servers (esbuild.mjs)
    expect(listing).toContain('dist/model.js');
    expect(listing).toContain('dist/postmortemlintrc.schema.json');
    expect(listing).toContain('snippets/postmortem.code-snippets');
    expect(listing).toContain('syntaxes/postmortem.injection.tmLanguage.json');
    expect(listing).toContain('docs/rules/required-sections.md');
    expect(listing).toContain('images/icon.png');
    // nothing from the sources, tests, tools or node_modules
    expect(listing.filter((f) => /^(node_modules|client|server|test|scripts|out|\.e2e-tools|examples)\//.test(f))).toEqual([]);
  });

  it('npm run package writes a .vsix', () => {
    fs.rmSync(vsix, { force: true });
    execFileSync('npm', ['run', '--silent', 'package'], { cwd: root, stdio: 'pipe' });
    expect(fs.statSync(vsix).size).toBeGreaterThan(10_000);
  }, 120_000);

  it('marketplace conventions: a PNG icon, a gallery banner, categories and keywords', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    const icon = fs.readFileSync(path.join(root, pkg.icon));
    expect(icon.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(icon.readUInt32BE(16)).toBeGreaterThanOrEqual(128); // width
    expect(icon.readUInt32BE(20)).toBe(icon.readUInt32BE(16)); // square
    expect(pkg.galleryBanner.color).toMatch(/^#[0-9a-f]{6}$/i);
    expect(['dark', 'light']).toContain(pkg.galleryBanner.theme);
    expect(pkg.categories.length).toBeGreaterThan(0);
    for (const c of pkg.categories) expect(MARKETPLACE_CATEGORIES).toContain(c);
    expect(pkg.keywords.length).toBeGreaterThan(0);
    expect(pkg.keywords.length).toBeLessThanOrEqual(30); // vsce's limit
    for (const f of ['LICENSE', 'CHANGELOG.md']) expect(fs.existsSync(path.join(root, f))).toBe(true);
  });

  it('the .vsix carries the icon, CHANGELOG and LICENSE, and its README links images absolutely', () => {
    if (!fs.existsSync(vsix)) execFileSync('npm', ['run', '--silent', 'package'], { cwd: root, stdio: 'pipe' });
    const entries = unzip(vsix);
    const manifest = entries.get('extension.vsixmanifest')!.toString('utf8');
    expect(manifest).toContain('<Icon>extension/images/icon.png</Icon>');
    expect(manifest).toMatch(/Microsoft\.VisualStudio\.Services\.Branding\.Color" Value="#[0-9a-fA-F]{6}"/);
    expect(manifest).toContain('Type="Microsoft.VisualStudio.Services.Content.Changelog"');
    expect(manifest).toContain('Type="Microsoft.VisualStudio.Services.Content.License"');
    expect(entries.get('extension/images/icon.png')).toEqual(fs.readFileSync(path.join(root, 'images', 'icon.png')));
    // The Details page (VS Code's, the marketplace's) loads images over https only: a relative image would be broken.
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    const readme = entries.get('extension/readme.md')!.toString('utf8');
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)/g)].map((m) => m[1]!);
    expect(images.length).toBeGreaterThan(0);
    for (const src of images) {
      expect(src).toMatch(new RegExp(`^${pkg.homepage.replace(/[.]/g, '\\.')}/raw/main/`));
      // and the image it names is in the repository
      expect(fs.existsSync(path.join(root, src.replace(/^.*?\/raw\/main\//, '')))).toBe(true);
    }
  });
});
