// `npm run package`: dist/postmortem-lint.vsix.
// package.json's `files` is the npm package's list (the CLI and the server); .vscodeignore is the .vsix's list (the
// extension). vsce refuses to package a manifest that has both, so it packages a staging copy: the files `vsce ls`
// selects through .vscodeignore, with package.json minus `files`. Extra arguments are passed on to `vsce package`.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stage = path.join(root, 'out', 'vsix');
const out = path.join(root, 'dist', 'postmortem-lint.vsix');
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

const listing = execFileSync(npx, ['--no-install', 'vsce', 'ls', '--no-dependencies'], { cwd: root, encoding: 'utf8' })
  .split(/\r?\n/)
  .map((l) => l.trim())
  .filter(Boolean);

fs.rmSync(stage, { recursive: true, force: true });
for (const file of [...listing, '.vscodeignore']) {
  fs.mkdirSync(path.dirname(path.join(stage, file)), { recursive: true });
  fs.copyFileSync(path.join(root, file), path.join(stage, file));
}
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
delete manifest.files;
fs.writeFileSync(path.join(stage, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);

fs.mkdirSync(path.dirname(out), { recursive: true });
execFileSync(
  npx,
  ['--no-install', 'vsce', 'package', '--no-dependencies', '--githubBranch', 'main', '--out', out, ...process.argv.slice(2)],
  {
    cwd: stage,
    stdio: 'inherit',
  },
);
