// Postmortem templates for "Postmortem: New from Template". The snippet file
// (snippets/postmortem.code-snippets) is the single source of truth: the client reads it from the
// extension folder, picks the template for the active profile here, and inserts `body` with
// `editor.insertSnippet(new vscode.SnippetString(body))`. PURE: no vscode import, so tests can use it.
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';

import type { TemplateProfile } from '../../server/src/protocol';

export type { TemplateProfile };

/** Profile → the first prefix of the snippet that holds its template. */
export const TEMPLATE_PREFIX: Readonly<Record<TemplateProfile, string>> = {
  standard: 'postmortem',
  'google-sre': 'postmortem-google',
  pagerduty: 'postmortem-pagerduty',
};

export interface SnippetDefinition {
  name: string;
  prefixes: string[];
  /** Snippet syntax, lines joined with "\n". */
  body: string;
  description: string;
  isFileTemplate: boolean;
}

export interface PostmortemTemplate extends SnippetDefinition {
  profile: TemplateProfile;
}

const asList = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : [];

/** Parses a VS Code snippet file (JSON with comments). Throws with the first syntax error's offset. */
export function parseSnippetFile(text: string): SnippetDefinition[] {
  const errors: ParseError[] = [];
  const json: unknown = parse(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length) {
    const e = errors[0]!;
    throw new Error(`snippet file: ${printParseErrorCode(e.error)} at offset ${e.offset}`);
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw new Error('snippet file: the top level must be an object');
  return Object.entries(json as Record<string, unknown>).map(([name, value]) => {
    if (!value || typeof value !== 'object') throw new Error(`snippet "${name}": not an object`);
    const v = value as Record<string, unknown>;
    return {
      name,
      prefixes: asList(v.prefix),
      body: asList(v.body).join('\n'),
      description: typeof v.description === 'string' ? v.description : '',
      isFileTemplate: v.isFileTemplate === true,
    };
  });
}

/** The three full templates, one per built-in profile, in profile order. */
export function postmortemTemplates(snippetFileText: string): PostmortemTemplate[] {
  const snippets = parseSnippetFile(snippetFileText);
  return (Object.keys(TEMPLATE_PREFIX) as TemplateProfile[]).map((profile) => {
    const found = snippets.find((s) => s.prefixes[0] === TEMPLATE_PREFIX[profile]);
    if (!found) throw new Error(`snippet file: no template with prefix "${TEMPLATE_PREFIX[profile]}"`);
    return { ...found, profile };
  });
}

/** The template for a configured profile; `custom` and unknown profiles get the standard template. */
export function templateForProfile(snippetFileText: string, profile: string | undefined): PostmortemTemplate {
  const all = postmortemTemplates(snippetFileText);
  return all.find((t) => t.profile === profile) ?? all[0]!;
}
