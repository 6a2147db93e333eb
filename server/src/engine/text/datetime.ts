// Explicit grammar for the timestamps, dates and zone declarations found in real postmortems: 24-hour and am/pm
// times, ISO and written dates, zone names, abbreviations and offsets, ranges and approximate times.
//
// Exported API
//   parseLeadingTimestamp(text, from?)  a timestamp at the start of an entry, after markup (`**`, `[`, `~`, `|`, `>`...)
//   parseDate(text)                     an absolute date anywhere in `text` (metadata dates, due dates; quarters/sprints weak)
//   parseDayHeading(text)               a heading / bare line that is only a date (plus weekday, zone, "(times in X)")
//   findZoneDeclaration(text)           "All times in CET.", "(times in BST)", "Date and Time in CET", "All times PDT (UTC-7)"
//   zoneOffsetMinutes(zone)             offset east of UTC in minutes; ambiguous abbreviations documented at ZONES
//   normaliseZone(zone)                 canonical spelling of a zone token
//   isoDate / addDays / daysBetween / dayNumber    calendar helpers on ISO `YYYY-MM-DD` strings
//   parseDuration(text)                 "7 hours 9 minutes", "0h 12m", "~2h", "279 minutes" → minutes
//   formatElapsed(minutes)              "+12m", "+1h05m", "+1d 02:10"
//
// The grammar is a small hand-written scanner over "components" (date, weekday, time, zone, approximation marker,
// parenthetical) that may appear in any order at the start of an entry; every component regex is sticky (`y`) so
// offsets stay exact. date-fns is not used: the formats here are not ones a locale parser accepts (`2X:XX`,
// `13:55 PM`, `[03-26 23:04]`, `19. April`), and calendar arithmetic on UTC day numbers is three lines.

export interface DateParts {
  /** Absent when the text gives no year (e.g. `Jan 14`, `[12-05 16:21]`, `## May 12`). */
  year?: number;
  month: number;
  day: number;
  /** Quarters, sprints, months without a day: a rough date. */
  weak?: boolean;
}

export interface TimeParts {
  hour: number;
  minute: number;
  second?: number;
}

export type TimestampConfidence = 'high' | 'medium' | 'low';

export interface ParsedTimestamp {
  /** Offsets into the string passed in (the timestamp text itself, markup excluded). */
  start: number;
  end: number;
  raw: string;
  date?: DateParts;
  /** 24-hour time after applying am/pm. */
  time?: TimeParts;
  /** End of a range (`09:00 - 11:00`, `~13:30-13:45`). */
  endTime?: TimeParts;
  /** End date of a day range (`5-9th Mar`). */
  endDate?: DateParts;
  zone?: string;
  /** A second reading in another zone: `13:14 EDT (17:14 UTC)`. */
  alt?: { time: TimeParts; zone: string };
  /** 'am' | 'pm' when written. */
  meridiem?: 'am' | 'pm';
  /** An hour written without am/pm, hour 1..12, no seconds: could be 12-hour. */
  bareTwelveHour?: boolean;
  /** `13:55 PM`: a 24-hour time with a 12-hour suffix; the suffix was ignored. */
  pmOn24h?: boolean;
  approximate?: boolean;
  placeholder?: boolean;
  isRange?: boolean;
  weekday?: string;
  /** The year was a typo (`20202`); the first four digits were kept. */
  yearTypo?: boolean;
  /** A partly redacted date (`2023-MM-DD`, `2023-01-XX`): read over, no date kept. */
  dateRedacted?: boolean;
  /** The timestamp is inline code (`` `14:02` ``); the closing backtick is not part of it. */
  code?: boolean;
  /** A time relative to the incident's start, in minutes (`T+0`, `T+4m`, `T+1h05m`, `T-10m`); `T+?` is a placeholder. */
  relative?: number;
  confidence: TimestampConfidence;
}

/** How a timestamp at the start of an entry may be written, beyond the default grammar. */
export interface TimestampOptions {
  /**
   * The surrounding timeline writes 24-hour times without a colon (`1625:`, `- 0930 - …`): a bare four-digit
   * 00:00-23:59 is a time, and one right after a month and day (`Feb 9 1924`) is a time rather than a year.
   */
  hhmm?: boolean;
  /**
   * A timestamp written as inline code (`` `14:02` ``): by default only when a separator follows the code span
   * (`` `14:02` - … ``, as in running text `` `12:00` in inline code `` is no entry); 'any' where the block itself
   * marks an entry (a list item, a table cell, a heading).
   */
  code?: 'any';
}

interface ScanOptions extends TimestampOptions {
  /** Reading the start of an entry (month/day forms that need that position, `1/4`, are allowed). */
  leading?: boolean;
}

const MONTHS: Record<string, number> = {
  jan: 1,
  january: 1,
  feb: 2,
  february: 2,
  mar: 3,
  march: 3,
  apr: 4,
  april: 4,
  may: 5,
  jun: 6,
  june: 6,
  jul: 7,
  july: 7,
  aug: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  oct: 10,
  october: 10,
  nov: 11,
  november: 11,
  dec: 12,
  december: 12,
};
const MONTH_RE =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const WEEKDAY_RE = '(mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?)';
const ORD = '(?:st|nd|rd|th)?';

/**
 * Zones seen in real documents, offset east of UTC in minutes.
 * Ambiguous abbreviations, and the reading chosen:
 *   IST  India Standard Time (+5:30); also Irish Standard Time (+1) and Israel Standard Time (+2).
 *   CST  US Central Standard Time (-6); also China Standard Time (+8).
 *   BST  British Summer Time (+1); also Bangladesh Standard Time (+6).
 *   Eastern/Pacific/Central/Mountain and US/Pacific-style names carry no DST flag: standard time is assumed.
 */
