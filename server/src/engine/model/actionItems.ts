// Action items from the action-item sections: lists, task lists, numbered lists, tables, status paragraphs,
// grouped by sub-headings or bold labels. PURE.
import type { Root, RootContent, List, ListItem, Paragraph, Table, Nodes } from 'mdast';
import { isLetGo, type ActionItem, type ActionLayout, type ActionStatus, type DueField, type Field, type Section } from './model';
import type { Span } from '../types';
import { hasKind, labelledBlocks, sectionLocator, withinKind } from './sections';
import { joinLines, lineEndFrom, splitRow } from '../text/text';
import { nodeEnd, nodeStart } from '../text/parse';
import { nodeMemo, objectMemo } from '../memo';
import {
  actionStart,
  classifyType,
  columnRole,
  findDoneCriterion,
  findInlineFields,
  findLeadStatus,
  findPriority,
  findTextOwners,
  findTrackers,
  isCommitment,
  isDoneRecord,
  lastSentence,
  makeDueField,
  normaliseHeader,
  fieldGroups,
  committedOwners,
  sentenceStarts,
  parseDue,
  parseStatus,
  reasonField,
  splitOwners,
  statusFromGroup,
  statusReason,
  type ColumnRole,
} from './actionFields';

export interface ExtractOptions {
  /** ISO date; supplies the year for due dates written without one when the document gives no year. */
  today?: string;
}

interface Group {
  title?: string;
  status?: ActionStatus;
  due?: DueField;
  tracker?: Field;
}

interface Ctx {
  text: string;
  definitions: Map<string, string>;
  today?: string;
  yearHint?: number;
  /** Everything above that item extraction reads besides the node's own text, as a memo key (see itemsOf). */
  env: string;
  out: ActionItem[];
  section: number;
}

function plain(n: Nodes): string {
  if ('value' in n && typeof n.value === 'string') return n.type === 'html' ? '' : n.value;
  if ('children' in n) return (n.children as Nodes[]).map(plain).join('');
  return '';
}

/** Reference-link definitions: label (lower-case) → URL. */
export function collectDefinitions(tree: Root): Map<string, string> {
  const defs = new Map<string, string>();
  // per top-level node, memoised (incremental parsing keeps unchanged nodes); merged in document order, so the
  // map is built by the same sequence of `set` calls as one walk over the whole tree
  for (const child of tree.children as Nodes[]) {
    const own = definitionsMemo.getOrCompute(child, () => {
      const found: [string, string][] = [];
      const visit = (n: Nodes) => {
        if (n.type === 'definition') found.push([(n.label ?? n.identifier).toLowerCase(), n.url]);
        if ('children' in n) for (const c of n.children as Nodes[]) visit(c);
      };
      visit(child);
      return found;
    });
    for (const [label, url] of own) defs.set(label, url);
  }
  return defs;
}
const definitionsMemo = objectMemo<Nodes, [string, string][]>();

/** Top-level action-item sections (an action section nested in another one is covered by its parent). */
export function actionSections(sections: Section[]): Section[] {
  // an action-items section inside another is part of it, not a section of its own
  return sections.filter(
    (s) => hasKind(s, 'action-items') && !withinKind(sections, s.parent !== undefined ? sections[s.parent] : undefined, 'action-items'),
  );
}

/** Text that is nothing but HTML comments. */
const ONLY_COMMENTS = /^\s*(?:<!--[\s\S]*?-->\s*)+$/;

/** A paragraph opening with a bold status label (`**Action item:**`, `**TODO**:`), matched at the paragraph start (sticky). */
const STATUS_PARAGRAPH = /(?:\*\*|__)(?:action item|actions? (?:planned|taken)|todo|done|doing)(?::\*\*|\*\*:?|__:?)/iy;

/** A bold label that introduces the actions of a part of the document (`**Actions planned:**`, `**Follow-ups:**`). */
const ACTION_LABEL = /^(?:actions? (?:planned|taken|items?)|follow[- ]?ups?|next steps|to-?dos?)$/i;

/**
 * A sentence that introduces what will change so it does not happen again: "To prevent similar failures, we will:",
 * "Going forward, we are making the following changes:", "Here is what we are doing about it:".
 */
