// Timeline extraction over the mdast: every layout real timelines use (bullets, tables, day headings with entries
// under them, one paragraph per entry), with a running day context, declared zones (in the heading, a sentence, a
// table header), non-entries skipped (code, chat logs in blockquotes, images) and the legitimate reasons a later
// entry may read earlier (midnight rollover, a lead-up before the incident, ranges) resolved into an ordering key.
import type { Heading, List, ListItem, Paragraph, Root, RootContent, Table, TableRow } from 'mdast';
import type { Section, TimelineDaySource, TimelineEntry, TimelineEntryLayout, TimelineZoneSource } from './model';
import { hasKind, labelledBlocks, sectionLocator, selfAndAncestors } from './sections';
import {
  addDays,
  dayNumber,
  findZoneDeclaration,
  findZoneToken,
  formatTime,
  isHhmmLine,
  isoDate,
  marksMoment,
  parseDate,
  parseDayHeading,
  parseLabelledTimestamp,
  parseLeadingTimestamp,
  zoneOffsetMinutes,
  type DateParts,
  type ParsedTimestamp,
  type TimestampOptions,
} from '../text/datetime';
import { generationMemo, nodeMemo } from '../memo';
import { nodeEnd, nodeStart } from '../text/parse';

export interface TimelineOptions {
  /** ISO date of the incident (metadata `Date:` or the title), the default day context. */
  defaultDate?: string;
}

/** Timeline zone declarations found while extracting, for the timezone rule. */
export interface TimelineInfo {
  entries: TimelineEntry[];
  /** Per timeline index: the declared zone (if any) and where it was declared. */
  declared: Map<number, DeclaredZone>;
  /** Per timeline index: the section index of the timeline heading. */
  sections: Map<number, number>;
}

interface DeclaredZone {
  zone: string;
  source: TimelineZoneSource;
  start: number;
  end: number;
}

const ROLLOVER_MINUTES = 6 * 60;

interface Ctx {
  text: string;
  entries: TimelineEntry[];
  timeline: number;
  section: number;
  date?: DateParts; // running date context (year may be missing)
  dateSource?: TimelineDaySource;
  yearGuess?: number; // year used when a date has none
  lastTime?: number; // minutes of day of the last timed entry in the running day
  dayOffset: number; // days added by roll-over since the last explicit date
  lastWeekday?: number; // 0-6 (Monday first) of the last entry that named its weekday without a date
  zone?: DeclaredZone;
  declared: TimelineInfo['declared'];
  defaultDate?: DateParts;
  /**
   * A heading entry owning the blocks below it until the next heading; `pending` for a date-only heading, an entry only
   * if prose follows (then pushEntry gets its `date`).
   */
  owner?: { entry: TimelineEntry; pending: boolean; date?: DateParts };
  /** Set when a block was absorbed into `owner` (that block's result depends on an entry of an earlier block). */
  absorbed?: boolean;
  /** How this timeline writes its times (`hhmm`: 24-hour times without a colon, see isHhmmLine). */
  opts: TimestampOptions;
  /** `opts` where the block marks an entry (list items, table cells, headings): inline-code times need no separator. */
  blockOpts: TimestampOptions;
}

/** Extract the timeline entries of every timeline section. */
export function extractTimeline(tree: unknown, text: string, sections: Section[], options: TimelineOptions = {}): TimelineEntry[] {
  return buildTimeline(tree, text, sections, options).entries;
}

export function extractTimelineInfo(tree: unknown, text: string, sections: Section[], options: TimelineOptions = {}): TimelineInfo {
  const root = tree as Root;
  const info: TimelineInfo = { entries: [], declared: new Map(), sections: new Map() };
  let defaultDate: DateParts | undefined;
  if (options.defaultDate) defaultDate = parseDate(options.defaultDate) ?? undefined;

  // A zone declared in the preamble (before the first section) applies to every timeline.
  const firstSectionStart = sections.length ? sections[0]!.span.start : text.length;
  let preambleZone: Ctx['zone'];
  for (const node of root.children) {
    if (nodeStart(node) >= firstSectionStart) break;
    if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'blockquote') {
      const z = findZoneDeclaration(text.slice(nodeStart(node), nodeEnd(node)));
      if (z) {
        preambleZone = { zone: z.zone, source: 'preamble', start: nodeStart(node) + z.start, end: nodeStart(node) + z.end };
        break;
      }
    }
  }

  // Owner section of each top-level node: the innermost section containing it.
  const innermost = sectionLocator(sections);
  // the nearest timeline section above, through sections of no kind of their own (day headings)
  const timelineOf = (s: Section | undefined): Section | undefined => {
    for (const cur of selfAndAncestors(sections, s)) {
      if (hasKind(cur, 'timeline')) return cur;
      if (cur.kind !== 'other' || cur.role) return undefined;
    }
    return undefined;
  };

  let ctx: Ctx | undefined;
  let index = -1;
  let currentSection: Section | undefined;
  for (const node of labelledBlocks(root, sections)) {
    const start = nodeStart(node);
    const owner = innermost(start);
    const tl = timelineOf(owner);
    if (!tl) {
      // A list of key moments under a context/background label is a timeline of its own, and so is a list of
      // timestamped moments under a narrative heading ("How the day unfolded").
      if (owner && node.type === 'list' && (isKeyMomentList(node, owner, text) || isTimestampList(node, owner, text))) {
        currentSection = undefined;
        index++;
        const km = newCtx(text, info, index, owner, defaultDate, preambleZone, {});
        info.sections.set(index, owner.index);
        visitTopLevel(node, km);
      }
      continue;
    }
    if (start < tl.body.start) continue; // the timeline heading itself
    if (tl !== currentSection) {
      currentSection = tl;
      index++;
      ctx = newCtx(text, info, index, tl, defaultDate, preambleZone, timelineStyle(text.slice(tl.body.start, tl.span.end)));
      info.sections.set(index, tl.index);
      const hz = findZoneDeclaration(tl.title) ?? headingZone(tl.title, text, tl);
      if (hz) setZone(ctx, { zone: hz.zone, source: 'heading', start: tl.heading.start, end: tl.heading.end });
      const hd = parseDate(tl.title);
      if (hd && !hd.weak) setDate(ctx, hd, 'heading');
    }
    visitTopLevel(node, ctx!);
  }
  return info;
}

