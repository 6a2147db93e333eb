// The document's people (real-postmortems.md §5.4: "a capitalised name also seen in the timeline or authors").
// A capitalised word counts as a person subject only when the document itself names it as a person:
// metadata authors/owners/commander fields, action-item owners, @handles, `Name <email>`, or a name that is the
// subject of a human verb in at least two timeline entries. Product and system names never count.
import type { PostmortemModel } from '../model';
import { vocabulary } from './data';

const lower = (xs: readonly string[]) => new Set(xs.map((x) => x.toLowerCase()));
const NOT_NAMES = new Set([
  ...lower(vocabulary.productNames),
  ...lower(vocabulary.personNouns),
  ...lower(vocabulary.externalPersonNouns),
  ...lower(vocabulary.weWords),
  ...lower(vocabulary.ambiguousPronouns),
  ...lower(vocabulary.adversaries),
  ...lower(vocabulary.systemNouns),
  ...lower(vocabulary.signalNouns),
  ...lower(vocabulary.notNames),
]);

/** Metadata keys whose values name people. */
const PEOPLE_KEYS = /^(?:authors?|owners?|commander|incident commander|ic|responders?|participants?|on-?call|reviewers?|approvers?|scribe|people|attendees|contributors?|editors?|team members|communications? lead|ops lead|tech lead)$/i;

const NAME = /^\p{Lu}\p{Ll}+(?:['’-]\p{Lu}?\p{Ll}+)?$/u;

/** Inflected forms of a base verb: notice → notice|notices|noticed|noticing; stop → stopped; verify → verifies. */
function inflect(verb: string): string {
  const words = verb.split(' ');
  const head = words[0]!;
  const rest = words.slice(1).join(' ');
  const forms = new Set([head, `${head}s`, `${head}es`, `${head}ed`, `${head}d`, `${head}ing`]);
  if (/e$/.test(head)) forms.add(`${head.slice(0, -1)}ing`);
  if (/[^aeiou]y$/.test(head)) {
    forms.add(`${head.slice(0, -1)}ies`);
    forms.add(`${head.slice(0, -1)}ied`);
  }
  if (/[^aeiou][aeiou][bdgklmnprt]$/.test(head)) {
    forms.add(`${head}${head.at(-1)}ed`);
    forms.add(`${head}${head.at(-1)}ing`);
  }
  const alt = [...forms].sort((a, b) => b.length - a.length).join('|');
  return rest ? `(?:${alt})\\s+${rest.replace(/ /g, '\\s+')}` : `(?:${alt})`;
}

/** Verbs only people do (a bot or a controller restarts, retries, alerts and checks; it does not notice or merge). */
const PERSON_VERBS = [
  'notice', 'spot', 'realise', 'realize', 'recognise', 'recognize', 'understand', 'consider', 'think', 'remember', 'forget',
  'investigate', 'ask', 'coordinate', 'hand off', 'look at', 'look into', 'acknowledge', 'ack', 'escalate', 'communicate',
  'inform', 'decide', 'merge', 'approve', 'announce', 'ping', 'share', 'contact', 'reach out', 'loop in', 'mention', 'discuss',
  'suggest', 'propose', 'join', 'declare', 'review', 'agree', 'start investigating', 'take over', 'ignore', 'dismiss', 'tell',
];
const IRREGULAR = ['saw', 'thought', 'understood', 'forgot', 'took over', 'wrote', 'told', 'began investigating', 'acked'];
const HUMAN_VERB = new RegExp(
  `^(?:(?:also|then|still|just|finally|quickly|manually|immediately|eventually|again|now|later|first|accidentally|mistakenly)\\s+)?` +
    `(?:${PERSON_VERBS.map(inflect).join('|')}|${IRREGULAR.map((v) => v.replace(/ /g, '\\s+')).join('|')})\\b`,
  'i',
);

function nameTokens(value: string, out: Set<string>, text: string): void {
  // "Dana Smith (IC), @li, Sam Jones <sam@example.com>; Platform team"
  for (const part of value.split(/[,;&/|]|\band\b|\n/)) {
    const cleaned = part.replace(/<[^>]*>|\([^)]*\)|\[[^\]]*\]/g, ' ').trim();
    if (!cleaned) continue;
    if (/\b(?:team|squad|group|org|organi[sz]ation|department|guild|rotation|sre|ops)\b/i.test(cleaned)) continue;
    for (const h of cleaned.matchAll(/@([A-Za-z][\w.-]*\w|[A-Za-z])/g)) addHandle(h[1]!, out, text);
    const words = cleaned.replace(/@[\w.-]+/g, ' ').split(/\s+/).filter(Boolean);
    if (words.length > 4) continue; // a sentence, not a name list
    for (const w of words) addName(w, out, text);
  }
}

// memo per document text: every owner of every action item asks, and each answer scans the whole text
let lowercaseText: string | undefined;
const lowercaseSeen = new Map<string, boolean>();

function appearsLowercase(word: string, text: string): boolean {
  const lw = word.toLowerCase();
  if (text !== lowercaseText) {
    lowercaseText = text;
    lowercaseSeen.clear();
  }
  const known = lowercaseSeen.get(lw);
  if (known !== undefined) return known;
  const found = appearsLowercaseUncached(lw, text);
  lowercaseSeen.set(lw, found);
  return found;
}