const PREVENTION_LEAD =
  /\b(?:to (?:prevent|avoid|stop|keep|reduce the (?:risk|chance|likelihood) of)\b.{0,60}\b(?:this|that|it|similar|such|repeat|recurr\w*|again|same|future)|(?:going|moving) forward|in the future|from now on|next steps?|follow[- ]?ups?|what we(?:['’]re| are) (?:doing|changing|going to do)|(?:we|the team) (?:will|are going to|plan to|are planning to|intend to|have (?:decided|committed) to|are (?:making|taking|working on|implementing|adding))\b.{0,40}\b(?:following|these|several|changes|steps|actions|improvements|measures))/i;

/** An entry that says there is nothing to do ("N/A", "None at this time", "No further action needed."). */
const NO_ACTION =
  /^(?:n\/?a|none(?: (?:identified|needed|required|planned|yet|so far|at this time))?|nothing(?: (?:to do|needed|planned|yet))?|no (?:further |follow[- ]?up |new )?(?:actions?|action items?|follow[- ]?ups?|changes?)(?: (?:are |were )?(?:needed|required|identified|planned|necessary|at this time))?|not applicable)[.!]?$/i;

/** Headings under which imperative lines are follow-ups when the document has no action section. */
const FOLLOW_UP_TITLE = /^(?:next steps?|follow[- ]?ups?|future work|what['’]?s next|going forward)\b/i;

export function extractActionItems(tree: unknown, text: string, sections: Section[], options: ExtractOptions = {}): ActionItem[] {
  const root = tree as Root;
  locators.delete(sections); // built afresh per call, in case the caller changed the array since
  const yearMatch = /\b(19[89]\d|20\d\d)\b/.exec(text.slice(0, 3000));
  const definitions = collectDefinitions(root);
  const ctx: Ctx = { text, definitions, env: '', out: [], section: 0 };
  if (options.today) ctx.today = options.today;
  if (yearMatch) ctx.yearHint = Number(yearMatch[1]);
  ctx.env = JSON.stringify([ctx.today ?? null, ctx.yearHint ?? null, [...definitions]]);
  const inAction: Span[] = [];
  // a bold "**Actions planned:**" label inside another section holds that section's actions; only an action
  // heading makes the document's follow-ups elsewhere (under Resolution, after a prevention lead-in) redundant
  let actionHeading = false;
  const blocks = labelledBlocks(root, sections);
  for (const sec of actionSections(sections)) {
    ctx.section = sec.index;
    inAction.push(sec.body);
    if (!sec.pseudo) actionHeading = true;
    const nodes = blocks.filter((n) => nodeStart(n) >= sec.body.start && nodeStart(n) < sec.body.end);
    extractFromBlocks(ctx, nodes, sections, sec);
  }
  // Outside action sections (never in timelines): `**Action item:** …`, `**TODO**: …`, `**DONE**: …` paragraphs; the
  // block after a bold `**Actions planned:**` label; action tables with no heading of their own.
  const kids = root.children;
  for (let k = 0; k < kids.length; k++) {
    const n = kids[k]!;
    if (n.type !== 'paragraph' && n.type !== 'table') continue;
    const s = nodeStart(n);
    if (inAction.some((sp) => s >= sp.start && s < sp.end)) continue;
    const sec = innermost(sections, s);
    if (sec && isTimeline(sections, sec)) continue;
    ctx.section = sec?.index ?? -1;
    if (n.type === 'table') {
      if (isStandaloneActionTable(ctx, n)) itemsOf(ctx, n, {}, () => tableItems(ctx, n, {}));
      continue;
    }
    const lbl = labelText(ctx, n);
    if (lbl !== undefined && ACTION_LABEL.test(lbl) && /^(?:\*\*|__)/.test(text.slice(s, s + 2))) {
      const next = kids[k + 1];
      if (!next || nodeStart(next) >= (sec?.span.end ?? text.length)) continue;
      const group: Group = { title: lbl };
      const st = statusFromGroup(lbl);
      if (st) group.status = st;
      if (next.type === 'list') itemsOf(ctx, next, group, () => listItems(ctx, next, group));
      else if (next.type === 'paragraph' && labelText(ctx, next) === undefined)
        itemsOf(ctx, next, group, () => ctx.out.push(paragraphItem(ctx, next, group)));
      k++;
      continue;
    }
    STATUS_PARAGRAPH.lastIndex = s;
    if (!STATUS_PARAGRAPH.test(text)) continue;
    const lead = /^(?:\*\*|__)([^*_]+?):?(?:\*\*|__)/.exec(text.slice(s, s + 40));
    const group: Group = {};
    const st = lead && /^actions? taken$/i.test(lead[1]!.trim()) ? statusFromGroup(lead[1]!) : undefined;
    if (st) group.status = st;
    itemsOf(ctx, n, group, () => ctx.out.push(paragraphItem(ctx, n, group)));
  }
  // No action section: imperative follow-up lines under Resolution or a "Next steps" heading.
  if (!actionHeading) {
    for (const sec of sections) {
      if (sec.kind !== 'resolution' && !FOLLOW_UP_TITLE.test(sec.title)) continue;
      if (isTimeline(sections, sec)) continue;
      if (
        sec.parent !== undefined &&
        sections.some(
          (o) =>
            o.index !== sec.index &&
            (o.kind === 'resolution' || FOLLOW_UP_TITLE.test(o.title)) &&
            o.body.start <= sec.heading.start &&
            sec.heading.start < o.body.end,
        )
      )
        continue;
      ctx.section = sec.index;
      const nodes = root.children.filter((n) => nodeStart(n) >= sec.body.start && nodeStart(n) < sec.body.end);
      followUps(ctx, nodes, { title: sec.title });
    }
  }
  // No action section: a list introduced by a sentence that announces prevention ("To keep this from happening
  // again, we are making these changes:"), wherever it stands (a blog-post postmortem often has no headings).
  if (!actionHeading) {
    for (let k = 1; k < kids.length; k++) {
      const n = kids[k]!;
      const intro = kids[k - 1]!;
      if (n.type !== 'list' || intro.type !== 'paragraph') continue;
      const lead = lastSentence(text.slice(nodeStart(intro), nodeEnd(intro)).trim());
      // the team speaks ("we", "our"): a guide's "To avoid data loss, follow these steps:" addresses the reader
      if (!/:$/.test(lead) || !PREVENTION_LEAD.test(lead) || !/\b(?:we|we['’](?:re|ll|ve)|our|us|the team)\b/i.test(lead)) continue;
      const sec = innermost(sections, nodeStart(n));
      if (sec && isTimeline(sections, sec)) continue;
      ctx.section = sec?.index ?? -1;
      const group: Group = { title: lead.replace(/:$/, '') };
      itemsOf(ctx, n, group, () => listItems(ctx, n, group));
    }
  }
  ctx.out.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  // a block read both after an action label and as a follow-up under Resolution gives its items once; "N/A" or
  // "None" in an action list says there is no item
  return ctx.out.filter(
    (a, i, all) =>
      (i === 0 || a.span.start !== all[i - 1]!.span.start || a.span.end !== all[i - 1]!.span.end) && !NO_ACTION.test(a.text.trim()),
  );
}

// ---------------------------------------------------------------------------------------------
// Per top-level node memo. Incremental parsing keeps unchanged top-level nodes (same objects, shifted); the items
// of a list, table or item paragraph are a function of its source text, the group it sits in and `Ctx.env`. A kept
// node with the same group reuses its items (offsets relative to the node start). Items take the group's due date
// and tracker as the same objects; those are marked and taken from the current group on replay.

interface ItemTemplate {
  item: ActionItem;
  groupDue: boolean;
  groupTracker: boolean;
}
/** The items a node added, by node, checked against its source text and group key. */
const nodeItemsMemo = nodeMemo<Nodes, ItemTemplate[]>();

/** What of a group item extraction reads: the title and status values, and whether a due date and tracker are given. */
function groupKey(g: Group): string {
  return JSON.stringify([g.title ?? null, g.status ?? null, g.due !== undefined, g.tracker !== undefined]);
}

// Copies with offsets moved by `delta`, written out per shape (object spread over these is several times slower).
function movedSpan(x: Span, delta: number): Span {
  return { start: x.start + delta, end: x.end + delta };
}
function movedSpans(xs: Span[], delta: number): Span[] {
  const out: Span[] = new Array(xs.length);
  for (let i = 0; i < xs.length; i++) out[i] = movedSpan(xs[i]!, delta);
  return out;
}
function movedField(f: Field, delta: number): Field {
  return { start: f.start + delta, end: f.end + delta, value: f.value };
}
function movedDue(f: DueField, delta: number): DueField {
  const out: DueField = { start: f.start + delta, end: f.end + delta, value: f.value };
  if (f.date !== undefined) out.date = f.date;
  if (f.weak !== undefined) out.weak = f.weak;
  return out;
}

/** A copy of `item` with every offset moved by `delta` (same keys in the same order). */
function movedItem(item: ActionItem, delta: number): ActionItem {
  const copy: ActionItem = {
    ...item,
    span: movedSpan(item.span, delta),
    textSpan: movedSpan(item.textSpan, delta),
    owners: item.owners.map((o) => movedField(o, delta)),
  };
  if (item.due) copy.due = movedDue(item.due, delta);
  if (item.tracker) copy.tracker = movedField(item.tracker, delta);
  if (item.statusField) copy.statusField = movedField(item.statusField, delta);
  if (item.priority) copy.priority = movedField(item.priority, delta);
  if (item.type) copy.type = movedField(item.type, delta);
  if (item.doneWhen) copy.doneWhen = movedField(item.doneWhen, delta);
  if (item.reason) copy.reason = movedField(item.reason, delta);
  if (item.fieldsAt !== undefined) copy.fieldsAt = item.fieldsAt + delta;
  if (item.content) copy.content = movedSpan(item.content, delta);
  if (item.table) {
    const t = item.table;
    copy.table = { table: movedSpan(t.table, delta), row: movedSpan(t.row, delta), columns: t.columns, cells: movedSpans(t.cells, delta) };
    if (t.rawCells) copy.table.rawCells = movedSpans(t.rawCells, delta);
  }
  return copy;
}

/** Add the items `extract` pushes for top-level node `n` in `group`, or replay them when `n` and its inputs are unchanged. */
function itemsOf(ctx: Ctx, n: Nodes, group: Group, extract: () => void): void {
  const s = nodeStart(n);
  const source = ctx.text.slice(s, nodeEnd(n));
  const key = `${ctx.env}|${groupKey(group)}`;
  const hit = nodeItemsMemo.get(n, source, key);
  if (hit) {
    for (const t of hit) {
      const item = movedItem(t.item, s);
      item.section = ctx.section;
      if (t.groupDue) item.due = group.due;
      if (t.groupTracker) item.tracker = group.tracker;
      ctx.out.push(item);
    }
    return;
  }
  const first = ctx.out.length;
  extract();
  const items = ctx.out.slice(first).map((item) => ({
    item: movedItem(item, -s),
    groupDue: item.due !== undefined && item.due === group.due,
    groupTracker: item.tracker !== undefined && item.tracker === group.tracker,
  }));
  nodeItemsMemo.set(n, source, items, key);
}

/** The innermost section holding `offset` (sectionAt), through a locator built once per sections array. */
const locators = objectMemo<Section[], (offset: number) => Section | undefined>();
function innermost(sections: Section[], offset: number): Section | undefined {
  return locators.getOrCompute(sections, () => sectionLocator(sections))(offset);
}

function isTimeline(sections: Section[], s: Section): boolean {
  return withinKind(sections, s, 'timeline');
}

function groupFromTitle(ctx: Ctx, title: string, span: Span, headingRaw: string): Group {
  const g: Group = { title };
  const st = statusFromGroup(title);
  if (st) g.status = st;
  // "(Q4 2025 - Q1 2026)", "(Target: Q4 2025)", "(next 2 weeks)", "(due 2026-05-01)"
  const paren = /\(([^()]*)\)/g;
  let m: RegExpExecArray | null;
  while ((m = paren.exec(title))) {
    const inner = m[1]!.replace(/^(?:target|due|deadline|by)\s*:?\s*/i, '');
    const p = parseDue(inner, ctx.today, ctx.yearHint);
    if (p.date || p.weak) {
      g.due = makeDueField(
        inner.trim(),
        span.start + Math.max(0, headingRaw.indexOf(m[1]!)),
        span.start + Math.max(0, headingRaw.indexOf(m[1]!)) + m[1]!.length,
        ctx.today,
        ctx.yearHint,
      );
      break;
    }
  }
  const trackers = findTrackers(headingRaw, span.start, { definitions: ctx.definitions });
  if (trackers[0]) g.tracker = trackers[0];
  return g;
}

const TYPE_OR_PRIORITY_TERM =
  /^\s*(?:\*\*|__)?(prevent(?:ion)?|detect(?:ion)?|mitigat(?:e|ion)|repair|investigat(?:e|ion)|process|p[0-4]|high|medium|low|critical|short[- ]term|long[- ]term)(?:\*\*|__)?\s*[-–—:]\s/i;

function isDefinitionList(ctx: Ctx, list: List): boolean {
  return (
    list.children.length > 0 &&
    list.children.every((li) =>
      TYPE_OR_PRIORITY_TERM.test(ctx.text.slice(nodeStart(li), nodeEnd(li)).replace(/^\s*(?:[-*+]|\d+[.)])\s+/, '')),
    )
  );
}

function extractFromBlocks(ctx: Ctx, nodes: RootContent[], sections: Section[], sec: Section): void {
  let heading: Group = {};
  let label: Group | undefined;
  const hasActionTable = nodes.some((n) => n.type === 'table' && tableColumns(ctx, n as Table).some((r) => r === 'action'));
  // a section written as paragraphs that each open with a bold title ("**Dry run before every purge.** Each run will
  // …"), after an optional introduction and with no list or table: one item each, however the text after the title
  // is phrased (beside other layouts a bold title may head a finding: "**Lock waits were invisible.** …")
  const paragraphs = nodes.filter((n): n is Paragraph => n.type === 'paragraph');
  const titled = new Set<RootContent>(paragraphs.filter((n) => boldTitle(ctx, n)));
  const series =
    titled.size >= 2 && paragraphs.slice(1).every((n) => titled.has(n)) && !nodes.some((n) => n.type === 'list' || n.type === 'table');
  const titledItems = series ? titled : undefined;
  for (const n of nodes) {
    const s = nodeStart(n);
    const e = nodeEnd(n);
    const raw = ctx.text.slice(s, e);
    // A sub-section of another kind (e.g. "Notes to the owner" nested under actions) is not items.
    const inner = innermost(sections, s);
    if (inner && inner.index !== sec.index && inner.kind === 'other' && inner.role) continue;
    if (n.type === 'heading') {
      heading = groupFromTitle(ctx, plain(n).trim(), { start: s, end: e }, raw);
      label = undefined;
      continue;
    }
    if (n.type === 'paragraph') {
      const p = n as Paragraph;
      const lbl = labelText(ctx, p);
      if (lbl !== undefined) {
        const g = groupFromTitle(ctx, lbl, { start: s, end: e }, raw);
        label = { ...g, title: heading.title ? `${heading.title} / ${lbl}` : lbl };
        if (!label.status && heading.status) label.status = heading.status;
        if (!label.due && heading.due) label.due = heading.due;
        if (!label.tracker && heading.tracker) label.tracker = heading.tracker;
        continue;
      }
      const group = label ?? heading;
      // one item: a paragraph marked as one ("Action item: …", "**TODO** …"), or one of a bold-titled series (which a
      // section with a table never has)
      if (
        /^(?:\*\*|__)?\[?(?:action item|todo|done|doing|in progress|won['’]?t do|deferred)\]?(?:\*\*|__)?\s*:|^(?:\*\*|__)(?:action item|todo|done|doing)/i.test(
          raw,
        ) ||
        titledItems?.has(p)
      ) {
        itemsOf(ctx, p, group, () => ctx.out.push(paragraphItem(ctx, p, group)));
        continue;
      }
      // Prose items: one paragraph each, or one per line of a soft-wrapped paragraph (beside an action table, the
      // table holds the items and paragraphs are its notes, as lists are).
      if (hasActionTable) continue;
      itemsOf(ctx, p, group, () => proseItems(ctx, p, group, false));
      continue;
    }
    if (n.type === 'list') {
      if (hasActionTable) continue;
      const group = label ?? heading;
      itemsOf(ctx, n, group, () => {
        if (!isDefinitionList(ctx, n as List)) listItems(ctx, n as List, group);
      });
      continue;
    }
    if (n.type === 'table') {
      const group = label ?? heading;
      itemsOf(ctx, n, group, () => tableItems(ctx, n as Table, group));
    }
  }
}

/**
 * A paragraph opening with a bold title that text follows ("**Policy page rewrite.** Rewrite …", "**Dry run** — each
 * run …"); not a note or field label ("**Note:** …", "**Owner**: …").
 */
function boldTitle(ctx: Ctx, p: Paragraph): boolean {
  const first = p.children[0];
  if (first?.type !== 'strong') return false;
  const title = plain(first).trim();
  const after = ctx.text.slice(nodeEnd(first), nodeEnd(p));
  if (!/^\s*(?:[—–-]\s+)?\S/.test(after) || /^\s*:/.test(after) || title.endsWith(':')) return false;
  return title.split(/\s+/).length >= 2 && !/^(?:note|notes|context|background|status|owner|update|summary|tl;?dr)[.:]?$/i.test(title);
}

/** A bold-only paragraph ("**In progress (next 2 weeks):**") or a short "label:" line. */
function labelText(ctx: Ctx, p: Paragraph): string | undefined {
  const raw = ctx.text.slice(nodeStart(p), nodeEnd(p));
  if (/[\r\n]/.test(raw.trim())) return undefined;
  const kids = p.children;
  if (kids.length >= 1 && (kids[0]!.type === 'strong' || kids[0]!.type === 'emphasis')) {
    const rest = kids.slice(1).map(plain).join('').trim();
    if (rest === '' || rest === ':') {
      const t = plain(kids[0]!).trim().replace(/:$/, '').trim();
      if (/^(action item|todo|done|doing)$/i.test(t)) return undefined;
      return t;
    }
  }
  const t = plain(p).trim();
  if (/:$/.test(t) && t.length <= 40 && !/^(we|our|these|this|the following|below|here|i)\b/i.test(t)) return t.replace(/:$/, '').trim();
  return undefined;
}

function listItems(ctx: Ctx, list: List, group: Group): void {
  for (const li of list.children) listItem(ctx, li, list, group);
}

function firstParagraph(li: ListItem): Paragraph | undefined {
  const c = li.children[0];
  return c && c.type === 'paragraph' ? c : undefined;
}

/** A sub-bullet that is one field of its parent ("Owner: @mika", "**Due:** 2026-03-18", "Ticket: OPS-12"). */
const FIELD_LINE =
  /^(?:\*\*|__)?(?:owners?|assignee|dri|due(?: date| by)?|deadline|target(?: date)?|eta|tickets?|issue|bug|tracker|jira|status|priority|prio|type|done when|acceptance criteria|reasons?|rationale)(?:\*\*|__)?\s*:(?:\*\*|__)?\s*\S/i;

/**
 * A nested list of details of the parent item, not items: every sub-bullet is a link or URL (a tracker) or one field
 * of the parent ("Owner: @mika", "Due: 2026-03-18").
 */
function isDetailList(ctx: Ctx, list: List): boolean {
  return list.children.every((li) => {
    if (isFieldBullet(ctx, li)) return true;
    const t = ctx.text.slice(nodeStart(li), nodeEnd(li)).replace(/^\s*(?:[-*+]|\d+[.)])\s+/, '');
    return /^\s*(?:(?:\(\s*)?(?:https?:\/\/\S+|<https?:\/\/[^>]+>|\[[^\]]*\]\([^)]*\)|\[[^\]]+\])(?:\s*\))?[\s,.;]*)+$/.test(t);
  });
}

/** Where a nested list's last one-line field sub-bullet ends (0: it has none). */
function lastFieldEnd(ctx: Ctx, list: List): number {
  let end = 0;
  for (const li of list.children) if (isFieldBullet(ctx, li)) end = nodeEnd(li);
  return end;
}

function isFieldBullet(ctx: Ctx, li: ListItem): boolean {
  const t = ctx.text.slice(nodeStart(li), nodeEnd(li)).replace(/^\s*(?:[-*+]|\d+[.)])\s+/, '');
  return FIELD_LINE.test(t) && !/[\r\n]/.test(t.trim());
}

function listItem(ctx: Ctx, li: ListItem, list: List, group: Group): void {
  const text = ctx.text;
  const para = firstParagraph(li);
  const nested = li.children.filter((c): c is List => c.type === 'list');
  const ownText = para ? plain(para).trim() : '';
  const isLabel =
    para !== undefined && nested.length > 0 && (/:$/.test(ownText) || (para.children.length === 1 && para.children[0]!.type === 'strong'));
  // "Look into the cause and decide whether we could change anything to:" — a sentence its sub-bullets complete is one
  // item (the sub-bullets are its details), not a group label.
  const leadIn = isLabel && /:$/.test(ownText) && LEAD_IN_END.test(ownText);
  if (isLabel && !leadIn && !nested.every((l) => isDetailList(ctx, l))) {
    const lbl = ownText.replace(/:$/, '').trim();
    const g: Group = {
      ...group,
      ...groupFromTitle(ctx, lbl, { start: nodeStart(para!), end: nodeEnd(para!) }, text.slice(nodeStart(para!), nodeEnd(para!))),
    };
    g.title = group.title ? `${group.title} / ${lbl}` : lbl;
    // a label of observations ("Lessons:", "Notes:") holds findings, not actions
    if (NOT_ACTIONS_LABEL.test(lbl.replace(/[*_]/g, '').trim())) return;
    for (const l of nested) listItems(ctx, l, g);
    return;
  }
  const liStart = nodeStart(li);
  const liEnd = nodeEnd(li);
  const contentStart = li.children.length ? nodeStart(li.children[0]!) : liEnd;
  let layout: ActionLayout = list.ordered ? 'numbered' : 'bullet';
  let status: ActionStatus | undefined;
  let statusField: Field | undefined;
  let cs = contentStart;
  // Checkbox: mdast gives `checked`; the malformed `[]` and the cancelled `[-]` (won't do) stay in the text.
  const box = /^\[([ xX-]?)\]\s*/.exec(text.slice(cs, cs + 6));
  if (li.checked !== null && li.checked !== undefined) {
    layout = 'task';
    status = li.checked ? 'done' : 'open';
    const b = text.lastIndexOf('[', cs + 3 > liEnd ? liEnd : cs + 3);
    const bStart = b >= liStart ? b : cs;
    statusField = { start: bStart, end: bStart + 3, value: li.checked ? '[x]' : '[ ]' };
    if (box) cs += box[0].length;
  } else if (box) {
    layout = 'task';
    status = box[1] === '-' ? 'wont-do' : box[1]!.trim() ? 'done' : 'open';
    statusField = { start: cs, end: cs + box[0].trimEnd().length, value: box[0].trim() };
    cs += box[0].length;
  }
  // Content: every child except nested item lists; nested lists of links and fields belong to the item, and so do the
  // field sub-bullets ("- Owner: Card Platform") of a list that also holds notes
  const paraEnd = para ? nodeEnd(para) : liEnd;
  const contentEnd = li.children.reduce(
    (m, c) => Math.max(m, c.type !== 'list' || isDetailList(ctx, c) ? nodeEnd(c) : lastFieldEnd(ctx, c)),
    paraEnd,
  );
  const itemRaw = text.slice(cs, contentEnd);
  const item = buildItem(ctx, {
    span: { start: liStart, end: liEnd },
    contentStart: cs,
    mainEnd: paraEnd,
    raw: itemRaw,
    layout,
    group,
    status,
    statusField,
  });
  ctx.out.push(item);
  // Nested lists that are not details: a sub-bullet is an item of its own when it is a separate action (an
  // imperative, or its own owner or due date); notes and details of the parent are not. The sub-bullets that complete
  // a lead-in sentence ("… to:") are its details unless they name their own owner or date, and so are the bare
  // imperatives under an item that names its owner ("- [mara] show the failing file" over "  - log it as well").
  for (const l of nested) {
    if (isDetailList(ctx, l)) continue;
    for (const c of l.children) {
      if (isSubItem(ctx, c, leadIn, item.owners.length > 0)) listItem(ctx, c, l, { ...group, title: group.title ?? item.text });
    }
  }
}

/** Labels of list groups that hold observations rather than actions. */
const NOT_ACTIONS_LABEL =
  /^(?:lessons?(?: learned| learnt)?|learnings?|observations?|notes?|context|background|takeaways?|key takeaways|questions?|open questions|what went (?:well|wrong|poorly)|findings?|insights?)$/i;

/** Ends of a lead-in sentence whose sub-bullets complete it ("… determine whether we could change anything to:"). */
const LEAD_IN_END =
  /(?:\b(?:to|for|of|on|in|with|about|that|will|would|should|must|can|could|including|like|such as|by|from|into|whether|which|are|is|be|need|needs|so)|\b(?:following|these|below|below items?)\s+\w+)\s*:$/i;

/**
 * A nested bullet that is an action of its own: its own owner or an absolute due date, or (unless it completes a
 * lead-in) a checkbox, or (unless it also details an owned parent) an imperative.
 */
function isSubItem(ctx: Ctx, li: ListItem, leadIn: boolean, ownedParent: boolean): boolean {
  const line = itemFirstLine(ctx, li).replace(/^\s*\[[ xX-]?\]\s*/, '');
  if (line.trim() === '' || FIELD_LINE.test(line)) return false;
  if (findTextOwners(line, 0).owners.length > 0) return true;
  if (cueDue(ctx, line, 0)?.date) return true;
  if (leadIn) return false;
  if (li.checked === true || li.checked === false) return true;
  if (ownedParent) return false;
  const kind = actionStart(line) ?? actionStart(line.replace(/^([a-z])/, (c) => c.toUpperCase()));
  return kind === 'imperative' || kind === 'owner';
}

interface BuildInput {
  span: Span;
  contentStart: number;
  mainEnd: number;
  raw: string;
  layout: ActionLayout;
  group: Group;
  status?: ActionStatus | undefined;
  statusField?: Field | undefined;
  /** A paragraph item: the owners its later sentences commit, when the caller has read them already. */
  committed?: Field[] | undefined;
}

function buildItem(ctx: Ctx, b: BuildInput): ActionItem {
  const base = b.contentStart;
  const mainRaw = ctx.text.slice(base, Math.max(base, b.mainEnd));
  const inline = findInlineFields(b.raw, base).filter((f) => {
    if (f.key === 'tracker') return findTrackers(f.value, f.start, { definitions: ctx.definitions }).length > 0;
    if (f.key === 'status') return parseStatus(f.value) !== undefined;
    if (f.key === 'type') return classifyType(f.value) !== undefined;
    if (f.key === 'priority') return /^(p[0-4]|high|medium|low|critical)$/i.test(f.value.trim());
    if (f.key === 'due' && /target|eta/i.test(ctx.text.slice(f.whole.start, f.start))) {
      const p = parseDue(f.value, ctx.today, ctx.yearHint);
      return Boolean(p.date || p.weak);
    }
    return f.value.trim() !== '' || f.key === 'owner' || f.key === 'due';
  });
  const get = (k: string) => inline.find((f) => f.key === k);
  // Text: the first paragraph without the inline-field tail.
  let textEnd = b.mainEnd;
  const firstInline = inline.filter((f) => f.whole.start < b.mainEnd).sort((x, y) => x.whole.start - y.whole.start)[0];
  if (firstInline) textEnd = Math.min(textEnd, firstInline.whole.start);
  let textStart = base;
  const lead = findLeadStatus(mainRaw, base);
  // Strip a leading status word (`**DONE**:`, `✅`) from the text.
  if (
    lead &&
    lead.field.start - base < 4 &&
    /^(?:\*\*|__)?\[?(?:DONE|TODO|DOING|IN PROGRESS|FAILED|WIP|DEFERRED|WONTFIX|BLOCKED)\]?(?:\*\*|__)?\s*[:\-–—]?\s*|^\s*(?:✅|✔️?|☑️?)\s*/i.test(
      mainRaw,
    )
  ) {
    const m =
      /^(?:\*\*|__)?\[?(?:DONE|TODO|DOING|IN PROGRESS|FAILED|WIP|DEFERRED|WONTFIX|BLOCKED)\]?(?:\*\*|__)?\s*[:\-–—]?\s*|^\s*(?:✅|✔️?|☑️?)\s*/i.exec(
        mainRaw,
      )!;
    textStart = base + m[0].length;
  }
  const pm = /^(?:\*\*|__)(?:action item|actions? (?:planned|taken)):?(?:\*\*|__):?\s*/i.exec(mainRaw);
  if (pm) textStart = base + pm[0].length;
  while (textEnd > textStart && /\s/.test(ctx.text[textEnd - 1]!)) textEnd--;
  const textRaw = ctx.text.slice(textStart, textEnd);
  const item: ActionItem = {
    span: b.span,
    text: joinLines(textRaw).trim(),
    textSpan: { start: textStart, end: textEnd },
    layout: b.layout,
    section: ctx.section,
    owners: [],
    status: 'open',
    fieldsAt: textEnd,
    content: { start: base, end: base + b.raw.trimEnd().length },
  };
  if (b.group.title) item.group = b.group.title;
  // Owners.
  const ownerF = get('owner');
  let doneByOwner = false;
  if (ownerF) item.owners = splitOwners(ownerF.value, ownerF.start);
  else {
    const found = findTextOwners(ctx.text.slice(textStart, b.mainEnd), textStart);
    item.owners = found.owners;
    doneByOwner = found.kind === 'done';
    // a paragraph item whose owner commits in a later sentence ("Rethink the window. Ops will propose one.")
    if (!found.owners.length && b.layout === 'paragraph')
      item.owners = b.committed ?? laterCommitted(ctx.text.slice(textStart, b.mainEnd), textStart);
  }
  // Due.
  const dueF = get('due');
  if (dueF) item.due = makeDueField(dueF.value, dueF.start, dueF.end, ctx.today, ctx.yearHint);
  else {
    const d = cueDue(ctx, b.raw, base);
    if (d) item.due = d;
    else if (b.group.due) item.due = b.group.due;
  }
  // Tracker.
  const trF = get('tracker');
  if (trF)
    item.tracker = findTrackers(trF.value, trF.start, { definitions: ctx.definitions })[0] ?? {
      start: trF.start,
      end: trF.end,
      value: trF.value,
    };
  else {
    const t = findTrackers(b.raw, base, { definitions: ctx.definitions })[0];
    if (t) item.tracker = t;
    else if (b.group.tracker) item.tracker = b.group.tracker;
  }
  // Status.
  const stF = get('status');
  if (b.status && b.statusField) {
    item.status = b.status;
    item.statusField = b.statusField;
  }
  if (stF) {
    item.status = parseStatus(stF.value) ?? 'open';
    item.statusField = { start: stF.start, end: stF.end, value: stF.value };
  } else if (!b.status && lead) {
    item.status = lead.status;
    item.statusField = lead.field;
  } else if (!b.status && b.group.status) {
    item.status = b.group.status;
  } else if (!b.status && doneByOwner) {
    item.status = 'done';
  }
  // a task left unticked under a let-go heading or label ("### Let go for now", "**Won't do:**") is let go with it
  if (b.status === 'open' && !stF && b.group.status && isLetGo(b.group.status)) item.status = b.group.status;
  // an item struck through whole is dropped (a ticked one stays done: some editors strike what is done)
  const struck = struckThrough(ctx.text.slice(textStart, b.mainEnd));
  if (struck && item.status === 'open') item.status = 'wont-do';
  if (struck && isLetGo(item.status)) {
    item.textSpan = { start: textStart + 2, end: Math.min(textStart + struck.end - 2, Math.max(textEnd, textStart + 2)) };
    item.text = joinLines(ctx.text.slice(item.textSpan.start, item.textSpan.end)).trim();
    item.fieldsAt = Math.max(textEnd, textStart + struck.end);
  }
  if (isLetGo(item.status)) {
    const reason = letGoReason(ctx, b, item, inline, textStart, textEnd, struck ? textStart + struck.end : undefined);
    if (reason) item.reason = reason;
  }
  // Priority / type / done criterion.
  const prF = get('priority');
  const pr = prF ? { start: prF.start, end: prF.end, value: prF.value } : findPriority(textRaw, textStart);
  if (pr) item.priority = pr;
  const tyF = get('type');
  if (tyF) item.type = { start: tyF.start, end: tyF.end, value: tyF.value };
  const doneF = get('done');
  const done = doneF ? { start: doneF.start, end: doneF.end, value: doneF.value } : findDoneCriterion(b.raw, base);
  if (done) item.doneWhen = done;
  return item;
}

/**
 * An item's text struck through whole: `~~Add a canary stage~~`, alone or followed by why it was dropped
 * (`~~…~~ — superseded by …`, `~~…~~ because …`). A struck word inside an item ("Rewrite ~~the~~ alert") is an edit,
 * not a decision, and so is a struck first word the text goes on from ("~~Tuesday~~ Wednesday").
 */
function struckThrough(text: string): { end: number } | undefined {
  const m = /^~~(?!~)(\S(?:[^~]*?\S)?)~~(?!~)/.exec(text);
  if (!m) return undefined;
  const rest = text.slice(m[0].length).replace(/<!--[\s\S]*?(?:-->|$)/g, ' ');
  if (rest.trim() === '') return { end: m[0].length };
  if (m[1]!.split(/\s+/).length >= 2 && /^\s*(?:[—–:;,(]|-\s|→|->|because\b|since\b)/i.test(rest)) return { end: m[0].length };
  return undefined;
}

/** "because …", "since …", "due to …", "given that …": a clause saying why. */
const BECAUSE = /\b(?:because|since|due to|given that)\s+\S/i;

/**
 * Why a let-go item was let go: a `reason:` field, the text after its `status:` field ("status: let go — low value")
 * or after its strikethrough, a "because …" clause, or the last part of its text after a spaced dash ("Add a
 * canary stage — the new pipeline covers it") that is none of its fields.
 */
function letGoReason(
  ctx: Ctx,
  b: BuildInput,
  item: ActionItem,
  inline: { key: string; start: number; end: number; whole: Span }[],
  textStart: number,
  textEnd: number,
  struckEnd: number | undefined,
): Field | undefined {
  const text = ctx.text;
  /** Up to the next inline field, the end of the first paragraph and the end of the line. */
  const until = (from: number) => {
    const next = inline.filter((f) => f.whole.start >= from).reduce((m, f) => Math.min(m, f.whole.start), Math.max(from, b.mainEnd));
    return lineEndFrom(text, from, next);
  };
  const rf = inline.find((f) => f.key === 'reason');
  if (rf) return reasonField(text, rf.start, lineEndFrom(text, rf.start, Math.max(rf.start, rf.end)), 0);
  const st = inline.find((f) => f.key === 'status');
  const afterStatus = st && reasonField(text, st.end, until(st.end), 0);
  if (afterStatus) return afterStatus;
  const afterStrike = struckEnd !== undefined ? reasonField(text, struckEnd, until(struckEnd), 0) : undefined;
  if (afterStrike) return afterStrike;
  const main = text.slice(textStart, Math.max(textStart, b.mainEnd));
  const because = BECAUSE.exec(main);
  if (because) {
    const r = reasonField(text, textStart + because.index, until(textStart + because.index), 0);
    if (r) return r;
  }
  const own = text.slice(textStart, textEnd);
  const dashes = [...own.matchAll(/\s[—–]\s+/g)];
  const last = dashes.at(-1);
  if (last && last.index > 0) {
    const r = reasonField(text, textStart + last.index + last[0].length, textEnd, 0);
    const fields = [...item.owners, item.due, item.tracker].filter((f): f is Field => f !== undefined);
    if (r && !fields.some((f) => f.start < r.end && r.start < f.end)) return r;
  }
  return undefined;
}

/**
 * A due date written in an item's text. With a cue word ("due", "deadline", "before", "no later than") any absolute
 * date; without one, an absolute date after "by"/"for"/"until" ("for Friday March 3", "by 2026-04-01"), a named
 * horizon after "by" ("by EOW", "by end of Q3") and a parenthesised quarter or half ("(Q3)", "(H2 2026)"), both weak.
 */
function cueDue(ctx: Ctx, raw: string, base: number): DueField | undefined {
  const at = (m: RegExpExecArray, v: string) => {
    const s = base + m.index + m[0].lastIndexOf(v);
    return makeDueField(v, s, s + v.length, ctx.today, ctx.yearHint);
  };
  const DAY = '(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\\s+)?';
  let m = new RegExp(`\\b(?:due(?: by| on)?|deadline|before|no later than)\\s+(${DAY}[\\w ,./-]{3,24})`, 'i').exec(raw);
  if (m && parseDue(m[1]!, ctx.today, ctx.yearHint).date) return at(m, m[1]!.trim().replace(/(?<![.,])[.,]+$/, ''));
  // "by/for/until <date>": try the longest date-looking run first ("Friday March 3", "March 3, 2026", "2026-04-01")
  const dateRe = new RegExp(
    `\\b(?:by|for|until|till)\\s+(${DAY}(?:\\d{4}-\\d{2}-\\d{2}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?(?:,?\\s+\\d{4})?|\\d{1,2}(?:st|nd|rd|th)?\\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*(?:\\s+\\d{4})?))(?![\\w:])`,
    'gi',
  );
  while ((m = dateRe.exec(raw))) if (parseDue(m[1]!, ctx.today, ctx.yearHint).date) return at(m, m[1]!);
  m =
    /\bby\s+(eow|eom|eoq|eoy|end of (?:the )?(?:week|month|quarter|year|sprint)|(?:the )?end of q[1-4](?:\s+\d{4})?|q[1-4](?:\s+\d{4})?|h[12](?:\s+\d{4})?|(?:the )?next (?:sprint|release|quarter)|sprint\s*\d+)(?![\w-])/i.exec(
      raw,
    );
  if (m) return at(m, m[1]!);
  m = /\((?:target:?\s*|by\s+)?(q[1-4](?:\s*\d{4})?|h[12](?:\s*\d{4})?)\)/i.exec(raw);
  if (m) return at(m, m[1]!);
  // one of a group of fields: "(P1, 2026-12-01)", "(storage team; Q3)", "(@ana, Mar 3)", "— @ana — Mar 3"
  for (const parts of fieldGroups(raw)) {
    for (const { at: pos, value: v } of parts) {
      const d = GROUP_DATE.test(v) ? parseDue(v, ctx.today, ctx.yearHint) : undefined;
      if (d?.date || d?.weak) return makeDueField(v, base + pos, base + pos + v.length, ctx.today, ctx.yearHint);
    }
  }
  return undefined;
}

/** A field that is only a date or a quarter ("2026-12-01", "Mar 3", "3 March 2026", "Q3", "H2 2027"). */
const GROUP_DATE =
  /^(?:\d{4}-\d{2}-\d{2}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?|\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*(?:\s+\d{4})?|[qh][1-4](?:\s+\d{4})?)$/i;

function paragraphItem(ctx: Ctx, p: Paragraph, group: Group, committed?: Field[]): ActionItem {
  const s = nodeStart(p);
  const e = nodeEnd(p);
  return buildItem(ctx, {
    span: { start: s, end: e },
    contentStart: s,
    mainEnd: e,
    raw: ctx.text.slice(s, e),
    layout: 'paragraph',
    group,
    committed,
  });
}

/** The owners the first committing sentence after the first of a paragraph names (document offsets from `base`). */
function laterCommitted(paragraph: string, base: number): Field[] {
  for (const at of sentenceStarts(paragraph).slice(1)) {
    const owners = committedOwners(paragraph.slice(at), base + at);
    if (owners.length) return owners;
  }
  return [];
}

/** The lines of a paragraph (spans without line breaks), skipping blank ones. */
function paragraphLines(ctx: Ctx, p: Paragraph): Span[] {
  return lineSpans(ctx.text, nodeStart(p), nodeEnd(p)).filter((l) => ctx.text.slice(l.start, l.end).trim() !== '');
}

/**
 * Items written as prose: a paragraph that opens with an action (an imperative, an owner as subject, "We will …") is
 * one item; a paragraph whose every line opens with one (capitalised, as a new sentence) is one item per line. With
 * `linesOnly` (follow-ups outside an action section), only lines that open with an action are items.
 */
function proseItems(ctx: Ctx, p: Paragraph, group: Group, linesOnly: boolean): void {
  const text = ctx.text;
  const raw = text.slice(nodeStart(p), nodeEnd(p));
  // a lead-in ("We will do the following:") introduces items; a paragraph that opens with an action and only ends
  // by introducing details ("We will upgrade X this year. Specifically:") is one
  if (p.children.every((c) => c.type === 'html' || c.type === 'image' || c.type === 'break')) return;
  if (/:\s*$/.test(raw) && lastSentence(raw) === raw) return;
  const lines = paragraphLines(ctx, p);
  const starts = lines.map((l, i) => {
    const t = text.slice(l.start, l.end);
    if (!/^\s*(?:[A-Z@(\[]|(?:\*\*|__)[A-Z])/.test(t)) return undefined;
    // a soft wrap inside a sentence or a name ("… and Product\nOperations will …") continues the line before
    if (i > 0 && CONTINUED.test(text.slice(lines[i - 1]!.start, lines[i - 1]!.end))) return undefined;
    // outside an action section a done record ("NetOps rolled the change back at 14:38.") is narration
    if (linesOnly && isDoneRecord(t)) return undefined;
    // a bold title wrapped over lines ("**A1. Hold firmware updates … marks\nthem as critical.** Owner: …") is read whole
    const bold = /^\s*(\*\*|__)/.exec(t);
    const read = bold && !t.slice(bold[0].length).includes(bold[1]!) ? text.slice(l.start, nodeEnd(p)) : t;
    return actionStart(read) ?? (!linesOnly && isCommitment(t) ? 'commitment' : undefined);
  });
  const actionLines = starts.filter((x) => x !== undefined).length;
  const perLine = lines.length >= 2 && (linesOnly ? actionLines >= 2 : actionLines === lines.length);
  if (perLine) {
    lines.forEach((l, i) => {
      if (!starts[i]) return;
      const lead = text.slice(l.start, l.end).search(/\S/);
      const cs = l.start + Math.max(0, lead);
      ctx.out.push(buildItem(ctx, { span: l, contentStart: cs, mainEnd: l.end, raw: text.slice(cs, l.end), layout: 'paragraph', group }));
    });
    return;
  }
  // in an action section, each later sentence that commits a named owner is an item of its own ("The billing team
  // will add …. Finance Operations will refund …", "… To that end, Sam will meet …")
  const s0 = nodeStart(p);
  const owned = linesOnly
    ? []
    : sentenceStarts(raw).flatMap((at, i) => {
        const owners = i > 0 ? committedOwners(raw.slice(at), s0 + at) : [];
        return owners.length ? [{ at, owners }] : [];
      });
  if (!owned.length) {
    // (outside an action section the later sentences are not read here: buildItem reads them)
    if (starts[0]) ctx.out.push(paragraphItem(ctx, p, group, linesOnly ? undefined : []));
    return;
  }
  const cuts = owned.map((o) => o.at);
  // an opening action without an owner takes the first owned sentence as its owner, not as another item
  // ("**Rethink the window.** Our quietest hour moved. Product Operations will propose a new one.")
  let committed: Field[] | undefined;
  if (starts[0] && findTextOwners(raw.slice(0, cuts[0]), 0).owners.length) cuts.unshift(0);
  else if (starts[0]) {
    cuts[0] = 0;
    committed = owned[0]!.owners;
  }
  cuts.forEach((at, i) => {
    let end = s0 + (cuts[i + 1] ?? raw.length);
    while (end > s0 + at && /\s/.test(text[end - 1]!)) end--;
    const span = { start: s0 + at, end };
    const committedHere = i === 0 ? committed : undefined;
    ctx.out.push(
      buildItem(ctx, {
        span,
        contentStart: span.start,
        mainEnd: end,
        raw: text.slice(span.start, end),
        layout: 'paragraph',
        group,
        committed: committedHere,
      }),
    );
  });
}

/** A line ending inside a sentence: on a capitalised word or a word that cannot end one. */
const CONTINUED =
  /(?:\b\p{Lu}[\p{L}\w-]{0,63}|\b(?:the|a|an|of|to|and|or|for|with|by|in|on|at|from|into|that|which|our|their|its|is|are|was|were|will|be))$/u;

/** The first line of a list item's own text (after the marker and checkbox). */
function itemFirstLine(ctx: Ctx, li: ListItem): string {
  const para = firstParagraph(li);
  if (!para) return '';
  const s = nodeStart(para);
  return ctx.text.slice(s, lineEndFrom(ctx.text, s, nodeEnd(para)));
}

/** Follow-ups outside an action section: list items and paragraph lines that open with an action. */
function followUps(ctx: Ctx, nodes: RootContent[], group: Group): void {
  let prev: RootContent | undefined;
  for (const n of nodes) {
    const after = prev;
    prev = n;
    if (n.type === 'paragraph') {
      itemsOf(ctx, n, group, () => proseItems(ctx, n, group, true));
      continue;
    }
    if (n.type !== 'list') continue;
    // a numbered procedure ("1. Scale down … 2. Delete …") or a list after "we ran the following steps:" is what was
    // done to recover, not follow-ups
    if (n.ordered) continue;
    // the sentence that leads into the list (a paragraph's earlier sentences tell what happened, not what follows)
    const intro = after && after.type === 'paragraph' ? lastSentence(ctx.text.slice(nodeStart(after), nodeEnd(after))) : '';
    // (unless the lead-in looks ahead: "it stays disabled until the steps below are complete")
    if (
      /\b(?:steps?|we (?:ran|did|took|performed|executed)|to (?:recover|restore|mitigate|resolve)|was (?:resolved|mitigated|fixed) by|commands?)\b/i.test(
        intro,
      ) &&
      !/\b(?:will|until|going forward|from now on|remains?|still)\b/i.test(intro)
    )
      continue;
    const list = n as List;
    itemsOf(ctx, list, group, () => {
      for (const li of list.children) {
        const line = itemFirstLine(ctx, li);
        if (actionStart(line) && !isDoneRecord(line)) listItem(ctx, li, list, group);
      }
    });
  }
}

/**
 * A table that is an action-item table wherever it stands (the SRE-book layout often has no heading of its own):
 * its header names an action column together with an owner, due, tracker, status, type or priority column.
 */
function isStandaloneActionTable(ctx: Ctx, t: Table): boolean {
  const line = firstLine(ctx.text, nodeStart(t), nodeEnd(t));
  if (!line) return false;
  const head = splitRow(ctx.text, line.start, line.end).content.map((c) => normaliseHeader(ctx.text.slice(c.start, c.end)));
  if (
    !head.some((h) =>
      /^(?:action( items?)?|actions|follow[- ]?ups?|remediation( items?)?|remediations|corrective actions?|todo|to do|tasks?)$/.test(h),
    )
  )
    return false;
  return head.some((h) => {
    const role = columnRole(h);
    if (role === 'owner' || role === 'tracker' || role === 'status' || role === 'type' || role === 'priority') return true;
    return role === 'due' && /^(?:due( date| by)?|deadline|target( date)?|eta)$/.test(h);
  });
}

// ---------------------------------------------------------------------------------------------
// Tables

/** Column headers whose cell, on a let-go row, says why (when the table has no Reason column). */
const NOTES_HEADER = /^(?:notes?|comments?|remarks?)$/;

/** A let-go row's reason: its Reason cell, the words after its status ("let go: low value"), a Notes cell, "because …". */
function tableReason(
  text: string,
  roles: (ColumnRole | undefined)[],
  columns: string[],
  cells: Span[],
  item: ActionItem,
): Field | undefined {
  const cellReason = (i: number) => {
    const c = cells[i];
    if (!c || ONLY_COMMENTS.test(text.slice(c.start, c.end))) return undefined;
    return reasonField(text, c.start, c.end, 0);
  };
  const col = roles.indexOf('reason');
  const own = col >= 0 ? cellReason(col) : undefined;
  if (own) return own;
  const st = item.statusField && statusReason(item.statusField.value, item.statusField.start);
  if (st) return st;
  const notes = columns.findIndex((h) => NOTES_HEADER.test(normaliseHeader(h)));
  const note = notes >= 0 ? cellReason(notes) : undefined;
  if (note) return note;
  const because = BECAUSE.exec(text.slice(item.textSpan.start, item.textSpan.end));
  return because ? reasonField(text, item.textSpan.start + because.index, item.textSpan.end, 0) : undefined;
}

/** Line spans (without line breaks) of the lines in [s, e). */
export function lineSpans(text: string, s: number, e: number): Span[] {
  const out: Span[] = [];
  let i = s;
  while (i < e) {
    let j = lineEndFrom(text, i, e);
    out.push({ start: i, end: j });
    if (text[j] === '\r' && text[j + 1] === '\n') j += 2;
    else j += 1;
    i = j;
  }
  return out;
}

/** The span of the first line in [s, e) (without its line break); undefined when the range is empty. */
function firstLine(text: string, s: number, e: number): Span | undefined {
  return s < e ? { start: s, end: lineEndFrom(text, s, e) } : undefined;
}

function tableColumns(ctx: Ctx, t: Table): (ColumnRole | undefined)[] {
  const line = firstLine(ctx.text, nodeStart(t), nodeEnd(t));
  if (!line) return [];
  const head = splitRow(ctx.text, line.start, line.end);
  const roles = head.content.map((c) => columnRole(ctx.text.slice(c.start, c.end)));
  if (!roles.includes('action')) {
    const i = roles.findIndex((r) => r === undefined);
    if (i >= 0 && roles.some((r) => r !== undefined)) roles[i] = 'action';
  }
  return roles;
}

function tableItems(ctx: Ctx, t: Table, group: Group): void {
  const text = ctx.text;
  const roles = tableColumns(ctx, t);
  const actionCol = roles.indexOf('action');
  if (actionCol < 0) return;
  const lines = lineSpans(text, nodeStart(t), nodeEnd(t));
  const head = splitRow(text, lines[0]!.start, lines[0]!.end);
  const columns = head.content.map((c) => text.slice(c.start, c.end).replace(/[*_`]/g, '').trim().toLowerCase());
  const tableSpan = { start: nodeStart(t), end: nodeEnd(t) };
  for (let r = 2; r < lines.length; r++) {
    const line = lines[r]!;
    const cells = splitRow(text, line.start, line.end);
    const cell = (i: number) => cells.content[i];
    const val = (i: number) => {
      const c = cell(i);
      return c ? text.slice(c.start, c.end) : '';
    };
    if (cells.content.every((c) => c.start === c.end)) continue;
    const a = cell(actionCol);
    const actionText = val(actionCol);
    if (!a || actionText.trim() === '') continue;
    const item: ActionItem = {
      span: { start: line.start, end: line.end },
      text: actionText.trim(),
      textSpan: { start: a.start, end: a.end },
      layout: 'table',
      section: ctx.section,
      owners: [],
      status: 'open',
      content: { start: a.start, end: a.end },
      table: { table: tableSpan, row: { start: line.start, end: line.end }, columns, cells: cells.content, rawCells: cells.raw },
    };
    if (group.title) item.group = group.title;
    for (let i = 0; i < roles.length; i++) {
      const c = cell(i);
      if (!c || c.start === c.end) continue;
      const v = text.slice(c.start, c.end);
      if (ONLY_COMMENTS.test(v)) continue; // a note in a cell (an inserted inquiry question) is not a value
      switch (roles[i]) {
        case 'owner':
          item.owners = splitOwners(v, c.start);
          break;
        case 'due':
          item.due = makeDueField(v, c.start, c.end, ctx.today, ctx.yearHint);
          break;
        case 'status': {
          const st = parseStatus(v);
          if (st) {
            item.status = st;
            item.statusField = { start: c.start, end: c.end, value: v };
          }
          const tr = findTrackers(v, c.start, { definitions: ctx.definitions })[0];
          if (tr && !item.tracker) item.tracker = tr;
          break;
        }
        case 'priority':
          item.priority = { start: c.start, end: c.end, value: v };
          break;
        case 'type':
          item.type = { start: c.start, end: c.end, value: v };
          break;
        case 'tracker': {
          const tr = findTrackers(v, c.start, { definitions: ctx.definitions })[0];
          if (tr) item.tracker = tr;
          break;
        }
        case 'done':
          item.doneWhen = { start: c.start, end: c.end, value: v };
          break;
        default:
          break;
      }
    }
    if (!item.tracker) {
      const tr = findTrackers(actionText, a.start, { definitions: ctx.definitions })[0] ?? group.tracker;
      if (tr) item.tracker = tr;
    }
    if (!item.due && group.due) item.due = group.due;
    if (item.status === 'open' && !item.statusField && group.status) item.status = group.status;
    // an Action cell struck through whole: dropped
    if (item.status === 'open' && /^\s*~~(?!~)[^~]*[^~\s]~~\s*$/.test(actionText)) item.status = 'wont-do';
    if (isLetGo(item.status)) {
      const reason = tableReason(text, roles, columns, cells.content, item);
      if (reason) item.reason = reason;
    }
    if (!item.doneWhen) {
      const d = findDoneCriterion(actionText, a.start);
      if (d) item.doneWhen = d;
    }
    if (!item.owners.length) item.owners = findTextOwners(actionText, a.start).owners;
    ctx.out.push(item);
  }
}
