// Every example in README.md and docs/ that shows a suppression comment or a configuration does what it claims:
// comments are in an accepted form naming existing rules (unless the page shows them as "Flagged"), and config
// snippets validate without problems. Docs cannot drift from behaviour again.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allRules, lint } from '../../server/src/engine/index';
import { parseMarkdown, walk, type Nodes } from '../../server/src/engine/text/parse';
import { parseConfigText } from '../../server/src/node/configFile';

const root = path.resolve(__dirname, '..', '..');
const pages = ['README.md', ...fs.readdirSync(path.join(root, 'docs', 'rules')).map((f) => path.join('docs', 'rules', f))].filter((f) =>
  f.endsWith('.md'),
);
const RULE_IDS = new Set(allRules.map((r) => r.meta.id));
const COMMENT = /<!--\s*postmortem-lint[\s\S]*?-->/g;

interface Example {
  page: string;
  line: number;
  code: string;
  lang: string | null;
  /** The page presents the example as one the linter flags (a paragraph "Flagged:" or "Bad:" just before it). */
  flagged: boolean;
}

function examples(page: string): Example[] {
  const text = fs.readFileSync(path.join(root, page), 'utf8');
  const out: Example[] = [];
  let lastParagraph = '';
  walk(parseMarkdown(text), (n: Nodes) => {
    if (n.type === 'paragraph') lastParagraph = text.slice(n.position!.start.offset, n.position!.end.offset);
    if (n.type === 'code' || n.type === 'inlineCode') {
      const flagged = n.type === 'code' && /^(?:Flagged|Bad)\b/.test(lastParagraph);
      out.push({ page, line: n.position!.start.line, code: n.value, lang: n.type === 'code' ? (n.lang ?? null) : null, flagged });
    }
    return true;
  });
  return out;
}

const all = pages.flatMap(examples);

/** A config example: a whole object, one object per line, or a `"key": value` fragment of one (or of `rules`). */
function configProblems(code: string): string[] {
  const attempt = (json: string) => parseConfigText(json, 'example.json').problems.map((p) => p.message);
  const whole = attempt(code);
  if (!whole.length) return [];
  const lines = code.split('\n').filter((l) => l.trim().startsWith('{'));
  if (lines.length > 1) return lines.flatMap((l) => attempt(l));
  const fragment = attempt(`{${code}}`);
  if (!fragment.length) return [];
  const key = /^\s*"([^"]+)"/.exec(code)?.[1];
  return key && RULE_IDS.has(key) ? attempt(`{ "rules": {${code}} }`) : whole;
}

describe('docs examples', () => {
  it('finds the examples (suppressions and configs) in README.md and docs/rules', () => {
    expect(all.filter((e) => COMMENT.test(e.code) && !(COMMENT.lastIndex = 0)).length).toBeGreaterThan(15);
    expect(all.filter((e) => e.lang === 'json' || e.lang === 'jsonc').length).toBeGreaterThan(5);
  });

  for (const e of all) {
    const comments = [...e.code.matchAll(COMMENT)].map((m) => m[0]);
    if (comments.length) {
      it(`${e.page}:${e.line}: ${comments.length} postmortem-lint comment(s) ${e.flagged ? 'are flagged' : 'are accepted'}`, () => {
        for (const comment of comments) {
          const doc = `# Postmortem: example\n\n${comment}\nThe text the comment is about.\n`;
          const findings = lint(doc, { rules: { 'suppression-comment': 'warning' } }, { force: true }).filter(
            (f) => f.ruleId === 'suppression-comment',
          );
          expect(
            findings.map((f) => f.message),
            comment,
          ).toHaveLength(e.flagged ? 1 : 0);
        }
      });
    }
    const looksLikeConfig =
      e.lang === 'json' || e.lang === 'jsonc'
        ? !/"\[markdown\]"|"editor\./.test(e.code)
        : e.lang === null && /^\s*"[\w-]+"\s*:/.test(e.code);
    if (looksLikeConfig && /"(?:rules|profile|sections|today|max\w+|phrases|allow)"|"[a-z]+(?:-[a-z]+)+"\s*:/.test(e.code)) {
      it(`${e.page}:${e.line}: the config example validates`, () => {
        expect(configProblems(e.code), e.code).toEqual([]);
      });
    }
  }
});