/** Lines that show a timeline writing 24-hour times without a colon before bare HHMM readings are accepted. */
const HHMM_EVIDENCE = 2;

/** Styles per timeline body: a keystroke elsewhere leaves the body's text, and so its style, unchanged. */
const styleMemo = generationMemo<string, TimestampOptions>(64);

/** How a timeline section writes its timestamps (read from the whole section, so every block agrees). */
function timelineStyle(body: string): TimestampOptions {
  return styleMemo.getOrCompute(body, () => readTimelineStyle(body));
}

function readTimelineStyle(body: string): TimestampOptions {
  let seen = 0;
  for (const line of body.split(/\r\n|\n|\r/)) {
    if (!/\d{4}/.test(line) || !isHhmmLine(line)) continue;
    if (++seen >= HHMM_EVIDENCE) return { hhmm: true };
  }
  return {};
}

/** Section titles and list labels that introduce key moments: "Context", "Background", "Key moments", "Milestones". */
const KEY_MOMENT_LABEL = /\b(?:context|background|key (?:moments|times|timestamps|dates|milestones)|milestones)\b/i;
/** At least this many labelled timestamps (`Detected: 2023-01-04 14:02`) make a key-moment list. */
const KEY_MOMENTS_MIN = 2;

/**
 * A list outside any timeline that is a list of key moments: under a context/background section (or a
 * `- **Context**` label bullet holding it), with at least two `Label: timestamp` items that give a time of day.
 */
function isKeyMomentList(list: List, owner: Section, text: string): boolean {
  const labelled = (l: List): number =>
    l.children.filter((li) => {
      const p = li.children[0];
      return p?.type === 'paragraph' && parseLabelledTimestamp(firstLine(text.slice(nodeStart(p), nodeEnd(p)))) !== null;
    }).length;
  if ((owner.role === 'background' || KEY_MOMENT_LABEL.test(owner.title)) && labelled(list) >= KEY_MOMENTS_MIN) return true;
  return list.children.some((li) => {
    const p = li.children[0];
    if (p?.type !== 'paragraph' || !KEY_MOMENT_LABEL.test(text.slice(nodeStart(p), nodeEnd(p)))) return false;
    if (!/^[\s*_]*[A-Za-z][A-Za-z ]{0,30}[\s*_]*:?[\s*_]*$/.test(text.slice(nodeStart(p), nodeEnd(p)))) return false;
    return li.children.some((c) => c.type === 'list' && labelled(c) >= KEY_MOMENTS_MIN);
  });
}

/** Items a list of timestamped moments holds at least, and the share of them that must open with a clock time. */
const TIMESTAMP_LIST_MIN = 3;
const TIMESTAMP_LIST_SHARE = 0.8;
/** Sections whose timed lists are plans, not what happened: an agenda, a schedule, a run sheet. */
const PLANNED =
  /\b(?:agenda|schedule|plan(?:ned)?|programme|program|itinerary|run ?sheet|runbook|checklist|steps|procedure|rota|calendar)\b/i;

/**
 * A list outside any timeline, under a section of no canonical kind (a narrative heading), whose items open with a
 * clock time, in order (oldest or newest first; one midnight roll-over allowed): the timeline of a post written as
 * a story ("For those who want the precise sequence, here it is:").
 */
