// Hardening (issue 20): every regular expression written in the server and the engine, run against strings derived
// from its own syntax tree, must take time linear in the string. A search that is not anchored tries every start
// position, so a quantified run that can start anywhere inside itself (`\[[^\]]*\]` on "[[[[…", `\d+%` on "0000…")
// costs the square of the run's length even without nested quantifiers; those are the ones this finds.
//
// Each literal in server/src is read from the TypeScript syntax tree. Its attack strings are runs of one character,
// or of two alternating ones, chosen so that every distinct way a character can meet the expression's atoms is tried
// (one representative per signature), alone and after the literal text the expression starts with ("owner:" then a
// run of spaces), each also ended by a character none of the atoms matches. A string that takes a measurable while at n characters is then timed at n and 4n (helpers/growth.ts):
// linear work grows about 4×. Expressions built at run time (`new RegExp`: the language patterns from data, the date
// and owner expressions assembled from word lists) are caught as the engine builds them while it lints the examples
// and fixtures, and audited the same way. wink-nlp's own tokenizer is bounded by the word length nlp.ts gives it
// (scaling.test.ts).
import fs from 'node:fs';
import path from 'node:path';
import { parse, type AstNode, type RootNode } from 'regjsparser';
import { globSync } from 'tinyglobby';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { growth, LINEAR } from './helpers/growth';

const ROOT = path.resolve(__dirname, '../..');

interface Literal {
  where: string;
  re: RegExp;
}

