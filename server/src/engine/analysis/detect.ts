// Is this Markdown document a postmortem? (content side; path globs are matched by the host and passed in)
//
// Content detection weighs general facts of the model, never particular wordings: the canonical kinds of its
// sections (and how many of them are typical of postmortems rather than of any document), whether its timeline has
// clock times, how many action items and timeline entries were read, and whether the title names an incident or a
// postmortem. Other document genres (READMEs, changelogs and release notes, RFCs, design docs, ADRs, meeting notes)
// share some of those facts: a "Timeline" of milestones, "Next steps", "Impact", "Action items". Their own section
// names and titles (Install, Usage, Alternatives, Goals, Agenda, Decision, Changelog, RFC…) are counter-evidence
// that only strong postmortem evidence outweighs.
import type { PostmortemModel, Section } from '../model/model';

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

/** Front matter `type`/`tags`/`category` values naming a postmortem or an incident. */
const WORDS = /\b(?:post[- ]?mortems?|incident(?:\s+(?:report|review|retrospective|analysis))?|outage|retrospective|RCA)\b/i;

// A word that is part of a hyphenated or dotted name (`postmortem-lint`, `outage.js`) names a tool, not an event.
const NOT_NAME = String.raw`(?![-.]\w)`;
const NOT_NAME_BEHIND = String.raw`(?<![-.\w])`;

/** Titles that name the document itself as a postmortem (singular: "Postmortems" is an index or a guide). */
const DOC_TYPE_TITLE = new RegExp(
  NOT_NAME_BEHIND +
    String.raw`(?:post[- ]?mortem|incident\s+(?:report|review|analysis|summary|retrospective)|root[- ]cause\s+analysis|retrospective|(?:security\s+)?advisory|RCA(?=\b)|CVE-\d{4}-\d+)(?!s\b)` +
    NOT_NAME +
    String.raw`\b`,
  'i',
);

/** Titles that name an incident: the event words. */
const EVENT_TITLE = new RegExp(
  NOT_NAME_BEHIND +
    String.raw`(?:outages?|incidents?(?!\s+(?:response|management|handling|process|policy|playbook|runbook|commander|template|tooling|bot)\b)|downtime|disruptions?|degraded|degradation|(?:data|security)\s+breach|(?:service\s+)?interruptions?|(?:is|was|were|are|went|goes|going|being|been)\s+down|down\s+for)` +
    NOT_NAME +
    String.raw`\b`,
  'i',
);

/**
 * Titles about postmortems or incidents rather than of one (a how-to about "an outage" is generic: "Restoring a
 * replica after an outage"), and announcements of planned work.
 */
const ABOUT_TITLE =
  /^(?:restoring|recovering|handling|dealing\s+with|responding\s+to|preparing\s+for|preventing|surviving|diagnosing|debugging|managing)\b.*\b(?:a|an|any)\s+(?:[\w-]+\s+){0,2}(?:outage|incident|failure|breach|disruption)s?\b|\b(?:how\s+(?:to|we)|guide|guidelines|handbook|templates?|best\s+practices|checklist|runbook|playbook|culture|writing\s+(?:a\s+|good\s+|better\s+)?(?:post|incident)|(?:post[- ]?mortem|incident|outage)s?\s+(?:process|policy|tool(?:s|ing)?|lint(?:er|ing)?)|what\s+to\s+do|troubleshoot(?:ing)?|planned|scheduled|maintenance\s+window)\b/i;