function isTimestampList(list: List, owner: Section, text: string): boolean {
  if (owner.kind !== 'other' || PLANNED.test(owner.title) || list.children.length < TIMESTAMP_LIST_MIN) return false;
  const minutes: number[] = [];
  for (const li of list.children) {
    const p = li.children[0];
    if (p?.type !== 'paragraph') continue;
    const line = firstLine(text.slice(nodeStart(p), nodeEnd(p)))
      .replace(/^\[[ xX]\]\s*/, '')
      .replace(/^`([^`]{1,40})`/, '$1');
    const ts = parseLeadingTimestamp(line);
    if (ts?.time && !ts.placeholder) minutes.push(ts.time.hour * 60 + ts.time.minute);
  }
  if (minutes.length < TIMESTAMP_LIST_MIN || minutes.length < TIMESTAMP_LIST_SHARE * list.children.length) return false;
  const turns = (sign: number) => minutes.slice(1).filter((m, i) => sign * (m - minutes[i]!) < 0).length;
  return turns(1) <= 1 || turns(-1) <= 1;
}

function firstLine(s: string): string {
  const m = /\r\n|\n|\r/.exec(s);
  return m ? s.slice(0, m.index) : s;
}

function headingZone(title: string, _text: string, _s: Section): { zone: string } | null {
  const paren = /\(([^()]*)\)/.exec(title);
  if (!paren) return null;
  const z = findZoneToken(paren[1]!);
  return z ? { zone: z } : null;
}

function newCtx(
  text: string,
  info: TimelineInfo,
  timeline: number,
  s: Section,
  defaultDate: DateParts | undefined,
  preambleZone: Ctx['zone'],
  opts: TimestampOptions,
): Ctx {
  const ctx: Ctx = {
    text,
    entries: info.entries,
    timeline,
    section: s.index,
    dayOffset: 0,
    declared: info.declared,
    opts,
    blockOpts: { ...opts, code: 'any' },
  };
  if (defaultDate) {
    ctx.defaultDate = defaultDate;
    ctx.yearGuess = defaultDate.year;
  }
  if (preambleZone) setZone(ctx, preambleZone);
  return ctx;
}

function setZone(ctx: Ctx, z: DeclaredZone): void {
  ctx.zone = z;
  if (!ctx.declared.has(ctx.timeline) || z.source !== 'preamble') ctx.declared.set(ctx.timeline, z);
}

function setDate(ctx: Ctx, d: DateParts, source: TimelineDaySource): DateParts {
  const full = resolveYear(ctx, d);
  ctx.date = full;
  ctx.dateSource = source;
  ctx.dayOffset = 0;
  ctx.lastTime = undefined;
  return full;
}

/** Give a year-less date the year that keeps the timeline moving forward (lead-up history goes to the previous year). */
function resolveYear(ctx: Ctx, d: DateParts): DateParts {
  if (d.year !== undefined) {
    ctx.yearGuess = d.year;
    return d;
  }
  const ref = ctx.date && ctx.date.year !== undefined ? ctx.date : undefined;
  let year = ref?.year ?? ctx.yearGuess;
  if (year === undefined) return d;
  if (ref) {
    // Crossing new year: Dec → Jan without a year.
    const back = dayNumber(ref.year!, ref.month, ref.day) - dayNumber(year, d.month, d.day);
    if (back > 60) year++;
  } else if (ctx.defaultDate?.year !== undefined) {
    // First date of the timeline, year from the incident date: months after the incident means the previous year.
    const ahead = dayNumber(year, d.month, d.day) - dayNumber(ctx.defaultDate.year, ctx.defaultDate.month, ctx.defaultDate.day);
    if (ahead > 31) year--;
  }
  ctx.yearGuess = year;
  return { ...d, year };
}

// ---------------------------------------------------------------------------------------------
// Per top-level node memo. Incremental parsing keeps unchanged top-level nodes (same objects, shifted), and a
// node's extraction is a function of its own source text and the running state it starts from (the `key`): so
// a kept node entered in the same state reuses its entries (offsets relative to the node start) and the state
// it leaves behind. The timeline and section indices are not part of the key: they are stamped on replay.
// A node that has not moved (an edit below it) hands out the very entry objects of the last model when nothing
// changed them since: no later block can (they hold no heading owner) and inferMeridiem did not.

/** What one top-level node did, offsets relative to its start. */
interface NodeRun {
  /** Entries the node added (copies taken right after the node, before later blocks or inferMeridiem touch them). */
  entries: TimelineEntry[];
  /** The running state after the node. */
  date?: DateParts;
  dateSource?: TimelineDaySource;
  yearGuess?: number;
  lastTime?: number;
  dayOffset: number;
  lastWeekday?: number;
  /** A zone the node declared (the node's last declaration), else the incoming zone stays. */
  zone?: DeclaredZone;
  /** The heading owner after the node: kept, cleared, one of the node's entries, or a pending date-only entry. */
  owner: 'kept' | 'none' | { index: number } | { pending: TimelineEntry; date?: DateParts };
  /** The entries last handed out for this run, and where (absent when one of them is a heading owner). */
  placed?: { start: number; timeline: number; section: number; entries: TimelineEntry[] };
}

/** Runs by node, checked against the node's source text and the state key. */
const nodeRunMemo = nodeMemo<RootContent, NodeRun>();

/** The running state a node's extraction reads besides its own text (see Ctx; `declared` is only written). */
function stateKey(ctx: Ctx): string {
  const d = ctx.date;
  const dd = ctx.defaultDate;
  const owner = ctx.owner ? (ctx.owner.pending ? 'pending' : 'open') : 'none';
  return `${d ? `${d.year}-${d.month}-${d.day}${d.weak ? 'w' : ''}` : ''}|${ctx.dateSource ?? ''}|${ctx.yearGuess ?? ''}|${ctx.lastTime ?? ''}|${ctx.dayOffset}|${ctx.lastWeekday ?? ''}|${ctx.zone?.zone ?? ''}|${ctx.zone?.source ?? ''}|${owner}|${dd ? `${dd.year}-${dd.month}-${dd.day}` : ''}|${ctx.opts.hhmm ? 'hhmm' : ''}`;
}

/**
 * A copy of `e` with its offsets moved by `delta`: `span` and `timestamp` are the only document offsets, and fresh
 * (`span.end` grows with absorbed blocks). Every other field is a primitive, or `parsed`: never mutated, so shared
 * (its offsets are relative to the text it was read from).
 */
function movedEntry(e: TimelineEntry, delta: number): TimelineEntry {
  return {
    ...e,
    span: { start: e.span.start + delta, end: e.span.end + delta },
    timestamp: { start: e.timestamp.start + delta, end: e.timestamp.end + delta },
  };
}

function movedZone(z: DeclaredZone, delta: number): DeclaredZone {
  return { zone: z.zone, source: z.source, start: z.start + delta, end: z.end + delta };
}

/** Extract one top-level node of a timeline section, replaying its memoised run when the node and incoming state are unchanged. */
function visitTopLevel(node: RootContent, ctx: Ctx): void {
  const start = nodeStart(node);
  const source = ctx.text.slice(start, nodeEnd(node));
  const key = stateKey(ctx);
  const hit = nodeRunMemo.get(node, source, key);
  if (hit) {
    replayRun(hit, ctx, start);
    return;
  }
  const first = ctx.entries.length;
  const zoneBefore = ctx.zone;
  const ownerBefore = ctx.owner;
  ctx.absorbed = false;
  visitBlock(node, ctx);
  if (ctx.absorbed) {
    // The node extended (or added) an entry of an earlier heading: its result is not the node's own.
    nodeRunMemo.delete(node);
    return;
  }
  const added = ctx.entries.slice(first);
  const run: NodeRun = { entries: added.map((e) => movedEntry(e, -start)), dayOffset: ctx.dayOffset, owner: 'kept' };
  if (ctx.date) run.date = ctx.date;
  if (ctx.dateSource !== undefined) run.dateSource = ctx.dateSource;
  if (ctx.yearGuess !== undefined) run.yearGuess = ctx.yearGuess;
  if (ctx.lastTime !== undefined) run.lastTime = ctx.lastTime;
  if (ctx.lastWeekday !== undefined) run.lastWeekday = ctx.lastWeekday;
  if (ctx.zone && ctx.zone !== zoneBefore) run.zone = movedZone(ctx.zone, -start);
  if (ctx.owner !== ownerBefore) {
    const owner = ctx.owner;
    if (!owner) run.owner = 'none';
    else if (owner.pending) run.owner = { pending: movedEntry(owner.entry, -start), date: owner.date };
    else {
      const index = added.indexOf(owner.entry);
      if (index < 0) {
        nodeRunMemo.delete(node); // (never: a heading owner is always one of its own entries)
        return;
      }
      run.owner = { index };
    }
  }
  if (typeof run.owner === 'string') run.placed = { start, timeline: ctx.timeline, section: ctx.section, entries: added };
  nodeRunMemo.set(node, source, run, key);
}

function replayRun(run: NodeRun, ctx: Ctx, start: number): void {
  const first = ctx.entries.length;
  const placed = run.placed;
  if (
    placed &&
    placed.start === start &&
    placed.timeline === ctx.timeline &&
    placed.section === ctx.section &&
    !placed.entries.some((e) => e.meridiemInferred)
  ) {
    for (const e of placed.entries) ctx.entries.push(e);
  } else {
    const entries: TimelineEntry[] = [];
    for (const e of run.entries) {
      const entry = movedEntry(e, start);
      entry.timeline = ctx.timeline;
      entry.section = ctx.section;
      entries.push(entry);
      ctx.entries.push(entry);
    }
    if (placed) run.placed = { start, timeline: ctx.timeline, section: ctx.section, entries };
  }
  ctx.date = run.date;
  ctx.dateSource = run.dateSource;
  ctx.yearGuess = run.yearGuess;
  ctx.lastTime = run.lastTime;
  ctx.dayOffset = run.dayOffset;
  ctx.lastWeekday = run.lastWeekday;
  if (run.zone) setZone(ctx, movedZone(run.zone, start));
  const owner = run.owner;
  if (owner === 'none') ctx.owner = undefined;
  else if (owner === 'kept') return;
  else if ('index' in owner) ctx.owner = { entry: ctx.entries[first + owner.index]!, pending: false };
  else {
    const entry = movedEntry(owner.pending, start);
    entry.timeline = ctx.timeline;
    entry.section = ctx.section;
    ctx.owner = { entry, pending: true, date: owner.date };
  }
}

function visitBlock(node: RootContent, ctx: Ctx): void {
  switch (node.type) {
    case 'heading':
      return visitHeading(node, ctx);
    case 'list':
      return visitList(node, ctx);
    case 'table':
      return visitTable(node, ctx);
    case 'paragraph':
      return visitParagraph(node, ctx);
    case 'code':
      return visitIndentedList(node, ctx);
    default:
      // html (images), blockquotes (chat, alerts), definitions, thematic breaks: never entries
      return;
  }
}

/** A bullet line inside an indented code block: indentation, marker, then the text. */
const CODE_BULLET = /^([ \t]*[-*+][ \t]+)(\S.*)$/;

/**
 * A list indented by accident (four spaces make it an indented code block): when every line of the block is a
 * bullet that opens with a time, the lines are entries. A fenced block, or any line that is not such a bullet (a
 * log, a command, output), keeps the block what it says it is: code, never entries.
 */
function visitIndentedList(node: Extract<RootContent, { type: 'code' }>, ctx: Ctx): void {
  const start = nodeStart(node);
  const src = ctx.text.slice(start, nodeEnd(node));
  if (/^[ \t]*(?:`{3}|~{3})/.test(src) || node.lang) return;
  const lines: { at: number; rest: number; raw: string }[] = [];
  for (const m of src.matchAll(/[^\r\n]+/g)) {
    if (!m[0].trim()) continue;
    const b = CODE_BULLET.exec(m[0]);
    if (!b) return;
    lines.push({ at: m.index, rest: m.index + b[1]!.length, raw: b[2]! });
  }
  const hits = lines.map((l) => entryTimestamp(l.raw, ctx, true));
  if (lines.length === 0 || hits.some((h) => !h || !marksMoment(h.ts))) return;
  lines.forEach((l, i) => {
    const hit = hits[i]!;
    const made = makeEntry(ctx, hit.ts, start + l.rest, start + l.at, start + l.rest + l.raw.length, 'list');
    made.entry.text = describe(l.raw, hit);
    pushEntry(ctx, made.entry, made.date);
  });
}

