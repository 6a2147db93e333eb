// Systemic rewrites read as English: rendered for every bad example in the data files, they keep the
// subject's determiner and every time / id / code span of the original, leave no doubled spaces, no
// lower-case sentence starts and no dangling "is." / "by.", and do not themselves read as blame.
import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../server/src/engine/index';
import { CATEGORIES, exampleCase, extractFacts } from '../../server/src/engine/language/index';
import { participle, subjectPhrase } from '../../server/src/engine/language/rewrite';
import { documentFor, languageFindings } from './helpers/language';

function rewriteOf(text: string, section?: string): { before: string; after: string; doc: string } {
  const doc = documentFor({ text, section });
  const f = languageFindings(doc.text);
  expect(f.length, text).toBeGreaterThan(0);
  const fix = f[0]!.suggestions![0]!;
  const out = applyEdits(doc.text, fix.edits).text;
  return { before: text, after: out.slice(doc.offset).replace(/\n$/, ''), doc: out };
}

const ROLE_NOUN = /\b(engineer|on-call|oncall|operator|reviewer|developer|pilots?|intern|sre|responder)\b/gi;

function invariants(original: string, rewritten: string): string[] {
  const problems: string[] = [];
  const body = rewritten.replace(/^\s*(?:[-*+]\s+)?/, '');
  if (/\S {2,}\S/.test(body)) problems.push('doubled space');
  const lowerStartOk = /^\p{Ll}[\p{L}'-]*(?![@\w])/u.test(original.replace(/^\s*(?:[-*+]\s+)?/, '')) && !/^[\w.-]+@/.test(original);
  const sentences = body.split(/(?<=[.!?])\s+(?=\S)/);
  sentences.forEach((s, i) => {
    if (i === 0 && lowerStartOk) return;
    if (!/^(?:\[?\p{Lu}|@|\d|`|\(|[\w.-]+@)/u.test(s)) problems.push(`lower-case sentence start: "${s.slice(0, 30)}"`);
  });
  if (/\b(?:is|was|were|are|be|been|by|of|the|an?)\s*(?:[.!?;,]|$)/i.test(body)) problems.push('dangling function word');
  if (/\b(?:is|was|were|are)\s+and\b/i.test(body)) problems.push('dangling copula before "and"');
  if (/\b(?:we|they|you)\s+was\b/i.test(body)) problems.push('"was" after a plural subject');
  // determiners kept: a role written with a determiner never loses it
  if (
    /\b(?:the|an?|our|their)\s+(?:[\w-]+\s+)?(?:engineer|on-call|oncall|operator|reviewer|developer|pilots?|intern|sre|responder)\b/i.test(
      original,
    )
  ) {
    for (const m of body.matchAll(ROLE_NOUN)) {
      const before = body.slice(0, m.index);
      if (
        !/\b(?:the|an?|our|their|this|that|any|every|one)\s+(?:(?:on-call|primary|secondary|senior|junior|reviewing|responding|database|platform)\s+)?$/i.test(
          before,
        )
      )
        problems.push(`determiner dropped before "${m[0]}"`);
    }
  }
  const facts = extractFacts(original);
  for (const fact of [...facts.times, ...facts.dates, ...facts.ids]) if (!rewritten.includes(fact)) problems.push(`fact lost: ${fact}`);
  return problems;
}

describe('systemic rewrites', () => {
  it('keeps the verb phrase and the determiner (the brief example)', () => {
    const { after } = rewriteOf('The engineer should have tested the change in staging.');
    expect(after).toBe(
      'The change was not tested in staging before [HH:MM]. At that time the engineer was [doing X] and saw [cues]; [what made the actual action reasonable].',
    );
  });

  it('puts a relative clause next to its noun and agrees "was"/"were" with the subject', () => {
    expect(rewriteOf('He failed to check the canary dashboard, which showed the errors.').after).toBe(
      'The canary dashboard, which showed the errors, was not checked before [HH:MM]. At that time he was [doing X]; [what made the step easy to miss: no prompt / no check in the tool].',
    );
    expect(rewriteOf('We failed to check the replica counts at 14:05.').after).toMatch(
      /^The replica counts were not checked at 14:05\. At that time we were \[doing X\]/,
    );
  });

  it('fills the role with a plural subject and agrees the verb', () => {
    expect(rewriteOf('In the midst of the outage, we were slow to escalate.').after).toMatch(/^We were paged at \[T1\]/);
    expect(rewriteOf('Unfortunately we failed to verify that the agent was running.').after).toMatch(/; we \[what they did instead\]\.$/);
  });

  it('falls back to the category template when the verb phrase has no object, or would read as passive blame', () => {
    expect(rewriteOf('The on-call failed to respond to the page.').after).toMatch(
      /^At \[HH:MM\], \[step \/ check\] was not part of \[process \/ tool\]; the on-call /,
    );
    expect(rewriteOf('The on-call did not follow the failover runbook.').after).not.toMatch(/runbook was not followed/);
  });

  it('asks for the observable condition instead of deleting a predicate word', () => {
    expect(rewriteOf('The rollback script is crap.').after).toBe('The rollback script is [observable condition].');
    expect(rewriteOf('The change was sloppy and had no description.').after).toBe(
      'The change was [observable condition] and had no description.',
    );
    expect(rewriteOf('That was a reckless deploy.').after).toBe('That was a deploy.');
  });

  it('rewrites only the table cell, keeping the pipes', () => {
    const text =
      '# Outage 2025-01-01\n\n## Timeline\n\n| Time | Event |\n|---|---|\n| 14:02 | @dave merges the change without waiting for review |\n';
    const f = languageFindings(text);
    expect(f.map((x) => x.ruleId)).toEqual(['rule-deviation']);
    const out = applyEdits(text, f[0]!.suggestions![0]!.edits).text;
    expect(out.split('\n')[6]).toMatch(/^\| 14:02 \| The \[change path\] did not require \[approval\]; .*\. \|$/);
  });

  it('the invariants catch the old broken rewrites', () => {
    expect(
      invariants(
        'The on-call should have rolled back the deploy at 14:05.',
        '[Expected step] did not happen at [HH:MM]. At that time on-call was [doing X].',
      ),
    ).toEqual(['determiner dropped before "on-call"', 'fact lost: 14:05']);
    expect(invariants('The rollback script is crap.', 'The rollback script is.')).toEqual(['dangling function word']);
    expect(invariants('The change was sloppy and had no description.', 'The change was  and had no description.')).toEqual([
      'doubled space',
      'dangling copula before "and"',
    ]);
    expect(invariants('sam@ needs to learn the protocol.', 'change [process] so that [x] is the default.')).toEqual([
      'lower-case sentence start: "change [process] so that [x] i"',
    ]);
  });

  const cases = CATEGORIES.flatMap((cat) => cat.examples.bad.map((e) => [cat.ruleId, exampleCase(e)] as const));
  it.each(cases)('%s: rewrite of a bad example reads as English and keeps its facts (%#)', (_rule, example) => {
    const doc = documentFor(example);
    const findings = languageFindings(doc.text);
    expect(findings.length).toBeGreaterThan(0);
    const original = doc.text.slice(doc.offset).replace(/\n$/, '');
    for (const f of findings) {
      const fix = f.suggestions?.[0];
      expect(fix, example.text).toBeDefined();
      expect(f.fix).toBeUndefined();
      const rewritten = applyEdits(doc.text, fix!.edits).text.slice(doc.offset).replace(/\n$/, '');
      expect(invariants(original, rewritten), `${example.text}\n=> ${rewritten}`).toEqual([]);
      // the rewrite does not itself draw a warning
      const again = languageFindings(applyEdits(doc.text, fix!.edits).text).filter(
        (g) => g.severity === 'warning' || g.severity === 'error',
      );
      expect(
        again.map((g) => `${g.ruleId}: ${g.message}`),
        rewritten,
      ).toEqual([]);
    }
  });

  it('helpers: participles and subject phrases', () => {
    expect(['check', 'page', 'verify', 'stop', 're-enable', 'run', 'write', 'follow'].map(participle)).toEqual([
      'checked',
      'paged',
      'verified',
      'stopped',
      're-enabled',
      'run',
      'written',
      'followed',
    ]);
    expect(subjectPhrase('The on-call engineer ')).toEqual({ text: 'the on-call engineer', plural: false });
    expect(subjectPhrase('In hindsight, we really ')).toEqual({ text: 'we', plural: true });
    expect(subjectPhrase('@aronasorman looked over it ')).toBeUndefined();
    expect(subjectPhrase('Engineer K ')).toEqual({ text: 'Engineer K', plural: false });
  });
});
