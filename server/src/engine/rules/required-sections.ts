// required-sections: every section of the active profile is present (synonyms accepted); a fix inserts
// each missing section's skeleton at its canonical position.
import type { PostmortemModel, Section } from '../model/model';
import { resolveProfile, sectionMatches, type ProfileEntry } from '../analysis/profiles';
import { hasKind } from '../model/sections';
import { detectEol, lineOf } from '../text/text';
import type { Rule, RuleContext } from '../types';

/**
 * The first section satisfying a profile entry. Beyond kind/role/key matching: a heading naming the trigger along
 * with the causes (`Root Causes and Trigger`) satisfies `Trigger`; in the SRE layout `Lessons Learned` holds What
 * went well / What went wrong / Where we got lucky, so any of those satisfies it.
 */
function firstMatch(model: PostmortemModel, entry: ProfileEntry): Section | undefined {
  const direct = model.sections.find((s) => sectionMatches(entry, s));
  if (direct) return direct;
  if (entry.role === 'trigger') return model.sections.find((s) => /\btriggers?\b/.test(s.key));
  if (entry.kind === 'lessons-learned') {
    return model.sections.find((s) => hasKind(s, 'what-went-well') || hasKind(s, 'what-went-poorly') || s.role === 'where-we-got-lucky');
  }
  return undefined;
}

/** Responders named in the header (`**Incident Commander:** @x`, `responders:` in front matter) satisfy `Responders`. */
function satisfiedByMetadata(model: PostmortemModel, entry: ProfileEntry): boolean {
  if (entry.role !== 'responders') return false;
  const f = model.metadata.fields;
  return [f.commander, f.responders].some((x) => x !== undefined && x.value.trim() !== '');
}

/** The document ends inside a fenced code block without its closing fence, or inside an unclosed HTML comment. */
function endsInOpenBlock(model: PostmortemModel): boolean {
  const children =
    (model.tree as { children?: { type: string; position?: { start: { offset?: number }; end: { offset?: number } } }[] }).children ?? [];
  const last = children[children.length - 1];
  if (!last?.position) return false;
  const start = last.position.start.offset ?? 0;
  const end = last.position.end.offset ?? 0;
  if (end < model.text.trimEnd().length) return false;
  const raw = model.text.slice(start, end);
  if (last.type === 'code') {
    const open = /^[ \t]{0,3}(`{3,}|~{3,})/.exec(raw);
    if (!open) return false; // indented code: a following blank line and heading end it
    const lines = raw.split(/\r\n|\n|\r/);
    const fence = open[1]!;
    const close = new RegExp(`^[ \\t]{0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}[ \\t]*$`);
    return lines.length < 2 || !close.test(lines[lines.length - 1]!);
  }
  if (last.type === 'html') return /<!--/.test(raw) && !/-->/.test(raw.slice(raw.lastIndexOf('<!--')));
  return false;
}

/** Indexes (into `positions`) of one longest strictly increasing subsequence. */
function longestIncreasing(positions: number[]): Set<number> {
  const len = positions.map(() => 1);
  const prev = positions.map(() => -1);
  for (let i = 0; i < positions.length; i++) {
    for (let j = 0; j < i; j++) {
      if (positions[j]! < positions[i]! && len[j]! + 1 > len[i]!) {
        len[i] = len[j]! + 1;
        prev[i] = j;
      }
    }
  }
  let best = -1;
  for (let i = 0; i < positions.length; i++) if (best < 0 || len[i]! > len[best]!) best = i;
  const keep = new Set<number>();
  for (let i = best; i >= 0; i = prev[i]!) keep.add(i);
  return keep;
}

/** Two line breaks at the end (a \r\n is one break: read as \r then \n it made "x\r\n" look blank-ended). */
const ENDS_WITH_BLANK_LINE = /(?:\r\n|\r(?!\n)|(?<!\r)\n)(?:\r\n|\r(?!\n)|(?<!\r)\n)$/;

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
    const anchor =
      model.title ?? (model.sections[0] ? { start: model.sections[0].heading.start, end: model.sections[0].heading.end } : undefined);
    const firstLineEnd = model.lineStarts.length > 1 ? model.lineStarts[1]! - 1 : model.text.length;
    const at = anchor ?? { start: 0, end: Math.max(0, Math.min(firstLineEnd, model.text.length)) };
    profile.sections.forEach((entry, index) => {
      if (firstMatch(model, entry) || satisfiedByMetadata(model, entry)) return;
      const { offset, depth, atEnd } = insertion(model, profile.sections, index);
      const needsLeadingBreak = atEnd && model.text.length > 0 && !/(\r\n|\n|\r)$/.test(model.text);
      // a document ending in a lone "\r" whose line break is "\n": the first "\n" only completes that "\r\n"
      const merges = eol.startsWith('\n') && model.text.endsWith('\r');
      const lead = needsLeadingBreak
        ? eol + eol
        : atEnd && model.text.length > 0 && !ENDS_WITH_BLANK_LINE.test(model.text)
          ? merges
            ? eol + eol
            : eol
          : '';
      const skeleton = `${lead}${'#'.repeat(Math.min(depth, 6))} ${entry.title}${eol}${eol}<!-- ${entry.prompt} -->${eol}${atEnd ? '' : eol}`;
      // text appended after an unclosed code fence or comment would land inside it: no safe fix then
      const safe = !(atEnd && endsInOpenBlock(model));
      ctx.report({
        start: at.start,
        end: at.end,
        message: `Missing section "${entry.title}" (${profile.name} profile).`,
        ...(safe ? { fix: { title: `Insert a "${entry.title}" section`, edits: [{ start: offset, end: offset, text: skeleton }] } } : {}),
        data: { section: entry.title, profile: profile.name },
      });
    });
    if (profile.ordered) reportOrder(ctx, model, profile.name, profile.sections);
  },
};

/**
 * Ordered profiles (`ordered: true` in the profile or the rule options): the present sections keep the profile's
 * order. The longest run already in order stays; every other section is reported once, at its heading.
 */
function reportOrder(ctx: RuleContext, model: PostmortemModel, profileName: string, entries: ProfileEntry[]): void {
  const present: { entry: ProfileEntry; section: Section }[] = [];
  for (const entry of entries) {
    const section = firstMatch(model, entry);
    if (section && !present.some((p) => p.section === section)) present.push({ entry, section });
  }
  const keep = longestIncreasing(present.map((p) => p.section.heading.start));
  present.forEach((p, i) => {
    if (keep.has(i)) return;
    let after: { entry: ProfileEntry; section: Section } | undefined;
    for (let j = i - 1; j >= 0; j--)
      if (keep.has(j)) {
        after = present[j];
        break;
      }
    let before: { entry: ProfileEntry; section: Section } | undefined;
    for (let j = i + 1; j < present.length; j++)
      if (keep.has(j)) {
        before = present[j];
        break;
      }
    const where =
      after && p.section.heading.start < after.section.heading.start
        ? `after "${after.section.title}"`
        : before
          ? `before "${before.section.title}"`
          : after
            ? `after "${after.section.title}"`
            : 'elsewhere';
    ctx.report({
      start: p.section.heading.start,
      end: p.section.heading.end,
      message: `Section "${p.section.title}" is out of order: the ${profileName} profile puts it ${where}.`,
      data: { section: p.entry.title, profile: profileName, order: true },
    });
  });
}