const ZONES: Record<string, number> = {
  UTC: 0,
  GMT: 0,
  Z: 0,
  UT: 0,
  WET: 0,
  WEST: 60,
  BST: 60,
  IST: 330,
  CET: 60,
  CEST: 120,
  MET: 60,
  MEST: 120,
  EET: 120,
  EEST: 180,
  MSK: 180,
  EST: -300,
  EDT: -240,
  CST: -360,
  CDT: -300,
  MST: -420,
  MDT: -360,
  PST: -480,
  PDT: -420,
  AKST: -540,
  AKDT: -480,
  HST: -600,
  AEST: 600,
  AEDT: 660,
  ACST: 570,
  AWST: 480,
  JST: 540,
  KST: 540,
  SGT: 480,
  HKT: 480,
  NZST: 720,
  NZDT: 780,
  BRT: -180,
  ART: -180,
  EASTERN: -300,
  CENTRAL: -360,
  MOUNTAIN: -420,
  PACIFIC: -480,
  'US/EASTERN': -300,
  'US/CENTRAL': -360,
  'US/MOUNTAIN': -420,
  'US/PACIFIC': -480,
  'AMERICA/NEW_YORK': -300,
  'AMERICA/CHICAGO': -360,
  'AMERICA/DENVER': -420,
  'AMERICA/LOS_ANGELES': -480,
  'EUROPE/LONDON': 0,
  'EUROPE/BERLIN': 60,
  'EUROPE/PARIS': 60,
  'EUROPE/COPENHAGEN': 60,
  'EUROPE/AMSTERDAM': 60,
  'ASIA/KOLKATA': 330,
  'ASIA/TOKYO': 540,
};
/** Abbreviations whose reading is a guess (see ZONES). */
export const AMBIGUOUS_ZONES: ReadonlySet<string> = new Set(['IST', 'CST', 'BST']);

const ZONE_ABBR = Object.keys(ZONES).filter((z) => /^[A-Z]+$/.test(z) && z.length >= 2 && !/^(EASTERN|CENTRAL|MOUNTAIN|PACIFIC)$/.test(z));
// Longest first so CEST wins over CET.
ZONE_ABBR.sort((a, b) => b.length - a.length);
const ZONE_TOKEN_RE = `(?:(?:UTC|GMT|[Uu]tc)\\s?[+-−]\\s?\\d{1,2}(?::?\\d{2})?|(?:${ZONE_ABBR.join('|')}|[Uu]tc)(?![A-Za-z])|(?:US|America|Europe|Asia)\\/[A-Za-z_]+|(?:Eastern|Central|Mountain|Pacific)(?:\\s+(?:Standard|Daylight))?(?:\\s+Time)?(?![A-Za-z]))`;

/** Canonical spelling of a zone token: `utc+2` → `UTC+2`, `Eastern Time` → `Eastern`. */
export function normaliseZone(zone: string): string {
  const z = zone.trim().replace(/−/g, '-');
  const off = /^(UTC|GMT)\s?([+-])\s?(\d{1,2})(?::?(\d{2}))?$/i.exec(z);
  if (off) return `${off[1]!.toUpperCase()}${off[2]}${Number(off[3])}${off[4] && off[4] !== '00' ? ':' + off[4] : ''}`;
  const named = /^(Eastern|Central|Mountain|Pacific)\b/i.exec(z);
  if (named) return named[1]![0]!.toUpperCase() + named[1]!.slice(1).toLowerCase();
  if (z.includes('/')) return z;
  return z.toUpperCase();
}

/** Offset east of UTC in minutes, or undefined for an unknown zone. */
export function zoneOffsetMinutes(zone: string | undefined): number | undefined {
  if (!zone) return undefined;
  const z = normaliseZone(zone);
  const off = /^(UTC|GMT)([+-])(\d{1,2})(?::(\d{2}))?$/.exec(z);
  if (off) return (off[2] === '-' ? -1 : 1) * (Number(off[3]) * 60 + Number(off[4] ?? 0));
  const v = ZONES[z.toUpperCase()];
  return v;
}

// ---------------------------------------------------------------------------------------------
// Calendar helpers (UTC day numbers; no Date objects, no local time).

