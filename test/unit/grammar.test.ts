// Runs every vscode-tmgrammar-test case under test/grammar/ through the tool's own library, with the
// injection grammar registered exactly as package.json contributes it and VS Code's Markdown grammar
// (vendored for tests only, see test/grammar/host/NOTICE) as the host. `npm run test:grammar` runs the
// cases whose root scope is the injection grammar itself; this file also runs the ones that need the host.
// It then breaks each scope of the grammar, one at a time, and checks that the cases notice.
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createRegistryFromGrammars } from 'vscode-tmgrammar-test/dist/common/index.js';
import { parseGrammarTestCase, runGrammarTestCase } from 'vscode-tmgrammar-test/dist/unit/index.js';

const root = resolve(__dirname, '../..');
const grammarDir = join(root, 'test/grammar');
const hostPath = join(grammarDir, 'host/markdown.tmLanguage.json');

interface ContributedGrammar {
  scopeName: string;
  path: string;
  injectTo?: string[];
  language?: string;
}

const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  contributes: { grammars: ContributedGrammar[] };
};
const contributed = manifest.contributes.grammars.find((g) => g.scopeName === 'postmortem.injection');
if (!contributed) throw new Error('package.json does not contribute the postmortem.injection grammar');
const injectionPath = join(root, contributed.path);
const injectionSource = readFileSync(injectionPath, 'utf8');

function listCases(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listCases(p));
    else if (entry.name.endsWith('.md') && readFileSync(p, 'utf8').split('\n', 1)[0]!.includes('SYNTAX TEST')) out.push(p);
  }
  return out.sort();
}
const cases = listCases(grammarDir);

type Registry = ReturnType<typeof createRegistryFromGrammars>;

function registryWith(injectionContent: string): Registry {
  return createRegistryFromGrammars([
    { grammar: { scopeName: 'text.html.markdown', path: hostPath }, content: readFileSync(hostPath, 'utf8') },
    {
      grammar: { scopeName: contributed!.scopeName, path: injectionPath, injectTo: contributed!.injectTo ?? [] },
      content: injectionContent,
    },
  ]);
}

async function failuresOf(registry: Registry, file: string): Promise<string[]> {
  const testCase = parseGrammarTestCase(readFileSync(file, 'utf8'));
  const failures = await runGrammarTestCase(registry, testCase);
  return failures.map(
    (f) =>
      `${file}:${f.line + 1}:${f.start}-${f.end} missing [${f.missing.join(' ')}] unexpected [${f.unexpected.join(' ')}] actual [${f.actual.join(' ')}]`,
  );
}

/** Every scope name the grammar assigns (rule names and capture names). */
function scopeNames(node: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((n) => scopeNames(n, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === 'name' && typeof v === 'string' && v.includes('.')) out.add(v);
      else if (typeof v === 'object') scopeNames(v, out);
    }
  }
  return out;
}

function renameScope(node: unknown, from: string, to: string): unknown {
  if (Array.isArray(node)) return node.map((n) => renameScope(n, from, to));
  if (node && typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, k === 'name' && v === from ? to : renameScope(v, from, to)]));
  }
  return node;
}

describe('postmortem injection grammar', () => {
  // The host grammar includes dozens of embedded-language grammars that are not needed here; the tool warns once per miss.
  beforeAll(() => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
  afterAll(() => {
    vi.restoreAllMocks();
  });

  it('is contributed as an injection into Markdown with a selector that skips comments and code', () => {
    const grammar = JSON.parse(injectionSource) as { scopeName: string; injectionSelector: string };
    expect(contributed.injectTo).toEqual(['text.html.markdown']);
    expect(grammar.scopeName).toBe(contributed.scopeName);
    expect(grammar.injectionSelector).toMatch(/^L:text\.html\.markdown /);
    for (const excluded of ['-comment', '-markup.fenced_code', '-markup.inline.raw', '-markup.raw']) {
      expect(grammar.injectionSelector.split(/\s+/)).toContain(excluded);
    }
  });

  it('finds both kinds of test case (injection on its own, and injected into Markdown)', () => {
    const headers = cases.map((f) => readFileSync(f, 'utf8').split('\n', 1)[0]);
    expect(headers.some((h) => h!.includes('"postmortem.injection"'))).toBe(true);
    expect(headers.some((h) => h!.includes('"text.html.markdown"'))).toBe(true);
  });

  it.each(cases.map((f) => [f.slice(root.length + 1), f]))('%s passes', async (_name, file) => {
    expect(await failuresOf(registryWith(injectionSource), file)).toEqual([]);
  });

  const scopes = [...scopeNames(JSON.parse(injectionSource))].sort();

  it('assigns the standard scopes themes colour', () => {
    for (const s of [
      'constant.numeric.timestamp.postmortem',
      'variable.other.owner.postmortem',
      'constant.numeric.date.postmortem',
      'keyword.other.severity.postmortem',
      'entity.name.tag.tracker.postmortem',
      'comment.block.suppression.postmortem',
    ]) {
      expect(scopes).toContain(s);
    }
  });

  it("leaves Markdown's own tokens alone on the real corpus, except [HH:MM] stamps it takes from link references", async () => {
    const corpus = join(root, '../shared/corpus');
    const files = readdirSync(corpus).filter((f) => f.endsWith('.md'));
    expect(files.length).toBeGreaterThan(0);
    const plain = await registryWith(
      JSON.stringify({ scopeName: 'postmortem.injection', injectionSelector: 'L:text.html.markdown', patterns: [] }),
    ).loadGrammar('text.html.markdown');
    const ours = await registryWith(injectionSource).loadGrammar('text.html.markdown');
    const markdownScopesAt = (tokens: { startIndex: number; endIndex: number; scopes: string[] }[], i: number) =>
      (tokens.find((t) => t.startIndex <= i && i < t.endIndex)?.scopes ?? [])
        .filter((s) => !s.endsWith('.postmortem') && s !== 'meta.paragraph.markdown')
        .join(' ');
    const changed: string[] = [];
    let ownTokens = 0;
    for (const file of files) {
      let a = null;
      let b = null;
      for (const line of readFileSync(join(corpus, file), 'utf8').split(/\r?\n/)) {
        const ra = plain!.tokenizeLine(line, a);
        const rb = ours!.tokenizeLine(line, b);
        a = ra.ruleStack;
        b = rb.ruleStack;
        ownTokens += rb.tokens.filter((t) => t.scopes.some((s) => s.endsWith('.postmortem'))).length;
        for (let i = 0; i < line.length; i++) {
          if (markdownScopesAt(ra.tokens, i) !== markdownScopesAt(rb.tokens, i)) {
            if (!/^\s*[-*+] \[\d{1,2}:\d{2}\]/.test(line)) changed.push(`${file}: ${line}`);
            break;
          }
        }
      }
    }
    expect(changed).toEqual([]);
    expect(ownTokens).toBeGreaterThan(100);
  });

  it.each(scopes)('the cases fail when the scope %s is renamed', async (scope) => {
    const broken = JSON.stringify(renameScope(JSON.parse(injectionSource), scope, 'invalid.renamed.by.test'));
    const registry = registryWith(broken);
    const failures = (await Promise.all(cases.map((f) => failuresOf(registry, f)))).flat();
    expect(failures.length).toBeGreaterThan(0);
  });
});