// Heading entries own the blocks below them until the next heading (`ctx.owner`).
function visitHeading(h: Heading, ctx: Ctx): void {
  ctx.owner = undefined;
  const start = nodeStart(h);
  const end = nodeEnd(h);
  const src = ctx.text.slice(start, end);
  const m = /^#{1,6}[ \t]*/.exec(src);
  const from = m ? m[0].length : 0;
  const ts = parseLeadingTimestamp(src, from, ctx.blockOpts);
  if (!ts || (!marksMoment(ts) && !ts.date)) {
    // A non-temporal sub-heading inside the timeline (e.g. "Day 2", "Follow-up"): keep the context.
    const z = findZoneDeclaration(src);
    if (z) setZone(ctx, { zone: z.zone, source: 'heading', start, end });
    return;
  }
  const day = parseDayHeading(src.slice(from));
  if (day) {
    const d = setDate(ctx, day.date, 'day-heading');
    if (day.zone) setZone(ctx, { zone: day.zone, source: 'day-heading', start, end });
    // A bare date heading with prose below it is itself a (date-only) entry (`### 2018-01-15` + text).
    const { entry, date } = makeEntry(ctx, ts, start, start, end, 'heading', d);
    entry.text = '';
    ctx.owner = { entry, pending: true, date };
    return;
  }
  if (!marksMoment(ts)) {
    // `### October 21, 2025 - Redis Overload`: a dated sub-heading, not an entry. Sets the day.
    setDate(ctx, ts.date!, 'heading');
    return;
  }
  const { entry, date } = makeEntry(ctx, ts, start, start, end, 'heading');
  entry.text = cleanDescription(src.slice(ts.end));
  pushEntry(ctx, entry, date);
  ctx.owner = { entry, pending: false };
}

