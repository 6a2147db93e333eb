// Hover on a finding: what the rule checks, why it matters, how to fix it, and a link to its page.
import { Hover, MarkupKind } from 'vscode-languageserver';
import { findRule, positionAt, type Finding } from '../../engine/index';
import { toRange } from '../ranges';

export function findingHover(findings: Finding[], offset: number, lineStarts: number[]): Hover | null {
  const hits = findings.filter((f) => f.start <= offset && (offset < f.end || (f.start === f.end && offset === f.start)));
  if (!hits.length) return null;
  const parts = hits.map((f) => {
    const rule = findRule(f.ruleId);
    const why = typeof f.data?.hover === 'string' ? f.data.hover : (rule?.meta.rationale ?? rule?.meta.description ?? '');
    const source = typeof f.data?.source === 'string' ? `\n\nSource: ${f.data.source}` : '';
    const fix = f.fix
      ? `\n\n**Quick fix:** ${f.fix.title}.`
      : f.suggestions?.length
        ? `\n\n**Suggestions:** ${f.suggestions.map((s) => s.title).join('; ')}.`
        : '';
    // related places (the findings a density cap hides, the items a section-level finding counts): line and message
    const related = f.related?.length
      ? `\n\n${f.related.map((r) => `- line ${positionAt(lineStarts, r.start).line + 1}: ${r.message}`).join('\n')}`
      : '';
    return `**${f.ruleId}** (${f.severity}): ${f.message}${related}\n\n${why}${fix}${source}\n\n[Rule documentation](${f.docsUrl})`;
  });
  const first = hits[0]!;
  return { contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n---\n\n') }, range: toRange(lineStarts, first.start, first.end) };
}
