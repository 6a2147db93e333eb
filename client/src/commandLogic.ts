// Pure logic behind "Postmortem: New from Template" and "Postmortem: Insert Timeline Entry Now": slugs, unique
// file names, wall-clock parts in a configured zone, and a timeline entry matching the surrounding layout.
// No vscode import, so vitest covers it (test/unit/commands.test.ts).
import { parseLeadingTimestamp } from '../../server/src/engine/text/datetime';
import { splitRow, TABLE_DELIMITER_ROW } from '../../server/src/engine/text/text';

/** `Checkout: 502s after deploy!` → `checkout-502s-after-deploy`; accents folded; at most 60 characters. */
export function slugify(title: string, max = 60): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= max) return slug || 'postmortem';
  const cut = slug.slice(0, max);
  const dash = cut.lastIndexOf('-');
  return (dash > max / 2 ? cut.slice(0, dash) : cut).replace(/-+$/, '');
}

/** `YYYY-MM-DD-<slug>.md`. */
export function datedFileName(isoDate: string, title: string): string {
  return `${isoDate}-${slugify(title)}.md`;
}

/** `name.md`, else `name-2.md`, `name-3.md` … : the first name `exists` says is free. Never returns a taken name. */
export async function uniqueFileName(
  name: string,
  exists: (candidate: string) => boolean | Promise<boolean>,
  limit = 1000,
): Promise<string> {
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 ? name.slice(0, dot) : name;
  const ext = dot > 0 ? name.slice(dot) : '';
  for (let n = 1; n <= limit; n++) {
    const candidate = n === 1 ? name : `${stem}-${n}${ext}`;
    if (!(await exists(candidate))) return candidate;
  }
  throw new Error(`no free file name for ${name} after ${limit} tries`);
}

export interface ClockParts {
  /** YYYY-MM-DD in the zone. */
  date: string;
  hour: string;
  minute: string;
  second: string;
  /** `UTC`, an abbreviation the engine knows (`PDT`), or `UTC+02:00`. */
  zoneLabel: string;
}

/** Is `zone` an IANA name (or UTC) that Intl accepts? */
export function isValidZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Wall-clock parts of `now` in `zone` (an IANA name or `UTC`). Throws a RangeError for an unknown zone. */
export function clockParts(now: Date, zone: string): ClockParts {
  const fmt = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  });
  const parts: Record<string, string> = {};
  for (const p of fmt.formatToParts(now)) parts[p.type] = p.value;
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    hour: parts.hour === '24' ? '00' : parts.hour!,
    minute: parts.minute!,
    second: parts.second!,
    zoneLabel: zoneLabel(parts.timeZoneName ?? 'UTC'),
  };
}

/** Intl's short zone name as the engine reads it: `GMT+2` → `UTC+02:00`, `GMT` / `UTC` → `UTC`, `PDT` stays. */
function zoneLabel(short: string): string {
  if (short === 'UTC' || short === 'GMT') return 'UTC';
  const m = /^(?:GMT|UTC)([+-])(\d{1,2})(?::(\d{2}))?$/.exec(short);
  if (m) return `UTC${m[1]}${m[2]!.padStart(2, '0')}:${m[3] ?? '00'}`;
  return short;
}

export type TimelineLayoutKind = 'table' | 'list' | 'heading' | 'none';

export interface TimelineLayout {
  kind: TimelineLayoutKind;
  /** Leading indentation of the model entry. */
  indent: string;
  /** `-`, `*`, `+`, or `1.` / `1)` (numbered: the next number is used). */
  marker: string;
  /** `**` or `__` around the timestamp, or ''. */
  emphasis: string;
  /** Text between the timestamp (and its emphasis) and the description: ` — `, ` - `, `: `. */
  separator: string;
  /** Heading level for heading entries (`### 14:02`). */
  headingLevel: number;
  /** Number of table columns. */
  columns: number;
  withDate: boolean;
  withSeconds: boolean;
  withZone: boolean;
}

const DEFAULT_LAYOUT: TimelineLayout = {
  kind: 'none',
  indent: '',
  marker: '-',
  emphasis: '',
  separator: ' — ',
  headingLevel: 3,
  columns: 2,
  withDate: false,
  withSeconds: false,
  withZone: true,
};

/** The cells of a table row (unescaped pipes split, as the engine reads tables). */
function cells(row: string): string[] {
  return splitRow(row, 0, row.length).content.map((c) => row.slice(c.start, c.end));
}