/** Days since 1970-01-01 for a proleptic Gregorian date. */
export function dayNumber(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function fromDayNumber(n: number): { year: number; month: number; day: number } {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

export function isoDate(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

function parseIso(iso: string): { year: number; month: number; day: number } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new Error(`not an ISO date: ${iso}`);
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

export function addDays(iso: string, n: number): string {
  const d = parseIso(iso);
  const r = fromDayNumber(dayNumber(d.year, d.month, d.day) + n);
  return isoDate(r.year, r.month, r.day);
}

/** b - a in days. */
export function daysBetween(a: string, b: string): number {
  const x = parseIso(a);
  const y = parseIso(b);
  return dayNumber(y.year, y.month, y.day) - dayNumber(x.year, x.month, x.day);
}

function daysInMonth(year: number, month: number): number {
  return dayNumber(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) - dayNumber(year, month, 1);
}

function validDate(year: number | undefined, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year ?? 2000, month);
}

// ---------------------------------------------------------------------------------------------
// The component scanner.

interface Cursor {
  s: string;
  i: number;
}

function sticky(src: string): RegExp {
  return new RegExp(src, 'iy');
}

const RE = {
  // 2019-11-29, 20202-01-16 (typo), 2024/03/05, 2024-Mar-05, 2024-03-05T09:14:00Z handled as date then time
  // (a colon right after the date ends it, `- 2023-01-04:`; a colon and a digit is not a date, `2023-01-04:12`)
  isoDate: sticky('(\\d{4,5})([-/.])(\\d{1,2})\\2(\\d{1,2})(?!\\d|:\\d)'),
  // 2023-MM-DD, 2023-01-XX, 2023-??-??: a date with the month or day left as a placeholder (redacted)
  redactedDate: sticky('((?:19|20)\\d{2})-(\\d{2}|MM|XX|\\?\\?)-(\\d{2}|DD|XX|\\?\\?)(?!\\w|:\\d)'),
  isoMonthName: sticky(`(\\d{4})-${MONTH_RE}-(\\d{1,2})(?!\\d)`),
  // 05-03-2024 (DD-MM-YYYY), 03/05/2024 (MM/DD/YYYY), 05.03.2024 (DD.MM.YYYY)
  dmy: sticky('(\\d{1,2})([-/.])(\\d{1,2})\\2(\\d{4})(?!\\d)'),
  // [MM-DD HH:MM] (only when a time follows)
  mdNoYear: sticky('(\\d{1,2})-(\\d{1,2})(?=\\s+\\d{1,2}:\\d{2})'),
  // 01/04, 1/4 (MM/DD without a year; only at the start of an entry): followed by a time, by a separator
  // (`1/4: …`, `1/4 - …`, `1/4 |`), or by nothing (a date cell). `3/4 of the nodes`, `1/2.5`, `24/7` are not dates.
  mdSlash: sticky(
    '(\\d{1,2})/(\\d{1,2})(?![\\d/.,]\\d|\\d|/)(?=\\s*(?:,\\s*|\\s+(?:at\\s+)?)\\d{1,2}:?\\d{2}(?!\\d)|\\s*(?:[:|]|[-–—](?!\\d))|\\s*[*_)\\]]*\\s*$)',
  ),
  // Mar 5, Mar 5th 2024, March 5, 2024, Feb 20 2018, Sept. 3
  monthDay: sticky(`${MONTH_RE}\\.?\\s+(\\d{1,2})${ORD}(?:\\s*[-–]\\s*\\d{1,2}${ORD})?(?!\\d|:\\d)`),
  // the year after a month and day (read apart: see readYear)
  yearAfter: sticky('(,\\s*|\\s+)((?:19|20)\\d{2})(?!\\d|:\\d)'),
  // 5th Mar 2024, 19. April, 15 May, 5-9th Mar
  dayMonth: sticky(`(\\d{1,2})${ORD}(?:\\s*[-–]\\s*(\\d{1,2})${ORD})?\\.?\\s+(?:of\\s+)?${MONTH_RE}\\.?(?![a-z])`),
  weekday: sticky(`${WEEKDAY_RE}\\.?(?![a-z])`),
  // 12:34, 9:05:07, 10h14, 12:34:56.789
  time: sticky('(\\d{1,2})(?::(\\d{2})(?::(\\d{2})(?:\\.\\d+)?)?|h(\\d{2}))(?![\\d])'),
  // 0914 (military), only accepted when followed by a zone or "hrs"
  // 0914 (military), only accepted when followed by a zone, `Z` or "hrs" (or in a timeline written that way: hhmm)
  military: new RegExp(`([01]\\d|2[0-3])([0-5]\\d)(?=\\s*(?:hrs\\b|h\\b|${ZONE_TOKEN_RE})|Z(?![A-Za-z]))(?:\\s*(?:hrs|h)\\b)?`, 'y'),
  // 0914 in a timeline that writes its times that way: not part of a longer number, a date, a version or a ratio
  hhmm: sticky('([01]\\d|2[0-3])([0-5]\\d)(?![\\d%]|[:/.,]\\d|\\s*(?:%|percent|users|requests|errors|ms|s\\b))(?:\\s*(?:hrs|h)\\b)?'),
  meridiem: sticky('\\s?([ap])\\.?\\s?m\\.?(?![a-z])'),
  // 3pm, 11 a.m.: an hour alone, only with its meridiem
  hourMeridiem: sticky('(1[0-2]|0?[1-9])(?=\\s?[aApP]\\.?\\s?[mM]\\.?(?![a-zA-Z]))'),
  zone: new RegExp(ZONE_TOKEN_RE, 'y'),
  isoZone: sticky('(Z|[+-]\\d{2}:?\\d{2})(?![\\d])'),
  // `T+0`, `T+4m`, `T+1h05m`, `T+90 min`, `T+1:05`, `T-10m`, `T+?`, before a separator or the end ("T+0 is 18:42" is prose)
  relative: sticky(
    String.raw`T\s?([+\-−])\s?(?:(\?+)|(\d{1,3})\s?h(?:rs?)?(?:\s?(\d{1,2})\s?m(?:ins?)?)?|(\d{1,4})\s?m(?:ins?)?|(\d{1,2}):(\d{2})|0)(?![\w+])(?=[*_\])]*\s*(?:[:|,–—-]|$))`,
  ),
  placeholderTime: sticky('(?:--:--|\\?\\?:\\?\\?|\\d?[xX?]{1,2}:[xX?]{2}|\\[\\?{2,}\\]|\\?{3,}|HH:MM|hh:mm|TBD|\\d{1,2}:[xX?]{2})'),
  rangeSep: sticky('\\s*(?:[-–—]|to|until)\\s*'),
  approxPrefix: sticky('(?:~|≈|ca\\.|circa|approx(?:\\.|imately)?|around|about)\\s*'),
  approxSuffix: sticky('\\s*(?:~|\\(?ish\\)?|\\((?:approx(?:\\.|imately)?|maybe (?:earlier|later)\\??|roughly|estimated|est\\.?)[^)]*\\))'),
  sep: sticky('(?:\\s*[-–—]\\s*(?=\\d{1,2}[:h]\\d{2})|\\s*,\\s*|\\s+at\\s+|\\s*T(?=\\d)|\\s+)'),
};

/** A clock time after a weekday: `14:02`, `9:05`, `9am`, `11 p.m.` (a bare number is not one). */
const WEEKDAY_TIME = /(?:\d{1,2}:\d{2}(?!\d)|(?:1[0-2]|0?[1-9])\s?[aApP]\.?\s?[mM]\.?(?![a-zA-Z]))/y;

function tryRe(c: Cursor, re: RegExp): RegExpExecArray | null {
  re.lastIndex = c.i;
  const m = re.exec(c.s);
  if (m && m[0].length > 0) {
    c.i = re.lastIndex;
    return m;
  }
  return null;
}

/** After a bare HHMM with no date before it: a separator, markup or the end (`0930 - paged`, `| 0930 |`, `**0930**:`). */
const HHMM_END = /[*_\])]*\s*(?:[:|,–—-]|$)/y;

