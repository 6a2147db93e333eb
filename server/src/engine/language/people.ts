// The document's people (real-postmortems.md §5.4: "a capitalised name also seen in the timeline or authors").
// A capitalised word counts as a person subject only when the document itself names it as a person:
// metadata authors/owners/commander fields, action-item owners, @handles, `Name <email>`, or a name that is the
// subject of a human verb in at least two timeline entries. Product and system names never count.
//
// Incremental re-lints: the whole-text checks (a word in lower case anywhere, "Name <email>") run per run of top-level
// blocks (see blockRuns), memoised, so after an edit only the edited blocks are read again.
import type { PostmortemModel, ProseBlock } from '../model/model';
import { nodeEnd, nodeStart, type Nodes, type Root } from '../text/parse';
import { generationMemo, lastValueMemo, nodeMemo, objectMemo } from '../memo';
import { blockRuns, escapeRegExp, firstStartingFrom } from '../text/text';
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
const PEOPLE_KEYS =
  /^(?:authors?|owners?|commander|incident commander|ic|responders?|participants?|on-?call|reviewers?|approvers?|scribe|people|attendees|contributors?|editors?|team members|communications? lead|ops lead|tech lead)$/i;

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
  'notice',
  'spot',
  'realise',
  'realize',
  'recognise',
  'recognize',
  'understand',
  'consider',
  'think',
  'remember',
  'forget',
  'investigate',
  'ask',
  'coordinate',
  'hand off',
  'look at',
  'look into',
  'acknowledge',
  'ack',
  'escalate',
  'communicate',
  'inform',
  'decide',
  'merge',
  'approve',
  'announce',
  'ping',
  'share',
  'contact',
  'reach out',
  'loop in',
  'mention',
  'discuss',
  'suggest',
  'propose',
  'join',
  'declare',
  'review',
  'agree',
  'start investigating',
  'take over',
  'ignore',
  'dismiss',
  'tell',
];
const IRREGULAR = ['saw', 'thought', 'understood', 'forgot', 'took over', 'wrote', 'told', 'began investigating', 'acked'];
const HUMAN_VERB = new RegExp(
  `^(?:(?:also|then|still|just|finally|quickly|manually|immediately|eventually|again|now|later|first|accidentally|mistakenly)\\s+)?` +
    `(?:${PERSON_VERBS.map(inflect).join('|')}|${IRREGULAR.map((v) => v.replace(/ /g, '\\s+')).join('|')})\\b`,
  'i',
);

// Per-string memos for the scans that depend on one string only (a block's or entry's text, a field value; re-lints
// after an edit see the same strings again). Two generations keep memory bounded; one holds more strings than a
// long document's timeline has entries (every lint reads them all). The arrays are shared: read only.
const MEMO_GENERATION = 20_000;
const tokenMemo = generationMemo<string, string[]>(MEMO_GENERATION);
const agentMemo = generationMemo<string, string[]>(MEMO_GENERATION);

// The candidates below are pure functions of their strings (memoised); whether a candidate also appears in lower
// case is the one document-wide decision, taken last, once per distinct candidate.

/** "Dana Smith (IC), @li, Sam Jones <sam@example.com>; Platform team" → the candidate names it holds. */
function nameTokens(value: string): string[] {
  const out: string[] = [];
  for (const part of value.split(/[,;&/|]|\band\b|\n/)) {
    const cleaned = part.replace(/<[^<>]*>|\([^()]*\)|\[[^[\]]*\]/g, ' ').trim();
    if (!cleaned) continue;
    if (/\b(?:team|squad|group|org|organi[sz]ation|department|guild|rotation|sre|ops)\b/i.test(cleaned)) continue;
    for (const h of cleaned.matchAll(/@([A-Za-z][\w.-]*\w|[A-Za-z])/g)) out.push(...handleNames(h[1]!));
    const words = cleaned
      .replace(/@[\w.-]+/g, ' ')
      .split(/\s+/)
      .filter(Boolean);
    if (words.length > 4) continue; // a sentence, not a name list
    for (const w of words) addName(w, out);
  }
  return out;
}

