// Field parsing for action items: owners, due dates, trackers, status, priority, type, done criterion.
// PURE: string in, offsets out. Every Field span is an absolute UTF-16 offset (base + index in the slice).
import { tokens } from '../text/nlp';
import { joinLines } from '../text/text';
import type { ActionStatus, DueField, Field } from './model';
import { isoDate, isWeakHorizon, parseDate } from '../text/datetime';

// ---------------------------------------------------------------------------------------------
// Table columns

export type ColumnRole = 'action' | 'owner' | 'due' | 'status' | 'priority' | 'type' | 'tracker' | 'done' | 'reason';

const COLUMN_ROLES: [RegExp, ColumnRole][] = [
  [/^(action( items?)?|actions|item|items|task|tasks|description|what|follow[- ]?ups?|remediation|todo|to do|title|summary)$/, 'action'],
  [/^(owners?|assignee|assignees|assigned( to)?|who|dri|responsible|lead)$/, 'owner'],
  [/^(due( date)?|deadline|target( date)?|eta|when|by|date|due by|target release)$/, 'due'],
  [/^(status|state|done\??|progress)$/, 'status'],
  [/^(priority|prio|pri|severity|p)$/, 'priority'],
  [/^(type|kind|category|class)$/, 'type'],
  [/^(tickets?|issues?|bugs?|trackers?|tracking|jira|links?|refs?|references?|pr|prs|pull requests?|issue link)$/, 'tracker'],
  [/^(done when|done criteria|definition of done|acceptance( criteria)?|success criteria|verification|verified by|exit criteria)$/, 'done'],
  [/^(reasons?|why|rationale|justification|reason for .+)$/, 'reason'],
];

/** Normalise a header cell ("**Action Item**" → "action item"). */
export function normaliseHeader(text: string): string {
  return text
    .replace(/[*_`]/g, '')
    .replace(/\([^()]*\)/g, '')
    .replace(/(?<![:?])[:?]+\s*$/, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

export function columnRole(header: string): ColumnRole | undefined {
  const h = normaliseHeader(header);
  for (const [re, role] of COLUMN_ROLES) if (re.test(h)) return role;
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Owners

export type OwnerKind = 'person' | 'team' | 'we' | 'unknown' | 'everyone';

const UNKNOWN_OWNERS = new Set([
  'tbd',
  'tbc',
  '?',
  '??',
  '???',
  'n/a',
  'na',
  'none',
  'unassigned',
  'nobody',
  'unknown',
  '-',
  '—',
  '–',
  'todo',
  'tba',
  'anyone',
]);
/** "not yet assigned", "no owner yet", "to be assigned": the owner field says there is none. */
const NO_OWNER_YET =
  /^(?:not (?:yet )?(?:assigned|decided|known)|no(?:t| one| owner)(?: assigned)?(?: yet)?|to be (?:assigned|decided|confirmed|determined)|(?:still )?unowned|needs? an owner)$/;
const WE_OWNERS = new Set(['we', 'us', 'our team', 'the team', 'team', 'ourselves', 'me', 'i']);
const EVERYONE_OWNERS = new Set([
  'everyone',
  'everybody',
  'all',
  'all hands',
  'all engineers',
  'all teams',
  'each team',
  'every team',
  'whole team',
]);
const TEAM_WORDS = new Set([
  'sre',
  'sres',
  'ops',
  'eng',
  'engineering',
  'infra',
  'infrastructure',
  'platform',
  'security',
  'secops',
  'devops',
  'oncall',
  'on-call',
  'support',
  'qa',
  'dev',
  'devs',
  'dba',
  'dbas',
  'netops',
  'network',
  'networking',
  'product',
  'frontend',
  'backend',
  'mobile',
  'data',
  'ml',
  'release',
  'legal',
  'comms',
  'marketing',
  'management',
  'leadership',
  'finance',
  'billing',
  'payments',
  'sales',
  'hr',
  'compliance',
  'procurement',
  'purchasing',
  'accounting',
  'facilities',
  'operations',
]);

export function classifyOwner(value: string): OwnerKind {
  const v = value
    .replace(/[*_`[\]]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
  if (v === '' || UNKNOWN_OWNERS.has(v) || NO_OWNER_YET.test(v)) return 'unknown';
  if (WE_OWNERS.has(v)) return 'we';
  if (EVERYONE_OWNERS.has(v)) return 'everyone';
  // GitHub team handles (@org/team), "<x> team", "<x> squad", well-known function names.
  if (/^@[\w.-]+\/[\w.-]+$/.test(v)) return 'team';
  if (/\b(team|squad|group|guild|crew|org|department|dept|committee|rotation)$/.test(v)) return 'team';
  if (TEAM_WORDS.has(v.replace(/^@/, ''))) return 'team';
  return 'person';
}

/** Split an owner value ("@maria, @li", "maria/li", "Ana and Raj") into one Field per owner. */
export function splitOwners(value: string, base: number): Field[] {
  // "@org/team" must not be split at its slash.
  if (/^\s*@[\w.-]+\/[\w.-]+\s*$/.test(value)) {
    const lead = value.length - value.trimStart().length;
    const v = value.trim();
    return [{ start: base + lead, end: base + lead + v.length, value: v }];
  }
  const out: Field[] = [];
  const re = /[^,;/&+]+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(value))) {
    // "and" also separates owners ("Ana and Raj"), but not inside a team name like "Research and Development team".
    const piece = m[0];
    const parts =
      /(?<!\s)\s+and\s+/i.test(piece) && !/\b(team|squad|group)\s*$/i.test(piece) ? piece.split(/((?<!\s)\s+and\s+)/i) : [piece];
    let offset = m.index;
    for (const part of parts) {
      if (/^\s+and\s+$/i.test(part)) {
        offset += part.length;
        continue;
      }
      const lead = part.length - part.trimStart().length;
      const trimmed = part.trim();
      // Strip trailing sentence punctuation from an owner ("@sam." at the end of a sentence).
      // (a closing parenthesis stays when the owner opens it: "Service Desk Manager (Fatima El Idrissi)")
      const clean = trimmed.replace(/(?<![.)])[.)]+$/, (m) => (trimmed.includes('(') && m.startsWith(')') ? ')' : ''));
      // a name soft-wrapped over two lines ("Database\nReliability Engineering") reads as one line
      if (clean !== '')
        out.push({ start: base + offset + lead, end: base + offset + lead + clean.length, value: clean.replace(/\s+/g, ' ') });
      offset += part.length;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Due dates (kept small on purpose: absolute dates, quarters/sprints/horizons as weak, vague words)

export interface DueParse {
  /** ISO date when absolute. */
  date?: string;
  weak?: boolean;
  /** ASAP, soon, TBD, later...: says nothing about when. */
  vague?: boolean;
}

const VAGUE_DUE =
  /^(asap|a\.s\.a\.p\.?|soon|soonish|tbd|tbc|tba|later|ongoing|when possible|whenever|someday|some day|eventually|n\/a|na|none|\?+|-|—|in the (coming|next few) (days|weeks|months)|in the (near|foreseeable) future|as soon as possible|at some point|next|immediately|now|urgent)$/i;