function readTime(c: Cursor, ts: ParsedTimestamp, opts: TimestampOptions = {}, afterDate = false): TimeParts | null {
  const save = c.i;
  const m = tryRe(c, RE.time);
  let hour: number;
  let minute: number;
  let second: number | undefined;
  if (m) {
    hour = Number(m[1]);
    minute = Number(m[2] ?? m[4]);
    second = m[3] !== undefined ? Number(m[3]) : undefined;
  } else {
    let mm = tryRe(c, RE.military);
    const hourOnly = mm ? null : tryRe(c, RE.hourMeridiem);
    if (!mm && !hourOnly && opts.hhmm) {
      mm = tryRe(c, RE.hhmm);
      HHMM_END.lastIndex = c.i;
      // without a separator ("0325 first review lands"), only digits that cannot be a year (19xx, 20xx)
      if (mm && !afterDate && !HHMM_END.test(c.s) && !(/^(?:0\d|1[0-8]|2[1-3])/.test(mm[0]) && /^[ \t]+\S/.test(c.s.slice(c.i)))) {
        c.i = save;
        mm = null;
      }
    }
    if (hourOnly) {
      hour = Number(hourOnly[1]);
      minute = 0;
    } else if (mm) {
      hour = Number(mm[1]);
      minute = Number(mm[2]);
    } else return null;
  }
  if (hour > 24 || minute > 59 || (second !== undefined && second > 60)) {
    c.i = save;
    return null;
  }
  const time: TimeParts = { hour, minute };
  if (second !== undefined) time.second = second;
  const mer = tryRe(c, RE.meridiem);
  if (mer) {
    const pm = mer[1]!.toLowerCase() === 'p';
    if (ts.meridiem === undefined) ts.meridiem = pm ? 'pm' : 'am';
    if (hour >= 13 || hour === 0) {
      ts.pmOn24h = true;
    } else if (pm && hour < 12) {
      time.hour = hour + 12;
    } else if (!pm && hour === 12) {
      time.hour = 0;
    }
  } else if (m && hour >= 1 && hour <= 12 && second === undefined && m[4] === undefined) {
    ts.bareTwelveHour = true;
  }
  if (time.hour === 24) time.hour = 0;
  return time;
}

function dateFrom(year: number | undefined, month: number, day: number): DateParts | null {
  if (!validDate(year, month, day)) return null;
  const d: DateParts = { month, day };
  if (year !== undefined) d.year = year;
  return d;
}

/** What may follow a four-digit time: a zone, `Z` or "hrs". */
const AFTER_HHMM = new RegExp(`(?:\\s*(?:hrs?\\b|${ZONE_TOKEN_RE})|Z(?![A-Za-z]))`, 'y');
/** A time (with or without a colon) coming next. */
const TIME_NEXT = /\s*(?:,\s*)?\d{1,2}:?\d{2}(?!\d)/y;

/**
 * The year after a month and day, unless it is a four-digit time: `Feb 9 1924 UTC` (a zone follows) is 19:24, and so
 * is `Feb 9 1924:` in a timeline that writes its times as HHMM (unless another time follows: `Feb 9 2023 1924`).
 * A comma before it (`Feb 9, 2023`) always makes it a year.
 */
function readYear(c: Cursor, opts: ScanOptions): number | undefined {
  const save = c.i;
  const m = tryRe(c, RE.yearAfter);
  if (!m) return undefined;
  const digits = m[2]!;
  if (!m[1]!.includes(',') && Number(digits.slice(0, 2)) <= 23 && Number(digits.slice(2)) <= 59) {
    AFTER_HHMM.lastIndex = c.i;
    TIME_NEXT.lastIndex = c.i;
    if (AFTER_HHMM.test(c.s) || (opts.hhmm && !TIME_NEXT.test(c.s))) {
      c.i = save;
      return undefined;
    }
  }
  return Number(digits);
}

