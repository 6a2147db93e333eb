// Is this Markdown document a postmortem? (content side; path globs are matched by the host and passed in)
import type { PostmortemModel } from '../model/model';

export interface Detection {
  isPostmortem: boolean;
  reason: string;
}

export interface DetectOptions {
  /** The host matched the file path against the configured postmortem globs. */
  pathMatched?: boolean;
  /** The user asked for this file explicitly (CLI argument, or toggled on in the editor). */
  forced?: boolean;
}

const WORDS = /\b(?:post[- ]?mortems?|incident(?:\s+(?:report|review|retrospective|analysis))?|outage|retrospective|RCA)\b/i;

export function detectPostmortem(model: PostmortemModel, options: DetectOptions = {}): Detection {
  if (model.explicitlyDisabled) return { isPostmortem: false, reason: 'disabled by <!-- postmortem-lint disable -->' };
  if (model.explicitlyEnabled) return { isPostmortem: true, reason: 'enabled by <!-- postmortem-lint enable -->' };
  if (options.forced) return { isPostmortem: true, reason: 'named explicitly' };
  if (options.pathMatched) return { isPostmortem: true, reason: 'path matches a postmortem glob' };
  const fm = model.frontMatter?.data;
  if (fm) {
    const flag = fm.postmortem ?? fm['post-mortem'];
    if (flag === true) return { isPostmortem: true, reason: 'front matter says postmortem: true' };
    const type = [fm.type, fm.kind, fm.layout, fm.category, fm.tags, fm.categories].flat().filter((v) => typeof v === 'string') as string[];
    if (type.some((t) => WORDS.test(t))) return { isPostmortem: true, reason: 'front matter names a postmortem/incident' };
  }
  const kinds = new Set(model.sections.map((s) => s.kind).filter((k) => k !== 'other'));
  const anchor = kinds.has('timeline') || kinds.has('action-items');
  if (anchor && kinds.size >= 2)
    return { isPostmortem: true, reason: 'has a Timeline or Action Items section plus another postmortem section' };
  if (model.title && WORDS.test(model.title.value) && kinds.size >= 1) {
    return { isPostmortem: true, reason: 'title names an incident/postmortem and a postmortem section is present' };
  }
  return { isPostmortem: false, reason: 'no postmortem structure found' };
}
