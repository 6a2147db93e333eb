// Helpers for the language-rule tests: wrap a sentence in a small postmortem and lint it.
import { lintDocument, type Finding } from '../../../server/src/engine/index';
import { LANGUAGE_RULE_IDS, type ExampleCase } from '../../../server/src/engine/language/index';

export const LANGUAGE = new Set<string>(LANGUAGE_RULE_IDS);

const SECTION_TITLES: Record<string, string> = {
  summary: 'Summary',
  'action-items': 'Action items',
  'where-we-got-lucky': 'Where we got lucky',
  timeline: 'Timeline',
  appendix: 'Appendix: chat log',
};

/** Build a small document holding `example` in the section it names (Summary by default). */
export function documentFor(example: ExampleCase): { text: string; offset: number } {
  const section = example.timeline ? 'timeline' : (example.section ?? 'summary');
  const title = SECTION_TITLES[section] ?? section;
  const head = `# Incident 2025-01-01\n\n## ${title}\n\n`;
  const body = example.timeline ? `- ${example.text}` : example.text;
  return { text: `${head}${body}\n`, offset: head.length };
}

export function languageFindings(text: string): Finding[] {
  const r = lintDocument(text, undefined, { force: true });
  if (r.ruleErrors.length) throw new Error(JSON.stringify(r.ruleErrors));
  return r.findings.filter((f) => LANGUAGE.has(f.ruleId));
}

export function lintExample(example: ExampleCase): Finding[] {
  return languageFindings(documentFor(example).text);
}

/** Rule ids a finding stands for: its own and the other categories named in the same sentence. */
export function ruleIdsOf(f: Finding): string[] {
  return [f.ruleId, ...((f.data?.others as string[] | undefined) ?? [])];
}