function readDate(c: Cursor, ts: ParsedTimestamp, opts: ScanOptions = {}): DateParts | null {
  const save = c.i;
  let m = tryRe(c, RE.isoDate);
  if (m) {
    let yearText = m[1]!;
    if (yearText.length === 5) {
      ts.yearTypo = true;
      yearText = yearText.slice(0, 4);
    }
    const d = dateFrom(Number(yearText), Number(m[3]), Number(m[4]));
    if (d) return d;
    c.i = save;
  }
  m = tryRe(c, RE.isoMonthName);
  if (m) {
    const d = dateFrom(Number(m[1]), MONTHS[m[2]!.toLowerCase()]!, Number(m[3]));
    if (d) return d;
    c.i = save;
  }
  m = tryRe(c, RE.dmy);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[3]);
    const y = Number(m[4]);
    // `/` is the US order (MM/DD/YYYY) unless the first number cannot be a month; `-` and `.` are DD-MM-YYYY.
    const us = m[2] === '/' && a <= 12;
    const d = us ? dateFrom(y, a, b) : dateFrom(y, b, a);
    if (d) return d;
    c.i = save;
  }
  m = tryRe(c, RE.mdNoYear);
  if (m) {
    const d = dateFrom(undefined, Number(m[1]), Number(m[2]));
    if (d) return d;
    c.i = save;
  }
  if (opts.leading) {
    m = tryRe(c, RE.mdSlash);
    if (m) {
      const a = Number(m[1]);
      const b = Number(m[2]);
      // US order (MM/DD) unless the first number cannot be a month
      const d = a <= 12 ? dateFrom(undefined, a, b) : dateFrom(undefined, b, a);
      if (d) return d;
      c.i = save;
    }
  }
  m = tryRe(c, RE.monthDay);
  if (m) {
    const year = readYear(c, opts);
    const d = dateFrom(year, MONTHS[m[1]!.toLowerCase()]!, Number(m[2]));
    if (d) return d;
    c.i = save;
  }
  m = tryRe(c, RE.dayMonth);
  if (m) {
    const month = MONTHS[m[3]!.toLowerCase()]!;
    const year = readYear(c, opts);
    const d = dateFrom(year, month, Number(m[1]));
    if (d) {
      if (m[2]) {
        const e = dateFrom(year, month, Number(m[2]));
        if (e) {
          ts.endDate = e;
          ts.isRange = true;
        }
      }
      return d;
    }
    c.i = save;
  }
  return null;
}

function readZone(c: Cursor): string | null {
  const save = c.i;
  const ws = /\s*/y;
  ws.lastIndex = c.i;
  ws.exec(c.s);
  c.i = ws.lastIndex;
  const paren = c.s[c.i] === '(';
  if (paren) c.i++;
  const m = tryRe(c, RE.zone);
  if (!m) {
    c.i = save;
    return null;
  }
  if (paren) {
    if (c.s[c.i] !== ')') {
      c.i = save;
      return null;
    }
    c.i++;
  }
  return normaliseZone(m[0]);
}

/**
 * Parse a timestamp at the start of `text` (from offset `from`), skipping leading markup
 * (`**`, `__`, `[`, `(`, `~`, `|`, `#`, `>`). Returns null when the text does not start with a date or a time.
 * A date-only result (`2021-12-10`, `May 12`) has no `time`.
 */
