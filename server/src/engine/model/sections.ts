// Sections: headings and bold/plain pseudo-headings, normalised through the synonym table.
import type { Heading, List, Paragraph, Root, RootContent } from 'mdast';
import synonyms from '../data/sections.json';
import type { Section, SectionKind, SectionRole } from './model';
import { nodeEnd, nodeStart, plainText } from '../text/parse';
import { generationMemo } from '../memo';

export const CANONICAL_KINDS: readonly Exclude<SectionKind, 'other'>[] = [
  'summary',
  'impact',
  'timeline',
  'contributing-factors',
  'detection',
  'resolution',
  'what-went-well',
  'what-went-poorly',
  'lessons-learned',
  'action-items',
];

interface Lookup<T> {
  exact: Map<string, T>;
  prefix: [string, T][];
}

function buildLookup<T extends string>(table: Record<string, string[]>): Lookup<T> {
  const exact = new Map<string, T>();
  const prefix: [string, T][] = [];
  for (const [name, keys] of Object.entries(table)) {
    for (const key of keys) {
      if (key.endsWith('*')) prefix.push([key.slice(0, -1).trim(), name as T]);
      else exact.set(key, name as T);
    }
  }
  return { exact, prefix };
}

interface SectionData {
  kinds: Record<string, string[]>;
  roles: Record<string, string[]>;
  patterns: Record<string, string[]>;
  heads: string[];
  reflective: string[];
  modifiers: string[];
  prepositions: string[];
  qualifiers: string[];
}
const data = synonyms as SectionData;

const kindLookup = buildLookup<SectionKind>(data.kinds);
const roleLookup = buildLookup<SectionRole>(data.roles);
const KIND_PATTERNS: [RegExp, SectionKind][] = Object.entries(data.patterns).flatMap(([kind, list]) =>
  list.map((re): [RegExp, SectionKind] => [new RegExp(re), kind as SectionKind]),
);
const REFLECTIVE = new Set(data.reflective);
/** Synonyms that may head a longer heading: the listed single words and every multi-word synonym. */
const HEADS = new Set([...data.heads, ...[...kindLookup.exact.keys()].filter((k) => k.includes(' '))]);
const MODIFIERS = data.modifiers;
const PREPOSITIONS = new Set(data.prepositions);
const QUALIFIERS = new Set(data.qualifiers);

function find<T>(lookup: Lookup<T>, key: string): T | undefined {
  const hit = lookup.exact.get(key);
  if (hit !== undefined) return hit;
  for (const [p, value] of lookup.prefix) {
    if (key === p || key.startsWith(p + ' ')) return value;
  }
  return undefined;
}

/**
 * Normalise heading text: strip parentheticals and bracketed text, numbering, trailing ':'/'?',
 * apostrophes, punctuation and case. A group is read up to the next opener, so an unclosed run of openers costs one
 * pass, not one pass per opener (issue 20).
 */