function literals(): Literal[] {
  const out: Literal[] = [];
  for (const file of globSync('server/src/**/*.ts', { cwd: ROOT })) {
    const source = ts.createSourceFile(file, fs.readFileSync(path.join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const text = node.getText(source);
        const slash = text.lastIndexOf('/');
        const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
        out.push({ where: `${file}:${line}`, re: new RegExp(text.slice(1, slash), text.slice(slash + 1)) });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return out;
}

// Characters an author (or an attacker) types: printable ASCII, the whitespace kinds, and the typography and letters
// beyond ASCII that the rules name.
const POOL = [
  ...Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)),
  '\t',
  '\n',
  '\u00a0',
  '’',
  '“',
  '—',
  '–',
  '…',
  '‽',
  'é',
  'Ω',
];

/** The atoms (characters, classes, escapes, dots) of the expression, each as an expression matching one of it. */
function atoms(root: RootNode<{ lookbehind: true; namedGroups: true; unicodePropertyEscape: true }>, flags: string): RegExp[] {
  const found = new Map<string, RegExp>();
  const visit = (node: AstNode<{ lookbehind: true; namedGroups: true; unicodePropertyEscape: true }>): void => {
    switch (node.type) {
      case 'value':
      case 'characterClass':
      case 'characterClassEscape':
      case 'unicodePropertyEscape':
      case 'dot':
        if (!found.has(node.raw)) found.set(node.raw, new RegExp(`^(?:${node.raw})$`, flags));
        return;
      case 'alternative':
      case 'disjunction':
      case 'group':
      case 'quantifier':
        for (const child of node.body as AstNode[]) visit(child);
        return;
      default:
        return;
    }
  };
  visit(root);
  return [...found.values()];
}

/** The literal characters the expression's alternatives start with ("owner:" in `owner:\s*…`). */
function leads(root: RootNode<{ lookbehind: true; namedGroups: true; unicodePropertyEscape: true }>): string[] {
  const alternatives = root.type === 'disjunction' ? root.body : [root];
  const out = new Set<string>();
  for (const alt of alternatives) {
    const body = alt.type === 'alternative' ? alt.body : [alt];
    let lead = '';
    for (const term of body) {
      if (term.type === 'anchor' || (term.type === 'group' && term.behavior !== 'ignore' && term.behavior !== 'normal')) continue;
      if (term.type !== 'value') break;
      lead += String.fromCodePoint(term.codePoint);
    }
    if (lead) out.add(lead);
  }
  return [...out];
}

/** Runs of one character and of two alternating ones, one character per distinct way of meeting the atoms. */
function attacks(re: RegExp): ((n: number) => string)[] {
  const flags = re.flags.replace(/[gy]/g, '');
  const root = parse(re.source, flags, { lookbehind: true, namedGroups: true, unicodePropertyEscape: true });
  const tests = atoms(root, flags);
  const bySignature = new Map<string, string>();
  for (const c of POOL) {
    const signature = tests.map((t) => (t.test(c) ? '1' : '0')).join('');
    if (signature.includes('1') && !bySignature.has(signature)) bySignature.set(signature, c);
  }
  const chars = [...bySignature.values()];
  const units = [...chars, ...chars.flatMap((a) => chars.filter((b) => b !== a).map((b) => a + b))];
  // a character no atom matches, to end a run where a search that reached the end of the string would have succeeded
  const breaker = POOL.find((c) => !tests.some((t) => t.test(c)));
  const out: ((n: number) => string)[] = [];
  for (const lead of ['', ...leads(root)]) {
    for (const end of breaker ? ['', breaker] : ['']) {
      for (const unit of units) out.push((n) => lead + unit.repeat(Math.ceil(n / unit.length)) + end);
    }
  }
  return out;
}

/**
 * Every match the expression finds scanning the whole string, as `replace` or a `g` loop would; a sticky expression is
 * tried where the code puts it, at one position.
 */
function scanner(re: RegExp): (s: string) => void {
  if (re.sticky)
    return (s) => {
      re.lastIndex = 0;
      re.exec(s);
    };
  const global = new RegExp(re.source, re.flags.replace('y', '').replace('g', '') + 'g');
  return (s) => {
    global.lastIndex = 0;
    for (let m = global.exec(s); m; m = global.exec(s)) if (m[0] === '') global.lastIndex++;
  };
}

const SCREEN = 3000;

/**
 * Every expression our sources build with `new RegExp` while the engine loads and lints the examples and the fixtures.
 * A library's own (wink-nlp's tokenizer) are left out: the words nlp.ts gives it are bounded in length.
 */
async function built(): Promise<Literal[]> {
  const seen = new Map<string, Literal>();
  const Native = RegExp;
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 50;
  globalThis.RegExp = new Proxy(Native, {
    construct(target, args: [string | RegExp, string?]) {
      const re = Reflect.construct(target, args) as RegExp;
      // where it was built: the first frame in our sources (a library's own expressions, wink-nlp's, are left out)
      const frames = (new Error().stack ?? '').split('\n').slice(2);
      const ours = frames.findIndex((l) => l.includes('/server/src/'));
      const where = /\/(server\/src\/[^:)]+:\d+)/.exec(frames[ours] ?? '')?.[1];
      if (where && !frames.slice(0, ours).some((l) => l.includes('node_modules')))
        seen.set(`/${re.source}/${re.flags}`, { where: `${where} (built)`, re });
      return re;
    },
  });
  try {
    const { lintDocument, allRules } = await import('../../server/src/engine/index');
    const rules = Object.fromEntries(allRules.map((r) => [r.meta.id, 'warning' as const]));
    for (const file of globSync(['examples/*.md', 'test/fixtures/**/*.md'], { cwd: ROOT }))
      lintDocument(fs.readFileSync(path.join(ROOT, file), 'utf8'), { rules, today: '2024-06-01' }, { force: true });
  } finally {
    globalThis.RegExp = Native;
    Error.stackTraceLimit = limit;
  }
  return [...seen.values()];
}

describe('the regular expressions of the server and the engine', () => {
  const all = literals();

  it('are all read from the sources and caught as they are built (the audit sees what it claims to)', async () => {
    expect(all.length).toBeGreaterThan(500);
    const runtime = await built();
    expect(runtime.length).toBeGreaterThan(30);
    all.push(...runtime);
  });

  it('take time linear in the length of strings built from their own atoms', () => {
    const superLinear: string[] = [];
    for (const { where, re } of all) {
      const scan = scanner(re);
      for (const make of attacks(re)) {
        const s = make(SCREEN);
        const t = performance.now();
        scan(s);
        if (performance.now() - t < 1) continue;
        const g = growth((n) => {
          const text = make(n);
          return () => scan(text);
        }, SCREEN / 4);
        if (g >= LINEAR) superLinear.push(`${where} /${re.source}/ on ${JSON.stringify(s.slice(0, 12))}… ×${g.toFixed(1)}`);
        break;
      }
    }
    expect(superLinear).toEqual([]);
  }, 300_000);
});