/** Add a word to `out` if it can be a name (capitalised, not a product, team or other known non-name). */
function addName(word: string, out: string[]): void {
  const w = word.replace(/(?<![.:,;!?"'’)])[.:,;!?"'’)]+$/, '').replace(/^["'‘(]+/, '');
  if (!NAME.test(w) || w.length < 2) return;
  if (NOT_NAMES.has(w.toLowerCase())) return;
  out.push(w);
}

/** The candidate names of a handle: `@dana` → Dana, `@Dana` → Dana. */
function handleNames(handle: string): string[] {
  const out: string[] = [];
  if (!/^[A-Za-z]{2,}$/.test(handle)) return out;
  addName(handle[0]!.toUpperCase() + handle.slice(1).toLowerCase(), out);
  if (/^[A-Z][a-z]+$/.test(handle)) addName(handle, out);
  return out;
}

/** "Name <email>" and "Name Surname <email>". */
const NAME_EMAIL = /((?:\p{Lu}\p{Ll}+\s+){0,2}\p{Lu}\p{Ll}+)\s*<[\w.+-]+@[\w-]+(?:\.[\w-]+)+>/gu;
/** An e-mail address in angle brackets: every NAME_EMAIL match contains one. */
const ANGLE_EMAIL = /<[\w.+-]+@[\w-]+(?:\.[\w-]+)+>/;
/** The end of a NAME_EMAIL match that began before a block (at most two names, then the address), at its start. */
const NAME_EMAIL_REST = /\s*(?:\p{Lu}\p{Ll}+\s*){0,2}<[\w.+-]+@[\w-]+(?:\.[\w-]+)+>/uy;

/** What learnPeople reads in one run of blocks. */
interface PeopleRun {
  /** The run's text with e-mail addresses, URLs and handles blanked ("grace.okafor@example.com" is not the word "grace"). */
  masked: string;
  /** Lower-case word → does it appear in `masked`; filled in as words are asked. */
  lowercase: Map<string, boolean>;
  /** The last words asked (joined with line feeds) and those of them that appear, for the next lint's same question. */
  asked?: { key: string; found: string[] };
  /** The candidate names of the run's "Name <email>" matches and of the @handles in its prose (not code: prose blocks are masked). */
  names: string[];
}

function scanPeopleRun(text: string, prose: readonly ProseBlock[]): PeopleRun {
  const names: string[] = [];
  // (the cheap test first: the Unicode name pattern is slow to try at every capital letter of a long text)
  if (ANGLE_EMAIL.test(text)) for (const m of text.matchAll(NAME_EMAIL)) for (const w of m[1]!.split(/\s+/)) addName(w, names);
  for (const block of prose) for (const m of block.text.matchAll(HANDLE)) names.push(...handleNames(m[1]!));
  return {
    masked: text.replace(/(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+|https?:\/\/\S+|@[\w.-]+/g, ' '),
    lowercase: new Map(),
    names,
  };
}

/** An @handle in a prose block's (masked) text, not in an e-mail address or a domain. */
const HANDLE = /(?<![\w.])@([A-Za-z][\w-]*)(?![\w@.-]*\.\w)/g;

/** Memo per block that is a run of its own (nearly all), checked against the run's text. */
const peopleRunMemo = nodeMemo<Nodes, PeopleRun>();

/**
 * The document's runs of blocks for learnPeople (see blockRuns). The masking pattern, a handle and a lower-case word
 * take no whitespace, so only a "Name <email>" match can cross a gap: when the next block starts with the rest of one.
 */
const runsMemo = objectMemo<PostmortemModel, PeopleRun[]>();
function peopleRuns(model: PostmortemModel): PeopleRun[] {
  return runsMemo.getOrCompute(model, () => peopleRunsUncached(model));
}

function peopleRunsUncached(model: PostmortemModel): PeopleRun[] {
  const { text, prose } = model;
  const nodes = (model.tree as Root).children as Nodes[];
  const spans = nodes.map((node) => ({ start: nodeStart(node), end: nodeEnd(node) }));
  const joined = (i: number) => {
    NAME_EMAIL_REST.lastIndex = spans[i + 1]!.start;
    return NAME_EMAIL_REST.test(text);
  };
  return blockRuns(text, spans, joined).map((run) => {
    const source = text.slice(run.start, run.end);
    // the run's prose blocks (sorted by start, inside the blocks)
    const proseIn = () => {
      const lo = firstStartingFrom(prose, run.start);
      let end = lo;
      while (end < prose.length && prose[end]!.start < run.end) end++;
      return prose.slice(lo, end);
    };
    // (a block's prose is fixed by the block object and its text: the memo needs the run to be that one block)
    return run.last === run.first + 1
      ? peopleRunMemo.getOrCompute(nodes[run.first]!, source, () => scanPeopleRun(source, proseIn()))
      : scanPeopleRun(source, proseIn());
  });
}

/** `word` in lower case as a whole word, not inside an address, a path or a hyphenated word. */
function lowercaseWord(lw: string): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}@_.-])${escapeRegExp(lw)}(?![\\p{L}\\p{N}_-])`, 'u');
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

const learned = objectMemo<PostmortemModel, string[]>();

/** The capitalised names this document uses for people, sorted (once per model: the language pass and the decision points both ask). */
export function learnPeople(model: PostmortemModel): string[] {
  return learned.getOrCompute(model, () => learn(model));
}

function learn(model: PostmortemModel): string[] {
  const candidates = new Set<string>();
  const add = (names: readonly string[]) => {
    for (const name of names) candidates.add(name);
  };
  for (const [key, field] of Object.entries(model.metadata?.fields ?? {})) {
    if (PEOPLE_KEYS.test(key.trim())) add(tokenMemo.getOrCompute(field.value, nameTokens));
  }
  for (const item of model.actionItems ?? []) for (const o of item.owners) add(tokenMemo.getOrCompute(o.value, nameTokens));
  // "Name <email>", "Name Surname <email>" and @handles in prose
  const runs = peopleRuns(model);
  for (const run of runs) add(run.names);
  // names that are the subject of a human verb in at least two timeline entries
  const counts = new Map<string, number>();
  for (const entry of model.timeline ?? []) {
    for (const name of agentMemo.getOrCompute(entry.text, humanAgentsIn)) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  for (const [name, n] of counts) {
    if (n < 2) continue;
    const names: string[] = [];
    addName(name, names);
    add(names);
  }
  // a word that also appears in lower case ("Will", "Mark", "Grant") is a common word in this document
  const common = inLowerCase(
    [...candidates].map((name) => name.toLowerCase()),
    runs,
  );
  return [...candidates].filter((name) => !common.has(name.toLowerCase())).sort();
}

/** Does the lower-case word appear in the run's masked text (answers kept per run, so an edit re-asks only its run)? */
function appears(run: PeopleRun, lw: string): boolean {
  let hit = run.lowercase.get(lw);
  if (hit === undefined) {
    // (the substring test first: most names are in no run at all, and a regex test per run is slow)
    hit = run.masked.includes(lw) && lowercaseWordPattern(lw).test(run.masked);
    run.lowercase.set(lw, hit);
  }
  return hit;
}

const wordPatterns = generationMemo<string, RegExp>(1_024);
const lowercaseWordPattern = (lw: string) => wordPatterns.getOrCompute(lw, () => lowercaseWord(lw));

/** The lower-case words that appear in some run's masked text (answers kept per run, and the last question). */
function inLowerCase(words: string[], runs: PeopleRun[]): Set<string> {
  const found = new Set<string>();
  if (words.length === 0) return found;
  const key = words.join('\n');
  for (const run of runs) {
    if (run.asked?.key !== key) run.asked = { key, found: words.filter((lw) => appears(run, lw)) };
    for (const lw of run.asked.found) found.add(lw);
  }
  return found;
}

/**
 * Whether the document also writes a word (given in lower case) in lower case: "Mark" is no name where "the mark"
 * appears. Answered per run of blocks and kept with the run, so after an edit only the edited run is read again.
 */
export function writesInLowerCase(model: PostmortemModel): (lw: string) => boolean {
  const runs = peopleRuns(model);
  return (lw) => runs.some((run) => appears(run, lw));
}

/**
 * Replace every capitalised occurrence of a known name with a same-length handle ("Dave" → "@xxx"), so the
 * subject classifier and the `{P}` patterns treat it as a person. Offsets are unchanged.
 */
export function maskPeople(text: string, people: readonly string[]): string {
  if (people.length === 0) return text;
  return text.replace(peopleRegex(people), (m) => `@${'x'.repeat(m.length - 1)}`);
}

/** The names' expression, built once per list of names (a lint asks once per prose block, with the same list). */
const lastPeople = lastValueMemo<string, RegExp>();
function peopleRegex(people: readonly string[]): RegExp {
  return lastPeople.getOrCompute(people.join('\u0000'), () => {
    const alt = [...people]
      .sort((a, b) => b.length - a.length)
      .map(escapeRegExp)
      .join('|');
    return new RegExp(`(?<![\\p{L}\\p{N}@_.\\-/])(?:${alt})(?![\\p{L}\\p{N}_@]|[.-]\\p{L})`, 'gu');
  });
}
