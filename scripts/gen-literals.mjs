// `npm run gen:literals`: precompute the built-in language patterns' required literals (language/required.ts reads
// each pattern's syntax tree, tens of milliseconds at every start) into
// server/src/engine/data/language/required-literals.json. test/unit/language-required.test.ts fails when the table
// is not current; rerun this after changing a pattern.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'out', 'gen-literals.cjs');
await esbuild.build({
  stdin: { contents: "export { builtInRequiredLiterals } from './server/src/engine/language/analyze';", resolveDir: root, loader: 'ts' },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  outfile: out,
  logLevel: 'warning',
  define: { 'import.meta.url': '__importMetaUrl' },
  banner: { js: "const __importMetaUrl = require('url').pathToFileURL(__filename).href;" },
});
const table = createRequire(import.meta.url)(out).builtInRequiredLiterals();
const sorted = Object.fromEntries(
  Object.keys(table)
    .sort()
    .map((k) => [k, table[k]]),
);
const file = path.join(root, 'server', 'src', 'engine', 'data', 'language', 'required-literals.json');
fs.writeFileSync(file, `${JSON.stringify(sorted, null, 1)}\n`);
console.log(`gen:literals: ${Object.keys(sorted).length} patterns → ${path.relative(root, file)}`);