export function normalizeHeading(title: string): string {
  return title
    .replace(/\([^()]*\)/g, ' ')
    .replace(/\[[^[\]]*\]/g, ' ')
    .replace(/^\s*(?:\d+(?:\.\d+)*[.)]?|[ivx]+[.)])\s+/i, '')
    .replace(/['’‘`]/g, '')
    .toLowerCase()
    .replace(/&/g, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** How a heading (or a label) reads. */
export interface HeadingClass {
  /** The primary kind: the first one the heading names. */
  kind: SectionKind;
  /** Every canonical kind the heading names, primary first (`['other']` when none). */
  kinds: SectionKind[];
  role?: SectionRole;
  key: string;
  /** Matched as the head of a longer heading with a prepositional tail ("Timeline for the fix", "Impact on billing"). */
  qualified?: boolean;
  /** A bare "Postmortem" / "Retrospective" / "Conclusion": reflective only when it is not the title or a container. */
  reflective?: boolean;
}

interface KeyClass {
  kind?: SectionKind;
  role?: SectionRole;
  qualified?: boolean;
  reflective?: boolean;
}

/** A synonym allowed to head a longer heading, after optional modifiers ("detailed", "incident", "the"). */
function headKind(key: string): SectionKind | undefined {
  let k = key;
  for (let stripped = true; stripped;) {
    stripped = false;
    for (const m of MODIFIERS) {
      if (k.startsWith(m + ' ')) {
        k = k.slice(m.length + 1);
        stripped = true;
      }
    }
  }
  return HEADS.has(k) ? kindLookup.exact.get(k) : undefined;
}

function isQualifierToken(t: string): boolean {
  return QUALIFIERS.has(t) || /^\d+(?:st|nd|rd|th|h|m|am|pm|z)?$/.test(t) || /^(?:utc|gmt)\d+$/.test(t);
}

/** One normalised key (a whole heading, or one part of a heading joined with "and"). */
function classifyKey(key: string): KeyClass {
  const kind = find(kindLookup, key) ?? KIND_PATTERNS.find(([re]) => re.test(key))?.[1];
  if (kind) return { kind };
  if (REFLECTIVE.has(key)) return { kind: 'lessons-learned', reflective: true };
  const role = find(roleLookup, key);
  if (role) return { role };
  const tokens = key.split(' ');
  // a head followed by a zone, dates or an approximation note: "Timeline (PT) Mar 3 to Mar 5, approximate"
  for (let i = tokens.length - 1; i >= 1 && isQualifierToken(tokens[i]!); i--) {
    const head = tokens.slice(0, i).join(' ');
    const k = find(kindLookup, head) ?? headKind(head);
    if (k) return { kind: k };
  }
  const modified = headKind(key);
  if (modified) return { kind: modified };
  // a head followed by a prepositional phrase: "Timeline of the failover", "Impact on billing"
  for (let i = 1; i < tokens.length; i++) {
    if (!PREPOSITIONS.has(tokens[i]!)) continue;
    const k = headKind(tokens.slice(0, i).join(' '));
    if (k) return { kind: k, qualified: true };
  }
  return {};
}

/** The parts of a heading joined by "and", "&", "+", "/" or commas ("Lessons learned and next steps"). */
function headingParts(title: string): string[] {
  return title
    .replace(/\([^()]*\)/g, ' ')
    .replace(/\[[^[\]]*\]/g, ' ')
    .split(/(?<!\s)\s*(?:[,;&+/]|\band\b|\bplus\b)\s*/i)
    .map(normalizeHeading)
    .filter(Boolean);
}

function classifyTitle(title: string): HeadingClass {
  const key = normalizeHeading(title);
  const parts = headingParts(title);
  const partKinds: SectionKind[] = [];
  let first: SectionKind | undefined;
  let allKnown = true;
  if (parts.length >= 2) {
    for (let i = 0; i < parts.length; i++) {
      const c = classifyKey(parts[i]!);
      if (c.kind && !c.reflective) {
        if (!partKinds.includes(c.kind)) partKinds.push(c.kind);
        if (i === 0) first = c.kind;
      } else if (!c.role) allKnown = false;
      if (c.qualified) break; // the tail of "Timeline of detection and response" belongs to its head
    }
    if (partKinds.length >= 2) return { kind: partKinds[0]!, kinds: partKinds, key };
  }
  const whole = classifyKey(key);
  if (whole.kind) {
    return {
      kind: whole.kind,
      kinds: [whole.kind],
      key,
      ...(whole.qualified ? { qualified: true } : {}),
      ...(whole.reflective ? { reflective: true } : {}),
    };
  }
  if (whole.role) return { kind: 'other', kinds: ['other'], role: whole.role, key };
  // "Impact & severity": one canonical part, the first, or beside parts that are all known roles
  const single = first ?? (partKinds.length === 1 && allKnown ? partKinds[0] : undefined);
  if (single) return { kind: single, kinds: [single], key };
  // a question or phrase that names its section in parentheses: "When? (timeline, newest first)"
  const named = /\(([^()]{1,60})\)/.exec(title);
  const inner = named && classifyKey(normalizeHeading(named[1]!.split(/[,;]/)[0]!));
  if (inner?.kind && !inner.reflective) return { kind: inner.kind, kinds: [inner.kind], key };
  return { kind: 'other', kinds: ['other'], key };
}

/** Memo of classifyHeading by title: every heading, label and single-line paragraph is asked. */
const classified = generationMemo<string, HeadingClass>(10_000);

export function classifyHeading(title: string): HeadingClass {
  const hit = classified.getOrCompute(title, () => classifyTitle(title));
  return { ...hit, kinds: [...hit.kinds] }; // a copy: callers own the result
}

/** The section has the kind, as its primary kind or as one of the others its heading names. */
export function hasKind(section: Section, kind: SectionKind): boolean {
  return section.kind === kind || (section.kinds?.includes(kind) ?? false);
}

const MONTH =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const WEEKDAY = '(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\\.?';
const TEMPORAL_HEADING = new RegExp(
  [
    '^[~≈]?\\s*(?:ca\\.?\\s*)?\\d[\\dX]?[:h][\\dX]{2}', // 08:52, 2X:XX, 10h14
    '^[~≈]?\\s*\\d{4}-\\d{1,2}-\\d{1,2}', // 2018-01-15
    '^\\d{1,2}[./-]\\d{1,2}[./-]\\d{2,4}', // 05-03-2024, 03/05/2024
    `^${MONTH}\\s+\\d{1,2}(?:st|nd|rd|th)?\\b`, // May 12
    `^\\d{1,2}(?:st|nd|rd|th)?\\.?\\s+${MONTH}\\b`, // 15 May, 19. April
    `^${WEEKDAY},?\\s+(?:${MONTH}|\\d)`, // Tuesday, May 12
    '^\\[?\\s*\\d{1,2}:\\d{2}', // [08:47]
    '^\\[\\?+\\]', // [???]
  ].join('|'),
  'i',
);

/** A heading whose text starts with a date or time: inside a timeline it is an entry or a day, not a section. */
export function looksTemporal(title: string): boolean {
  return TEMPORAL_HEADING.test(title.trim());
}

const PSEUDO_DEPTH = 7;
/** Labels inside a top-level list item: below every heading and paragraph label, and bounded by their item. */
const LIST_LABEL_DEPTH = 8;

interface HeadingCandidate {
  title: string;
  depth: number;
  pseudo: boolean;
  /** Start and end of the heading (or label) itself. */
  start: number;
  end: number;
  /** A label in a list item: the section ends with the item, whatever follows. */
  bound?: number;
}

/** `**Timeline:**` / `__Timeline__:` / a plain line `Action Items` on its own: a pseudo-heading if it names a known section. */
function pseudoHeading(node: Paragraph, text: string): HeadingCandidate | undefined {
  const start = nodeStart(node);
  const end = nodeEnd(node);
  const raw = text.slice(start, end);
  if (raw.includes('\n') || raw.includes('\r')) return undefined; // single-line paragraphs only
  const children = node.children;
  let title: string | undefined;
  if (children.length >= 1 && children[0]!.type === 'strong') {
    const rest = children
      .slice(1)
      .map((c) => plainText(c))
      .join('')
      .trim();
    // "**Label**: value" is a key/value line, not a heading; "**Timeline** (BST):" is a heading with its qualifier
    const qualifier = /^(\([^()]{1,40}\))\s*:?$/.exec(rest);
    if (rest !== '' && rest !== ':' && !qualifier) return undefined;
    title = qualifier ? `${plainText(children[0]!)} ${qualifier[1]}` : plainText(children[0]!);
  } else if (children.length === 1 && children[0]!.type === 'text') {
    title = children[0].value;
    const { kind, role, key } = classifyHeading(title);
    // a plain line counts only when it is exactly a multi-word canonical section name (e.g. "Action Items"), one of
    // the synonym table's, not a phrasing its patterns allow: a lone word such as "Alert" or "Response" is far more
    // often prose than a heading
    if (
      kind === 'other' ||
      role ||
      /[.!]$/.test(title.trim()) ||
      !kindLookup.exact.has(key) ||
      (!/\s/.test(title.trim()) && key !== 'timeline')
    )
      return undefined;
  }
  if (title === undefined) return undefined;
  const { kind, role } = classifyHeading(title);
  if (kind === 'other' && !role) return undefined;
  return { title: title.replace(/(?<![:\s])[:\s]+$/, '').trim(), depth: PSEUDO_DEPTH, pseudo: true, start, end };
}

/** Emoji and pictographs before a label ("🔥 Impact:"). */
const EMOJI_LEAD = /^(?:[\p{Extended_Pictographic}\p{So}\u{FE0F}\u{200D}\u{20E3}][ \t]*)+/u;
/** `**Label**`, `**Label:**`, `**Label**: value`, `__Label__: value`. */
const BOLD_LABEL = /^(\*\*|__)(?![\s*_])([^*_\r\n]{1,80}?)(:?)\1[ \t]*(:?)[ \t]*(.*)$/;
/** `Label: value` with a short plain label. */
const PLAIN_LABEL = /^(\p{L}[\p{L}\p{N} '’&/-]{0,60}?)[ \t]*:(?:[ \t]+(.*))?$/u;

interface Label {
  title: string;
  start: number;
  /** End of the label (after its colon or closing markup). */
  end: number;
  /** Text follows the label on its first line. */
  hasValue: boolean;
}

/** A label opening the block at `start` (a paragraph or a list item's first paragraph), read from its first line. */
function readLabel(text: string, start: number, end: number, plain: boolean): Label | undefined {
  let lineEnd = text.indexOf('\n', start);
  if (lineEnd < 0 || lineEnd > end) lineEnd = end;
  const line = text.slice(start, lineEnd).replace(/\r$/, '');
  const lead = EMOJI_LEAD.exec(line)?.[0].length ?? 0;
  const rest = line.slice(lead);
  const bold = BOLD_LABEL.exec(rest);
  if (bold) {
    const colon = bold[3] !== '' || bold[4] !== '';
    const value = bold[5]!.trim();
    // "**Timeline** (all times CEST)": a qualifier after the label is part of its title, not its value
    const qualifier = !colon && /^\([^()]{1,60}\):?$/.test(value);
    if (qualifier)
      return { title: `${bold[2]!.trim()} ${value.replace(/:$/, '')}`, start: start + lead, end: lineEnd, hasValue: lineEnd < end };
    if (!colon && value !== '') return undefined; // "**Timeline** slipped by a week": bold words in a sentence
    const labelEnd = start + lead + rest.length - bold[5]!.length;
    return { title: bold[2]!.trim(), start: start + lead, end: labelEnd, hasValue: value !== '' || lineEnd < end };
  }
  if (!plain) return undefined;
  const m = PLAIN_LABEL.exec(rest);
  if (!m) return undefined;
  const value = (m[2] ?? '').trim();
  const labelEnd = start + lead + rest.length - (m[2] ?? '').length;
  return { title: m[1]!.trim(), start: start + lead, end: labelEnd, hasValue: value !== '' || lineEnd < end };
}

interface LabelCandidate {
  candidate: HeadingCandidate;
  kinds: SectionKind[];
  /** The list a list label sits in (undefined for a paragraph: its enclosing section is its group). */
  group: unknown;
  /** A list item with more than its first paragraph (nested bullets, further paragraphs). */
  nested: boolean;
  /** A plain `Label:` line with no markup: a section only where several such labels structure the document. */
  bare?: boolean;
}

/**
 * Labels that are not headings: `**Summary**: …` paragraphs and labels opening a top-level list item (`- **Timeline**`
 * over nested bullets, `- Impact: …`, `- 🔥 Impact:`). Only labels naming a canonical section are candidates.
 */
function labelCandidates(tree: Root, text: string): LabelCandidate[] {
  const out: LabelCandidate[] = [];
  const accept = (label: Label | undefined): HeadingClass | undefined => {
    if (!label) return undefined;
    const c = classifyHeading(label.title);
    // a label is short and names a section outright: no prepositional tails, no bare "Conclusion"
    if (c.kind === 'other' || c.qualified || c.reflective || label.title.split(/\s+/).length > 6) return undefined;
    return c;
  };
  for (const node of tree.children as RootContent[]) {
    if (node.type === 'paragraph') {
      const start = nodeStart(node);
      const end = nodeEnd(node);
      // a plain "Label:" paragraph counts behind an emoji ("🔥 What happened:" with the text below it) or alone on its
      // line ("Root cause:" over the text or a list); the bare ones must support each other (`bare`, below)
      const label = readLabel(text, start, end, true);
      if (!label) continue;
      const bold = /^(?:\*\*|__)/.test(text.slice(label.start));
      const emoji = label.start > start;
      const firstLine = /^[^\r\n]*/.exec(text.slice(label.start))![0].trimEnd();
      const bare = !bold && !emoji && firstLine.endsWith(':') && firstLine === text.slice(label.start, label.end).trimEnd();
      if (!bold && !emoji && !bare) continue;
      // a label alone on a single line is a pseudo-heading already (if it names a section outright); here: a label
      // followed by its value, or a bare one
      if (!label.hasValue && (!bare || pseudoHeading(node, text))) continue;
      const c = accept(label);
      if (!c) continue;
      out.push({
        candidate: { title: label.title.replace(/(?<![:\s])[:\s]+$/, ''), depth: PSEUDO_DEPTH, pseudo: true, start, end: label.end },
        kinds: c.kinds,
        group: undefined,
        nested: false,
        bare,
      });
    } else if (node.type === 'list') {
      for (const item of (node as List).children) {
        const first = item.children[0];
        if (first?.type !== 'paragraph') continue;
        const label = readLabel(text, nodeStart(first), nodeEnd(first), true);
        const c = accept(label);
        if (!label || !c) continue;
        const nested = item.children.length > 1;
        // a bold label alone with nothing under it is not a section's label
        if (!label.hasValue && !nested) continue;
        out.push({
          candidate: {
            title: label.title.replace(/(?<![:\s])[:\s]+$/, ''),
            depth: LIST_LABEL_DEPTH,
            pseudo: true,
            start: label.start,
            end: label.end,
            bound: nodeEnd(item),
          },
          kinds: c.kinds,
          group: node,
          nested,
        });
      }
    }
  }
  return out;
}

/**
 * Sections a label may open inside: none (the header), a summary, a pseudo-heading, a metadata or background section, a
 * title-like first heading.
 */
function labelParentAllows(parent: Section | undefined, kinds: SectionKind[], titled: boolean): boolean {
  if (!parent) return true;
  if (kinds.some((k) => hasKind(parent, k))) return false; // "**What happened?**:" inside Summary is part of it
  if (hasKind(parent, 'summary')) return true;
  // under a bold or plain pseudo-heading ("**Contributing factors:**" over its bullets) a label is its sibling
  if (parent.depth === PSEUDO_DEPTH) return true;
  if (parent.role === 'metadata' || parent.role === 'background') return true;
  if (hasKind(parent, 'lessons-learned')) return kinds.every((k) => k === 'what-went-well' || k === 'what-went-poorly');
  // "## Incident report: …" as the document's first heading when it has no H1 title: the labels below are its sections
  return !titled && parent.index === 0 && parent.kind === 'other' && !parent.role && parent.parent === undefined;
}

/** Build the sections of candidates in document order. */
function buildSections(candidates: HeadingCandidate[], text: string, firstContent: number): Section[] {
  const sections: Section[] = [];
  const bounds = new Map<number, number>();
  const reflective: number[] = [];
  const stack: Section[] = [];
  let timelineDepth: number | undefined; // depth of the timeline section currently open, if any
  for (const c of candidates) {
    const temporal = looksTemporal(c.title);
    if (temporal && timelineDepth !== undefined && c.bound === undefined) continue; // a day or time heading: part of the timeline
    const cls = classifyHeading(c.title);
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      const bound = bounds.get(top.index);
      if (top.depth >= c.depth || (bound !== undefined && bound <= c.start)) stack.pop();
      else break;
    }
    const parent = stack[stack.length - 1];
    let { kind, kinds } = cls;
    // "Timeline for the fix" under Action Items, "Impact on billing" under Root cause: part of the enclosing section
    if (cls.qualified && parent && parent.kind !== 'other' && !hasKind(parent, kind)) {
      kind = 'other';
      kinds = ['other'];
    }
    // a bare "Postmortem" / "Retrospective" opening the document names the document, not its reflective section
    if (cls.reflective && c.start <= firstContent) {
      kind = 'other';
      kinds = ['other'];
    }
    const section: Section = {
      index: sections.length,
      kind,
      kinds,
      ...(cls.role ? { role: cls.role } : {}),
      title: c.title,
      key: cls.key,
      depth: c.depth,
      pseudo: c.pseudo,
      heading: { start: c.start, end: c.end },
      span: { start: c.start, end: text.length },
      body: { start: c.end, end: text.length },
      ...(parent ? { parent: parent.index } : {}),
    };
    if (c.bound !== undefined) bounds.set(section.index, c.bound);
    if (cls.reflective && kind !== 'other') reflective.push(section.index);
    sections.push(section);
    stack.push(section);
    if (c.bound !== undefined) continue; // a list label never opens a timeline that later headings could join
    if (kind === 'timeline' || kinds.includes('timeline')) timelineDepth = c.depth;
    else if (timelineDepth !== undefined && c.depth <= timelineDepth) timelineDepth = undefined;
    else if (timelineDepth !== undefined && c.pseudo && timelineDepth === PSEUDO_DEPTH) timelineDepth = undefined;
  }
  // A section ends where the next section of the same or a shallower depth starts (a list label: with its item).
  for (let i = 0; i < sections.length; i++) {
    const s = sections[i]!;
    let end = bounds.get(i) ?? text.length;
    for (let j = i + 1; j < sections.length; j++) {
      const next = sections[j]!;
      if (next.span.start >= end) break;
      if (next.depth <= s.depth) {
        end = next.span.start;
        break;
      }
    }
    s.span.end = end;
    s.body.end = Math.max(s.body.start, end);
  }
  // "## Postmortem" over "### Summary", "### Timeline": a container, not the reflective section
  for (const i of reflective) {
    const s = sections[i]!;
    if (sections.some((x) => x.parent === i && x.kind !== 'other')) {
      s.kind = 'other';
      s.kinds = ['other'];
    }
  }
  return sections;
}

/**
 * Extract sections from the top-level blocks: headings, pseudo-headings (a label paragraph alone on its line) and
 * labels that are not headings (`**Summary**: …` paragraphs, labels opening top-level list items), the latter only
 * where the document's structure supports them. The document title (the first H1 that does not name a known section,
 * or a bare "Postmortem" H1) is not a section. Date- or time-valued headings inside a timeline stay inside it,
 * whatever their level.
 */
export function extractSections(tree: Root, text: string): { sections: Section[]; title?: { start: number; end: number; value: string } } {
  const candidates: HeadingCandidate[] = [];
  let title: { start: number; end: number; value: string } | undefined;
  for (const node of tree.children as RootContent[]) {
    if (node.type === 'heading') {
      const h = node as Heading;
      const t = plainText(h).trim();
      if (!title && h.depth === 1 && candidates.length === 0) {
        const c = classifyHeading(t);
        // a title that merely opens with a section name ("What we learned from the outage") is still the title
        if ((c.kind === 'other' && !c.role) || c.reflective || c.qualified) {
          title = { start: nodeStart(h), end: nodeEnd(h), value: t };
          continue;
        }
      }
      candidates.push({ title: t, depth: h.depth, pseudo: false, start: nodeStart(h), end: nodeEnd(h) });
    } else if (node.type === 'paragraph') {
      const p = pseudoHeading(node as Paragraph, text);
      if (p) candidates.push(p);
    }
  }
  // where the document's own content starts (after front matter and comments): a reflective heading there is a title
  const firstNode = (tree.children as RootContent[]).find((n) => n.type !== 'yaml' && n.type !== 'html' && (n.type as string) !== 'toml');
  const firstContent = firstNode ? nodeStart(firstNode) : text.length;
  let sections = buildSections(candidates, text, firstContent);

  const labels = labelCandidates(tree, text);
  if (labels.length) {
    const locate = sectionLocator(sections);
    const present = new Set(sections.flatMap((s) => s.kinds));
    // label paragraphs support each other within one section (or the header); list labels within one list
    const withGroup = labels.map((l) => {
      // a date or time heading is not a label's parent: it joins the timeline the labels may open
      let parent = locate(l.candidate.start);
      while (parent && looksTemporal(parent.title)) parent = parent.parent === undefined ? undefined : sections[parent.parent];
      return { ...l, parent, group: l.group ?? parent };
    });
    const allowed = withGroup.filter((l) => labelParentAllows(l.parent, l.kinds, title !== undefined));
    const perGroup = new Map<unknown, number>();
    for (const l of allowed) perGroup.set(l.group, (perGroup.get(l.group) ?? 0) + 1);
    // supported: several labels in the same list (or several label paragraphs), a label over nested content,
    // or a label naming a section the document has no heading for
    // bare "Label:" lines count only together: two or more naming different sections
    const bareKinds = new Set(allowed.filter((l) => l.bare).map((l) => l.kinds.join('+')));
    const accepted = allowed.filter((l) =>
      l.bare ? bareKinds.size >= 2 : perGroup.get(l.group)! >= 2 || l.nested || !l.kinds.some((k) => present.has(k)),
    );
    if (accepted.length) {
      const merged = [...candidates, ...accepted.map((l) => l.candidate)].sort((x, y) => x.start - y.start);
      sections = buildSections(merged, text, firstContent);
    }
  }
  return title ? { sections, title } : { sections };
}

/**
 * The document's blocks with each list of section labels opened up: a top-level list holding labels (`- **Timeline**`
 * over nested bullets) gives the blocks nested under each label instead of itself, so a section's body is a run of
 * blocks whatever its layout.
 */
export function labelledBlocks(tree: Root, sections: Section[]): RootContent[] {
  const labels = sections.filter((s) => s.depth === LIST_LABEL_DEPTH);
  if (labels.length === 0) return tree.children;
  const out: RootContent[] = [];
  for (const node of tree.children) {
    const s = nodeStart(node);
    const e = nodeEnd(node);
    if (node.type !== 'list' || !labels.some((l) => l.heading.start >= s && l.heading.start < e)) {
      out.push(node);
      continue;
    }
    for (const item of node.children) {
      const label = labels.find((l) => l.heading.start >= nodeStart(item) && l.heading.start < nodeEnd(item));
      if (label) out.push(...(item.children.slice(1) as RootContent[]));
    }
  }
  return out;
}

/** The innermost section whose span contains `offset`. */
export function sectionAt(sections: Section[], offset: number): Section | undefined {
  let best: Section | undefined;
  for (const s of sections) {
    if (s.span.start <= offset && offset < s.span.end) {
      if (!best || s.span.start >= best.span.start) best = s; // nested sections start later
    }
  }
  return best;
}

/**
 * `sectionAt(sections, offset)` for many offsets: O(log n + depth) a lookup instead of O(n). It relies on the shape
 * extractSections gives (starts strictly increasing, `index` = position, and the sections open at each section's start
 * are exactly its parent chain), which it checks first, falling back to the linear scan when it does not hold.
 */
export function sectionLocator(sections: Section[]): (offset: number) => Section | undefined {
  const linear = (offset: number) => sectionAt(sections, offset);
  const stack: Section[] = [];
  for (let i = 0; i < sections.length; i++) {
    const s = sections[i]!;
    if (s.index !== i || (i > 0 && sections[i - 1]!.span.start >= s.span.start) || s.span.end < s.span.start) return linear;
    while (stack.length && stack[stack.length - 1]!.span.end <= s.span.start) stack.pop();
    // the open sections must be exactly the parent chain, innermost last
    let k = stack.length - 1;
    for (let p = s.parent; p !== undefined; p = sections[p]?.parent, k--) {
      if (k < 0 || stack[k] !== sections[p] || !(p < i)) return linear;
    }
    if (k !== -1) return linear;
    for (const open of stack) if (open.span.end <= s.span.start) return linear;
    stack.push(s);
  }
  return (offset) => {
    let lo = 0;
    let hi = sections.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sections[mid]!.span.start <= offset) lo = mid + 1;
      else hi = mid;
    }
    // the innermost section containing the offset is the last one starting at or before it, or one of its ancestors
    for (const s of selfAndAncestors(sections, sections[lo - 1])) if (offset < s.span.end) return s;
    return undefined;
  };
}

/** The section, then its parent, its parent's parent … up to the top level (the one walk up the outline). */
export function* selfAndAncestors(sections: readonly Section[], section: Section | undefined): Generator<Section> {
  // parents always come before their children, so the walk ends even in a hand-made, inconsistent array
  for (let s = section, guard = sections.length + 1; s && guard > 0; s = s.parent !== undefined ? sections[s.parent] : undefined, guard--)
    yield s;
}

/** True when the section or one of its ancestors has the kind. */
export function withinKind(sections: Section[], section: Section | undefined, kind: SectionKind): boolean {
  for (const s of selfAndAncestors(sections, section)) if (hasKind(s, kind)) return true;
  return false;
}

/** True when the section or one of its ancestors has the role. */
export function withinRole(sections: Section[], section: Section | undefined, role: SectionRole): boolean {
  for (const s of selfAndAncestors(sections, section)) if (s.role === role) return true;
  return false;
}