function appearsLowercaseUncached(lw: string, text: string): boolean {
  const re = new RegExp(`(?<![\\p{L}\\p{N}@_.-])${lw.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}_-])`, 'u');
  return re.test(text);
}

function addName(word: string, out: Set<string>, text: string): void {
  const w = word.replace(/[.:,;!?"'’)]+$/, '').replace(/^["'‘(]+/, '');
  if (!NAME.test(w) || w.length < 2) return;
  if (NOT_NAMES.has(w.toLowerCase())) return;
  // a word that also appears in lower case ("Will", "Mark", "Grant") is a common word in this document
  if (appearsLowercase(w, text)) return;
  out.add(w);
}

function addHandle(handle: string, out: Set<string>, text: string): void {
  if (!/^[A-Za-z]{2,}$/.test(handle)) return;
  addName(handle[0]!.toUpperCase() + handle.slice(1).toLowerCase(), out, text);
  if (/^[A-Z][a-z]+$/.test(handle)) addName(handle, out, text);
}

// Per-string memos for the scans that depend on one block's or entry's text only (re-lints after an edit
// see the same strings again). Two generations keep memory bounded.
type Memo = { current: Map<string, string[]>; previous: Map<string, string[]> };
const MEMO_GENERATION = 20_000;
const handleMemo: Memo = { current: new Map(), previous: new Map() };
const agentMemo: Memo = { current: new Map(), previous: new Map() };

function memoised(memo: Memo, key: string, compute: (s: string) => string[]): string[] {
  let hit = memo.current.get(key) ?? memo.previous.get(key);
  if (!hit) hit = compute(key);
  if (!memo.current.has(key)) {
    if (memo.current.size >= MEMO_GENERATION) {
      memo.previous = memo.current;
      memo.current = new Map();
    }
    memo.current.set(key, hit);
  }
  return hit;
}

/** @handles in a prose block's (masked) text, in order. */
function handlesIn(text: string): string[] {
  return [...text.matchAll(/(?<![\w.])@([A-Za-z][\w-]*)(?![\w@.-]*\.\w)/g)].map((m) => m[1]!);
}

/** Capitalised words followed by a human verb in one timeline entry, each once, in order. */
function humanAgentsIn(text: string): string[] {
  const seen: string[] = [];
  for (const m of text.matchAll(/(?<![\p{L}\p{N}@_.-])(\p{Lu}\p{Ll}+)\s+/gu)) {
    const name = m[1]!;
    if (seen.includes(name)) continue;
    if (!HUMAN_VERB.test(text.slice(m.index + m[0].length))) continue;
    seen.push(name);
  }
  return seen;
}

/** An e-mail address in angle brackets: every "Name <email>" match contains one. */
const ANGLE_EMAIL = /<[\w.+-]+@[\w-]+(?:\.[\w-]+)+>/;

/** The capitalised names this document uses for people, sorted. */
export function learnPeople(model: PostmortemModel): string[] {
  // the lower-case check ignores e-mail addresses, URLs and handles ("grace.okafor@example.com" is not the word "grace")
  const text = model.text.replace(/(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+|https?:\/\/\S+|@[\w.-]+/g, ' ');
  const out = new Set<string>();
  for (const [key, field] of Object.entries(model.metadata?.fields ?? {})) {
    if (PEOPLE_KEYS.test(key.trim())) nameTokens(field.value, out, text);
  }
  for (const item of model.actionItems ?? []) for (const o of item.owners) nameTokens(o.value, out, text);
  // @handles in prose (not code: prose blocks are masked)
  for (const block of model.prose) for (const h of memoised(handleMemo, block.text, handlesIn)) addHandle(h, out, text);
  // "Name <email>" and "Name Surname <email>"
  // (the cheap test first: the Unicode name pattern is slow to try at every capital letter of a long text)
  if (ANGLE_EMAIL.test(model.text)) for (const m of model.text.matchAll(/((?:\p{Lu}\p{Ll}+\s+){0,2}\p{Lu}\p{Ll}+)\s*<[\w.+-]+@[\w-]+(?:\.[\w-]+)+>/gu)) {
    for (const w of m[1]!.split(/\s+/)) addName(w, out, text);
  }
  // names that are the subject of a human verb in at least two timeline entries
  const counts = new Map<string, number>();
  for (const entry of model.timeline ?? []) {
    for (const name of memoised(agentMemo, entry.text, humanAgentsIn)) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  for (const [name, n] of counts) if (n >= 2) addName(name, out, text);
  return [...out].sort();
}

/**
 * Replace every capitalised occurrence of a known name with a same-length handle ("Dave" → "@xxx"), so the
 * subject classifier and the `{P}` patterns treat it as a person. Offsets are unchanged.
 */
export function maskPeople(text: string, people: readonly string[]): string {
  if (people.length === 0) return text;
  const alt = [...people].sort((a, b) => b.length - a.length).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  const re = new RegExp(`(?<![\\p{L}\\p{N}@_.\\-/])(?:${alt})(?![\\p{L}\\p{N}_@]|[.-]\\p{L})`, 'gu');
  return text.replace(re, (m) => `@${'x'.repeat(m.length - 1)}`);
}