// A date-only heading becomes an entry only if prose follows it before any other entry.
function absorbIntoHeading(node: RootContent, ctx: Ctx): boolean {
  const owner = ctx.owner;
  if (!owner) return false;
  const { entry } = owner;
  const end = nodeEnd(node);
  if (owner.pending) {
    // Does this block contain entries of its own? Then the heading was only a day.
    if (blockHasEntries(node, ctx)) {
      ctx.owner = undefined;
      return false;
    }
    owner.pending = false;
    pushEntry(ctx, entry, owner.date);
  }
  ctx.absorbed = true;
  entry.span.end = end;
  const body = ctx.text.slice(nodeStart(node), end);
  entry.text = joinDescription(entry.text, cleanDescription(body));
  return true;
}

function blockHasEntries(node: RootContent, ctx: Ctx): boolean {
  if (node.type === 'list') {
    return node.children.some((li) => {
      const p = li.children[0];
      return p && p.type === 'paragraph' && entryTimestamp(ctx.text.slice(nodeStart(p), nodeEnd(p)), ctx) !== null;
    });
  }
  if (node.type === 'table') return node.children.length > 1;
  if (node.type === 'paragraph') {
    const src = ctx.text.slice(nodeStart(node), nodeEnd(node));
    return src.split(/\r?\n|\r/).some((l) => {
      const ts = entryTimestamp(l, ctx, true)?.ts;
      return ts !== undefined && marksMoment(ts);
    });
  }
  return false;
}

/** The timestamp opening an entry: leading (`14:02 …`), else after a milestone label (`Detected: 14:02`). */
function entryTimestamp(src: string, ctx: Ctx, line = false): { ts: ParsedTimestamp; label?: string } | null {
  // In running text a time in inline code opens an entry only when a separator follows it (`` `14:02` - … ``).
  const opts = line ? ctx.opts : ctx.blockOpts;
  const ts = parseLeadingTimestamp(src, 0, opts);
  if (ts) return { ts };
  const l = parseLabelledTimestamp(src, 0, opts);
  return l ? { ts: l.ts, label: l.label } : null;
}

/** An entry's description: the label (when the timestamp followed one) and the text after the timestamp. */
function describe(src: string, hit: { ts: ParsedTimestamp; label?: string }): string {
  const rest = cleanDescription(src.slice(hit.ts.code ? hit.ts.end + 1 : hit.ts.end));
  return hit.label ? joinDescription(hit.label, rest) : rest;
}

/** The list holds an entry somewhere (its items, or one level down). */
function listHasEntries(list: List, ctx: Ctx): boolean {
  return blockHasEntries(list, ctx) || list.children.some((li) => li.children.some((c) => c.type === 'list' && blockHasEntries(c, ctx)));
}

function visitList(list: List, ctx: Ctx): void {
  if (absorbIntoHeading(list, ctx)) return;
  for (const item of list.children) visitListItem(item, ctx);
}

