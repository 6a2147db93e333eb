// Build the PostmortemModel once per document version.
import type { PostmortemModel } from './model';
import { parseMarkdown, type Root } from '../text/parse';
import { extractMetadata } from './metadata';
import { extractProse, extractSuppressions } from './prose';
import { extractSections } from './sections';
import { computeLineStarts } from '../text/text';
import { extractActionItems } from './actionItems';
import { extractModelTimeline } from './timeline';
import { fitMemosToDocument } from '../memo';

/**
 * Build the model; pass `tree` when an up-to-date mdast for exactly this text is already at hand (incremental
 * parsing), and `lineStarts` when this text's line starts are (computeLineStarts(text); not modified afterwards).
 */
export function buildModel(
  text: string,
  tree: Root = parseMarkdown(text),
  lineStarts: number[] = computeLineStarts(text),
): PostmortemModel {
  fitMemosToDocument(text.length);
  const { sections, title } = extractSections(tree, text);
  const { metadata, frontMatter } = extractMetadata(tree, text, sections);
  const { prose, excluded } = extractProse(tree, text, sections);
  const { suppressions, enabled, disabled } = extractSuppressions(tree, text, lineStarts);
  const model: PostmortemModel = {
    text,
    tree,
    lineStarts,
    metadata,
    sections,
    timeline: extractModelTimeline(tree, text, sections, metadata, title),
    actionItems: extractActionItems(tree, text, sections),
    prose,
    excluded,
    suppressions,
    explicitlyEnabled: enabled,
    explicitlyDisabled: disabled,
  };
  if (frontMatter) model.frontMatter = frontMatter;
  const docTitle = metadata.title ?? (title ? { value: title.value, start: title.start, end: title.end } : undefined);
  if (docTitle) model.title = docTitle;
  return model;
}
