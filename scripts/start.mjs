// `npm start`: lint the example postmortems through the CLI (the same engine as the editor), then
// package the extension as a .vsix. Findings in the sloppy example are expected; only a usage or
// config failure (exit 2) or a failed package step stops the script.
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';

const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit' });

console.log('\n> postmortem-lint examples/\n');
const lint = run(process.execPath, ['dist/cli.js', 'examples/']);
if (lint.status === null || lint.status > 1) {
  console.error(`postmortem-lint failed (exit ${lint.status ?? lint.signal})`);
  process.exit(1);
}

const pkg = run('npm', ['run', '--silent', 'package']);
if (pkg.status !== 0) process.exit(pkg.status ?? 1);
const size = statSync('dist/postmortem-lint.vsix').size;
console.log(
  `\nBuilt dist/postmortem-lint.vsix (${(size / 1024).toFixed(0)} KiB). Install it with: code --install-extension dist/postmortem-lint.vsix`,
);