function visitListItem(item: ListItem, ctx: Ctx): void {
  const first = item.children[0];
  if (!first || first.type !== 'paragraph') return;
  const pStart = nodeStart(first);
  const pEnd = nodeEnd(first);
  const src = ctx.text.slice(pStart, pEnd);
  const hit = entryTimestamp(src, ctx);
  if (!hit) {
    // `- **Key events**` with nested timestamped lines: look one level down.
    for (const child of item.children.slice(1)) if (child.type === 'list') visitList(child, ctx);
    return;
  }
  const ts = hit.ts;
  const day = hit.label ? null : parseDayHeading(src);
  const nested = item.children.slice(1);
  if (day && nested.length > 0 && nested.every((c) => c.type === 'list') && nested.some((c) => listHasEntries(c as List, ctx))) {
    // `- 2024-03-05` with nested timed bullets. (With nested bullets that carry no time, `- 2024-03-05:` is one
    // date-only entry and the bullets are its description.)
    setDate(ctx, day.date, 'list-date');
    for (const child of nested) if (child.type === 'list') visitList(child, ctx);
    return;
  }
  const { entry, date } = makeEntry(ctx, ts, pStart, nodeStart(item), nodeEnd(item), 'list');
  let desc = describe(src, hit);
  if (!desc) {
    // A timestamp-only bullet with the description on the next (indented) lines.
    const rest = item.children
      .slice(1)
      .map((c) => ctx.text.slice(nodeStart(c), nodeEnd(c)))
      .join(' ');
    desc = cleanDescription(rest);
  }
  entry.text = desc;
  pushEntry(ctx, entry, date);
}

function visitTable(table: Table, ctx: Ctx): void {
  if (absorbIntoHeading(table, ctx)) return;
  const rows = table.children;
  if (rows.length < 2) return;
  const header = rows[0]!;
  const headerCells = header.children.map((c) => ctx.text.slice(nodeStart(c), nodeEnd(c)).replace(/^\|/, '').trim());
  // Columns holding the timestamp: Day / Date / Time / When (in order); the event column is the first other one.
  const timeCols: number[] = [];
  headerCells.forEach((h, i) => {
    if (/\b(?:date|time|when|day|timestamp)\b/i.test(h) && !/\b(?:event|description|what|action)\b/i.test(h)) timeCols.push(i);
  });
  if (timeCols.length === 0) timeCols.push(0);
  const eventCol = headerCells.findIndex((_, i) => !timeCols.includes(i));
  const headerZone = timeCols.map((i) => findZoneToken(headerCells[i]!)).find((z) => z);
  if (headerZone) setZone(ctx, { zone: headerZone, source: 'table-header', start: nodeStart(header), end: nodeEnd(header) });
  // A header-less key/value table (`| Date | 2022-04-20 |`) is metadata, not a timeline: it has empty header cells.
  if (headerCells.every((h) => h === '')) return;
  for (const row of rows.slice(1)) visitRow(row, ctx, timeCols, eventCol);
}