/** Read one line as a timeline entry, or null. */
function entryLayout(line: string): TimelineLayout | null {
  if (TABLE_DELIMITER_ROW.test(line)) return null;
  let m = /^(\s*)\|(.*)\|\s*$/.exec(line);
  if (m) {
    const first = cells(line)[0] ?? '';
    const ts = parseLeadingTimestamp(first);
    if (!ts || !ts.time) return null;
    const emph = /^\s*(\*\*|__)/.exec(first)?.[1] ?? '';
    return {
      ...DEFAULT_LAYOUT,
      kind: 'table',
      indent: m[1]!,
      emphasis: emph,
      columns: cells(line).length,
      withDate: !!ts.date?.year,
      withSeconds: ts.time.second !== undefined,
      withZone: !!ts.zone,
    };
  }
  m = /^(\s*)([-*+]|\d{1,4}[.)])\s+(.*)$/.exec(line);
  if (m) {
    const rest = m[3]!.replace(/^\[[ xX]?\]\s+/, '');
    const ts = parseLeadingTimestamp(rest);
    if (!ts || !ts.time) return null;
    const emph = /^(\*\*|__)/.exec(rest)?.[1] ?? '';
    let after = rest.slice(ts.end);
    if (emph && after.startsWith(emph)) after = after.slice(emph.length);
    const sep = /^(\s*[—–-]\s+|:\s+|\s+)/.exec(after)?.[1] ?? ' — ';
    return {
      ...DEFAULT_LAYOUT,
      kind: 'list',
      indent: m[1]!,
      marker: m[2]!,
      emphasis: emph,
      separator: sep,
      withDate: !!ts.date?.year,
      withSeconds: ts.time.second !== undefined,
      withZone: !!ts.zone,
    };
  }
  m = /^(\s{0,3})(#{1,6})\s+(.*)$/.exec(line);
  if (m) {
    const ts = parseLeadingTimestamp(m[3]!);
    if (!ts || !ts.time) return null;
    return {
      ...DEFAULT_LAYOUT,
      kind: 'heading',
      headingLevel: m[2]!.length,
      withDate: !!ts.date?.year,
      withSeconds: ts.time.second !== undefined,
      withZone: !!ts.zone,
    };
  }
  return null;
}

/**
 * The layout of the timeline around `line` (0-based): the nearest timestamped entry above, else below, within the
 * same section (stops at a heading that is not itself a timestamp). `none` when there is no entry nearby.
 */
export function detectTimelineLayout(lines: readonly string[], line: number): TimelineLayout & { model?: number } {
  const isSectionHeading = (l: string) => /^\s{0,3}#{1,6}\s/.test(l) && !entryLayout(l);
  for (let i = Math.min(line, lines.length - 1); i >= 0 && i >= line - 60; i--) {
    const l = lines[i]!;
    const found = entryLayout(l);
    if (found) return { ...found, model: i };
    if (isSectionHeading(l)) break;
  }
  for (let i = line + 1; i < lines.length && i <= line + 60; i++) {
    const l = lines[i]!;
    const found = entryLayout(l);
    if (found) return { ...found, model: i };
    if (isSectionHeading(l)) break;
  }
  return { ...DEFAULT_LAYOUT };
}

/** Escape text for a snippet body. */
export function snippetEscape(text: string): string {
  return text.replace(/[\\$}]/g, (c) => `\\${c}`);
}

/** Replace the default text of tab stop 1 (the template's title field) with the escaped title. */
export function withTitle(body: string, title: string): string {
  return body.replace(/\$\{1:[^}]*\}/, () => `\${1:${snippetEscape(title)}}`);
}

/** The timestamp as the layout writes it: `[YYYY-MM-DD ]HH:MM[:SS][ ZONE]`. */
export function formatStamp(layout: TimelineLayout, clock: ClockParts): string {
  let s = `${clock.hour}:${clock.minute}`;
  if (layout.withSeconds) s += `:${clock.second}`;
  if (layout.withDate) s = `${clock.date} ${s}`;
  if (layout.withZone) s += ` ${clock.zoneLabel}`;
  return s;
}

/**
 * A timeline entry in snippet syntax (the description is tab stop 1), for inserting on a new line.
 * `modelLine` is the entry the layout came from (numbered lists continue from its number).
 */
export function formatTimelineEntry(layout: TimelineLayout, clock: ClockParts, modelLine?: string): string {
  const stamp = snippetEscape(formatStamp(layout, clock));
  const e = layout.emphasis;
  const what = '${1:What happened}';
  switch (layout.kind) {
    case 'table': {
      const rest = Math.max(0, layout.columns - 2);
      return `${layout.indent}| ${e}${stamp}${e} | ${what} |${' |'.repeat(rest)}$0`;
    }
    case 'heading':
      return `${'#'.repeat(layout.headingLevel)} ${stamp}\n\n${what}$0`;
    case 'list':
    case 'none': {
      let marker = layout.marker;
      const num = /^(\d+)([.)])$/.exec(marker);
      if (num) {
        const prev = modelLine ? /^\s*(\d+)[.)]/.exec(modelLine) : null;
        marker = `${prev ? Number(prev[1]) + 1 : Number(num[1])}${num[2]}`;
      }
      return `${layout.indent}${marker} ${e}${stamp}${e}${layout.separator}${what}$0`;
    }
  }
}
