// The editor features both servers answer from a document's lint result (the Node server in lsp/server.ts, the web
// worker in browser/server.ts): hover (findings, and timestamps and metrics in a postmortem), timeline inlay hints,
// CodeLens and the outline. Only hover answers for a document that is not linted as a postmortem (the notice of a
// skipped file, for example).
import type { Connection } from 'vscode-languageserver';
import { offsetAt, type LintResult } from '../../engine/index';
import { findingHover } from './hover';
import { documentSymbols } from './symbols';
import { decisionCodeLenses, joinHovers, metricsCodeLenses, timelineHover, timelineInlayHints } from './timeline';

/** `resultOf(uri)`: the open document's current lint result, or undefined when the document is not open. */
export function registerEditorFeatures(connection: Connection, resultOf: (uri: string) => Promise<LintResult | undefined>): void {
  const postmortem = async (uri: string) => {
    const result = await resultOf(uri);
    return result?.detection.isPostmortem ? result : undefined;
  };

  connection.onHover(async (params) => {
    const result = await resultOf(params.textDocument.uri);
    if (!result) return null;
    const { model, findings, detection } = result;
    const offset = offsetAt(model.lineStarts, model.text, params.position);
    const finding = findingHover(findings, offset, model.lineStarts); // also the document-size notice of a skipped file
    return detection.isPostmortem ? joinHovers(finding, timelineHover(model, offset)) : finding;
  });

  connection.languages.inlayHint.on(async (params) => {
    const result = await postmortem(params.textDocument.uri);
    return result ? timelineInlayHints(result.model, params.range) : [];
  });

  connection.onCodeLens(async (params) => {
    const uri = params.textDocument.uri;
    const result = await postmortem(uri);
    return result ? [...metricsCodeLenses(result.model, uri), ...decisionCodeLenses(result, uri)] : [];
  });

  connection.onDocumentSymbol(async (params) => {
    const result = await postmortem(params.textDocument.uri);
    return result ? documentSymbols(result.model) : [];
  });
}
