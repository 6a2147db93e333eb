// Metadata: front matter, `**Key:** value` lines, `Key: value` preamble lines and bullets, key/value tables.
import type { Root, RootContent, Table } from 'mdast';
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import type { Field, Metadata, PostmortemModel, Section } from './model';
import { nodeEnd, nodeStart, plainText } from '../text/parse';
import { lastValueMemo } from '../memo';
import { escapeRegExp } from '../text/text';

/** Canonical metadata keys and the labels that name them (normalised: lower-case, no punctuation). */
const KEY_SYNONYMS: Record<string, string[]> = {
  date: ['date', 'dates', 'incident date', 'date of incident', 'when', 'occurred', 'start date'],
  duration: ['duration', 'incident duration', 'total duration', 'time to recovery', 'time to resolve', 'outage duration', 'length'],
  severity: ['severity', 'sev', 'priority', 'impact level', 'incident severity', 'severity level', 'level'],
  status: ['status', 'state', 'document status'],
  authors: ['author', 'authors', 'owner', 'owners', 'created by', 'written by', 'prepared by', 'postmortem owner', 'incident owner'],
  title: ['title'],
  commander: ['incident commander', 'ic'],
  // when the postmortem itself was written, reviewed or published (review-timeliness), not when the incident was
  written: [
    'written',
    'written on',
    'date written',
    'published',
    'published on',
    'publication date',
    'date published',
    'report date',
    'date of report',
    'postmortem date',
    'post mortem date',
    'review date',
    'reviewed on',
    'date reviewed',
    'date of review',
    'document date',
  ],
};

const KEY_LOOKUP = new Map<string, string>();
for (const [key, labels] of Object.entries(KEY_SYNONYMS)) for (const l of labels) KEY_LOOKUP.set(l, key);

