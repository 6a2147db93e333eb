// PostmortemModel: built once per document version from the mdast; every rule reads it.
import type { Span } from '../types';
import type { ParsedTimestamp } from '../text/datetime';

export type SectionKind =
  | 'summary'
  | 'impact'
  | 'timeline'
  | 'contributing-factors'
  | 'detection'
  | 'resolution'
  | 'what-went-well'
  | 'what-went-poorly'
  | 'lessons-learned'
  | 'action-items'
  | 'other';

/** Finer labels for known non-canonical sections (kind stays 'other' for them). */
export type SectionRole =
  | 'trigger'
  | 'responders'
  | 'where-we-got-lucky'
  | 'appendix'
  | 'background'
  | 'metadata'
  | 'owner-notes'
  | 'user-guidance'
  | 'risk'
  | 'supporting-information';

export interface Section {
  index: number;
  /** The primary kind: the first canonical kind the heading names ('other' when none). */
  kind: SectionKind;
  /**
   * Every kind the heading names, primary first: "Lessons learned and next steps" is lessons-learned and
   * action-items. `['other']` for a section of no canonical kind. Ask `hasKind` (model/sections) rather than `kind ===`.
   */
  kinds: SectionKind[];
  role?: SectionRole;
  /** Heading text as written, markup stripped. */
  title: string;
  /** Normalised heading text used for synonym lookup. */
  key: string;
  /** 1-6 for ATX/setext headings; 7 for bold/plain pseudo-headings and label paragraphs; 8 for labels in list items. */
  depth: number;
  /** Not a Markdown heading: a pseudo-heading paragraph or a label (`**Summary**: …`, `- **Timeline**`, `- Impact: …`). */
  pseudo: boolean;
  /** The heading, or the label itself (through its colon). */
  heading: Span;
  /** From the heading start to the end of the section (before the next heading of the same or a shallower depth). */
  span: Span;
  /** Body: after the heading to the end of the section. */
  body: Span;
  /** Index of the enclosing section, if any. */
  parent?: number;
}

export type TimestampConfidence = 'high' | 'medium' | 'low';

export interface TimelineEntry {
  /** Which timeline block (0-based) the entry belongs to; a restarted timeline gets a new index. */
  timeline: number;
  /** The whole entry (list item, table row, heading + body, paragraph). */
  span: Span;
  /** The timestamp text itself. */
  timestamp: Span;
  raw: string;
  /** Description text of the entry (may be empty for a heading-only entry). */
  text: string;
  /** ISO date YYYY-MM-DD when known (explicit or from running day context). */
  date?: string;
  /** HH:MM or HH:MM:SS, 24-hour. */
  time?: string;
  zone?: string;
  confidence: TimestampConfidence;
  approximate?: boolean;
  isRange?: boolean;
  placeholder?: boolean;
  /** Minutes since 1970-01-01 in UTC when date and time (and zone, or an assumed zone) are known. */
  minutes?: number;
  /** Section index of the timeline section holding this entry. */
  section: number;
  /** The block layout the entry came from. */
  layout: TimelineEntryLayout;
  /** The timestamp as read (offsets relative to the text it was read from, not the document; never mutated). */
  parsed: ParsedTimestamp;
  /**
   * Local (wall-clock) minutes since the epoch in the entry's own zone: the ordering key when zones or years are
   * unknown (a day without a year is placed in 2000). Absent for placeholders and entries with neither time nor date.
   */
  localMinutes?: number;
  /** The entry gives a date but no time (ordered at day granularity). */
  dateOnly?: boolean;
  /** The year (or the whole date) was inferred rather than written. */
  inferredDate?: boolean;
  /** Where the running day came from when the entry writes no date of its own. */
  daySource?: TimelineDaySource;
  /** The time fell more than six hours behind the previous one with no date given: taken as the next day. */
  rollover?: boolean;
  /** The zone written on the entry itself (as opposed to a declared default). */
  zoneExplicit?: string;
  /** Where the effective zone was declared when the entry does not write one. */
  zoneSource?: TimelineZoneSource;
  /** `minutes` was computed as UTC because the zone is missing or has no known offset. */
  zoneAssumedUtc?: boolean;
  /** A bare 1-12 time in a timeline that otherwise writes am/pm: the half of day inferred from its neighbours. */
  meridiemInferred?: 'am' | 'pm';
  /** `13:55 PM`: a 24-hour time with a 12-hour suffix; the suffix was ignored. */
  pmOn24h?: boolean;
}

export type TimelineEntryLayout = 'list' | 'table' | 'heading' | 'paragraph';

/** Where a timeline's default zone was declared. */
export type TimelineZoneSource = 'heading' | 'sentence' | 'table-header' | 'preamble' | 'day-heading';

/**
 * Where the running day was set: the timeline heading or a dated sub-heading ('heading'), a zone sentence ending
 * in `on <date>`, a day heading, a date bullet with nested entries ('list-date'), a date-only line in a paragraph
 * ('date-line'), or an earlier entry's written date ('entry').
 */
export type TimelineDaySource = 'heading' | 'sentence' | 'day-heading' | 'list-date' | 'date-line' | 'entry';

/**
 * An action item's status. "Let go" is not a value of its own: an item a team lets go is either deferred (not now,
 * may come back: "let go for now", "deferred", "parked") or won't-do (decided against: "won't do", "dropped", "not
 * doing", a `[-]` task, an item struck through whole). Both are let go (`isLetGo`): not open, so never asked for an
 * owner, a date or a ticket and not counted toward action-items-focus, but asked for a reason. Two values keep the
 * model as small as the decisions people write; the follow-up report and view group them as "let go".
 */
