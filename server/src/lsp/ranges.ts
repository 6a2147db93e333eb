// Engine findings as LSP diagnostics: offsets become ranges, and fix data travels in `diagnostic.data`.
import { CodeDescription, Diagnostic, DiagnosticSeverity, Range } from 'vscode-languageserver';
import { type Finding, type Fix, type Severity, positionAt } from '../engine/index';
import { SOURCE } from '../protocol';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toRange(lineStarts: number[], start: number, end: number): Range {
  return { start: positionAt(lineStarts, start), end: positionAt(lineStarts, end) };
}

/** A fix as `diagnostic.data` carries it: edits as [start, end, new text] in UTF-16 offsets of `revision`'s text. */
export interface DataFix {
  title: string;
  edits: [number, number, string][];
}

/**
 * What travels in `diagnostic.data`: everything code actions need and nothing else. Edits are offsets, not LSP
 * ranges (a range is five times the JSON of an offset pair, and a 20,000-line document's diagnostics run to
 * megabytes); codeActions.ts turns them into ranges with the document. A finding's own `data`, such as a
 * language finding's hover text, stays on the server: no client or code action reads it.
 */
export interface DiagnosticData {
  ruleId: string;
  /** The server's revision of the text the finding was computed on (Documents.revision), not the LSP version. */
  revision: number;
  /** Only when the diagnostic has no codeDescription (whose href is the documentation link). */
  docsUrl?: string;
  fix?: DataFix;
  suggestions?: DataFix[];
}

function toDataFix(fix: Fix): DataFix {
  return { title: fix.title, edits: fix.edits.map((e) => [e.start, e.end, e.text]) };
}

export function toDiagnostic(finding: Finding, lineStarts: number[], uri: string, revision: number): Diagnostic {
  const data: DiagnosticData = { ruleId: finding.ruleId, revision };
  if (finding.fix) data.fix = toDataFix(finding.fix);
  if (finding.suggestions?.length) data.suggestions = finding.suggestions.map(toDataFix);
  const diagnostic: Diagnostic = {
    range: toRange(lineStarts, finding.start, finding.end),
    severity: SEVERITY[finding.severity],
    source: SOURCE,
    code: finding.ruleId,
    message: finding.message,
    data,
  };
  const link = { href: finding.docsUrl };
  if (CodeDescription.is(link)) diagnostic.codeDescription = link;
  else data.docsUrl = finding.docsUrl;
  if (finding.related?.length) {
    diagnostic.relatedInformation = finding.related.map((r) => ({
      location: { uri, range: toRange(lineStarts, r.start, r.end) },
      message: r.message,
    }));
  }
  return diagnostic;
}