export function metadataKey(label: string): string | undefined {
  const norm = label
    .toLowerCase()
    .replace(/[*_`:]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  return KEY_LOOKUP.get(norm);
}

// `**Key:** value`, `**Key**: value`, `__Key__: value`, `Key: value`, optionally as a bullet.
const KEY_LINE = /^(?:[ \t]*[-*+][ \t]+)?(?:\*\*|__)?([A-Za-z][A-Za-z /&'-]{0,40}?)(?::(?:\*\*|__)|(?:\*\*|__):|:)[ \t]*(.*?)[ \t]*$/d;

// Later pairs on the same line (`**Date:** 2024-03-05 **Duration:** 2h **Severity:** SEV-2`): a bold label with the
// colon inside the bold anywhere, a `**Key**:` label naming a metadata key, or (after a plain first pair that names a
// metadata key) a capitalised plain `Key:` naming one, each after a space or a separator (`|`, `·`, `•`, `,`, `;`).
const BOLD_LABEL = /(?<=^|[\s|·•,;])(?:(\*\*|__)([A-Za-z][A-Za-z /&'-]{0,40}?):\1|(\*\*|__)([A-Za-z][A-Za-z /&'-]{0,40}?)\3:)/dg;
/** Plain labels that may start a second pair: unambiguous ones only (not "when", "state", "level", "length"…). */
const PLAIN_LABELS = ['date', 'incident date', 'duration', 'severity', 'sev', 'priority', 'status', 'author', 'authors', 'owner', 'owners'];
const PLAIN_LABEL = new RegExp(
  `(?<=^|[\\s|·•,;])(${PLAIN_LABELS.map((l) => `${l[0]!.toUpperCase()}${escapeRegExp(l.slice(1)).replace(/ /g, '\\s+')}`).join('|')}):(?=[ \\t])`,
  'dg',
);

interface Pair {
  label: string;
  /** Offset of the value in the line. */
  start: number;
  value: string;
}

/** The `Key: value` pairs of one line (heading markers already stripped): one, or several written side by side. */
function pairsOnLine(line: string): Pair[] {
  const m = KEY_LINE.exec(line);
  if (!m || m[2]!.length === 0) return [];
  const firstStart = m.indices![2]![0];
  const firstBold = /^(?:[ \t]*[-*+][ \t]+)?(?:\*\*|__)/.test(line);
  const labels: { label: string; start: number; end: number }[] = [];
  BOLD_LABEL.lastIndex = firstStart;
  for (let b = BOLD_LABEL.exec(line); b; b = BOLD_LABEL.exec(line)) {
    const label = b[2] ?? b[4]!;
    if (b[2] !== undefined || metadataKey(label)) labels.push({ label, start: b.index, end: b.index + b[0].length });
  }
  if (!firstBold && metadataKey(m[1]!)) {
    PLAIN_LABEL.lastIndex = firstStart;
    for (let p = PLAIN_LABEL.exec(line); p; p = PLAIN_LABEL.exec(line))
      labels.push({ label: p[1]!, start: p.index, end: p.index + p[0].length });
  }
  labels.sort((a, b) => a.start - b.start);
  const pairs: Pair[] = [];
  let label = m[1]!;
  let start = firstStart;
  for (const next of [...labels, { label: '', start: line.length, end: line.length }]) {
    if (next.start < start) continue;
    const raw = line.slice(start, next.start);
    const value = raw
      .replace(/(?<![\s|·•,;])[\s|·•,;]+$/, '')
      .replace(/(?<!\s)\s+[—–-]$/, '')
      .replace(/(?:(?<!\s)\s{2,}|\\)$/, '');
    const lead = raw.length - raw.trimStart().length;
    if (value.trim()) pairs.push({ label, start: start + lead, value: value.slice(lead) });
    label = next.label;
    start = next.end;
    while (start < line.length && /[ \t]/.test(line[start]!)) start++;
  }
  return pairs;
}

function parseFrontMatter(tree: Root): PostmortemModel['frontMatter'] {
  const first = tree.children[0] as RootContent | undefined;
  if (!first || (first.type !== 'yaml' && (first.type as string) !== 'toml')) return undefined;
  const span = { start: nodeStart(first), end: nodeEnd(first) };
  const format = first.type === 'yaml' ? 'yaml' : 'toml';
  const source = (first as { value: string }).value;
  // the same front matter as last time (every keystroke below it): reuse its parse (callers never modify data)
  return { span, format, ...lastFrontMatter.getOrCompute({ format, source }, () => parseFrontMatterSource(format, source)) };
}

const lastFrontMatter = lastValueMemo<{ format: 'yaml' | 'toml'; source: string }, { data: Record<string, unknown>; error?: string }>(
  (a, b) => a.format === b.format && a.source === b.source,
);

function parseFrontMatterSource(format: 'yaml' | 'toml', source: string): { data: Record<string, unknown>; error?: string } {
  try {
    const data = format === 'yaml' ? parseYaml(source) : parseToml(source);
    return { data: data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {} };
  } catch (err) {
    return { data: {}, error: err instanceof Error ? err.message.split('\n')[0]! : String(err) };
  }
}

/** Locate `key:` / `key =` inside the front matter so a field has a real range. */
function frontMatterField(text: string, span: { start: number; end: number }, key: string, value: unknown): Field {
  const slice = text.slice(span.start, span.end);
  const re = new RegExp(`^[ \\t]*${escapeRegExp(key)}[ \\t]*[:=][ \\t]*(.*)$`, 'm');
  const m = re.exec(slice);
  if (m) {
    const lineStart = span.start + m.index;
    const valueStart = lineStart + m[0].length - m[1]!.length;
    return { value: stringify(value), start: valueStart, end: valueStart + m[1]!.trimEnd().length };
  }
  return { value: stringify(value), start: span.start, end: span.start };
}

function stringify(value: unknown): string {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (Array.isArray(value)) return value.map(stringify).join(', ');
  if (value && typeof value === 'object') return JSON.stringify(value);
  return String(value ?? '');
}

/** Two-column tables whose first column names metadata keys (`| Date | 2022-04-20 |`). */
function tableFields(table: Table, fields: Record<string, Field>): void {
  for (const row of table.children) {
    if (row.children.length < 2) continue;
    const key = metadataKey(plainText(row.children[0]!));
    const cell = row.children[1]!;
    if (key && !fields[key]) fields[key] = { value: plainText(cell).trim(), start: nodeStart(cell), end: nodeEnd(cell) };
  }
}

/** The line holding `offset` starts with a list marker. */
function onBulletLine(text: string, offset: number): boolean {
  const lineStart = Math.max(text.lastIndexOf('\n', offset - 1) + 1, 0);
  return /^[ \t>]*(?:[-*+]|\d{1,3}[.)])[ \t]/.test(text.slice(lineStart, offset + 4));
}

export function extractMetadata(
  tree: Root,
  text: string,
  sections: Section[],
): { metadata: Metadata; frontMatter: PostmortemModel['frontMatter'] } {
  const fields: Record<string, Field> = {};
  const frontMatter = parseFrontMatter(tree);
  let source: Metadata['source'] = 'none';
  let span: Metadata['span'];
  if (frontMatter) {
    source = 'front-matter';
    span = frontMatter.span;
    for (const [k, v] of Object.entries(frontMatter.data)) {
      const key = metadataKey(k) ?? k.toLowerCase();
      if (!fields[key]) fields[key] = frontMatterField(text, frontMatter.span, k, v);
    }
  }
  // Header block: everything before the first canonical section (or the first 40 lines' worth of blocks).
  // A label on a bullet (`- Impact: …`, `- **Timeline**`) may sit in the header list itself: it does not end the header.
  const firstCanonical = sections.find((s) => s.kind !== 'other' && !s.role && !(s.pseudo && onBulletLine(text, s.heading.start)));
  const headerEnd = firstCanonical ? firstCanonical.span.start : text.length;
  for (const node of tree.children) {
    const start = nodeStart(node);
    if (start >= headerEnd) break;
    if (node.type === 'table') {
      tableFields(node, fields);
      if (source === 'none') source = 'table';
      continue;
    }
    if (node.type !== 'paragraph' && node.type !== 'list' && node.type !== 'heading') continue;
    // Walk the node's source line by line: `**Date:** …` lines are often one paragraph with soft breaks.
    const end = nodeEnd(node);
    let lineStart = start;
    while (lineStart < end) {
      let lineEnd = text.indexOf('\n', lineStart);
      if (lineEnd < 0 || lineEnd > end) lineEnd = end;
      const raw = text.slice(lineStart, lineEnd).replace(/\r$/, '');
      const stripped = raw.replace(/^#{1,6}[ \t]+/, '');
      const offset = lineStart + (raw.length - stripped.length);
      for (const pair of pairsOnLine(stripped)) {
        const key = metadataKey(pair.label);
        if (!key || fields[key]) continue;
        const valueStart = offset + pair.start;
        fields[key] = { value: pair.value.replace(/^\*\*|\*\*$/g, '').trim(), start: valueStart, end: valueStart + pair.value.length };
        if (source === 'none') source = 'lines';
        span = span ? { start: Math.min(span.start, lineStart), end: Math.max(span.end, lineEnd) } : { start: lineStart, end: lineEnd };
      }
      lineStart = lineEnd + 1;
    }
  }
  // Headings as keys: `## Date` followed by a paragraph (`Start: Wednesday, 2018-08-22` / `End: …`) or a list.
  const blocks = tree.children;
  for (let i = 0; i + 1 < blocks.length; i++) {
    const node = blocks[i]!;
    if (nodeStart(node) >= headerEnd) break;
    if (node.type !== 'heading') continue;
    const heading = plainText(node).trim();
    const key = metadataKey(heading);
    // `# [Title]` or `# Title` is the template's title placeholder, not a key whose value is the next paragraph
    if (key === 'title') continue;
    const next = blocks[i + 1]!;
    if (!key || fields[key] || (next.type !== 'paragraph' && next.type !== 'list') || nodeStart(next) >= headerEnd) continue;
    const vStart = nodeStart(next);
    const vEnd = nodeEnd(next);
    fields[key] = { value: plainText(next).replace(/\s+/g, ' ').trim(), start: vStart, end: vEnd };
    if (source === 'none') source = 'lines';
    span = span ? { start: Math.min(span.start, nodeStart(node)), end: Math.max(span.end, vEnd) } : { start: nodeStart(node), end: vEnd };
  }
  const metadata: Metadata = { source, fields };
  if (span) metadata.span = span;
  if (fields.title) metadata.title = fields.title;
  return { metadata, frontMatter };
}
