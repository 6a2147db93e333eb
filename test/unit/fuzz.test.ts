// Property-based tests over the engine (issue 9): generated Markdown (headings, lists, tables, code,
// HTML, front matter, emoji and astral characters, CRLF and lone CR, tabs, very long lines, unbalanced
// fences and pipes) and random bytes.
//   - lint never throws and no rule fails (a failing rule is caught by the engine, but is still a bug);
//   - every range (finding, related, fix and suggestion edits) lies inside the document on UTF-16
//     code-point boundaries (never between the halves of a surrogate pair);
//   - applying any single fix or suggestion changes only its edited span, yields text that still
//     parses and lints, and re-linting never reports the same finding at the same place;
//   - applyEdits/applyFixes with overlapping edits are deterministic, all-or-nothing per fix, and
//     lose no text.
// Each property runs once with a fixed seed (reproducible in CI) and once with a fresh random seed,
// printed on failure together with fast-check's counterexample and replay path.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allRules, applyEdits, applyFixes, collectFixEdits, lintDocument } from '../../server/src/engine/index';
import { inlineRuns, nodeEnd, nodeStart, parseMarkdown, type Nodes } from '../../server/src/engine/text/parse';
import type { Finding, Fix, LintConfig, TextEdit } from '../../server/src/engine/types';

const FIXED_SEED = 20240312;
/** A fresh seed per run, or FUZZ_SEED to replay a failure. */
const RANDOM_SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : (Date.now() ^ (process.pid << 8)) >>> 0;
const RUNS = Number(process.env.FUZZ_RUNS ?? 60);

/** Every registered rule switched on (some are off by default), with a fixed "today". */
function allOn(): LintConfig {
  const rules: Record<string, 'warning'> = {};
  for (const r of allRules) rules[r.meta.id] = 'warning';
  return { rules, today: '2024-06-01' };
}
const CONFIG = allOn();