export type ActionStatus = 'open' | 'done' | 'deferred' | 'wont-do';

/** A postmortem's title: its title heading, else its metadata title, else `fallback` (its file name). */
export function postmortemTitle(model: PostmortemModel, fallback: string): string {
  return model.title?.value ?? model.metadata.title?.value ?? fallback;
}

/** Deferred and won't-do items: the team let them go explicitly (see ActionStatus). */
export function isLetGo(status: ActionStatus): boolean {
  return status === 'deferred' || status === 'wont-do';
}

/** Where an action item stands: done, let go, or still open (every other status). */
export type ItemProgress = 'open' | 'done' | 'let-go';
export function itemProgress(status: ActionStatus): ItemProgress {
  return status === 'done' ? 'done' : isLetGo(status) ? 'let-go' : 'open';
}

export interface Field extends Span {
  value: string;
}

export interface DueField extends Field {
  /** ISO date when the value is an absolute date. */
  date?: string;
  /** true for quarters, sprints, "next week"... */
  weak?: boolean;
}

export type ActionLayout = 'table' | 'task' | 'bullet' | 'numbered' | 'paragraph';

export interface ActionItem {
  span: Span;
  /** The item's own text (without checkbox / bullet marker / inline fields). */
  text: string;
  textSpan: Span;
  layout: ActionLayout;
  section: number;
  /** Sub-heading or bold label grouping the item (e.g. "Short-term"). */
  group?: string;
  owners: Field[];
  due?: DueField;
  tracker?: Field;
  status: ActionStatus;
  statusField?: Field;
  priority?: Field;
  type?: Field;
  doneWhen?: Field;
  /**
   * Why a let-go item was let go (read for let-go items only): a `reason:` field or Reason cell, the text after the
   * status marker or the strikethrough, a `because …` clause, the text after a spaced dash.
   */
  reason?: Field;
  /** For table items: the table row and column layout, so fixes can add cells/columns. */
  table?: ActionTableInfo;
  /** List/paragraph items: offset where `— owner: … — due: …` fields go (end of the item's first paragraph). */
  fieldsAt?: number;
  /** The item's whole content (all paragraphs, without the list marker), for conversions and export. */
  content?: Span;
}

export interface ActionTableInfo {
  /** Span of the whole table. */
  table: Span;
  /** Span of the row (without the line break). */
  row: Span;
  /** Header cell names, lower-cased and trimmed, in column order. */
  columns: string[];
  /** Cell spans of this row, in column order (content without surrounding pipes/padding). */
  cells: Span[];
  /** Cell spans between the pipes (padding included), in column order. */
  rawCells?: Span[];
}

export interface Metadata {
  /** Where the metadata came from. */
  source: 'front-matter' | 'lines' | 'table' | 'none';
  span?: Span;
  fields: Record<string, Field>;
  title?: Field;
}

export type ProseContext = 'paragraph' | 'list-item' | 'table-cell' | 'blockquote' | 'heading';

/**
 * A run of prose that language rules may read. `text` has exactly the length of the source slice
 * [start, end); excluded pieces inside it (inline code, link URLs, HTML, images, footnote refs)
 * are replaced by spaces so that every offset maps 1:1 back to the document.
 */
/**
 * The key under which a prose block carries its node-relative original, the object prose.ts's per-node memo keeps:
 * a per-block memo can be keyed by it without hashing or comparing the block's text. A symbol, so it is not
 * part of the model's JSON.
 */
export const PROSE_ORIGIN: unique symbol = Symbol('prose origin');

export interface ProseBlock extends Span {
  text: string;
  context: ProseContext;
  /** Index of the innermost section holding the block, if any. */
  section?: number;
  /** true inside a table row or list item that is a timeline entry. */
  inTimeline?: boolean;
  /** true inside an action item. */
  inActionItem?: boolean;
  /** A key that stays the same object from one lint to the next while the block's top-level node is unchanged. */
  [PROSE_ORIGIN]?: object;
}

export interface PostmortemModel {
  text: string;
  /** The parsed tree (mdast Root). Typed loosely so rules don't depend on mdast types. */
  tree: unknown;
  lineStarts: number[];
  frontMatter?: { span: Span; format: 'yaml' | 'toml'; data: Record<string, unknown>; error?: string };
  metadata: Metadata;
  title?: Field;
  sections: Section[];
  timeline: TimelineEntry[];
  actionItems: ActionItem[];
  prose: ProseBlock[];
  /** Spans excluded from every text rule: code, HTML, front matter, link definitions. */
  excluded: Span[];
  /** Suppression comments found in the document. */
  suppressions: Suppression[];
  /** `<!-- postmortem-lint enable -->` present. */
  explicitlyEnabled: boolean;
  /** `<!-- postmortem-lint disable -->` (no rule id, file-wide off switch for detection). */
  explicitlyDisabled: boolean;
}

/** 'unrecognised': a `<!-- postmortem-lint … -->` comment in none of the accepted forms (it suppresses nothing). */
export type SuppressionKind = 'disable' | 'enable' | 'disable-next-line' | 'disable-line' | 'disable-file' | 'unrecognised';

export interface Suppression extends Span {
  kind: SuppressionKind;
  /** Empty = all rules. */
  rules: string[];
  line: number;
}
