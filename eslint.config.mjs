// ESLint: correctness rules for TypeScript, and the import rules that state the layers (see README "Development"):
// the engine is pure; each engine folder imports only the layers below it; rules never import rules; the hosts see
// the engine only through engine/index; the client sees only protocol.ts and pure text helpers; no import cycles.
import tseslint from 'typescript-eslint';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';

const NODE_BUILTINS = ['node:*', 'fs', 'path', 'os', 'child_process', 'util', 'url', 'crypto', 'v8', 'worker_threads', 'stream', 'events'];

/** `no-restricted-imports` with the given forbidden patterns, each with the reason it is forbidden. */
const forbid = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });
const layer = (regex, message) => ({ regex, message });

const PURE = [
  { group: NODE_BUILTINS, message: 'engine/ is pure: no Node built-ins (it runs in a web worker too).' },
  { group: ['vscode', 'vscode-*'], message: 'engine/ is pure: no vscode or LSP imports.' },
  layer(String.raw`^(\.\./)+(lsp|cli|node|protocol)(/|$)`, 'engine/ never imports its hosts.'),
];
const ABOVE_TEXT = layer(
  String.raw`^\.\./(model|analysis|language|rules)/|^\.\./(lint|fixes|incremental|index|config)$`,
  'text/ is below every other engine layer.',
);
const ABOVE_MODEL = layer(
  String.raw`^\.\./(analysis|language|rules)/|^\.\./(lint|fixes|incremental|index)$`,
  'model/ never imports analysis/, language/ or rules/.',
);
const ABOVE_ANALYSIS = layer(
  String.raw`^\.\./(language|rules)/|^\.\./(lint|fixes|incremental|index)$`,
  'analysis/ never imports language/ or rules/.',
);
const ABOVE_LANGUAGE = layer(String.raw`^\.\./(rules)/|^\.\./(lint|fixes|incremental|index)$`, 'language/ never imports rules/.');
const ENGINE_INTERNALS = layer(String.raw`engine/(?!index$)`, 'Hosts import the engine only through engine/index.');

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'test/fixtures/**', 'test/e2e/.cache/**', 'patches/**'] },
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.mts', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.mts'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.mts', '.mjs', '.js', '.json'] })],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-self-import': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // the compiler's strict mode already checks these; some deliberate patterns need them
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-explicit-any': 'error',
      'no-void': ['error', { allowAsStatement: true }],
    },
  },
  { files: ['server/src/engine/**/*.ts'], rules: forbid(...PURE) },
  { files: ['server/src/engine/text/**/*.ts'], rules: forbid(...PURE, ABOVE_TEXT) },
  { files: ['server/src/engine/model/**/*.ts'], rules: forbid(...PURE, ABOVE_MODEL) },
  { files: ['server/src/engine/analysis/**/*.ts'], rules: forbid(...PURE, ABOVE_ANALYSIS) },
  { files: ['server/src/engine/language/**/*.ts'], rules: forbid(...PURE, ABOVE_LANGUAGE) },
  {
    files: ['server/src/engine/rules/*.ts'],
    ignores: ['server/src/engine/rules/index.ts'],
    rules: forbid(
      ...PURE,
      layer(String.raw`^\./(?!support/)`, 'A rule never imports another rule: shared rule code lives in rules/support/.'),
      layer(String.raw`^\.\./(lint|fixes|incremental|index)$`, 'Rules sit below the lint runner.'),
    ),
  },
  {
    files: ['server/src/lsp/**/*.ts', 'server/src/cli/**/*.ts', 'server/src/node/**/*.ts', 'server/src/protocol.ts'],
    rules: forbid(ENGINE_INTERNALS),
  },
  {
    files: ['client/src/**/*.ts'],
    rules: forbid(
      layer(
        String.raw`server/src/(?!protocol$|engine/text/)`,
        'The client imports only server/src/protocol.ts and the pure helpers in engine/text/.',
      ),
    ),
  },
  { files: ['**/*.mjs', 'scripts/**', 'test/**'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
);
