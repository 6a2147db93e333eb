// required-sections: every section of the active profile is present (synonyms accepted); a fix inserts
// each missing section's skeleton at its canonical position.
import type { PostmortemModel, Section } from '../model';
import { resolveProfile, sectionMatches, type ProfileEntry } from '../profiles';
import { detectEol, lineOf } from '../text';
import type { Rule } from '../types';

function firstMatch(model: PostmortemModel, entry: ProfileEntry): Section | undefined {
  return model.sections.find((s) => sectionMatches(entry, s));
}

/** Heading depth used for a new section: the depth of the shallowest real section heading, or 2. */
function defaultDepth(model: PostmortemModel): number {
  const depths = model.sections.filter((s) => !s.pseudo).map((s) => s.depth);
  return depths.length ? Math.min(...depths) : 2;
}

function insertion(model: PostmortemModel, entries: ProfileEntry[], index: number): { offset: number; depth: number; atEnd: boolean } {
  for (let j = index + 1; j < entries.length; j++) {
    const next = firstMatch(model, entries[j]!);
    if (next && !next.pseudo) {
      const line = lineOf(model.lineStarts, next.heading.start);
      return { offset: model.lineStarts[line]!, depth: next.depth, atEnd: false };
    }
  }
  for (let j = index - 1; j >= 0; j--) {
    const prev = firstMatch(model, entries[j]!);
    if (prev && !prev.pseudo) return { offset: prev.span.end, depth: prev.depth, atEnd: prev.span.end >= model.text.length };
  }
  return { offset: model.text.length, depth: defaultDepth(model), atEnd: true };
}

export const rule: Rule = {
  meta: {
    id: 'required-sections',
    description: 'The sections of the chosen template profile are present (synonyms accepted).',
    category: 'structure',
    defaultSeverity: 'info',
    fixable: true,
    rationale:
      'A postmortem that skips the timeline, the contributing factors or the action items usually skips the analysis they force. The profile mirrors the template your team agreed on.',
  },
  check(ctx) {
    const { model } = ctx;
    const profile = resolveProfile(ctx.config, ctx.options);
    const eol = detectEol(model.text);
    const anchor = model.title ?? (model.sections[0] ? { start: model.sections[0].heading.start, end: model.sections[0].heading.end } : undefined);
    const firstLineEnd = model.lineStarts.length > 1 ? model.lineStarts[1]! - 1 : model.text.length;
    const at = anchor ?? { start: 0, end: Math.max(0, Math.min(firstLineEnd, model.text.length)) };
    profile.sections.forEach((entry, index) => {
      if (firstMatch(model, entry)) return;
      const { offset, depth, atEnd } = insertion(model, profile.sections, index);
      const needsLeadingBreak = atEnd && model.text.length > 0 && !/(\r\n|\n|\r)$/.test(model.text);
      const lead = needsLeadingBreak ? eol + eol : atEnd && model.text.length > 0 && !/(\r\n|\n|\r){2}$/.test(model.text) ? eol : '';
      const skeleton = `${lead}${'#'.repeat(Math.min(depth, 6))} ${entry.title}${eol}${eol}<!-- ${entry.prompt} -->${eol}${atEnd ? '' : eol}`;
      ctx.report({
        start: at.start,
        end: at.end,
        message: `Missing section "${entry.title}" (${profile.name} profile).`,
        fix: { title: `Insert a "${entry.title}" section`, edits: [{ start: offset, end: offset, text: skeleton }] },
        data: { section: entry.title, profile: profile.name },
      });
    });
  },
};