const WEAK_DUE =
  /^(?:(?:by|in|before|during|end of|eo)\s+)?(?:q[1-4](?:\s*[-/']?\s*(?:fy)?\d{2,4})?(?:\s*[-–]\s*q[1-4](?:\s*\d{2,4})?)?|h[12](?:\s*\d{4})?|fy\d{2,4}|(?:next|this|the next|current)\s+(?:sprint|week|month|quarter|release|cycle|iteration|milestone)|sprint\s*\d+|next\s+\d+\s+(?:days?|weeks?|months?)|(?:\d+|two|three|four|six)\s+(?:weeks?|months?|days?)|eow|eom|eoq|eoy|end of (?:the )?(?:week|month|quarter|year|sprint)|v?\d+\.\d+(?:\.\d+)?(?:\s+release)?)$/i;

/**
 * Parse a due-date value with the shared date parser. A date without a year ("Mar 13") takes `yearHint`
 * (the document's year) or the year of `today`; quarters, months and sprints are weak dates.
 */
export function parseDue(value: string, today?: string, yearHint?: number): DueParse {
  const v = value
    .replace(/[*_`]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[.,;]$/, '');
  if (v === '') return { vague: true };
  if (VAGUE_DUE.test(v)) return { vague: true };
  const d = parseDate(v);
  if (d && !d.weak) {
    const year = d.year ?? yearHint ?? (today ? Number(today.slice(0, 4)) : undefined);
    if (year !== undefined) return { date: isoDate(year, d.month, d.day) };
  }
  if (d?.weak || WEAK_DUE.test(v) || isWeakHorizon(v)) return { weak: true };
  return { vague: true };
}

// ---------------------------------------------------------------------------------------------
// Status

const DONE_RE =
  /^(?:\[x\]|✅|✔️?|☑️?|done|completed?|fixed|resolved|closed|merged|shipped|finished|implemented|deployed|released|landed|complete|yes|y)$/i;
const WONT_RE =
  /^(?:won'?t (?:do|fix)|won’t (?:do|fix)|wontfix|wont-?do|will not (?:do|fix)|not doing|rejected|declined|dropped|cancell?ed|obsolete|abandoned|no)$/i;
const DEFERRED_RE =
  /^(?:deferred|postponed|backlog(?:ged)?|on hold|parked|icebox(?:ed)?|not now|paused|later|let(?:ting)? go(?: of it)?(?: for now)?)$/i;
const OPEN_RE =
  /^(?:\[ \]|todo|to do|to-do|open|in progress|in-progress|doing|wip|started|planned|blocked|pending|not started|ongoing|new|failed|in review|review|proposed|accepted|triaged)$/i;

/** Status from a status cell / marker / label ("DONE", "✅", "In progress", "won't do"). */
export function parseStatus(value: string): ActionStatus | undefined {
  const v = value
    .replace(/[*_`~]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/(?<![:.!])[:.!]+$/, '');
  if (v === '') return undefined;
  if (DONE_RE.test(v)) return 'done';
  if (WONT_RE.test(v)) return 'wont-do';
  if (DEFERRED_RE.test(v)) return 'deferred';
  if (OPEN_RE.test(v)) return 'open';
  const first = v.split(/[\s(—–:-]/)[0] ?? '';
  if (/^(done|completed?|fixed|merged|closed|resolved|✅)$/i.test(first)) return 'done';
  if (/^(deferred|postponed|backlog|parked)$/i.test(first) || /^let(?:ting)? go\b/i.test(v)) return 'deferred';
  if (/^(rejected|declined|wontfix|cancell?ed|dropped)$/i.test(first) || /^(?:won['’]?t (?:do|fix)|not doing)\b/i.test(v)) return 'wont-do';
  return undefined;
}

/** A status value's leading status words ("let go: low value", "Won't do — superseded by OPS-12"), and what follows. */
const STATUS_LEAD =
  /^\s*[*_`~]*(?:let(?:ting)? go(?: of it)?(?: for now)?|won['’]?t (?:do|fix)|will not (?:do|fix)|not doing|wontfix|wont-?do|dropped|deferred|postponed|rejected|declined|cancell?ed|parked|on hold|backlog(?:ged)?|obsolete|abandoned|not now)[*_`~]*\s*[:—–,;(-]?\s*/i;

/**
 * The reason written in a status value after its status words ("let go: low value" → "low value"), with its
 * offset from `base`; undefined when nothing with a letter follows.
 */
export function statusReason(value: string, base: number): Field | undefined {
  const m = STATUS_LEAD.exec(value);
  if (!m) return undefined;
  return reasonField(value, m[0].length, value.length, base);
}

/** The reason in value[from, to): trimmed of separators and closing brackets; undefined without a letter. */
export function reasonField(text: string, from: number, to: number, base: number): Field | undefined {
  // (an HTML comment is a note to the editor, not a reason: its characters are read as blanks)
  const masked = text.slice(from, to).replace(/<!--[\s\S]*?(?:-->|$)/g, (c) => ' '.repeat(c.length));
  let s = 0;
  let e = masked.length;
  while (s < e && /[\s—–:;,(.-]/.test(masked[s]!)) s++;
  while (e > s && /[\s)—–;,]/.test(masked[e - 1]!)) e--;
  if (!/\p{L}/u.test(masked.slice(s, e))) return undefined;
  return { start: base + from + s, end: base + from + e, value: text.slice(from + s, from + e) };
}

/** Status implied by a group heading or bold label ("Immediate Actions (Completed)", "Deferred", "Won't do"). */
export function statusFromGroup(title: string): ActionStatus | undefined {
  const t = title.toLowerCase();
  if (/\b(won['’]?t do|not doing|rejected|declined|will not do|dropped|cancell?ed)\b/.test(t)) return 'wont-do';
  if (/\b(deferred|postponed|backlog|parked|on hold|let(?:ting)? go)\b/.test(t)) return 'deferred';
  if (
    /\b(completed|done|finished|already (done|implemented|taken)|resolved|implemented|taken)\b/.test(t) &&
    !/\b(to be|not yet|before)\b/.test(t)
  )
    return 'done';
  return undefined;
}

export interface LeadStatus {
  status: ActionStatus;
  field: Field;
}

/**
 * Status written at the start of an item: `**DONE**:`, `TODO:`, `✅`, `[DONE]`, "Won't do, because …", "Deferred: …",
 * or elsewhere: "(Done as of 2024-03-06)", "it was rejected", past tense ("We enabled …", "Reverted the …").
 */
export function findLeadStatus(text: string, base: number): LeadStatus | undefined {
  let m = /^\s*(?:\*\*|__)?\[?(DONE|TODO|DOING|IN PROGRESS|FAILED|WIP|DEFERRED|WON'?T DO|WONTFIX|BLOCKED)\]?(?:\*\*|__)?\s*[:\-–—]?/i.exec(
    text,
  );
  if (m) {
    const word = m[1]!;
    const status = parseStatus(word) ?? 'open';
    const idx = text.indexOf(word);
    return { status, field: { start: base + idx, end: base + idx + word.length, value: word } };
  }
  m = /^\s*(✅|✔️?|☑️?)/.exec(text);
  if (m) {
    const idx = text.indexOf(m[1]!);
    return { status: 'done', field: { start: base + idx, end: base + idx + m[1]!.length, value: m[1]! } };
  }
  m =
    /^\s*(?:\*\*|__)?(won['’]?t (?:do|fix)|will not (?:do|fix)|not doing|deferred|postponed|rejected|declined|(?:let go(?: for now)?|dropped)(?=(?:\*\*|__)?\s*[:—–]))\b/i.exec(
      text,
    );
  if (m) {
    const idx = text.indexOf(m[1]!);
    return { status: parseStatus(m[1]!) ?? 'wont-do', field: { start: base + idx, end: base + idx + m[1]!.length, value: m[1]! } };
  }
  m = /\((?:\*\*)?(done|completed|fixed|merged|deferred|won['’]?t do)(?: as of [^)]*| on [^)]*)?(?:\*\*)?\)/i.exec(text);
  if (m) {
    return { status: parseStatus(m[1]!) ?? 'done', field: { start: base + m.index, end: base + m.index + m[0].length, value: m[1]! } };
  }
  m = /\b(?:was|were|has been|have been)\s+(rejected|declined|dropped|abandoned)\b/i.exec(text);
  if (m) return { status: 'wont-do', field: { start: base + m.index, end: base + m.index + m[0].length, value: m[1]! } };
  // Past tense: "We enabled …", "We've tightened …", "Reverted the …", "Switched to …".
  m = /^\s*(?:\*\*[^*]+\*\*:?\s*)?(we(?:['’]ve| have)(?:\s+\w+){0,4}?\s+[a-z-]+ed\b|we\s+[a-z-]+ed\b)/i.exec(text);
  if (m && !/^\s*we\s+(need|should|want|will|must|could)/i.test(text)) {
    const idx = text.indexOf(m[1]!);
    return { status: 'done', field: { start: base + idx, end: base + idx + m[1]!.length, value: m[1]! } };
  }
  m = /^\s*([A-Z][a-z]*(?:-[a-z]+)?ed|Sent|Built|Wrote|Made|Set up)\s+(?:the|a|an|our|all|this|these|that|its|their|to|per-\w+)\b/.exec(
    text,
  );
  if (m) {
    const idx = text.indexOf(m[1]!);
    return { status: 'done', field: { start: base + idx, end: base + idx + m[1]!.length, value: m[1]! } };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Trackers

/** Keys that look like `KEY-123` but are not tickets. */
const NOT_TRACKER_KEYS = new Set([
  'CVE',
  'CWE',
  'CWA',
  'GHSA',
  'SEV',
  'PR',
  'RFC',
  'ISO',
  'UTC',
  'GMT',
  'UTF',
  'SHA',
  'AES',
  'MD',
  'TLS',
  'SSL',
  'HTTP',
  'HTTPS',
  'TCP',
  'UDP',
  'IP',
  'IPV',
  'ES',
  'ECMA',
  'RHSA',
  'RHBA',
  'RHEA',
  'DSA',
  'DLA',
  'USN',
  'KB',
  'MS',
  'COVID',
  'NIST',
  'SP',
  'OWASP',
  'CIS',
  'PEP',
  'JSR',
  'EIP',
  'BIP',
  'ICD',
  'HIPAA',
  'GDPR',
  'SOC',
  'PCI',
  'IEC',
  'EN',
  'ANSI',
  'WCAG',
  'X',
  'CPU',
  'GPU',
  'AMD',
  'ARM',
  'EC',
  'GP',
  'PG',
  'GMT',
  'CET',
  'CEST',
  'PST',
  'PDT',
  'EST',
  'EDT',
  'BST',
  'IST',
  'JST',
  'AEST',
  'SLO',
  'SLA',
  'OKR',
  'Q',
]);

const TRACKER_URL = [
  /github\.com\/[^/\s]+\/[^/\s]+\/(issues|pull|pulls|discussions)\/\d+/i,
  /gitlab\.[^/\s]+\/.+\/-\/(issues|merge_requests|work_items)\/\d+/i,
  /gitlab\.com\/.+\/(issues|merge_requests)\/\d+/i,
  /atlassian\.net\/(browse|jira\/.*\/issues?)\/?/i,
  /\/browse\/[A-Z][A-Z0-9]+-\d+/,
  /linear\.app\/[^/\s]+\/issue\//i,
  /youtrack\.[^/\s]+\/issue\//i,
  /\/youtrack\/issue\//i,
  /app\.shortcut\.com\/.+\/story\/\d+/i,
  /app\.clubhouse\.io\/.+\/story\/\d+/i,
  /bugzilla\.[^/\s]+\/show_bug\.cgi/i,
  /issuetracker\.google\.com\/issues\/\d+/i,
  /bugs\.chromium\.org\/|crbug\.com\/\d+/i,
  /dev\.azure\.com\/.+\/_workitems\//i,
  /visualstudio\.com\/.+\/_workitems\//i,
  /trello\.com\/c\//i,
  /app\.asana\.com\/\d+\/\d+/i,
  /monday\.com\/boards\/\d+\/pulses\/\d+/i,
  /bitbucket\.org\/[^/\s]+\/[^/\s]+\/(issues|pull-requests)\/\d+/i,
  /sr\.ht\/.+\/(issues|tickets?)\/\d+|todo\.sr\.ht\//i,
  /codeberg\.org\/[^/\s]+\/[^/\s]+\/(issues|pulls)\/\d+/i,
  /redmine\.[^/\s]+\/issues\/\d+|\/issues\/\d+$/i,
];

const TRACKER_LINK_TEXT =
  /^\[?\s*(issue|issues|pr|prs|pull request|pull-request|merge request|mr|ticket|bug|jira|jira link|jira ticket|tracking issue|tracked in .*|#\d+|[A-Z][A-Z0-9]{1,9}-\d+|b\/\d+)\s*\]?$/i;

/** true when the URL points at an issue/PR/ticket in a known tracker. */
export function isTrackerUrl(url: string): boolean {
  if (/slack\.com|zoom\.us|meet\.google|docs\.google|grafana|datadog|statuspage|status\.|notion\.so\/(?!.*[?&]p=)/i.test(url)) return false;
  return TRACKER_URL.some((re) => re.test(url));
}

export function isTrackerKey(key: string): boolean {
  const m = /^([A-Z][A-Z0-9]{1,9})-(\d+)$/.exec(key);
  if (!m) return false;
  if (NOT_TRACKER_KEYS.has(m[1]!)) return false;
  if (/^P\d$/.test(m[1]!)) return false;
  return true;
}

export interface TrackerOptions {
  /** Reference-style link definitions: lower-cased label → URL. */
  definitions?: Map<string, string>;
}

/** Every tracker reference in `text` (URLs to trackers, `KEY-123`, `#123`, `b/123`, reference-style links). */
export function findTrackers(text: string, base: number, options: TrackerOptions = {}): Field[] {
  const out: Field[] = [];
  const taken: [number, number][] = [];
  const overlaps = (s: number, e: number) => taken.some(([a, b]) => s < b && e > a);
  const add = (s: number, e: number, value: string) => {
    if (overlaps(s, e)) return;
    taken.push([s, e]);
    out.push({ start: base + s, end: base + e, value });
  };
  let m: RegExpExecArray | null;
  // Inline links [text](url): a tracker URL, or a generic tracker word as text with any non-chat URL. Link text is read
  // up to the next bracket either way, so a run of unclosed "[" is one pass, not one per bracket (issue 20).
  const linkRe = /(?<!\\)\[((?:\\.|[^[\]\\])*)\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g;
  while ((m = linkRe.exec(text))) {
    const label = m[1]!;
    const url = m[2]!;
    if (isTrackerUrl(url) || (TRACKER_LINK_TEXT.test(label.trim()) && /^https?:/i.test(url) && !/slack\.com/i.test(url))) {
      add(m.index, m.index + m[0].length, url);
    } else {
      taken.push([m.index, m.index + m[0].length]);
    }
  }
  // Bare and autolinked URLs.
  const urlRe = /https?:\/\/[^\s<>()[\]]+[^\s<>()[\].,;:!?'"]/g;
  while ((m = urlRe.exec(text))) {
    if (isTrackerUrl(m[0])) add(m.index, m.index + m[0].length, m[0]);
    else taken.push([m.index, m.index + m[0].length]);
  }
  // Reference-style links: [text][label], [label][], [label] (only when defined).
  const refRe = /(?<!\\)\[((?:\\.|[^[\]\\])+)\](?:\[((?:\\.|[^[\]\\])*)\])?(?![(:])/g;
  while ((m = refRe.exec(text))) {
    const label = (m[2] || m[1]!).trim().toLowerCase();
    const url = options.definitions?.get(label);
    if (url === undefined) continue;
    if (isTrackerUrl(url) || /^#\d+$/.test(label) || TRACKER_LINK_TEXT.test(m[1]!.trim())) add(m.index, m.index + m[0].length, url);
  }
  // Keys: ABC-123.
  const keyRe = /(?<![\w/#.-])([A-Z][A-Z0-9]{1,9}-\d+)(?![\w-])/g;
  while ((m = keyRe.exec(text))) if (isTrackerKey(m[1]!)) add(m.index, m.index + m[1]!.length, m[1]!);
  // #123 (not #channel, not "#1 priority").
  const hashRe = /(?<![\w&/#])#(\d{2,})(?![\w-])/g;
  while ((m = hashRe.exec(text))) add(m.index, m.index + m[0].length, m[0]);
  // Google-style b/123456.
  const bRe = /(?<![\w/])b\/(\d{4,})\b/g;
  while ((m = bRe.exec(text))) add(m.index, m.index + m[0].length, m[0]);
  out.sort((a, b) => a.start - b.start);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Inline fields: "owner: @x — due: 2026-04-05 — ticket: OPS-12 — done when: …"

export type InlineKey = 'owner' | 'due' | 'tracker' | 'status' | 'priority' | 'type' | 'done' | 'reason';

const INLINE_KEYS: [RegExp, InlineKey][] = [
  [/^(owners?|assignee|assigned to|dri|decision owner|responsible|accountable|action owner)$/i, 'owner'],
  [/^(due|due date|deadline|target|target date|eta|due by)$/i, 'due'],
  [/^(ticket|tickets|issue|bug|tracker|tracking|jira)$/i, 'tracker'],
  [/^(status)$/i, 'status'],
  [/^(priority|prio)$/i, 'priority'],
  [/^(type)$/i, 'type'],
  [/^(done when|done criteria|acceptance|acceptance criteria|success criteria|definition of done)$/i, 'done'],
  [/^(reasons?|rationale)$/i, 'reason'],
];

export interface InlineField extends Field {
  key: InlineKey;
  /** The whole "key: value" including the leading separator. */
  whole: { start: number; end: number };
}

const INLINE_RE =
  /(^|[\s(;|,—–-])(?:\*\*|__)?(owners?|assignee|assigned to|dri|decision owner|responsible|accountable|action owner|due date|due by|due|deadline|target date|target|eta|tickets?|issue|bug|tracker|tracking|jira|status|priority|prio|type|done when|done criteria|acceptance criteria|acceptance|success criteria|definition of done|reasons?|rationale)(?:\*\*|__)?\s*(?::|(?=\s+@))(?:\*\*|__)?\s*/gi;

/** Find `key: value` fields; values run to the next field or the end (trailing separators trimmed). */
export function findInlineFields(text: string, base: number): InlineField[] {
  const hits: { key: InlineKey; sepStart: number; valueStart: number }[] = [];
  let m: RegExpExecArray | null;
  INLINE_RE.lastIndex = 0;
  while ((m = INLINE_RE.exec(text))) {
    const name = m[2]!.toLowerCase();
    const key = INLINE_KEYS.find(([re]) => re.test(name))?.[1];
    if (!key) continue;
    // a reason is a field only with its colon ("reason: …"; "for this reason @sam …" is prose)
    if (key === 'reason' && !m[0].includes(':')) continue;
    // "Type" / "Issue" / "Target" are common words: require a colon and a short value for them.
    hits.push({ key, sepStart: m.index + m[1]!.length, valueStart: m.index + m[0].length });
  }
  const out: InlineField[] = [];
  for (let i = 0; i < hits.length; i++) {
    const h = hits[i]!;
    const limit = i + 1 < hits.length ? hits[i + 1]!.sepStart : text.length;
    // an HTML comment ends the value (a note inserted after an empty field is not its value)
    const comment = text.slice(h.valueStart, limit).indexOf('<!--');
    let end = comment >= 0 ? h.valueStart + comment : limit;
    // Trim trailing separators and whitespace before the next field.
    while (end > h.valueStart && /[\s—–;,|(-]/.test(text[end - 1]!)) end--;
    let value = text.slice(h.valueStart, end);
    // A value ends at a closing paren or sentence end for single-token fields.
    if (h.key === 'owner' || h.key === 'due' || h.key === 'tracker' || h.key === 'priority' || h.key === 'status') {
      // Comma/semicolon lists of fields: "(owner: @dana, due 2026-01-10, OPS-1)". An owner list ("@maria, @li",
      // "maria, li") stays whole unless a field word, a ticket key or a date follows the comma; any other value
      // ends at the first ", " / "; ".
      const listCut =
        h.key === 'owner'
          ? /[,;]\s+(?=(?:due|deadline|target|eta|ticket|issue|bug|tracker|status|priority|type|done)\b|[A-Z][A-Z0-9]+-\d|#\d|\d{4}-\d)/i
          : /[,;]\s/;
      // (a parenthesis the value opens itself, "Service Desk Manager (Fatima El Idrissi)", is part of it)
      const masked = value.replace(/\([^()]*\)/g, (m) => '_'.repeat(m.length));
      const cut = new RegExp(`\\)|\\.\\s|\\.$|\\s—|\\s–|${h.key === 'owner' ? ',\\s+with\\b|' : ''}${listCut.source}`).exec(masked);
      if (cut && !(h.key === 'due' && /^\d{4}\.\d/.test(value))) {
        end = h.valueStart + cut.index;
        value = text.slice(h.valueStart, end);
      }
    }
    value = value.replace(/(?<![*_])[*_]+$/, '');
    end = h.valueStart + value.length;
    // Whole span starts at the separator before the key (so a fix can remove/replace it cleanly).
    let wholeStart = h.sepStart;
    while (wholeStart > 0 && /[\s—–;|]/.test(text[wholeStart - 1]!)) wholeStart--;
    out.push({ key: h.key, start: base + h.valueStart, end: base + end, value, whole: { start: base + wholeStart, end: base + end } });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Owners in free text

/**
 * Verbs an action item opens with when it is written as an imperative ("Add …", "set up …"). Used to tell an
 * imperative item from a subject ("Sam to add …"), and prose actions from narrative.
 */
const IMPERATIVE_VERBS = new Set(
  (
    'add adjust adopt align allow alert analyse analyze announce apply archive ask assess assign audit automate avoid backfill ' +
    'roll restart lower unpin pause resume reorder rerun reword shard trigger unify wire warm throttle reroute route prune purge ' +
    'prototype freeze drain decouple copy containerize containerise bake attach agree ' +
    'backport block build bump change check clarify clean clean-up cleanup collect communicate complete configure confirm consider ' +
    'consolidate contact continue convert coordinate create cut decide decommission define delete deploy deprecate design ' +
    'detect determine develop disable discuss document double-check draft drop educate eliminate email enable encourage enforce ' +
    'ensure escalate establish estimate evaluate expand explore expose extend figure file find finish fix follow force formalise ' +
    'formalize gather get give harden hold identify implement improve include increase inform install instrument integrate ' +
    'introduce investigate isolate keep limit look make mandate mark measure merge migrate mitigate monitor move notify open ' +
    'optimise optimize organise organize page patch pin plan populate prepare prevent prioritise prioritize protect provide ' +
    'provision publish pull push put raise re-enable re-evaluate reach record reduce refactor reevaluate remove rename replace ' +
    'report require research reset resolve restore restrict retire revert review revisit revise rework rewrite rotate run ' +
    'scale schedule scope secure send separate set setup ship simplify split stand standardise standardize start stop ' +
    'streamline strengthen subscribe support switch sync talk teach tell test think tighten track train triage tune turn ' +
    'update upgrade use validate verify watch work write'
  ).split(' '),
);

/** True when `word` (any case) is a verb an imperative action item opens with. */
export function isImperativeVerb(word: string): boolean {
  return IMPERATIVE_VERBS.has(word.toLowerCase());
}

/** Capitalised words that open sentences but never name an owner. */
const NOT_A_NAME = new Set(
  (
    'a an the this that these those it its they them their there here we our us you your i he she his her who which what ' +
    'when where why how each every all any some someone somebody something anyone anybody nobody none no nothing everything ' +
    'one both either neither also then now next later finally ideally hopefully eventually currently going moving plans plan ' +
    'goal goals steps step note notes todo action actions item items follow-up followup task tasks work need needs if once ' +
    'until after before while since because so but and or not as at in on of for from by with without to into please ' +
    'monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september ' +
    'october november december today tomorrow tonight future long-term short-term medium-term immediately ' +
    'traffic latency load memory disk usage service services database cache queue alerting monitoring logging ' +
    'grafana prometheus kubernetes terraform jenkins github gitlab sentry datadog pagerduty slack argocd argo helm redis ' +
    'postgres postgresql mysql kafka nginx envoy istio docker vault consul elasticsearch cloudflare bigquery snowflake ' +
    'deploy deploys deployment release builds build tests test ci cd dns api code config configuration documentation docs ' +
    'runbook runbooks dashboard dashboards metrics alerts alert logs backups backup users customers production staging'
  ).split(' '),
);

/** Technical acronyms that open a sentence as its subject but are systems, not owners ("CI will block …"). */
const NOT_AN_OWNER_ACRONYM = new Set(
  (
    'CI CD API APIS DNS CDN TLS SSL DB UI UX CLI SDK LB VM VMS OS CPU GPU RAM HTTP HTTPS URL URLS JSON YAML SQL AWS GCP GKE ' +
    'EKS AKS IAM VPC NFS SSH VPN SLO SLOS SLA SLI ETL CSV PR PRS MR TTL IP TCP UDP BGP CSS HTML JS PDF OOM RPC ACL MFA SSO ' +
    'LDAP CVE ID ETA TBD ASAP EOD EOW FYI NB TODO DONE WIP NOTE TBC RCA PS AND OR NOT IF'
  ).split(' '),
);

/** Words ending a team name ("the storage team", "Core-1 squad"). */
const TEAM_TAIL =
  '(?:team|teams|squad|group|folks|crew|org|department|rotation|guild|on-call|office|desk|committee|board|council|division)';
/** A team name of up to three words before its tail word ("the storage team", "Release engineering squad"). */
const TEAM_NAME = String.raw`(?:the\s+)?\p{L}[\p{L}\w.-]*(?:\s+\p{L}[\p{L}\w.-]*){0,2}\s+${TEAM_TAIL}`;
/** A value that is a team name and nothing else. */
const WHOLE_TEAM_NAME = new RegExp(`^${TEAM_NAME}$`, 'iu');
/** A name that ends in a team word ("Research and Development team"). */
const ENDS_IN_TEAM = new RegExp(`\\s${TEAM_TAIL}$`, 'i');

/** A date, due word or ticket: what makes a parenthesised group a list of the item's fields. */
const FIELD_PART =
  /^(?:due\b.*|by\s+\S.*|\d{4}-\d{2}-\d{2}|\d{1,2}\/\d{1,2}(?:\/\d{2,4})?|[A-Z][A-Z0-9]+-\d+|#\d+|Q[1-4](?:\s+\d{4})?|EO[WMQY]|P[0-4]|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:,?\s+\d{4})?)$/i;

/**
 * Groups of two or more short fields, each field with its offset in `text`: the comma- or semicolon-separated fields
 * of a parenthesised group ("(SRE, 2026-12-01)"), and the fields after an item's text set off by spaced dashes
 * ("Add contract tests — Platform QA — 2026-04-15").
 */
export function fieldGroups(text: string): { at: number; value: string }[][] {
  const groups: { at: number; value: string }[][] = [];
  for (const g of text.matchAll(/\(([^()]{3,100})\)/g)) {
    const parts = [...g[1]!.matchAll(/[^,;]+/g)].map((p) => ({ at: g.index + 1 + p.index + p[0].search(/\S|$/), value: p[0].trim() }));
    if (parts.length >= 2) groups.push(parts);
  }
  const line = /^[^\r\n]*/.exec(text)![0].trimEnd();
  const dashes = [...line.matchAll(/\s[—–-]\s+/g)];
  if (dashes.length >= 2) {
    const parts = dashes.map((d, i) => {
      const at = d.index + d[0].length;
      return { at, value: line.slice(at, dashes[i + 1]?.index ?? line.length).trim() };
    });
    if (parts.every((p) => p.value !== '' && p.value.length <= 40 && p.value.split(/\s+/).length <= 4)) groups.push(parts);
  }
  return groups;
}

/** The name among a group of fields ("(SRE, due 2026-12-01)", "— Platform QA — 2026-04-15"), with its offset in `text`. */
function groupedOwner(text: string): { start: number; value: string } | undefined {
  for (const parts of fieldGroups(text)) {
    if (!parts.some((p) => FIELD_PART.test(p.value))) continue;
    const owner = parts.find((p) => {
      if (FIELD_PART.test(p.value) || /^@[\w.-]+$/.test(p.value)) return false; // handles: read as mentions
      const words = p.value.split(/\s+/);
      if (WHOLE_TEAM_NAME.test(p.value)) return true;
      return words.length <= 3 && words.every((w) => nameLike(w));
    });
    if (owner) return { start: owner.at, value: owner.value };
  }
  return undefined;
}

/** "Storage team: …", "The Core-1 squad: …", "Growth Eng: …" at the start of an item. */
const TEAM_LABEL = new RegExp(
  String.raw`^\s*((?:the\s+)?[\p{L}@][\p{L}\w.-]*(?:\s+[\p{L}][\p{L}\w.-]*){0,2}\s+(?:${TEAM_TAIL}|eng|engineering|ops|operations)):\s+(?=\S)`,
  'iu',
);

/** The last part of an item's line after a spaced dash, before an optional ", by …" ("… — Platform QA, by May 3"). */
const TRAILING_OWNER = /\s[—–]\s+([^—–,;()\r\n]{2,40}?)(?:,\s*(?:by|due|before)\b[^\r\n—–]*)?\s*(?:\.\s*)?(?:\r?\n|$)/;

/** Parts of a group that are the item's fields: dates, due words, targets, tickets ("31/01/2027", "target Q1 2027"). */
function allFields(parts: string[]): boolean {
  return parts.every((p) => FIELD_PART.test(p.trim()) || /^(?:target|deadline|eta)\b/i.test(p.trim()));
}

const DETERMINER = /^(?:the|a|an|this|that|these|those|our|we|it|they|all|each|every|no|none|some|any)$/i;

/** Role titles beside a name in a group ("(Contracts Manager, A. Kowalczyk)"). */
const ROLE_TITLE =
  /^(?:(?:\p{Lu}[\p{L}-]*\s+){0,2}(?:manager|lead|director|officer|engineer|owner|head|chief|coordinator|administrator)|(?:head|chief|director|manager|lead) of\s.+)$/iu;

/** An e-mail address, a person's or a team's. */
const EMAIL = /^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$/;

/**
 * A person's or a team's name: "R. Achterberg", "Dev Chakraborty", "Network Operations", "Identity Platform Squad".
 * `loose` (where the layout already marks the place of an owner): any capitalised words that are not all common nouns
 * ("Service Reliability", "Change & Problem Management").
 */
function ownerShape(value: string, loose: boolean): boolean {
  if (/^@[\w.-]+$/.test(value) || WHOLE_TEAM_NAME.test(value) || EMAIL.test(value)) return true;
  if (/^(?:\p{Lu}\.\s?){1,3}\p{Lu}[\p{L}’'-]+$/u.test(value)) return true; // initials and a surname
  const words = value.split(/\s+/).filter((w) => w !== '&' && w !== 'and');
  if (words.length === 0 || words.length > (loose ? 4 : 3) || !words.every((w) => /^\p{Lu}[\p{L}’'.-]*$/u.test(w))) return false;
  const last = words[words.length - 1]!.toLowerCase();
  if (loose) return !words.every((w) => NOT_A_NAME.has(w.toLowerCase())) && !DETERMINER.test(words[0]!);
  if (words.length === 1) return TEAM_WORDS.has(last);
  return TEAM_WORDS.has(last) || words.every((w) => nameLike(w));
}

/**
 * An owner closing the item: after its last spaced dash when only fields follow it ("… — Supplier Management,
 * 31/01/2027 (PTASK-20931)", wrapped over lines or not), or in a parenthesised group ending one of its sentences, alone
 * or beside fields and a role ("… (Network Operations).", "(Control Systems Engineering, target Q1 2027)",
 * "(Contracts Manager, A. Kowalczyk)"). Offsets are within `text`.
 */
function closingOwner(text: string): { start: number; value: string } | undefined {
  // (trimmed by hand: a regular expression anchored at the end rescans a long run of spaces from each of its starts)
  let end = text.length;
  while (end > 0 && /[\s.]/.test(text[end - 1]!)) end--;
  const body = text.slice(0, end);
  const dash = [...body.matchAll(/\s[—–]\s+/g)].pop();
  if (dash) {
    const from = dash.index + dash[0].length;
    let tail = body.slice(from);
    // a closing group of tickets or dates ("(PTASK-20931)") is not the owner's
    const open = tail.endsWith(')') ? tail.lastIndexOf('(') : -1;
    const inner = open >= 0 ? tail.slice(open + 1, -1) : '';
    const ticket = open >= 0 && !inner.includes(')') && inner.trim() !== '' && allFields(inner.split(/[,;]/));
    if (ticket) tail = tail.slice(0, open).trimEnd();
    const parts = tail.split(',');
    const value = parts[0]!.trimEnd();
    if ((ticket || parts.length >= 2) && allFields(parts.slice(1)) && ownerShape(value.replace(/\s+/g, ' '), true))
      return { start: from, value };
    // a team and, in parentheses, the person in it: "… — Customer Care (Sofía)"
    const person = /^(\p{Lu}[\p{L}’'.-]*(?:\s+\p{Lu}[\p{L}’'.-]*){0,3})\s*\((\p{Lu}[\p{L}’'.-]*(?:\s+\p{Lu}[\p{L}’'.-]*)?)\)$/u.exec(tail);
    if (!ticket && person && ownerShape(person[1]!, true) && nameLike(person[2]!.split(/\s+/)[0]!)) return { start: from, value: tail };
  }
  for (const g of text.matchAll(/(?<=\s)\(([^()]{2,80})\)(?=\.?\s*$|\.\s+\p{Lu})/gu)) {
    const parts = [...g[1]!.matchAll(/[^,;]+/g)].map((p) => ({ at: g.index + 1 + p.index + p[0].search(/\S|$/), value: p[0].trim() }));
    const names = parts.filter((p) => !allFields([p.value]) && !ROLE_TITLE.test(p.value));
    if (names.length === 1 && ownerShape(names[0]!.value.replace(/\s+/g, ' '), false))
      return { start: names[0]!.at, value: names[0]!.value };
  }
  return undefined;
}

/** A short name before a colon at the start of an item ("SRE: add …", "Change Advisory Board: require …"). */
const NAME_LABEL = /^\s*(\p{Lu}[\p{L}\w.-]*(?:\s+\p{Lu}[\p{L}\w.-]*){0,3}):\s+(?=\S)/u;
/** Words that label a note, a field or a stage, not who does it ("Context: …", "Phase 2: …"). */
const NOT_AN_OWNER_LABEL =
  /^(?:note|notes|context|background|goal|why|impact|status|priority|owner|due|result|outcome|done|update|action|fix|todo|tbd|risk|scope|problem|idea|details?|summary|question|decision|example|phase|step|stage|option|proposal|reason|rationale|tip|warning|caveat|important|optional|bonus|ideally|short[- ]term|long[- ]term|next|then|later|first|second|third|finally|also|follow[- ]?up|prevention|detection|mitigation|remediation|process|tooling|monitoring|alerting|testing|docs|documentation)$/i;
/** The words of a label read as an owner: an acronym that is not a system's, or capitalised name words. */
function nameLabel(label: string): boolean {
  const words = label.split(/\s+/);
  if (words.length === 1 && NOT_AN_OWNER_LABEL.test(label)) return false;
  if (words.length === 1 && /^[A-Z][A-Z0-9]{1,6}$/.test(label)) return !NOT_AN_OWNER_ACRONYM.has(label);
  // a first word that could be a verb names a body only in a longer name ("Change Advisory Board")
  const nameWord = (w: string, i: number) => nameOrTeamWord(w) || (i === 0 && words.length >= 3 && isImperativeVerb(w));
  return words.length >= 2 && words.every(nameWord) && !NOT_AN_OWNER_LABEL.test(words[0]!);
}

/** "owned by Lena Park", "assigned to @lena", "driven by the storage team": a person, handle or team after the cue. */
const OWNED_BY = new RegExp(
  String.raw`\b(?:[Oo]wned|[Aa]ssigned|[Dd]riven|[Ll]ed|[Pp]icked up|[Tt]aken on)\s+(?:by|to)\s+((?:the\s+)?@[\w.-]+|${TEAM_NAME}\b|\p{Lu}[\p{L}\w.-]*(?:\s+\p{Lu}[\p{L}\w.-]*){0,2})`,
  'u',
);

/** A named owner, not a common word ("the", "this", "someone") in front of a name's place. */
function namesSomeone(value: string): boolean {
  return !NOT_A_NAME.has(
    value
      .replace(/^the\s+/i, '')
      .split(/\s+/)[0]!
      .toLowerCase(),
  );
}

/** "The Scheduler team owns this", "Mirela Costa from Support Engineering is driving this change": a later sentence naming who owns the item. */
const OWNS_THIS = new RegExp(
  String.raw`(?:^|[.!?]\s+)((?:[Tt]he\s+)?${TEAM_NAME}|\p{Lu}[\p{L}’'.-]+(?:\s+\p{Lu}[\p{L}’'.-]+){1,2})(?:\s+from\s+(?:the\s+)?\p{Lu}[\p{L}\w.-]*(?:\s+\p{Lu}[\p{L}\w.-]*){0,3})?\s+(?:owns|is (?:driving|leading|responsible for)|will (?:own|drive|lead)|has picked up)\s+(?:this|it|that|the (?:change|work|fix|item|project))\b`,
  'u',
);

/** A word that reads as part of a name or team name, not a common noun, pronoun or function word. */
function nameLike(word: string): boolean {
  const w = word.replace(/[’']s$/, '');
  if (/^@[\w.-]+(?:\/[\w.-]+)?$/.test(w)) return true;
  const lower = w.toLowerCase();
  if (w === 'IT') return true; // the department, not the pronoun
  if (NOT_A_NAME.has(lower)) return false;
  // ALL-CAPS acronyms (QA, SRE, SREs, DBA): owners unless a known system acronym.
  if (/^[A-Z][A-Z0-9]{1,6}s?$/.test(w)) return !NOT_AN_OWNER_ACRONYM.has(w.replace(/s$/, '').toUpperCase()) && !NOT_AN_OWNER_ACRONYM.has(w);
  if (TEAM_WORDS.has(lower)) return true;
  // letters beyond ASCII count (Tomás, Zoë, Łukasz, Søren)
  if (!/^\p{Lu}\p{Ll}*(?:[-.][\p{L}0-9]+)*[\p{Ll}0-9]$/u.test(w) && !/^\p{Lu}\p{Ll}+\p{Lu}\p{L}+$/u.test(w)) return false;
  if (isImperativeVerb(w)) return false;
  // Common nouns: gerunds and abstract suffixes ("Monitoring", "Deployment"), plurals ("Alerts", "Services").
  if (/(?:ing|tion|sion|ment|ness|ity|ance|ence|ure|ism)$/.test(lower)) return false;
  // past tenses opening a done record ("Switched to …", "Reverted …"), not names (Ahmed, Mohammed stay names)
  if (lower.length >= 5 && /ed$/.test(lower) && !/med$/.test(lower)) return false;
  if (lower.length >= 6 && /[bcdfghkmnprtvwxz]s$/.test(lower)) return false;
  if (/(?:ces|ses|ges|ues|ies|xes|shes|ches|tes|des)$/.test(lower)) return false;
  return true;
}

/** A word of a name or of a team's name ("Release", "Platform": team words even where they are not names). */
function nameOrTeamWord(word: string): boolean {
  return nameLike(word) || TEAM_WORDS.has(word.toLowerCase());
}

/** After "<owner> will/to": passive, negated or stative continuations that make the subject a thing, not an owner. */
const NOT_AN_ACTION_AFTER =
  /^(?:be|been|being|not|never|no|have been|continue to be|also be|remain|stay|need|happen|occur|apply|affect|fail|break)\b/i;

/** Past-tense verbs of a done record written with its owner first ("Sam fixed …", "Maria [added …](…)"). */
const DONE_VERB =
  /^\[?(?:[a-z]+(?:-[a-z]+)?ed|wrote|built|made|set up|sent|ran|took|did|put|shipped|rewrote|found|cut|led|drove|began|upgraded)\b/;

/** Words after a past-tense verb that make it an intransitive event ("Traffic increased after …"), not a done action. */
const EVENT_AFTER =
  /^(?:after|before|to|by|again|back|during|when|because|in|on|at|from|since|until|due|significantly|slightly|sharply|steadily|over|above|below|down|off|out|briefly|dramatically|and|or|,|\.|$)/i;

/** Owners of a parenthesised prefix ("(infra team) migrate …", "(sam, li) rotate …"): these words say it is not one. */
const NOT_PAREN_OWNER =
  /^(?:optional|done|wip|todo|stretch|nice to have|maybe|later|blocked|bonus|idea|new|ongoing|in progress|completed?|urgent|critical|high|medium|low|minor|major|easy|hard|small|large|required|recommended|long[- ]term|short[- ]term|medium[- ]term|immediate|follow[- ]?up|again|repeat|if needed|if possible|tbd|n\/a|e\.g\.|i\.e\.|see .*|cont(?:inued)?|note|draft|proposal|proposed)$/i;

export type TextOwnerKind = 'prefix' | 'subject' | 'mention' | 'done';

/**
 * Owners written in the text itself:
 * `@handle`, `[Team] Rotate …` and `(infra team) rotate …` prefixes, a name, acronym or team name as the subject
 * ("Storage team to add …", "QA to verify …", "Platform Engineering will …", "the Core-1 team is working on …"), and
 * done records with the owner first ("Sam fixed …"). An imperative ("Work with the X team to …") has no owner; "We"
 * and capitalised sentence starts ("Monitoring will be improved") are not owners.
 */
export function findTextOwners(text: string, base: number): { owners: Field[]; kind?: TextOwnerKind } {
  // (a name may start with a number when a capitalised word follows it: "[311 Call Centre]")
  let m = /^\s*\[([A-Za-z0-9][\w .&/-]{0,30})\]\s+(?=\S)(?![(:[])/.exec(text);
  if (m && !/^(x|X| |action item|action|todo|done|wip|#\d+)$/i.test(m[1]!) && (!/^\d/.test(m[1]!) || /^\d+\s+[A-Z][a-z]/.test(m[1]!))) {
    const s = m.index + m[0].indexOf(m[1]!);
    return { owners: [{ start: base + s, end: base + s + m[1]!.length, value: m[1]! }], kind: 'prefix' };
  }
  // "(infra team) migrate …", "(sam) rotate …", "(cloudops, tc) start …": short names before the item's own words.
  m = /^\s*\(([A-Za-z@][\w .&,/-]{0,40})\)\s+(?=[A-Za-z])/.exec(text);
  if (m) {
    const inner = m[1]!.trim();
    const parts = inner.split(/(?<!\s)\s*(?:,|\/|&|\band\b)\s*/).filter(Boolean);
    const ok =
      !NOT_PAREN_OWNER.test(inner) &&
      parts.length > 0 &&
      parts.every(
        (p) => !NOT_PAREN_OWNER.test(p) && /^@?[A-Za-z][\w.-]*(?:\s+[A-Za-z][\w.-]*){0,2}$/.test(p) && p.split(/\s+/).length <= 3,
      ) &&
      parts.every((p) => p.split(/\s+/).length === 1 || ENDS_IN_TEAM.test(p)) &&
      !parts.some((p) => /^(?:a|an|the|see|and|or|if|for|e\.g|i\.e|p[0-4]|q[1-4]|h[12])$/i.test(p) || isImperativeVerb(p.split(/\s+/)[0]!));
    if (ok) {
      const s = m.index + m[0].indexOf(inner);
      return { owners: splitOwners(inner, base + s), kind: 'prefix' };
    }
  }
  // "Networking team: document …": a team label before the item's own words
  m = TEAM_LABEL.exec(text);
  if (m) {
    const s = m.index + m[0].indexOf(m[1]!);
    return { owners: [{ start: base + s, end: base + s + m[1]!.length, value: m[1]! }], kind: 'prefix' };
  }
  // "NETOPS: move …", "Change Advisory Board: require …": an acronym or a name before a colon and an imperative
  m = NAME_LABEL.exec(text);
  if (m && nameLabel(m[1]!) && actionOpening(text.slice(m[0].length).replace(/^[a-z]/, (c) => c.toUpperCase())) === 'imperative') {
    const s = m.index + m[0].indexOf(m[1]!);
    return { owners: [{ start: base + s, end: base + s + m[1]!.length, value: m[1]! }], kind: 'prefix' };
  }
  // Strip a bold lead label ("**Monitor suspicious exceptions:** The error tracking team should …").
  const lead = /^\s*(?:\*\*[^*]+\*\*\s*:?\s*|__[^_]+__\s*:?\s*)?/.exec(text)![0].length;
  const rest = text.slice(lead);
  const role = ROLE_THEN_NAME.exec(rest);
  if (role && role[1]!.split(/\s+/).every(nameLike)) {
    const at = base + lead + role[0].indexOf(role[1]!, role[0].indexOf(','));
    return { owners: [{ start: at, end: at + role[1]!.length, value: role[1]! }], kind: 'subject' };
  }
  let subject = subjectOwner(rest);
  // after a transition or a leading clause: "To that end, Sam will meet …", "Once it ships, QA will verify …"
  const clause = subject ? undefined : LEADING_CLAUSE.exec(rest);
  const afterClause = clause ? subjectOwner(rest.slice(clause[0].length)) : undefined;
  if (clause && afterClause && !afterClause.done) subject = { ...afterClause, start: afterClause.start + clause[0].length };
  if (subject) {
    const at = base + lead + subject.start;
    const owners =
      / and /.test(subject.value) && !ENDS_IN_TEAM.test(subject.value)
        ? splitOwners(subject.value, at)
        : [{ start: at, end: at + subject.value.length, value: subject.value }];
    return { owners, kind: subject.done ? 'done' : 'subject' };
  }
  // "(SRE, due 2026-12-01)", "(Maria Lopez, OPS-12)", "— Platform QA — 2026-04-15": a name beside a date or ticket
  const grouped = groupedOwner(text);
  if (grouped) {
    const s = grouped.start;
    return { owners: [{ start: base + s, end: base + s + grouped.value.length, value: grouped.value }], kind: 'mention' };
  }
  // "… — Supplier Management, 31/01/2027 (PTASK-1)", "… stations (Network Operations).": a name closing the item
  const closing = closingOwner(text);
  if (closing) {
    const value = closing.value.replace(/\s+/g, ' ');
    return { owners: [{ start: base + closing.start, end: base + closing.start + closing.value.length, value }], kind: 'mention' };
  }
  // "Migrate the module — Data Platform", "Add a status banner — Community team, by end of May": a name after a
  // closing dash
  m = TRAILING_OWNER.exec(text);
  if (m) {
    const value = m[1]!.trim();
    const words = value.split(/\s+/);
    if (WHOLE_TEAM_NAME.test(value) || /^@[\w.-]+$/.test(value) || (words.length <= 3 && words.every(nameOrTeamWord))) {
      const s = m.index + m[0].indexOf(m[1]!);
      return { owners: [{ start: base + s, end: base + s + value.length, value }], kind: 'mention' };
    }
  }
  // "…, owned by Lena Park", "(assigned to the storage team)": the owner named after the action
  m = OWNED_BY.exec(text);
  if (m && namesSomeone(m[1]!)) {
    const s = m.index + m[0].length - m[1]!.length;
    // "Owned by Lena Park: write …" leads the item like a label
    const leads = /^\s*$/.test(text.slice(0, m.index)) && /^\s*:/.test(text.slice(m.index + m[0].length));
    const value = m[1]!.replace(/\s+/g, ' ');
    return { owners: [{ start: base + s, end: base + s + m[1]!.length, value }], kind: leads ? 'prefix' : 'mention' };
  }
  // "The Scheduler team owns this.", "Mirela Costa from Support Engineering is driving this change.": a later sentence
  m = OWNS_THIS.exec(text);
  if (m && namesSomeone(m[1]!)) {
    const s = m.index + m[0].indexOf(m[1]!);
    return { owners: [{ start: base + s, end: base + s + m[1]!.length, value: m[1]!.replace(/\s+/g, ' ') }], kind: 'mention' };
  }
  const mentions: Field[] = [];
  const re = /(?<![\w.@/])@([A-Za-z0-9](?:[\w.-]*[A-Za-z0-9_])?(?:\/[\w.-]+)?)/g;
  while ((m = re.exec(text))) mentions.push({ start: base + m.index, end: base + m.index + m[0].length, value: m[0] });
  if (mentions.length) return { owners: mentions, kind: 'mention' };
  return { owners: [] };
}

/** The owner named as the subject at the start of `rest`, if any (offset of the value within `rest`). */
function subjectOwner(rest: string): { start: number; value: string; done?: boolean } | undefined {
  // A team phrase: "[the] <up to four words> team|squad|group …" followed by a verb or modal.
  const team = new RegExp(
    `^((?:the\\s+)?[A-Za-z@][\\w.-]*(?:\\s+[A-Za-z][\\w.-]*){0,3}\\s+${TEAM_TAIL})(?=\\s+(?:should|will|to|must|shall|needs?|is|are|has|have|owns?|plans?|can|already|also|wants?|agreed|[a-z]+ed\\b|[a-z]+s\\b))`,
    'i',
  ).exec(rest);
  if (team) {
    const words = team[1]!.split(/\s+/);
    const body = /^(?:the|our)$/i.test(words[0]!) ? words.slice(1) : words;
    const ok =
      !body.some((w) =>
        /^(?:the|with|to|for|from|by|of|on|in|at|into|across|between|about|via|ask|tell|a|an|our|your|their|and|or)$/i.test(w),
      ) ||
      // "Research and Development team": "and" between two capitalised words
      /^(?:[A-Z][\w.-]*\s+and\s+[A-Z][\w.-]*\s+\S+)$/.test(body.join(' '));
    const first = body[0]!;
    // a bare "the team" / "our team" is the writers themselves (narrative: "The team ignored it"), not a named owner
    if (body.length < 2) return nameSubject(rest);
    // (a capitalised name may open with a verb: "The Change Advisory Board will …", "the Research Computing change
    // board will …")
    const named = body.every((w) => /^\p{Lu}/u.test(w)) || (body !== words && /^\p{Lu}/u.test(first));
    if (
      ok &&
      !(isImperativeVerb(first) && !TEAM_WORDS.has(first.toLowerCase()) && !named) &&
      !/^(?:we|our|this|that|these|it|a|an)$/i.test(first)
    ) {
      const after = rest.slice(team[0].length).trimStart();
      if (
        !/^(?:is|are)\s+(?:not\b|a\b|an\b|the\b|aware\b|unaware\b|responsible\b(?!\s+for))/i.test(after) ||
        /^(?:is|are)\s+responsible\s+for/i.test(after)
      )
        return { start: 0, value: team[1]! };
    }
  }
  return nameSubject(rest);
}

/**
 * An aside between a name and its verb: "Hyun-woo Park, who leads our SRE group, will run …", "Kerry Dube (user
 * support) is contacting …".
 */
const APPOSITIVE = /^(?:,\s+(?:who|whose|as|our|the|a|an)\b[^,.;:]{1,80},|\s+\([^()\r\n]{1,60}\))\s+(?=will|to|should|must|shall|is|are)/i;
/** A role with the name after it: "Our systems librarian, Wiremu Tāne, will …" (the name is the owner). */
const ROLE_THEN_NAME =
  /^(?:[Oo]ur|[Tt]he)\s+[\p{L}\s-]{2,40}?,\s+(\p{Lu}[\p{L}.’'-]*(?:\s+\p{Lu}[\p{L}.’'-]*){0,2}),\s+(?=will|to|should|must|shall)/u;

/** A name, acronym or team name of up to three words as the subject: "Sam", "QA", "Platform Engineering", "@sam", "Team". */
function nameSubject(rest: string): { start: number; value: string; done?: boolean } | undefined {
  const name =
    /^((?:@[\w.-]+(?:\/[\w.-]+)?|\p{L}[\p{L}\w.’'-]*)(?:\s+(?:(?:and|&)\s+)?(?:\p{Lu}[\p{L}\w.-]*|@[\w.-]+)){0,2})(?=\s+\S|,\s)/u.exec(
      rest,
    );
  if (!name) return undefined;
  const words = name[1]!.split(/\s+/);
  // try the longest name first ("Platform Engineering will"), then shorter ones ("Sam will")
  for (let n = words.length; n >= 1; n--) {
    const value = words.slice(0, n).join(' ');
    // an aside between the name and its verb: "Hyun-woo Park, who leads our SRE group, will run …"
    const after = rest.slice(value.length).replace(APPOSITIVE, '').replace(/^\s+/, '');
    const ws = words.slice(0, n);
    if (ws[ws.length - 1] === 'and' || ws[ws.length - 1] === '&') continue;
    // "Priya and Tom": two single names (each must read as a name on its own); "Identity & Access Management": one
    const pair = ws.includes('and');
    const org = ws.includes('&'); // capitalised words joined by "&" name an organisation, whatever the words
    const okName = ws.every((w, i) =>
      w === 'and' || w === '&'
        ? i > 0
        : i === 0 && !org
          ? // any capitalised first word of a team's name ("Release Engineering will …", "Build Ops to …")
            nameLike(w) ||
            /^team$/i.test(w) ||
            (ws.length >= 2 &&
              /^\p{Lu}/u.test(w) &&
              !/^(?:the|a|an|this|that|our|we|it|they)$/i.test(w) &&
              TEAM_WORDS.has(ws[ws.length - 1]!.toLowerCase()))
          : pair
            ? nameLike(w)
            : nameOrTeamWord(w) || (/^\p{Lu}/u.test(w) && !NOT_A_NAME.has(w.toLowerCase())),
    );
    if (!okName) continue;
    // single lower-case words are only owners as @handles or team words ("infra to …")
    if (n === 1 && /^\p{Ll}/u.test(value) && !TEAM_WORDS.has(value.toLowerCase())) continue;
    let mm =
      /^(?:to|will|should|must|shall|needs? to|is going to|are going to|is to|are to|plans? to|owns?|is on it|(?:is|are) (?=(?!being\b|missing\b|lacking\b|failing\b|causing\b)[a-z]+ing\b))\s*/i.exec(
        after,
      );
    if (mm) {
      const next = after.slice(mm[0].length);
      if (NOT_AN_ACTION_AFTER.test(next)) return undefined;
      // "Refuse to start …", "Continue to page …": a verb the lexicon knows before "to", not a name
      if (n === 1 && /^to\b/i.test(mm[0]) && verbBeforeTo(value)) return undefined;
      if (/^(?:to|will|should|must|shall)\b/i.test(mm[0]) && !/^[a-z]/.test(next)) continue;
      // "Stress to the shift leads that …", "Stress to all engineers …": "to" before a noun phrase is a preposition,
      // not the infinitive of a promise ("Sam to fix …")
      if (/^to\b/i.test(mm[0]) && PHRASE_START.test(next)) continue;
      return { start: 0, value };
    }
    mm = DONE_VERB.exec(after);
    if (mm && /^[\p{Lu}@]/u.test(value)) {
      const next = after
        .slice(mm[0].length)
        .replace(/^\]\([^)]*\)/, '')
        .trimStart();
      if (!/^\[/.test(after) && EVENT_AFTER.test(next)) continue;
      return { start: 0, value, done: true };
    }
  }
  return undefined;
}

const PHRASE_START = /^(?:the|a|an|all|every|each|our|their|his|her|its|this|that|these|those|everyone|everybody)\b/i;

/** A word the tagger reads as a verb in its base form before "to" ("refuse to …"); names stay names ("Sam to …"). */
function verbBeforeTo(word: string): boolean {
  const [t] = tokens(`${word.toLowerCase()} to do it.`);
  return !!t && !t.unknown && t.pos === 'VERB' && t.lemma === t.lower;
}

/** Verbs that open notes and asides rather than actions ("Note that …", "See #12"). */
const ASIDE_VERBS = /^(?:note|see|remember|thanks?|please note|consider this|keep in mind)\b/i;

/** The word after an imperative-looking first word that makes it a noun ("Work on this is tracked …", "Review of …"). */
const NOUN_AFTER = /^(?:of|is|was|were|are|has|had|will|would|can|could|may|might|should|seems?|went|itself|[-–—:]|\()/i;

/**
 * The kind of action a line of prose opens with, after any bold lead label, status word or list marker:
 * `imperative` ("Add …", "set up …"), `owner` ("QA to …", "(infra team) migrate …", "Sam fixed …"), `we`
 * ("We will …", "We'll …", "We should …"), or undefined for narrative, notes and lead-ins ending in ":".
 */
export function actionStart(line: string): 'imperative' | 'owner' | 'we' | undefined {
  // a bold title sentence ("**Retire the audit trigger.** Move auditing to …"): the title or the text after it
  // (a numbered title, "**A1. Hold firmware updates for two weeks.** Owner: …", is read without its number)
  const titled = /^\s*(?:\*\*|__)([^*_]{1,300}?[.!?])(?:\*\*|__)\s+(?=\S)/.exec(line);
  if (titled) {
    const title = joinLines(titled[1]!.replace(/^(?:[A-Z]{1,3}-?\d{1,3}|\d{1,3})[.):]\s+/, ''));
    return actionOpening(title) ?? actionStart(line.slice(titled[0].length));
  }
  const t = line
    .replace(/^\s*(?:(?:\*\*|__)[^*_]{1,60}(?:\*\*|__)\s*:?\s*)/, '')
    .replace(/^\s*(?:\[[ xX-]?\]\s*|(?:✅|✔️?|☑️?)\s*)/, '')
    // a leading group of fields ("(SRE, 2026-07-15) Add …"): the item's words follow it
    .replace(/^\s*\(([^()]{3,100})\)\s+(?=[A-Za-z])/, (m, inner: string) => (/[,;]/.test(inner) && fieldGroups(m).length ? '' : m))
    .trimStart();
  if (t === '' || (/:\s*$/.test(t) && lastSentence(t) === t)) return undefined;
  const kind = actionOpening(t);
  if (kind) return kind;
  // after a transition word or a leading clause ("Lastly, we will …", "Once the fix ships, QA will …"), only a
  // commitment with its subject counts: an imperative after a comma is as often a condition's consequence
  const lead = LEADING_CLAUSE.exec(t);
  const rest = lead ? actionOpening(t.slice(lead[0].length).replace(/^[a-z]/, (c) => c.toUpperCase())) : undefined;
  return rest === 'we' || rest === 'owner' ? rest : undefined;
}

/** A done record with its owner first ("Katya rolled the certificate back at 10:52."): narration outside an action section. */
export function isDoneRecord(line: string): boolean {
  return findTextOwners(line.trimStart(), 0).kind === 'done';
}

/** Where each sentence of a paragraph starts (0 first): after ".", "!" or "?" and spaces, before a capital. */
export function sentenceStarts(paragraph: string): number[] {
  return [0, ...[...paragraph.trimEnd().matchAll(/[.!?]["”’)]?\s+(?=["“(]?[A-Z])/g)].map((m) => m.index + m[0].length)];
}

/** The last sentence of a paragraph (all of it when it has one). */
export function lastSentence(paragraph: string): string {
  return paragraph.slice(sentenceStarts(paragraph).at(-1));
}

/**
 * The owners a sentence commits, after any transition or leading clause ("To that end, Sam will meet …", "Finance
 * Operations will refund …"), with offsets from `base`; none for a done record ("Sam fixed …"), "we" or ongoing work
 * ("is reviewing …"). The sentence starts at its first word.
 */
export function committedOwners(sentence: string, base: number): Field[] {
  const found = findTextOwners(sentence, base);
  const owner = found.owners.at(-1);
  // a promise with its modal ("will", "to", "should" …)
  const promise =
    found.kind === 'subject' &&
    !!owner &&
    /^,?\s*(?:will|shall|should|must|to|(?:is|are) going to|plans? to|needs? to)\b/i.test(
      sentence.slice(owner.end - base).replace(APPOSITIVE, ' '),
    );
  return promise ? found.owners : [];
}

/**
 * A sentence that commits to something in the future tense with any subject ("The team will add …", "All affected
 * accounts will be refunded …", "Billing is going to …"): an item when it stands in an action section. A bare
 * pronoun subject ("This will help …", "It will take …") explains the item before it instead, and "we" commits
 * only in the plain form `actionStart` reads ("We will …", not "We did, do and will continue to …").
 */
export function isCommitment(line: string): boolean {
  const t = line.trimStart();
  const first = t.slice(0, sentenceStarts(t)[1] ?? t.length).trimEnd();
  return (
    COMMITMENT.test(first) &&
    !/^(?:(?:this|that|it|these|those|there|which|doing so)\s+(?:will|shall|is|are)|if|when|whether|unless|we|i)\b/i.test(first)
  );
}
const COMMITMENT =
  /^(?:\*\*|__)?[A-Z][^.!?:;]{0,120}?\b(?:will|shall|(?:is|are) going to|plans? to|intends? to)\s+(?:(?:also|now|then|soon|additionally|continue to|not|be)\s+)*[a-z]{3,}/;

/** A transition word or a short leading clause ending in a comma, before the subject of a sentence. */
const LEADING_CLAUSE =
  /^(?:(?:lastly|finally|additionally|also|next|then|further(?:more)?|moreover|in addition|going forward|in the future|longer[- ]term|in the (?:short|long|medium) term|as a (?:first|next) step|first(?:ly)?|second(?:ly)?|third(?:ly)?|fourth(?:ly)?|fifth(?:ly)?|sixth|seventh|to (?:start|begin) with)|(?:though|although|while|once|after|when|until|to|as|since|because|in order to|beyond|besides)\b[^,.;:!?]{1,100}),\s+/i;

/** Parts of speech a sentence's first word has when it is not a verb opening an imperative. */
const NOT_IMPERATIVE_POS = new Set(['ADV', 'ADP', 'SCONJ', 'CCONJ', 'PRON', 'DET', 'NUM', 'AUX', 'INTJ', 'PART', 'PUNCT', 'SYM', 'X']);
/** Words that open the object of an imperative ("Rethink the window", "Canary every change", "Audit our zones"). */
const OBJECT_START = /^(?:the|a|an|all|every|each|any|both|our|its|their|your|my|this|these|those|them|it)$/;

/**
 * An imperative whose verb is not in the list, read with the tagger: the first word in its base form (its lemma, not
 * "-ing", "-ed" or a plural) followed by the start of an object ("Rethink the maintenance window"), or tagged a verb
 * before a noun phrase ("Revisit alert thresholds"). A noun subject is followed by its verb ("Traffic increased …").
 */
function taggedImperative(t: string): boolean {
  const sentence = t.slice(0, 80).replace(/^[A-Z]/, (c) => c.toLowerCase());
  const toks = tokens(sentence);
  const [first, second] = toks;
  if (!first || !second || first.start !== 0) return false;
  if (NOT_A_NAME.has(first.lower) || NOT_IMPERATIVE_POS.has(first.pos) || first.lemma.replace(/z/g, 's') !== first.lower.replace(/z/g, 's'))
    return false;
  if (/(?:ing|ed|ly)$/.test(first.lower) || second.start !== first.end + 1) return false;
  // "Yesterday the cache expired", "Overall the response was good": the noun phrase has its own verb
  for (const tok of toks.slice(2, 7)) {
    if (/^(?:ADP|SCONJ|CCONJ|PRON|PUNCT)$/.test(tok.pos)) break;
    if (tok.pos === 'AUX' || (tok.pos === 'VERB' && tok.lemma !== tok.lower)) return false;
  }
  if (OBJECT_START.test(second.lower)) return true;
  // "Refuse to start …", "Aim to keep …": a known verb before "to"
  if (second.lower === 'to') return first.pos === 'VERB' && !first.unknown;
  return first.pos === 'VERB' && (second.pos === 'NOUN' || second.pos === 'ADJ' || second.pos === 'PROPN');
}

/** The action kind a sentence opens with, read from its very first word. */
function actionOpening(t: string): 'imperative' | 'owner' | 'we' | undefined {
  const owned = findTextOwners(t, 0);
  if (owned.kind === 'prefix' || owned.kind === 'subject' || owned.kind === 'done') return 'owner';
  const w = /^([A-Za-z][a-z-]*)(?:\s+(up|out|in|on|down|off|with|into))?\b\s*(.*)$/.exec(t);
  if (!w) return undefined;
  if (/^we$/i.test(w[1]!) || /^we['’]ll$/i.test(t.split(/\s/)[0]!)) {
    return /^we(?:['’]ll|\s+(?:will|shall|should|must|need to|plan to|are going to|intend to|want to|would like to|are planning to|are working on|'re going to))\s+(?!be\b|not\b|never\b|have been\b)[a-z]/i.test(
      t,
    ) ||
      /^we(?:['’]re|\s+are)\s+(?:now\s+|also\s+)?(?:adding|introducing|building|moving|changing|replacing|removing|creating|splitting|separating|implementing|enabling|raising|lowering|reducing|increasing|rewriting|migrating|switching)\s+[a-z]/i.test(
        t,
      )
      ? 'we'
      : undefined;
  }
  if (ASIDE_VERBS.test(t)) return undefined;
  const after = w[3]!.trimStart();
  if (after === '') return undefined;
  // a phrasal verb ("Work with the network team to …", "Set up …") takes its object; "Work on this is tracked in …"
  // is a noun phrase with its own verb
  if (w[2])
    return isImperativeVerb(w[1]!) && !/^(?:\S+\s+){0,2}(?:is|was|are|were|has|had|will|would)\b/i.test(after) ? 'imperative' : undefined;
  if (NOUN_AFTER.test(after)) return undefined;
  // the verb list first; the tagger (its model loads on first use) only for a word the list does not have
  return isImperativeVerb(w[1]!) || taggedImperative(t) ? 'imperative' : undefined;
}

// ---------------------------------------------------------------------------------------------
// Priority, type, done criterion

export function findPriority(text: string, base: number): Field | undefined {
  const m = /(?<![\w-])(P[0-4]|(?:\*\*)?(?:HIGH|MEDIUM|LOW|CRITICAL)(?:\*\*)?(?=\s*[:\-–—]))(?![\w-])/.exec(text);
  if (!m) return undefined;
  const v = m[1]!.replace(/\*/g, '');
  const s = m.index + m[1]!.indexOf(v);
  return { start: base + s, end: base + s + v.length, value: v };
}

const TYPES = /\b(prevent(?:ion|ive)?|mitigat(?:e|ion)|detect(?:ion)?|repair|investigat(?:e|ion)|process|corrective|preventative)\b/i;
export function classifyType(value: string): string | undefined {
  const m = TYPES.exec(value);
  if (!m) return undefined;
  const w = m[1]!.toLowerCase();
  if (w.startsWith('prevent')) return 'prevent';
  if (w.startsWith('mitigat')) return 'mitigate';
  if (w.startsWith('detect')) return 'detect';
  if (w.startsWith('investigat')) return 'investigate';
  return w;
}

/**
 * A verifiable end state: explicit `Done when:` (handled as an inline field), or measurable tokens —
 * numbers with units, comparisons, "alert fires", "CI fails/blocks", "test passes", `key=value`, code spans.
 */
export function findDoneCriterion(text: string, base: number): Field | undefined {
  const patterns = [
    /\b\d+(?:\.\d+)?\s?(?:ms|s|sec|secs|seconds?|min|mins|minutes?|h|hrs?|hours?|days?|%|percent|req\/s|rps|qps|gb|mb|kb|tb|x)\b/i,
    /(?<!\d)\d+(?:\.\d+)?\s?%/,
    /(?:[<>]=?|≤|≥)\s*\d/,
    /\b(?:alert|page|alarm)s?\s+(?:fires?|triggers?|pages?)\b/i,
    /\b(?:ci|build|check|pipeline|pr)s?\s+(?:fails?|blocks?|rejects?|goes red)\b|\bblocks? (?:prs?|merges?|the (?:merge|deploy|release))\b/i,
    /\btests?\s+(?:passes|pass|exists?|fails?|covers?)\b|\bregression test\b/i,
    /(?<![\w.-])[\w.-]+=[\w.-]+\b/,
    /`[^`\n]+`/,
  ];
  for (const re of patterns) {
    const m = re.exec(text);
    if (m) return { start: base + m.index, end: base + m.index + m[0].length, value: m[0] };
  }
  return undefined;
}

export function makeDueField(value: string, start: number, end: number, today?: string, yearHint?: number): DueField {
  const p = parseDue(value, today, yearHint);
  const f: DueField = { start, end, value };
  if (p.date) f.date = p.date;
  if (p.weak) f.weak = true;
  return f;
}