/** Run a property with the fixed seed and with a random one; say which seed failed. */
function check<T>(name: string, arb: fc.Arbitrary<T>, predicate: (value: T) => void, runs = RUNS): void {
  for (const [kind, seed] of [
    ['fixed', FIXED_SEED],
    ['random', RANDOM_SEED],
  ] as const) {
    const numRuns = kind === 'fixed' ? runs : Math.max(5, Math.ceil(runs / 3));
    try {
      fc.assert(fc.property(arb, predicate), { seed, numRuns, endOnFailure: false });
    } catch (e) {
      const msg = `[fuzz] property "${name}" failed with ${kind} seed ${seed} (replay: FUZZ_SEED=${seed} FUZZ_RUNS=${kind === 'fixed' ? numRuns : runs})`;
      console.error(msg);
      const cause = e instanceof Error && e.cause instanceof Error ? `\nCause: ${e.cause.message}` : '';
      throw new Error(`${msg}\n${e instanceof Error ? e.message : String(e)}${cause}`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------------------------

const EOL = fc.constantFrom('\n', '\n', '\n', '\r\n', '\r');
const WEIRD = fc.constantFrom(
  '😀',
  '👩‍💻',
  '𝔘',
  '🇺🇸',
  '\t',
  '|',
  '`',
  '~',
  '*',
  '_',
  '<',
  '>',
  '&',
  '\\',
  '\u200b',
  '\u00a0',
  '\ud83d',
  '\ude00',
  'é',
  'ß',
  '中文',
  '\u0000',
  '#',
  '-',
  '[',
  ']',
  '(',
  ')',
  '!',
  '@',
  ':',
  '—',
);
const WORD = fc.constantFrom(
  'the',
  'deploy',
  'failed',
  'John',
  'forgot',
  'to',
  'run',
  'migration',
  'should',
  'have',
  'noticed',
  'careless',
  'obviously',
  'human',
  'error',
  'root',
  'cause',
  'was',
  'we',
  'alerts',
  'fired',
  'at',
  '14:02',
  'UTC',
  '2024-03-12',
  'owner',
  '@ana',
  'due',
  'OPS-12',
  'TBD',
  'ASAP',
  'failed to',
  'neglected',
  'simply',
  'just',
  'blamed',
  'improve',
  'monitoring',
  'better',
  'should have',
  'could have',
  'if only',
  'clearly',
  'mistake',
  'engineer',
  'caused',
  'outage',
  'incident',
  'postmortem',
  'ignored',
  "didn't",
);
const PHRASE = fc
  .array(fc.oneof({ weight: 6, arbitrary: WORD }, { weight: 1, arbitrary: WEIRD }, { weight: 1, arbitrary: fc.string({ maxLength: 6 }) }), {
    minLength: 1,
    maxLength: 12,
  })
  .map((ws) => ws.join(' '));
const SECTION = fc.constantFrom(
  'Summary',
  'Impact',
  'Timeline',
  'Root Cause',
  'Contributing Factors',
  'Detection',
  'Resolution',
  'What Went Well',
  'What Went Poorly',
  'Lessons Learned',
  'Action Items',
  'Follow-ups',
  'Trigger',
  'Notes',
  'Postmortem: checkout outage 😀',
);
const TIME = fc.oneof(
  fc
    .tuple(fc.integer({ min: 0, max: 29 }), fc.integer({ min: 0, max: 61 }))
    .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`),
  fc.constantFrom('2024-03-12 14:02 UTC', '14:05 PST', '3:15 PM', '2024-03-12T14:02:00Z', 'Mar 12 14:02', '09:00', '25:99', '2024-13-45'),
);
const DUE = fc.constantFrom('2024-07-01', '2023-01-01', 'next sprint', 'ASAP', 'TBD', 'Q4 2024', '2024-02-30', '');
const OWNER = fc.constantFrom('@ana', 'ana, raj', 'SRE team', 'TBD', 'we', 'everyone', '', '@acme/sre', 'Ana and Raj');

const BLOCK: fc.Arbitrary<string>[] = [
  // headings (ATX and setext)
  fc.tuple(fc.integer({ min: 1, max: 7 }), SECTION).map(([d, s]) => `${'#'.repeat(d)} ${s}`),
  SECTION.map((s) => `${s}\n${'='.repeat(3)}`),
  // prose
  PHRASE.map((p) => `${p}.`),
  // bullet / ordered / task lists
  fc.array(PHRASE, { minLength: 1, maxLength: 4 }).map((ps) => ps.map((p, i) => (i % 2 ? `${i + 1}. ${p}` : `- ${p}`)).join('\n')),
  fc.tuple(fc.boolean(), PHRASE, OWNER, DUE).map(([done, p, o, d]) => `- [${done ? 'x' : ' '}] ${p} — owner: ${o} — due: ${d}`),
  // timeline entries
  fc.array(fc.tuple(TIME, PHRASE), { minLength: 1, maxLength: 5 }).map((es) => es.map(([t, p]) => `- ${t} — ${p}`).join('\n')),
  fc
    .array(fc.tuple(TIME, PHRASE), { minLength: 1, maxLength: 4 })
    .map((es) => `| Time | Event |\n|---|---|\n${es.map(([t, p]) => `| ${t} | ${p} |`).join('\n')}`),
  // action item tables, with unbalanced pipes sometimes
  fc
    .array(fc.tuple(PHRASE, OWNER, DUE, fc.boolean()), { minLength: 1, maxLength: 4 })
    .map(
      (rows) =>
        `| Action | Owner | Due | Status |\n| --- | --- | --- | --- |\n${rows.map(([p, o, d, b]) => (b ? `| ${p} | ${o} | ${d} | open |` : `| ${p} | ${o} ${d}`)).join('\n')}`,
    ),
  // code: fenced (balanced or not), indented, inline
  fc.tuple(fc.constantFrom('```', '~~~', '````'), PHRASE, fc.boolean()).map(([f, p, closed]) => `${f}js\n${p}\n${closed ? f : ''}`),
  PHRASE.map((p) => `    ${p}`),
  PHRASE.map((p) => `Run \`${p}\` then ${p}`),
  // HTML and comments (including suppression comments)
  PHRASE.map((p) => `<div>${p}</div>`),
  fc.constantFrom(
    '<!-- postmortem-lint disable-next-line -->',
    '<!-- postmortem-lint-disable -->',
    '<!-- unclosed comment',
    '<details><summary>x',
    '</details>',
    '<br/>',
  ),
  // block quotes, links, emphasis
  PHRASE.map((p) => `> ${p}`),
  PHRASE.map((p) => `[${p}](https://example.com/${encodeURIComponent(p.slice(0, 5).replace(/[\uD800-\uDFFF]/g, ''))}) **${p}** _${p}_`),
  // tabs, very long lines, raw weirdness
  PHRASE.map((p) => `\t${p}\t|\t${p}`),
  fc.tuple(PHRASE, fc.integer({ min: 200, max: 3000 })).map(([p, n]) => `${p} ${'x😀 '.repeat(Math.ceil(n / 4))}`),
  fc.string({ maxLength: 40, unit: 'binary' }),
  fc.string({ maxLength: 30, unit: 'grapheme' }),
];

const FRONT_MATTER = fc.oneof(
  fc.constant(''),
  fc.constantFrom(
    '---\ntitle: Outage\npostmortem: true\ndate: 2024-03-12\n---\n',
    '---\ntype: incident\n---\n',
    '+++\ntitle = "x"\n+++\n',
    '---\n: bad: [yaml\n---\n',
    '---\nunterminated: true\n',
  ),
);

/** A generated Markdown document (with a mix of line endings). */
const MARKDOWN = fc
  .tuple(
    FRONT_MATTER,
    fc.array(fc.oneof(...BLOCK), { minLength: 0, maxLength: 14 }),
    fc.array(EOL, { minLength: 1, maxLength: 14 }),
    fc.boolean(),
  )
  .map(([fm, blocks, eols, trailing]) => {
    let out = fm;
    blocks.forEach((b, i) => {
      const eol = eols[i % eols.length]!;
      out += b.replace(/\n/g, eol) + eol + (i % 3 === 0 ? eol : '');
    });
    return trailing ? out : out.replace(/(\r\n|\n|\r)+$/, '');
  });

/** Random bytes decoded the ways an editor might (UTF-8 with replacement, Latin-1, UTF-16LE). */
const BYTES_AS_TEXT = fc
  .tuple(fc.uint8Array({ maxLength: 2000 }), fc.constantFrom('utf-8', 'latin1', 'utf-16le'))
  .map(([bytes, enc]) => new TextDecoder(enc).decode(bytes));

// ---------------------------------------------------------------------------------------------
// Invariants
// ---------------------------------------------------------------------------------------------

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;
/** An offset that does not fall between a high and a low surrogate of one pair. */
function onBoundary(text: string, offset: number): boolean {
  if (offset <= 0 || offset >= text.length) return true;
  return !(isHigh(text.charCodeAt(offset - 1)) && isLow(text.charCodeAt(offset)));
}

function spanProblem(text: string, what: string, s: { start: number; end: number }): string | undefined {
  if (!Number.isInteger(s.start) || !Number.isInteger(s.end)) return `${what}: non-integer span ${s.start}..${s.end}`;
  if (s.start < 0 || s.end < s.start || s.end > text.length) return `${what}: span ${s.start}..${s.end} outside 0..${text.length}`;
  if (!onBoundary(text, s.start) || !onBoundary(text, s.end)) return `${what}: span ${s.start}..${s.end} splits a surrogate pair`;
  return undefined;
}

function rangeProblems(text: string, findings: readonly Finding[]): string[] {
  const out: string[] = [];
  for (const f of findings) {
    const id = `${f.ruleId} "${f.message}"`;
    const p = spanProblem(text, id, f);
    if (p) out.push(p);
    for (const r of f.related ?? []) {
      const q = spanProblem(text, `${id} related`, r);
      if (q) out.push(q);
    }
    for (const fix of [...(f.fix ? [f.fix] : []), ...(f.suggestions ?? [])]) {
      for (const e of fix.edits) {
        const q = spanProblem(text, `${id} edit of "${fix.title}"`, e);
        if (q) out.push(q);
        if (typeof e.text !== 'string') out.push(`${id} edit of "${fix.title}" has no text`);
      }
    }
  }
  return out;
}

function lintAll(text: string) {
  return lintDocument(text, CONFIG, { force: true });
}

/** Map an offset of the original text through edits applied by applyEdits (sorted, non-overlapping). */
function mapOffset(offset: number, applied: readonly TextEdit[]): number {
  let delta = 0;
  for (const e of applied) {
    if (e.end <= offset && !(e.start === e.end && e.start === offset)) delta += e.text.length - (e.end - e.start);
    else if (e.start < offset) return e.start + delta + e.text.length; // inside a replaced span: its end
  }
  return offset + delta;
}

/** Applies one fix; checks it is internally consistent and changes only its span. Returns the new text. */
function applyOne(text: string, fix: Fix, where: string): { text: string; applied: TextEdit[] } {
  const r = applyEdits(text, fix.edits);
  expect(r.skipped, `${where}: the edits of one fix overlap each other`).toEqual([]);
  if (fix.edits.length) {
    const lo = Math.min(...fix.edits.map((e) => e.start));
    const hi = Math.max(...fix.edits.map((e) => e.end));
    const growth = r.text.length - text.length;
    expect(r.text.slice(0, lo), `${where}: text before the edited span changed`).toBe(text.slice(0, lo));
    expect(r.text.slice(hi + growth), `${where}: text after the edited span changed`).toBe(text.slice(hi));
  }
  // no new lone surrogates introduced at the seams
  const lone = (t: string) => (t.match(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g) ?? []).length;
  expect(lone(r.text), `${where}: the fix created a lone surrogate`).toBeLessThanOrEqual(lone(text));
  return { text: r.text, applied: [...r.applied].sort((a, b) => a.start - b.start || a.end - b.end) };
}

/** Insert-only edits that leave the finding's own text untouched. */
function isAnnotation(fix: Fix, f: Finding): boolean {
  return fix.edits.every((e) => e.start === e.end && (e.start <= f.start || e.start >= f.end));
}

const key = (f: Finding) => `${f.ruleId}\0${f.message}`;

function checkDocument(text: string): void {
  const result = lintAll(text);
  expect(result.ruleErrors, 'no rule throws').toEqual([]);
  expect(rangeProblems(text, result.findings)).toEqual([]);
  for (const f of result.findings) {
    const fixes = [...(f.fix ? [{ fix: f.fix, safe: true }] : []), ...(f.suggestions ?? []).map((fix) => ({ fix, safe: false }))];
    for (const { fix, safe } of fixes) {
      const where = `${safe ? 'fix' : 'suggestion'} "${fix.title}" of ${f.ruleId} at ${f.start}..${f.end} ("${f.message}")`;
      const { text: fixed, applied } = applyOne(text, fix, where);
      expect(() => parseMarkdown(fixed), `${where}: result parses`).not.toThrow();
      const again = lintAll(fixed);
      expect(again.ruleErrors, `${where}: no rule throws on the fixed text`).toEqual([]);
      expect(rangeProblems(fixed, again.findings), `${where}: ranges on the fixed text`).toEqual([]);
      if (!fix.edits.length || fixed === text) continue;
      const start = mapOffset(f.start, applied);
      const end = mapOffset(f.end, applied);
      const same = again.findings.find((g) => key(g) === key(f) && g.start === start && g.end === end);
      if (!safe && isAnnotation(fix, f)) {
        // A suggestion that only inserts a note next to the finding (the language rules' "Insert question"
        // prompt) deliberately leaves the flagged words for the writer to rework, so the finding stays; it
        // must not multiply, and the inserted note itself must not be flagged.
        const count = (fs: readonly Finding[]) => fs.filter((g) => key(g) === key(f)).length;
        expect(count(again.findings), `${where}: the annotation multiplied the finding`).toBeLessThanOrEqual(count(result.findings));
        let delta = 0;
        for (const e of applied) {
          const lo = e.start + delta;
          delta += e.text.length - (e.end - e.start);
          const flagged = again.findings.filter((g) => g.start >= lo && g.end <= lo + e.text.length && g.end > g.start);
          expect(
            flagged.map((g) => g.ruleId),
            `${where}: the inserted note is flagged`,
          ).toEqual([]);
        }
        continue;
      }
      expect(same, `${where}: re-linting the fixed text reports the same finding at the same place`).toBeUndefined();
    }
  }
  // fix-all: deterministic, each fix all-or-nothing
  const edits = collectFixEdits(result.findings);
  for (const f of result.findings) {
    if (!f.fix) continue;
    const taken = f.fix.edits.filter((e) => edits.includes(e)).length;
    expect([0, f.fix.edits.length], `fix of ${f.ruleId} is applied whole or not at all`).toContain(taken);
  }
  const all = applyFixes(text, result.findings);
  expect(applyFixes(text, result.findings)).toBe(all);
  expect(applyEdits(text, edits).skipped, 'collected fix edits never overlap').toEqual([]);
  const after = lintAll(all);
  expect(after.ruleErrors).toEqual([]);
  expect(rangeProblems(all, after.findings)).toEqual([]);
}

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

describe('fuzz: lint over generated Markdown', () => {
  it('never throws; ranges inside the document on code-point boundaries; every fix and suggestion is sound', () => {
    check('generated markdown', MARKDOWN, checkDocument);
  }, 120_000);

  it('never throws on random bytes decoded as text (also without force: detection path)', () => {
    check('random bytes', BYTES_AS_TEXT, (text) => {
      expect(() => lintDocument(text, CONFIG, {})).not.toThrow();
      checkDocument(text);
    });
  }, 120_000);

  it('real-corpus-shaped documents with CRLF and lone CR line endings', () => {
    const doc = fc
      .tuple(fc.array(fc.oneof(...BLOCK.slice(0, 8)), { minLength: 4, maxLength: 20 }), EOL)
      .map(([bs, eol]) =>
        [
          '# Postmortem: checkout outage',
          '## Summary',
          ...bs,
          '## Timeline',
          '- 14:02 UTC — alert fired',
          '## Action Items',
          '- [ ] Add alert — owner: @ana — due: 2024-07-01',
        ].join(eol + eol),
      );
    check('postmortem-shaped', doc, checkDocument, Math.ceil(RUNS / 2));
  }, 120_000);
});

/** Arbitrary edits over a text, many overlapping, inserts at equal offsets included. */
const TEXT_AND_EDITS = fc.string({ maxLength: 60, unit: 'binary' }).chain((text) =>
  fc.tuple(
    fc.constant(text),
    fc.array(
      fc
        .tuple(fc.integer({ min: -2, max: text.length + 2 }), fc.integer({ min: -1, max: 8 }), fc.string({ maxLength: 5 }))
        .map(([start, len, t]) => ({ start, end: start + len, text: t })),
      { maxLength: 12 },
    ),
  ),
);

describe('fuzz: applyEdits / applyFixes', () => {
  it('is deterministic, applies non-overlapping edits, skips the rest whole and loses no text', () => {
    check(
      'applyEdits',
      TEXT_AND_EDITS,
      ([text, edits]) => {
        const a = applyEdits(text, edits);
        const b = applyEdits(
          text,
          edits.map((e) => ({ ...e })),
        );
        expect(b.text).toBe(a.text);
        expect(a.applied.length + a.skipped.length).toBe(edits.length);
        // applied edits are valid, sorted, and do not overlap (inserts may touch)
        let cursor = 0;
        let rebuilt = '';
        for (const e of a.applied) {
          expect(e.start).toBeGreaterThanOrEqual(cursor);
          expect(e.end).toBeLessThanOrEqual(text.length);
          expect(e.end).toBeGreaterThanOrEqual(e.start);
          rebuilt += text.slice(cursor, e.start) + e.text;
          cursor = e.end;
        }
        rebuilt += text.slice(cursor);
        // loses no text: output = untouched original text interleaved with the applied replacements
        expect(a.text).toBe(rebuilt);
        // every skipped edit was invalid or overlapped an applied one
        for (const s of a.skipped) {
          const invalid = s.start < 0 || s.end < s.start || s.end > text.length;
          const overlaps = a.applied.some((e) => e.start <= s.start && s.start < e.end);
          expect(invalid || overlaps, `skipped edit ${JSON.stringify(s)} neither invalid nor overlapping`).toBe(true);
        }
        // order of equal-start inserts is the input order
        const inserts = a.applied.filter((e) => e.start === e.end);
        for (let i = 1; i < inserts.length; i++) {
          if (inserts[i]!.start === inserts[i - 1]!.start)
            expect(edits.indexOf(inserts[i]!)).toBeGreaterThan(edits.indexOf(inserts[i - 1]!));
        }
      },
      RUNS * 4,
    );
  });

  it('applyFixes over overlapping multi-edit fixes: deterministic, all-or-nothing, no text lost', () => {
    const arb = TEXT_AND_EDITS.chain(([text, edits]) =>
      fc.tuple(
        fc.constant(text),
        fc.array(fc.subarray(edits.filter((e) => e.start >= 0 && e.end <= text.length && e.end >= e.start)), { maxLength: 5 }),
      ),
    );
    check(
      'applyFixes',
      arb,
      ([text, groups]) => {
        const findings: Finding[] = groups.map((edits, i) => ({
          ruleId: `r${i}`,
          severity: 'warning',
          message: 'm',
          docsUrl: '',
          start: 0,
          end: 0,
          fix: { title: `f${i}`, edits: edits.map((e) => ({ ...e })) },
        }));
        const collected = collectFixEdits(findings);
        for (const f of findings) {
          const n = f.fix!.edits.filter((e) => collected.includes(e)).length;
          // a fix whose own edits overlap each other can never apply whole; it may be taken but then applyEdits skips part,
          // so only check the all-or-nothing rule for self-consistent fixes
          if (applyEdits(text, f.fix!.edits).skipped.length === 0) expect([0, f.fix!.edits.length]).toContain(n);
        }
        const out = applyFixes(text, findings);
        expect(applyFixes(text, findings)).toBe(out);
        expect(out).toBe(applyEdits(text, collected).text);
      },
      RUNS * 2,
    );
  });
});

// parseMarkdown reads an inline run (paragraph, heading, table row) holding more than MAX_MARKERS emphasis and bracket
// markers as plain text, because micromark's work there grows with their square. That bound holds only if every inline
// content the parser reads lies inside one of the runs inlineRuns counts: a run split where the parser reads one
// paragraph would let a paragraph hold any number of markers. Generated documents of tables, lists, quotes, lazy lines,
// fences, headings and HTML (each line with few markers, so no run is capped) check it against the parsed tree.
const RUN_PREFIX = fc.constantFrom(
  '',
  '',
  '',
  '> ',
  '- ',
  '  ',
  '    ',
  '1. ',
  '2. ',
  '> > ',
  '>',
  '  - ',
  '   ',
  '\t',
  '\t- ',
  '     ',
  '>     - ',
);
const RUN_LINE = fc.constantFrom(
  'some *text* here',
  'plain words',
  '| a | b |',
  '|---|---|',
  '| --- |',
  '|-|',
  'a | b',
  '--- | ---',
  'a|b|c',
  ':-: | :--',
  'x \\| y | z',
  '| c `|` d | e |',
  '```',
  '~~~',
  '```a`b',
  '# heading *x*',
  '#nospace',
  '***',
  '---',
  '___',
  '===',
  '<div>',
  '<!-- note -->',
  '[a]: /url',
  '[^1]: note _x_',
  '* item',
  '',
  '',
  '\t| t | u |',
);
const RUN_DOC = fc
  .array(fc.tuple(RUN_PREFIX, RUN_LINE), { minLength: 1, maxLength: 30 })
  .chain((lines) => fc.tuple(fc.constant(lines), EOL))
  .map(([lines, eol]) => lines.map(([p, l]) => p + l).join(eol));

describe('fuzz: inline runs', () => {
  it('every paragraph, heading and table row the parser reads lies inside one counted run', () => {
    check(
      'inline runs cover the inline content',
      RUN_DOC,
      (doc) => {
        const runs = inlineRuns(doc);
        const stack: Nodes[] = [parseMarkdown(doc)];
        while (stack.length) {
          const node = stack.pop()!;
          if (!('children' in node)) continue;
          const kids = node.children as Nodes[];
          stack.push(...kids);
          if ((node.type !== 'paragraph' && node.type !== 'heading' && node.type !== 'tableRow') || !kids.length) continue;
          const start = nodeStart(kids[0]!);
          const end = nodeEnd(kids[kids.length - 1]!);
          const inside = runs.some(([s, e]) => s <= start && end <= e);
          expect(inside, `${node.type} ${JSON.stringify(doc.slice(start, end))} in ${JSON.stringify(doc)}`).toBe(true);
        }
      },
      Math.max(400, RUNS),
    );
  }, 600_000);
});
