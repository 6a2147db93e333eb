// The only place engine offsets become LSP ranges (and back).
import { CodeDescription, Diagnostic, DiagnosticSeverity, Range, TextEdit } from 'vscode-languageserver';
import type { Finding, Fix, Severity } from './engine/types';
import { positionAt } from './engine/text';

export const SOURCE = 'postmortem-lint';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toRange(lineStarts: number[], start: number, end: number): Range {
  return { start: positionAt(lineStarts, start), end: positionAt(lineStarts, end) };
}

export interface LspFix {
  title: string;
  edits: TextEdit[];
}

/**
 * What travels in `diagnostic.data`: everything code actions need, already in LSP coordinates, and nothing else
 * (a finding's own `data`, such as a language finding's hover text, stays on the server: it would make every
 * diagnostics response a fifth larger for no client's use).
 */
export interface DiagnosticData {
  ruleId: string;
  version: number;
  docsUrl: string;
  fix?: LspFix;
  suggestions?: LspFix[];
}

export function toLspFix(lineStarts: number[], fix: Fix): LspFix {
  return { title: fix.title, edits: fix.edits.map((e) => ({ range: toRange(lineStarts, e.start, e.end), newText: e.text })) };
}

export function toDiagnostic(finding: Finding, lineStarts: number[], uri: string, version: number): Diagnostic {
  const data: DiagnosticData = { ruleId: finding.ruleId, version, docsUrl: finding.docsUrl };
  if (finding.fix) data.fix = toLspFix(lineStarts, finding.fix);
  if (finding.suggestions?.length) data.suggestions = finding.suggestions.map((s) => toLspFix(lineStarts, s));
  const diagnostic: Diagnostic = {
    range: toRange(lineStarts, finding.start, finding.end),
    severity: SEVERITY[finding.severity],
    source: SOURCE,
    code: finding.ruleId,
    codeDescription: CodeDescription.is({ href: finding.docsUrl }) ? { href: finding.docsUrl } : undefined,
    message: finding.message,
    data,
  };
  if (!diagnostic.codeDescription) delete diagnostic.codeDescription;
  if (finding.related?.length) {
    diagnostic.relatedInformation = finding.related.map((r) => ({
      location: { uri, range: toRange(lineStarts, r.start, r.end) },
      message: r.message,
    }));
  }
  return diagnostic;
}