function visitRow(row: TableRow, ctx: Ctx, timeCols: number[], eventCol: number): void {
  const cells = row.children;
  const firstCell = cells[timeCols[0]!];
  if (!firstCell) return;
  const cellStart = nodeStart(firstCell);
  const lastTimeCell = cells[timeCols[timeCols.length - 1]!] ?? firstCell;
  // Join split Day | Date | Time cells with spaces, keeping offsets of the first cell.
  const joined = timeCols
    .map((i) => cells[i])
    .filter((c): c is NonNullable<typeof c> => !!c)
    .map((c) => ctx.text.slice(nodeStart(c), nodeEnd(c)).replace(/^\|/, '').replace(/\|$/, '').trim())
    .join(' ');
  const ts = parseLeadingTimestamp(joined, 0, ctx.blockOpts);
  if (!ts) return;
  const cellSrc = ctx.text.slice(cellStart, nodeEnd(lastTimeCell));
  // Map the timestamp back onto the source: it starts at the first non-markup char of the first cell.
  const lead = /^[\s|*_[(`]*/.exec(cellSrc)![0].length;
  const tsStart = cellStart + lead;
  const tsEnd = timeCols.length === 1 ? tsStart + (ts.end - ts.start) : nodeEnd(lastTimeCell);
  const { entry, date } = makeEntry(ctx, ts, 0, nodeStart(row), nodeEnd(row), 'table');
  let tsStop = Math.min(tsEnd, nodeEnd(row));
  while (tsStop > tsStart && /[\s|]/.test(ctx.text[tsStop - 1]!)) tsStop--;
  entry.timestamp = { start: tsStart, end: tsStop };
  const ev = cells[eventCol];
  entry.text = ev ? cleanDescription(ctx.text.slice(nodeStart(ev), nodeEnd(ev)).replace(/^\|/, '').replace(/\|$/, '')) : '';
  pushEntry(ctx, entry, date);
}

const LABEL_RE = /^\s*(?:(?:\*\*|__)\s*)?(?:timeline|incident timeline|key events)\s*(?::\s*)?(?:(?:\*\*|__)\s*)?(?::\s*)?$/i;

function visitParagraph(p: Paragraph, ctx: Ctx): void {
  const start = nodeStart(p);
  const end = nodeEnd(p);
  const src = ctx.text.slice(start, end);
  // Zone sentences (possibly wrapped): "All times in CET.", "_All times in EEST_".
  const z = findZoneDeclaration(src);
  const firstTs = parseLeadingTimestamp(src, 0, ctx.opts);
  if (z && !(firstTs && firstTs.time)) {
    setZone(ctx, { zone: z.zone, source: 'sentence', start: start + z.start, end: start + z.end });
    const d = /\bon\s+(.+)$/i.exec(src);
    const pd = d ? parseDate(d[1]!) : null;
    if (pd && !pd.weak) setDate(ctx, pd, 'sentence');
    return;
  }
  if (LABEL_RE.test(src)) return;
  if (absorbIntoHeading(p, ctx)) return;
  // Line by line: a line starting with a timestamp opens an entry; other lines continue it.
  const lineRe = /[^\r\n]*(?:\r\n|\r|\n|$)/g;
  const lines: { raw: string; at: number }[] = [];
  let m: RegExpExecArray | null;
  while ((m = lineRe.exec(src)) && m[0] !== '') {
    lines.push({ raw: m[0].replace(/(?<![\r\n])[\r\n]+$/, ''), at: m.index });
    if (lineRe.lastIndex >= src.length) break;
  }
  const hits = lines.map((l) => (l.raw.trim() ? entryTimestamp(l.raw, ctx, true) : null));
  let current: TimelineEntry | undefined;
  lines.forEach(({ raw, at }, i) => {
    const ls = start + at;
    const le = ls + raw.length;
    const hit = hits[i];
    const ts = hit?.ts;
    const day = ts && !hit.label ? parseDayHeading(raw) : null;
    // `2023-01-04:` with the event on the following lines (no timestamp of their own): a date-only entry.
    const dateEntry = !!day && /:[\s*_]*$/.test(raw) && i + 1 < lines.length && !hits[i + 1] && lines[i + 1]!.raw.trim() !== '';
    if (ts && day && !ts.time && !dateEntry) {
      setDate(ctx, day.date, 'date-line');
      current = undefined;
    } else if (ts && (marksMoment(ts) || ts.date) && (hit.label || !isLabelLine(raw))) {
      const made = makeEntry(ctx, ts, ls, ls, le, 'paragraph');
      current = made.entry;
      current.text = describe(raw, hit);
      pushEntry(ctx, current, made.date);
    } else if (current) {
      current.span.end = le;
      current.text = joinDescription(current.text, cleanDescription(raw));
    }
  });
}

function isLabelLine(line: string): boolean {
  return /^\s*(?:\*\*|__)?[A-Za-z][A-Za-z _/-]{0,40}(?:\*\*|__)?\s*:/.test(line) && !/^\s*(?:\*\*|__)?\d/.test(line);
}

/** Description text grows with continuation lines and body blocks (capped: it is for hovers and metrics). */
function joinDescription(a: string, b: string): string {
  const out = a && b ? `${a} ${b}` : a || b;
  return out.length > 600 ? out.slice(0, 600) : out;
}

function cleanDescription(s: string): string {
  return s
    .replace(/^[\s*_\]):|–—-]+/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A new entry, and its day as far as makeEntry knows it (pushEntry applies roll-over and dates the entry). */
function makeEntry(
  ctx: Ctx,
  ts: ParsedTimestamp,
  srcOffset: number,
  spanStart: number,
  spanEnd: number,
  layout: TimelineEntryLayout,
  dateOverride?: DateParts,
): { entry: TimelineEntry; date: DateParts | undefined } {
  const entry: TimelineEntry = {
    timeline: ctx.timeline,
    span: { start: spanStart, end: spanEnd },
    timestamp: { start: srcOffset + ts.start, end: srcOffset + ts.end },
    raw: ts.raw,
    text: '',
    confidence: ts.confidence,
    section: ctx.section,
    layout,
    parsed: ts,
  };
  if (ts.approximate) entry.approximate = true;
  if (ts.isRange) entry.isRange = true;
  if (ts.placeholder) entry.placeholder = true;
  if (ts.pmOn24h) entry.pmOn24h = true;
  if (ts.zone) entry.zoneExplicit = ts.zone;
  // Date: explicit, else running context (+ roll-over).
  let date: DateParts | undefined;
  if (dateOverride) date = dateOverride;
  else if (ts.date) date = setDate(ctx, ts.date, 'entry');
  else if (ctx.date) date = ctx.date;
  const zone = ts.zone ?? ctx.zone?.zone;
  if (zone) entry.zone = zone;
  if (!ts.zone && ctx.zone) entry.zoneSource = ctx.zone.source;
  if (ts.time) entry.time = formatTime(ts.time);
  if (!ts.time && ts.relative === undefined && date) entry.dateOnly = true;
  if (ctx.dateSource && !ts.date && date) entry.daySource = ctx.dateSource;
  return { entry, date };
}

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** Finalise the entry's date/time against the running context (12-hour inference, roll-over) and add it. */
function pushEntry(ctx: Ctx, entry: TimelineEntry, date: DateParts | undefined): void {
  const ts = entry.parsed;
  let minuteOfDay: number | undefined;
  // "Tuesday 14:02" … "Wednesday 09:00": a weekday without a date moves the running day by the days between them
  const weekday = !ts.date && ts.weekday ? WEEKDAYS.indexOf(ts.weekday.slice(0, 3)) : -1;
  const newDay = weekday >= 0 && ctx.lastWeekday !== undefined && weekday !== ctx.lastWeekday;
  if (newDay) {
    // forward by up to four days (Saturday → Monday); "Tuesday" after "Wednesday" is a step back, so out of order
    const ahead = (weekday - ctx.lastWeekday! + 7) % 7;
    ctx.dayOffset += ahead <= 4 ? ahead : ahead - 7;
  }
  if (weekday >= 0) ctx.lastWeekday = weekday;
  if (ts.time && !ts.placeholder) {
    minuteOfDay = ts.time.hour * 60 + ts.time.minute;
    if (newDay) ctx.lastTime = undefined;
    if (!ts.date && ctx.lastTime !== undefined && minuteOfDay < ctx.lastTime - ROLLOVER_MINUTES && !ts.approximate) {
      // (a) midnight roll-over with no date
      ctx.dayOffset++;
      entry.rollover = true;
    }
    if (!ts.approximate && !ts.isRange) ctx.lastTime = minuteOfDay;
    else if (ctx.lastTime === undefined || minuteOfDay > ctx.lastTime) ctx.lastTime = minuteOfDay;
  }
  if (date && !ts.date && ctx.dayOffset) {
    if (date.year !== undefined) {
      const iso = addDays(isoDate(date.year, date.month, date.day), ctx.dayOffset);
      date = { year: Number(iso.slice(0, 4)), month: Number(iso.slice(5, 7)), day: Number(iso.slice(8, 10)) };
    }
  }
  if (date && date.year !== undefined) {
    entry.date = isoDate(date.year, date.month, date.day);
    if (!ts.date || ts.date.year === undefined) entry.inferredDate = true;
  }
  // Local ordering key: day number (synthetic when unknown) × 1440 + minute of day.
  const dayNo =
    date && date.year !== undefined ? dayNumber(date.year, date.month, date.day) : date ? dayNumber(2000, date.month, date.day) : 0;
  const offsetDays = date && date.year !== undefined ? 0 : ctx.dayOffset;
  // a relative time (`T+4m`) orders only against the other relative times of its timeline (see settleRelative)
  if (ts.relative !== undefined) entry.localMinutes = ts.relative;
  else if (!ts.placeholder && (minuteOfDay !== undefined || date)) {
    entry.localMinutes = (dayNo + offsetDays) * 1440 + (minuteOfDay ?? 0);
    if (date && date.year !== undefined && minuteOfDay !== undefined) {
      const off = zoneOffsetMinutes(entry.zone) ?? 0;
      entry.minutes = entry.localMinutes - off;
      if (entry.zone === undefined || zoneOffsetMinutes(entry.zone) === undefined) entry.zoneAssumedUtc = true;
    }
  }
  ctx.entries.push(entry);
}

/** Entries grouped by timeline block (a restarted timeline is its own group), in document order. */
export function groupByTimeline<T extends { timeline: number }>(entries: readonly T[]): T[][] {
  const groups = new Map<number, T[]>();
  for (const e of entries) {
    const list = groups.get(e.timeline);
    if (list) list.push(e);
    else groups.set(e.timeline, [e]);
  }
  return [...groups.values()];
}

/**
 * Relative times (`T+4m`) have no place on the clock: they order among themselves, and only in a timeline of relative
 * times (beside clock times their keys would compare minutes after the start with minutes since the epoch).
 */
function settleRelative(entries: TimelineEntry[]): void {
  for (const list of groupByTimeline(entries)) {
    if (
      !list.some((e) => e.parsed.relative !== undefined) ||
      list.every((e) => e.localMinutes === undefined || e.parsed.relative !== undefined)
    )
      continue;
    for (const e of list) if (e.parsed.relative !== undefined) delete e.localMinutes;
  }
}

/** Infer am/pm for bare 1-12 times in a timeline that otherwise writes am/pm. Mutates entries (and their keys). */
export function inferMeridiem(entries: TimelineEntry[]): void {
  for (const list of groupByTimeline(entries)) {
    const withMer = list.filter((e) => e.parsed.meridiem && !e.parsed.pmOn24h).length;
    const twentyFour = list.filter(
      (e) => e.parsed.time && !e.parsed.meridiem && (e.parsed.time.hour >= 13 || e.parsed.time.hour === 0),
    ).length;
    if (withMer === 0 || twentyFour > 0) continue;
    let prev: number | undefined; // minute of day of the previous timed entry
    let prevMer: 'am' | 'pm' | undefined = list.find((e) => e.parsed.meridiem)?.parsed.meridiem;
    for (const e of list) {
      const t = e.parsed.time;
      if (!t) continue;
      if (e.parsed.meridiem) {
        prev = t.hour * 60 + t.minute;
        prevMer = e.parsed.meridiem;
        continue;
      }
      if (!e.parsed.bareTwelveHour) continue;
      const am = (t.hour % 12) * 60 + t.minute;
      const pm = am + 720;
      let pick: number;
      if (prev === undefined) pick = prevMer === 'pm' ? pm : am;
      else if (am >= prev) pick = am;
      else if (pm >= prev) pick = pm;
      else pick = am; // crossed midnight
      const delta = pick - (t.hour * 60 + t.minute);
      e.meridiemInferred = pick >= 720 ? 'pm' : 'am';
      if (delta !== 0) {
        const h = Math.floor(pick / 60);
        e.time = formatTime({ hour: h, minute: t.minute });
        if (e.localMinutes !== undefined) e.localMinutes += delta;
        if (e.minutes !== undefined) e.minutes += delta;
      }
      prev = pick;
    }
  }
}

/** Full pipeline used by buildModel: extract, then infer 12-hour halves and settle relative times. */
export function buildTimeline(tree: unknown, text: string, sections: Section[], options: TimelineOptions = {}): TimelineInfo {
  const info = extractTimelineInfo(tree, text, sections, options);
  inferMeridiem(info.entries);
  settleRelative(info.entries);
  return info;
}

/** The model's timeline: the incident date (metadata `Date:`, else a date in the title) seeds the day context. */
export function extractModelTimeline(
  tree: unknown,
  text: string,
  sections: Section[],
  metadata: { fields: Record<string, { value: string }> },
  title?: { value: string },
): TimelineEntry[] {
  const raw = metadata.fields['date']?.value ?? title?.value;
  const d = raw ? parseDate(raw) : null;
  const options: TimelineOptions = {};
  if (d && d.year !== undefined && !d.weak) options.defaultDate = isoDate(d.year, d.month, d.day);
  return buildTimeline(tree, text, sections, options).entries;
}
