// Sections: headings and bold/plain pseudo-headings, normalised through the synonym table.
import type { Heading, Paragraph, Root, RootContent } from 'mdast';
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

const kindLookup = buildLookup<SectionKind>(synonyms.kinds);
const roleLookup = buildLookup<SectionRole>(synonyms.roles);

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
 * apostrophes, punctuation and case.
 */
export function normalizeHeading(title: string): string {
  return title
    .replace(/\([^)]*\)/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/^\s*(?:\d+(?:\.\d+)*[.)]?|[ivx]+[.)])\s+/i, '')
    .replace(/['’‘`]/g, '')
    .toLowerCase()
    .replace(/&/g, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Memo of classifyHeading by title: every single-line paragraph is asked whether it is a pseudo-heading. */
const classified = generationMemo<string, { kind: SectionKind; role?: SectionRole; key: string }>(10_000);

export function classifyHeading(title: string): { kind: SectionKind; role?: SectionRole; key: string } {
  const hit = classified.getOrCompute(title, () => {
    const key = normalizeHeading(title);
    const kind = find(kindLookup, key);
    const role = kind ? undefined : find(roleLookup, key);
    return kind ? { kind, key } : role ? { kind: 'other', role, key } : { kind: 'other', key };
  });
  return { ...hit }; // a copy: callers own the result
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

interface HeadingCandidate {
  title: string;
  depth: number;
  pseudo: boolean;
  start: number;
  end: number;
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
    if (rest !== '' && rest !== ':') return undefined; // "**Label**: value" is a key/value line, not a heading
    title = plainText(children[0]!);
  } else if (children.length === 1 && children[0]!.type === 'text') {
    title = children[0].value;
    const { kind, role } = classifyHeading(title);
    // a plain line counts only when it is exactly a multi-word canonical section name (e.g. "Action Items"):
    // a lone word such as "Alert" or "Response" is far more often prose than a heading
    if (kind === 'other' || role || /[.!]$/.test(title.trim()) || (!/\s/.test(title.trim()) && classifyHeading(title).key !== 'timeline'))
      return undefined;
  }
  if (title === undefined) return undefined;
  const { kind, role } = classifyHeading(title);
  if (kind === 'other' && !role) return undefined;
  return { title: title.replace(/[:\s]+$/, '').trim(), depth: PSEUDO_DEPTH, pseudo: true, start, end };
}

/**
 * Extract sections from the top-level blocks (and pseudo-headings at any list/quote-free level).
 * The document title (the first H1 that does not name a known section) is not a section.
 * Date- or time-valued headings inside a timeline stay inside it, whatever their level.
 */
export function extractSections(tree: Root, text: string): { sections: Section[]; title?: { start: number; end: number; value: string } } {
  const candidates: HeadingCandidate[] = [];
  let title: { start: number; end: number; value: string } | undefined;
  for (const node of tree.children as RootContent[]) {
    if (node.type === 'heading') {
      const h = node as Heading;
      const t = plainText(h).trim();
      if (!title && h.depth === 1 && classifyHeading(t).kind === 'other' && !classifyHeading(t).role && candidates.length === 0) {
        title = { start: nodeStart(h), end: nodeEnd(h), value: t };
        continue;
      }
      candidates.push({ title: t, depth: h.depth, pseudo: false, start: nodeStart(h), end: nodeEnd(h) });
    } else if (node.type === 'paragraph') {
      const p = pseudoHeading(node as Paragraph, text);
      if (p) candidates.push(p);
    }
  }

  const sections: Section[] = [];
  const stack: Section[] = [];
  let timelineDepth: number | undefined; // depth of the timeline section currently open, if any
  for (const c of candidates) {
    const temporal = looksTemporal(c.title);
    if (temporal && timelineDepth !== undefined) continue; // a day or time heading: part of the timeline
    const { kind, role, key } = classifyHeading(c.title);
    while (stack.length && stack[stack.length - 1]!.depth >= c.depth) stack.pop();
    const parent = stack[stack.length - 1];
    const section: Section = {
      index: sections.length,
      kind,
      ...(role ? { role } : {}),
      title: c.title,
      key,
      depth: c.depth,
      pseudo: c.pseudo,
      heading: { start: c.start, end: c.end },
      span: { start: c.start, end: text.length },
      body: { start: c.end, end: text.length },
      ...(parent ? { parent: parent.index } : {}),
    };
    sections.push(section);
    stack.push(section);
    if (kind === 'timeline') timelineDepth = c.depth;
    else if (timelineDepth !== undefined && c.depth <= timelineDepth) timelineDepth = undefined;
    else if (timelineDepth !== undefined && c.pseudo && timelineDepth === PSEUDO_DEPTH) timelineDepth = undefined;
  }
  // A section ends where the next section of the same or a shallower depth starts.
  for (let i = 0; i < sections.length; i++) {
    const s = sections[i]!;
    for (let j = i + 1; j < sections.length; j++) {
      const next = sections[j]!;
      if (next.depth <= s.depth) {
        s.span.end = next.span.start;
        s.body.end = next.span.start;
        break;
      }
    }
  }
  return title ? { sections, title } : { sections };
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
  for (const s of selfAndAncestors(sections, section)) if (s.kind === kind) return true;
  return false;
}

/** True when the section or one of its ancestors has the role. */
export function withinRole(sections: Section[], section: Section | undefined, role: SectionRole): boolean {
  for (const s of selfAndAncestors(sections, section)) if (s.role === role) return true;
  return false;
}