export function parseLeadingTimestamp(text: string, from = 0, options: TimestampOptions = {}): ParsedTimestamp | null {
  const opts: ScanOptions = { ...options, leading: true };
  const c: Cursor = { s: text, i: from };
  // Skip markup, but remember whether a `~` was among it (approximation).
  const mk = /[\s*_[(|>#]*/y;
  mk.lastIndex = c.i;
  mk.exec(text);
  c.i = mk.lastIndex;
  // `` `14:02` ``: a timestamp written as inline code (it must end where the code span ends)
  const code = text[c.i] === '`' && text[c.i + 1] !== '`';
  if (code) c.i++;
  const ts: ParsedTimestamp = { start: c.i, end: c.i, raw: '', confidence: 'high' };
  const ap = tryRe(c, RE.approxPrefix);
  if (ap) {
    ts.approximate = true;
    const mk2 = /[\s*_[(]*/y;
    mk2.lastIndex = c.i;
    mk2.exec(text);
    c.i = mk2.lastIndex;
  }
  if (!ap) ts.start = c.i;
  const rel = tryRe(c, RE.relative);
  if (rel) {
    if (rel[2]) ts.placeholder = true;
    else {
      const [h, m] = rel[3] ? [rel[3], rel[4]] : rel[5] ? ['0', rel[5]] : rel[6] ? [rel[6], rel[7]] : ['0', '0'];
      ts.relative = (rel[1] === '+' ? 1 : -1) * (Number(h) * 60 + Number(m ?? 0));
    }
    ts.end = c.i;
    ts.raw = text.slice(ts.start, ts.end);
    ts.confidence = ts.placeholder ? 'low' : 'medium';
    return ts;
  }
  let end = c.i;
  let date: DateParts | null = null;
  let time: TimeParts | null = null;
  let zone: string | null = null;
  let sawWeekday = false;
  for (let guard = 0; guard < 10; guard++) {
    const before = c.i;
    if (guard > 0) {
      if (!tryRe(c, RE.sep) && !/^[([]/.test(text[c.i] ?? '')) {
        // components may also be directly adjacent (`2018-01-17T17:14Z`)
      }
      if (text[c.i] === '(' || text[c.i] === '[') {
        // `(Oct 29)`, `(17:14 UTC)`, `(UTC)`
        const inner = parseParenthetical(text, c.i, ts, date !== null, time !== null);
        if (inner) {
          if (inner.date) date = inner.date;
          if (inner.zone && !zone) zone = inner.zone;
          c.i = inner.end;
          end = c.i;
          continue;
        }
        c.i = before;
        break;
      }
    }
    if (!time && !ts.placeholder) {
      const ap2 = guard > 0 ? tryRe(c, RE.approxPrefix) : null;
      if (ap2) ts.approximate = true;
      const ph = tryRe(c, RE.placeholderTime);
      if (ph) {
        ts.placeholder = true;
        end = c.i;
        continue;
      }
    }
    if (!date && !ts.dateRedacted) {
      const d = readDate(c, ts, opts);
      if (d) {
        date = d;
        end = c.i;
        continue;
      }
      const r = tryRe(c, RE.redactedDate);
      if (r) {
        if (/^\d+$/.test(r[2]!) && /^\d+$/.test(r[3]!)) {
          c.i = before;
          break;
        }
        ts.dateRedacted = true;
        end = c.i;
        continue;
      }
    }
    if (!sawWeekday) {
      const save = c.i;
      const w = tryRe(c, RE.weekday);
      if (w) {
        // A weekday must be followed by a date/time or stand after one (`09:14 AM PST Tuesday Mar 5th`).
        sawWeekday = true;
        ts.weekday = w[1]!.toLowerCase();
        if (date || time) end = c.i;
        else {
          const probe = c.i;
          const sep = /[\s,]+/y;
          sep.lastIndex = probe;
          sep.exec(text);
          const look: Cursor = { s: text, i: sep.lastIndex };
          const scratch: ParsedTimestamp = { start: 0, end: 0, raw: '', confidence: 'high' };
          // or by a clock time ("Tuesday 14:02", "Wed 9am"), read by the next round
          WEEKDAY_TIME.lastIndex = look.i;
          if (!readDate(look, scratch, opts) && !WEEKDAY_TIME.test(text)) {
            c.i = save;
            ts.weekday = undefined;
            break;
          }
        }
        continue;
      }
    }
    if (!time && !ts.placeholder) {
      const t = readTime(c, ts, opts, date !== null || ts.dateRedacted === true);
      if (t) {
        // A bare `H:MM` directly after a weekday word with no date is still fine; a time must not be a ratio like `1:3`.
        time = t;
        end = c.i;
        const r = readRangeEnd(c, ts);
        if (r) {
          ts.endTime = r;
          ts.isRange = true;
          end = c.i;
        }
        const iz = tryRe(c, RE.isoZone);
        if (iz) {
          zone =
            iz[1] === 'Z'
              ? 'UTC'
              : `UTC${iz[1]!.slice(0, 3).replace(/^([+-])0/, '$1')}${iz[1]!.endsWith('00') ? '' : ':' + iz[1]!.slice(-2)}`;
          end = c.i;
        }
        continue;
      }
    }
    if (ts.placeholder && !time && !date) {
      // `[???]` etc. take no more components except a zone
    }
    if (!zone && (time || ts.placeholder || date)) {
      const z = readZone(c);
      if (z) {
        zone = z;
        end = c.i;
        continue;
      }
    }
    const sx = tryRe(c, RE.approxSuffix);
    if (sx && (time || date)) {
      ts.approximate = true;
      end = c.i;
      continue;
    }
    c.i = before;
    break;
  }
  if (!date && !time && !ts.placeholder && !(ts.dateRedacted && end > ts.start)) return null;
  // A lone day range or weekday with nothing else is not enough.
  ts.end = end;
  // Trailing `~` directly after the time (`10:45~`)
  if (text[ts.end] === '~') {
    ts.approximate = true;
    ts.end++;
  }
  if (code) {
    // the code span holds the timestamp and nothing else
    if (text[ts.end] !== '`') return null;
    if (options.code !== 'any' && !/^`[*_]*\s*(?:[:|–—-]|$)/.test(text.slice(ts.end, ts.end + 8))) return null;
    ts.code = true;
  }
  // A redacted date with nothing else known is a placeholder (`2023-MM-DD: …`).
  if (ts.dateRedacted && !time && !date) ts.placeholder = true;
  ts.raw = text.slice(ts.start, ts.end);
  if (date) ts.date = date;
  if (time) ts.time = time;
  if (zone) ts.zone = zone;
  if (ts.placeholder || ts.yearTypo || ts.pmOn24h || ts.dateRedacted) ts.confidence = 'low';
  else if (ts.approximate || (!time && date)) ts.confidence = 'medium';
  // A bare time like `1:03` in a sentence ("1:03 ratio") is rare at the start of an entry; keep high.
  return ts;
}

/** The timestamp places an entry in time: a clock time, a relative time (`T+4m`) or a placeholder for one. */
export function marksMoment(ts: ParsedTimestamp): boolean {
  return ts.time !== undefined || ts.placeholder === true || ts.relative !== undefined;
}

/**
 * Does this line start with a 24-hour time written without a colon, unambiguously (`- 2022-02-02 1625: …`,
 * `0930 UTC - …`, `| 1412 | …`)? A four-digit number that could be a year (19xx, 20xx) counts only after a dated
 * year or before a zone. Used to find timelines written in that style (TimestampOptions.hhmm).
 */
export function isHhmmLine(line: string): boolean {
  const t = line.replace(/^\s*(?:[-*+]|\d{1,3}[.)])\s+/, '').replace(/(?<!\s)\s*\|\s*/g, ' ');
  const ts = parseLeadingTimestamp(t, 0, { hhmm: true });
  if (!ts || !ts.time || ts.meridiem || /\d[:h]\d\d/.test(ts.raw)) return false;
  // the last four digits not followed by four more: the last run of four or more, from at most seven before its end
  const run = [...ts.raw.matchAll(/\d{4,}/g)].at(-1)?.[0];
  const from = run ? Math.max(0, run.length - 7) : 0;
  const digits = run?.slice(from, from + 4);
  if (!digits) return false;
  return ts.date?.year !== undefined || ts.zone !== undefined || !/^(?:19|20)\d\d$/.test(digits);
}

/**
 * A milestone label before its timestamp: `Detected: 2023-01-04 14:02 UTC`, `- First alert — 14:02`,
 * `**Resolved:** 14:50`, `Mitigated at 15:10`. The label is a few words (no digits) and not a metadata key
 * (`Date:`, `Duration:`, `Last updated:` …); the timestamp must give a time of day. Offsets are into `text`.
 */
export function parseLabelledTimestamp(
  text: string,
  from = 0,
  options: TimestampOptions = {},
): { label: string; labelStart: number; ts: ParsedTimestamp } | null {
  LABEL_LEAD.lastIndex = from;
  const m = LABEL_LEAD.exec(text);
  if (!m) return null;
  const label = m[1]!.replace(/\s+/g, ' ').trim();
  if (label.split(' ').length > 6 || METADATA_LABEL.test(label)) return null;
  const ts = parseLeadingTimestamp(text, from + m[0].length, options);
  if (!ts || !ts.time || ts.placeholder) return null;
  // `Rollback started at 10:20`: after "at" the time ends the clause (`The deploy at 14:02 broke logins` is prose)
  if (/(?:at|@)[ \t*_]*$/.test(m[0]) && !/^[*_`]*\s*(?:$|[.;,:(—–-])/.test(text.slice(ts.end))) return null;
  return { label, labelStart: from + m[0].indexOf(m[1]!), ts };
}

const LABEL_LEAD =
  /[ \t>]*(?:(?:\*\*|__|[*_])[ \t]*)?(\p{L}[\p{L}\p{N}'’“”"&/.% \t-]{0,48}?[\p{L}\p{N})”"])[ \t]*(?:(?:\*\*|__|[*_])[ \t]*)?(?::|(?<=[ \t])(?:[-–—]|at|@)(?=[ \t])|[–—])[ \t]*(?:\*\*|__|[*_])?/uy;
/** Labels of metadata fields (a header list's `Date: …`), never milestones. */
const METADATA_LABEL =
  /^(?:(?:incident |report |start |end )?(?:date|day|time ?zone|tz)s?|times?|duration|(?:last )?(?:updated|modified|edited|reviewed)|published|written|created|authors?|owners?|status|severity|sev|priority|version|release|port|price|cost|ticket|id|link|url|when)$/i;

function readRangeEnd(c: Cursor, ts: ParsedTimestamp): TimeParts | null {
  const save = c.i;
  if (!tryRe(c, RE.rangeSep)) return null;
  const approx = tryRe(c, RE.approxPrefix);
  const scratch: ParsedTimestamp = { start: 0, end: 0, raw: '', confidence: 'high' };
  // A second date in the range (`2024-03-05 22:40 - 2024-03-06 01:15`) is skipped over.
  const t = readTime(c, scratch);
  if (!t) {
    c.i = save;
    return null;
  }
  if (approx) ts.approximate = true;
  // `9:00 - 11:00 PM`: the suffix on the end applies to both ends when the start had none.
  if (scratch.meridiem && !ts.meridiem) {
    ts.meridiem = scratch.meridiem;
  }
  return t;
}

/** A string that is exactly one zone token. */
const WHOLE_ZONE = new RegExp(`^${ZONE_TOKEN_RE}$`);

function parseParenthetical(
  text: string,
  at: number,
  ts: ParsedTimestamp,
  haveDate: boolean,
  haveTime: boolean,
): { end: number; date?: DateParts; zone?: string } | null {
  const open = text[at]!;
  const close = open === '(' ? ')' : ']';
  const stop = text.indexOf(close, at + 1);
  if (stop < 0 || stop - at > 60) return null;
  const inner = text.slice(at + 1, stop);
  if (/^\s*(?:approx(?:\.|imately)?|maybe (?:earlier|later)\??|roughly|estimated|est\.?|ish)\b[^)]*$/i.test(inner)) {
    ts.approximate = true;
    return { end: stop + 1 };
  }
  if (/^\s*(?:not sure|unsure|unknown|exact time unknown)[^)]*$/i.test(inner)) {
    ts.approximate = true;
    return { end: stop + 1 };
  }
  const z = /^(?:times? in\s+)?([^)]*)$/i.exec(inner.trim());
  if (z && z[1] && WHOLE_ZONE.test(z[1])) return { end: stop + 1, zone: normaliseZone(z[1]) };
  const sub = parseLeadingTimestamp(inner);
  if (!sub || inner.slice(sub.end).trim() !== '') return null;
  const out: { end: number; date?: DateParts; zone?: string } = { end: stop + 1 };
  if (sub.date && !haveDate) out.date = sub.date;
  else if (sub.date && haveDate && !sub.time) return null;
  if (sub.time && haveTime && sub.zone) ts.alt = { time: sub.time, zone: sub.zone };
  else if (sub.time) return null;
  if (sub.zone && !sub.time) out.zone = sub.zone;
  return out;
}

/**
 * A heading or bare line that is only a date: `May 12`, `15 May`, `2018-01-15`, `Tuesday, March 5th 2024`,
 * `May 12 (times in EEST)`. Returns the date and, when given, a zone. Null when anything else follows.
 */
export function parseDayHeading(text: string): { date: DateParts; zone?: string; endDate?: DateParts } | null {
  const t = text.replace(/^[\s#*_]+/, '').replace(/(?<![\s*_:.])[\s*_:.]+$/, '');
  const ts = parseLeadingTimestamp(t);
  if (!ts || !ts.date || ts.time || ts.placeholder) return null;
  const rest = t.slice(ts.end).trim();
  let zone = ts.zone;
  if (rest !== '') {
    const z = findZoneDeclaration(rest);
    if (!z || rest.replace(/[()]/g, '').trim().split(/\s+/).length > 5) return null;
    zone = z.zone;
  }
  const out: { date: DateParts; zone?: string; endDate?: DateParts } = { date: ts.date };
  if (zone) out.zone = zone;
  if (ts.endDate) out.endDate = ts.endDate;
  return out;
}

const MONTH_YEAR = sticky(`${MONTH_RE}\\.?\\s+(\\d{4})`);

/**
 * An absolute date anywhere in `text`: ISO, DD-MM-YYYY, MM/DD/YYYY, month names (with or without year),
 * and weak dates: `Q4 2025`, `March 2026`, `sprint 42` (weak, with the quarter's / month's last day when known).
 */
export function parseDate(text: string): DateParts | null {
  for (let i = 0; i < text.length; i++) {
    const prev = i > 0 ? text[i - 1]! : ' ';
    if (/[A-Za-z0-9]/.test(prev)) continue;
    const ch = text[i]!;
    if (!/[0-9A-Za-z]/.test(ch)) continue;
    const c: Cursor = { s: text, i };
    const scratch: ParsedTimestamp = { start: 0, end: 0, raw: '', confidence: 'high' };
    const d = readDate(c, scratch);
    if (d) return d;
    const q = /Q([1-4])\s*(?:FY\s*)?'?(\d{4}|\d{2})(?!\d)/iy;
    q.lastIndex = i;
    const qm = q.exec(text);
    if (qm) {
      const year = qm[2]!.length === 2 ? 2000 + Number(qm[2]) : Number(qm[2]);
      const month = Number(qm[1]) * 3;
      return { year, month, day: daysInMonth(year, month), weak: true };
    }
    MONTH_YEAR.lastIndex = i;
    const my = MONTH_YEAR.exec(text);
    if (my) {
      const month = MONTHS[my[1]!.toLowerCase()]!;
      const year = Number(my[2]);
      return { year, month, day: daysInMonth(year, month), weak: true };
    }
  }
  return null;
}

/** `sprint 42` and similar: a weak, undated horizon. */
export function isWeakHorizon(text: string): boolean {
  return /\b(?:sprint\s*\d+|next (?:sprint|week|month|quarter)|end of (?:the )?(?:sprint|quarter|month|year)|Q[1-4]\b)/i.test(text);
}

/** Case-insensitive letters for a literal word inside an otherwise case-sensitive pattern. */
function ci(word: string): string {
  return word.replace(/[a-z]/g, (ch) => `[${ch}${ch.toUpperCase()}]`);
}

// The declaration patterns of findZoneDeclaration (zone token in group 1), compiled once.
const ZONE_DECLARATIONS: readonly RegExp[] = (() => {
  const Z = `(${ZONE_TOKEN_RE})`;
  return [
    new RegExp(
      `(?<![A-Za-z])(?:${ci('all')}\\s+)?${ci('time')}s?\\s+(?:(?:${['below', 'here', 'are', 'is', 'given', 'shown', 'listed', 'in', 'as', 'the'].map(ci).join('|')})\\s+){0,4}${Z}`,
    ),
    new RegExp(
      `(?<![A-Za-z])(?:${ci('date')}\\s+${ci('and')}\\s+)?${ci('time')}(?:${ci('stamps')}?|${ci('zone')})?\\s*(?:${ci('in')}\\s+)?\\(${Z}\\)`,
    ),
    new RegExp(`(?<![A-Za-z])${ci('time')}\\s?${ci('zone')}:?\\s+${Z}`),
  ];
})();

/**
 * A zone declaration in prose: `All times in CET.`, `_All times in EEST_`, `_Times are in Pacific time._`, `(times in BST)`,
 * `Date and Time in CET`, `All times PDT (UTC-7).`, `Time (UTC)`, `All times are in\nUTC`.
 */
export function findZoneDeclaration(text: string): { zone: string; start: number; end: number } | null {
  const flat = text.replace(/\s+/g, ' ');
  for (const re of ZONE_DECLARATIONS) {
    const m = re.exec(flat);
    if (m) {
      // Map back to the unflattened text approximately: search the zone token after the match start.
      const zoneText = m[1]!;
      const approx = mapFlatOffset(text, m.index);
      const zi = text.indexOf(zoneText.split(' ')[0]!, approx);
      const start = zi >= 0 ? zi : approx;
      return { zone: normaliseZone(zoneText), start, end: start + zoneText.length };
    }
  }
  return null;
}

function mapFlatOffset(text: string, flatIndex: number): number {
  let f = 0;
  let i = 0;
  while (i < text.length && f < flatIndex) {
    if (/\s/.test(text[i]!)) {
      while (i + 1 < text.length && /\s/.test(text[i + 1]!)) i++;
    }
    i++;
    f++;
  }
  return i;
}

const ANY_ZONE = new RegExp(`(?<![A-Za-z])(${ZONE_TOKEN_RE})`);

/** A zone token appearing anywhere in `text` (e.g. a table header `Time (UTC)`). */
export function findZoneToken(text: string): string | null {
  const m = ANY_ZONE.exec(text);
  return m ? normaliseZone(m[1]!) : null;
}

/** Minutes from a duration phrase: `7 hours 9 minutes`, `0h 12m`, `~2h`, `279 minutes`, `1.5 hours`, `2 days`. */
export function parseDuration(text: string): number | null {
  const re = /(?<!\d)(\d+(?:\.\d+)?)\s*(d(?:ays?)?|h(?:ours?|rs?)?|m(?:in(?:ute)?s?)?)(?![a-z])/gi;
  let total = 0;
  let found = false;
  for (const m of text.matchAll(re)) {
    const v = Number(m[1]);
    const u = m[2]!.toLowerCase()[0];
    total += u === 'd' ? v * 1440 : u === 'h' ? v * 60 : v;
    found = true;
  }
  return found ? Math.round(total) : null;
}

/** `+12m`, `+1h05m`, `+1d 02:10` (negative values get a `-`). */
export function formatElapsed(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  let m = Math.abs(Math.round(minutes));
  const d = Math.floor(m / 1440);
  m -= d * 1440;
  const h = Math.floor(m / 60);
  const mm = m - h * 60;
  if (d > 0) return `${sign}${d}d ${pad(h)}:${pad(mm)}`;
  if (h > 0) return `${sign}${h}h${pad(mm)}m`;
  return `${sign}${mm}m`;
}

/** `HH:MM` or `HH:MM:SS`. */
export function formatTime(t: TimeParts): string {
  return `${pad(t.hour)}:${pad(t.minute)}${t.second !== undefined ? ':' + pad(t.second) : ''}`;
}