/** Titles of other document genres. */
const GENRE_TITLE =
  /\b(?:change\s?log|release\s+notes?|what'?s\s+new|RFC|ADR|architecture\s+decision(?:\s+record)?|design\s+(?:doc(?:ument)?|proposal)|proposal|(?:rollout|migration|project|launch|release)\s+plan|roadmap|specification|meeting|meeting\s+minutes|agenda|stand-?up|(?:daily|weekly|team)\s+sync|1:1|one-on-one|readme)\b/i;
/** A team's retrospective of a sprint or project ("Sprint 31 retrospective"), not of an incident. */
const TEAM_RETRO = /\b(?:sprint|iteration|cycle|quarterly|monthly|project|milestone|PI)\s+(?:\d+\s+)?retro(?:spective)?\b/i;

/** Section names (normalised keys, see normalizeHeading) characteristic of other genres, matched as the whole key. */
const GENRE_HEADING = new RegExp(
  '^(?:' +
    [
      // READMEs and reference docs
      'install(?:ation|ing)?',
      'usage',
      'getting started',
      'quick ?start',
      'license',
      'contributing',
      'requirements',
      'prerequisites',
      'configuration',
      'api(?: reference)?',
      'examples?',
      'faq',
      'build(?:ing)?',
      'development',
      // changelogs and release notes
      'unreleased',
      'added',
      'changed',
      'fixed',
      'removed',
      'deprecated',
      '(?:new )?features',
      'bug ?fixes',
      'highlights',
      'breaking changes',
      'upgrade notes',
      'upgrading',
      'known issues',
      // RFCs and design docs
      'motivation',
      'goals',
      'non goals',
      'proposal',
      'proposed (?:solution|design|change)',
      'detailed design',
      'design',
      'alternatives(?: considered)?',
      'drawbacks',
      'prior art',
      'unresolved questions',
      'open questions',
      'milestones',
      'rollout plan',
      // ADRs
      'decision',
      'decision outcome',
      'consequences',
      'considered options',
      // meeting notes
      'agenda',
      'minutes',
      'discussion points',
      'decisions',
    ].join('|') +
    ')$',
);

/** Kinds that are typical of postmortems; summary, impact, timeline and action items also head other documents. */
const POSTMORTEM_KINDS = new Set([
  'contributing-factors',
  'detection',
  'resolution',
  'what-went-well',
  'what-went-poorly',
  'lessons-learned',
]);

/**
 * The title a reader sees: the model's title (the first H1, or the front matter's `title`), else the document's
 * first heading when it comes before every other section and names none (blog posts and reports often start
 * with an H2).
 */
function titleText(model: PostmortemModel): string | undefined {
  if (model.title) return model.title.value;
  const first = model.sections[0];
  if (!first || first.pseudo || first.kind !== 'other' || first.role || first.depth > 2) return undefined;
  const before = model.text.slice(model.frontMatter?.span.end ?? 0, first.heading.start);
  return /^\s*(?:<!--[\s\S]*?-->\s*)*$/.test(before) ? first.title : undefined;
}

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

  const kinds = new Set(model.sections.flatMap((s) => s.kinds).filter((k) => k !== 'other'));
  const typical = [...kinds].filter((k) => POSTMORTEM_KINDS.has(k)).length;
  const anchor = kinds.has('timeline') || kinds.has('action-items');
  const clockEntries = model.timeline.filter((e) => e.time !== undefined && !e.placeholder).length;
  const content = kinds.size + model.timeline.length + model.actionItems.length;

  const title = titleText(model);
  const about = title !== undefined && ABOUT_TITLE.test(title);
  const teamRetro = title !== undefined && TEAM_RETRO.test(title);
  const docTitle = title !== undefined && !about && !teamRetro && DOC_TYPE_TITLE.test(title);
  const eventTitle = title !== undefined && !about && EVENT_TITLE.test(title);
  const genreHeadings = model.sections.filter((s) => GENRE_HEADING.test(s.key) && !underCanonical(model.sections, s)).length;
  const genreTitle = teamRetro || (title !== undefined && GENRE_TITLE.test(title) && !docTitle && !eventTitle);
  // counter-evidence that the document belongs to another genre; only overwhelming structure outweighs it
  const otherGenre = genreTitle || genreHeadings >= 2;

  if (typical >= 3 && kinds.size >= 4 && !about)
    return { isPostmortem: true, reason: 'has several sections typical of postmortems (root cause, lessons, what went well…)' };
  if (about) return { isPostmortem: false, reason: 'the title is about postmortems or planned work, not one incident' };
  if (otherGenre) return { isPostmortem: false, reason: 'reads as another kind of document (its title or section names)' };
  if ((docTitle || eventTitle) && content >= 1)
    return {
      isPostmortem: true,
      reason: 'title names an incident/postmortem, and a postmortem section, timeline or action items is present',
    };
  // a blog-post style report: the title says what it is, the body is prose under headings of its own
  const paragraphs = countParagraphs(model);
  if (docTitle && model.sections.length + paragraphs >= 3)
    return { isPostmortem: true, reason: 'title says the document is a postmortem/incident report' };
  if (eventTitle && !/s$/i.test(EVENT_TITLE.exec(title!)![0]) && model.sections.length >= 2 && paragraphs >= 4 && genreHeadings === 0)
    return { isPostmortem: true, reason: 'title names an incident and the body tells it in prose' };
  // a heading of another genre ("Agenda") outweighs two typical kinds: a team retrospective has "What went well",
  // "What went poorly" and "Action items" too, but no incident timeline
  if (typical >= 2 && kinds.size >= 3 && (genreHeadings === 0 || typical >= 3))
    return { isPostmortem: true, reason: 'has several postmortem sections' };
  if (typical >= 1 && kinds.size >= 3 && genreHeadings === 0) return { isPostmortem: true, reason: 'has several postmortem sections' };
  if (anchor && kinds.size >= 2 && ((typical >= 1 && genreHeadings === 0) || clockEntries >= 2))
    return { isPostmortem: true, reason: 'has a Timeline or Action Items section plus another postmortem section' };
  if (anchor && kinds.size >= 2 && genreHeadings === 0 && !milestoneSchedule(model))
    return { isPostmortem: true, reason: 'has a Timeline or Action Items section plus another postmortem section' };
  return { isPostmortem: false, reason: 'no postmortem structure found' };
}

/**
 * A timeline of milestones rather than of an incident: several entries, every one a bare date, spread over more than
 * two weeks (a plan's or a project's schedule). An incident's timeline has clock times, or spans hours to days.
 */
function milestoneSchedule(model: PostmortemModel): boolean {
  const dated = model.timeline.filter((e) => !e.placeholder);
  if (dated.length < 2 || dated.some((e) => !e.dateOnly || !e.date)) return false;
  const days = dated.map((e) => Date.parse(`${e.date!}T00:00:00Z`) / 86_400_000).filter((d) => Number.isFinite(d));
  return days.length >= 2 && Math.max(...days) - Math.min(...days) > 14;
}

/** A sub-heading inside a canonical section (`### Configuration` grouping action items) says nothing about the genre. */
function underCanonical(sections: Section[], s: Section): boolean {
  for (let p = s.parent; p !== undefined; p = sections[p]!.parent) if (sections[p]!.kind !== 'other') return true;
  return false;
}

/** Top-level blocks of prose (paragraphs, lists, tables, quotes): the body of a blog-post style report. */
function countParagraphs(model: PostmortemModel): number {
  const tree = model.tree as { children?: { type: string }[] };
  return (tree.children ?? []).filter((n) => ['paragraph', 'list', 'table', 'blockquote'].includes(n.type)).length;
}
