// Protocol tests talk to the bundled server: build dist/ once before any test file runs.
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

export default function setup(): void {
  if (process.env.POSTMORTEM_LINT_SKIP_BUILD === '1') return;
  execFileSync(process.execPath, [path.join(__dirname, '..', 'esbuild.mjs')], { stdio: 'inherit', cwd: path.join(__dirname, '..') });
}
