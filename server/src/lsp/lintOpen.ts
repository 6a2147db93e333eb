// Linting an open document, shared by both language servers (Node and browser): the document's incremental model,
// kept only while it is linted at all (enabled and under the size limit), then the engine with the host's options.
import {
  IncrementalDocument,
  lintDocument,
  sizeLimitExceeded,
  type LintOptions,
  type LintResult,
  type ResolvedConfig,
} from '../engine/index';

/** The document's incremental model advanced to `text` (started when there is none yet). */
export function advance(incremental: IncrementalDocument | undefined, text: string): IncrementalDocument {
  if (!incremental) return new IncrementalDocument(text);
  incremental.update(text);
  return incremental;
}

/**
 * Lints a document's text. `incremental` gives the model for the text (advancing the open document's own; none for a
 * text linted once); it is not asked when linting is disabled or the text is over the size limit (the engine then
 * reports only that).
 */
export function lintOpen(
  text: string,
  config: ResolvedConfig,
  options: Omit<LintOptions, 'model'> & { incremental?: (text: string) => LintResult['model'] },
): LintResult {
  const { incremental, ...rest } = options;
  const model = !options.disabled && !sizeLimitExceeded(text, config) ? incremental?.(text) : undefined;
  return lintDocument(text, config, { ...rest, ...(model ? { model } : {}) });
}
