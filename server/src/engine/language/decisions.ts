// Decision points in the timeline (issue 18, local rationality): entries where a person or role decided or acted
// (suspects, rolls back, restarts, fails over, pages, escalates, runs a command, chooses not to …), as opposed to
// what the system did (an alert fires, the error rate crosses 5%, queries resume), and whether each says what the
// responder had or believed then (from the metrics, per the runbook, believing that …).
//
// The subject is read with the part-of-speech tags of the language layer (text/nlp.ts): a decision needs a human
// subject (a role, a pronoun for the responders, an @handle, a name the document uses for a person) or an entry
// that starts with an inflected decision verb ("Rolled back the deploy", "Pages the database team"). A passive
// without an agent ("the deploy was rolled back") and a system subject are not decision points: precision first.
import data from '../data/decisions.json';
import type { PostmortemModel, Section, TimelineEntry } from '../model/model';
import type { Span } from '../types';
import { tokens, type Token } from '../text/nlp';
import { escapeRegExp } from '../text/text';
import { classifyPhrase } from './subject';
import { learnPeople } from './people';
import { generationMemo, objectMemo } from '../memo';

export interface DecisionPoint {
  entry: TimelineEntry;
  /** The entry's index in model.timeline. */
  index: number;
  /** The decision verb (with its particle) in the document. */
  verb: Span;
  /** What the entry says was available or believed then, when it says so. */
  context?: Span;
  /** A "Decision points" / "Key decisions" section mentions the entry's time. */
  coveredBySection?: boolean;
  explained: boolean;
}

const DECISION_VERBS = new Set(data.decisionVerbs);
const PHRASAL = new Map(Object.entries(data.phrasalVerbs).map(([v, ps]) => [v, new Set(ps)]));
const PRONOUNS = new Set(data.subjectPronouns);
const NOT_BEFORE_THAT = new Set(data.notBeforeThat);
const CUES = data.contextCues.map((c) => new RegExp(c, 'gim'));
const DECISION_SECTIONS = new Set(data.decisionSections);
/** Words that may stand between the subject and its verb ("then", "manually") or open the entry ("Then"). */
const ADVERBS = new Set(data.adverbs);

export const DECISION_TEMPLATE: string = data.template;

const memo = objectMemo<PostmortemModel, DecisionPoint[]>();

/** The timeline's decision points, in timeline order. */
export function decisionPoints(model: PostmortemModel): DecisionPoint[] {
  return memo.getOrCompute(model, () => find(model));
}

/**
 * Words that may be a decision verb: the start of every verb and phrasal verb (a cheap test before an entry is
 * tagged, so a timeline of system events costs no parsing).
 */
const CANDIDATE = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${[...DECISION_VERBS, ...PHRASAL.keys()]
    .map((v) => escapeRegExp(v.replace(/[ey]$/, ''))) // "paged", "tried", "applied"
    .sort((a, b) => b.length - a.length)
    .join('|')})`,
  'iu',
);
/** An entry's own reading: its verb and context cue, relative to the end of its timestamp. */
interface EntryReading {
  verb: Span;
  context?: Span;
}
/**
 * Per entry text (after its timestamp) and the people the document names: every lint reads every entry, and an
 * edit changes one or two.
 */
const readings = generationMemo<string, { people: string; reading: EntryReading | null }>(4_096);

function find(model: PostmortemModel): DecisionPoint[] {
  if (model.timeline.length === 0) return [];
  const names = learnPeople(model);
  let people: Set<string> | undefined;
  const peopleKey = names.join('\u0000');
  const covering = model.sections.filter((s) => DECISION_SECTIONS.has(s.key));
  const out: DecisionPoint[] = [];
  model.timeline.forEach((entry, index) => {
    if (entry.placeholder) return;
    const at = entry.timestamp.end;
    const own = model.text.slice(at, entry.span.end);
    // keyed by the entry's own text alone (no key string built per entry and lint); the people it was read with are
    // checked on the way out
    let memo = readings.get(own);
    if (memo?.people !== peopleKey) {
      const candidate = CANDIDATE.test(entry.text);
      memo = {
        people: peopleKey,
        reading: candidate ? readEntry(own, entry.text, (people ??= new Set(names.map((p) => p.toLowerCase())))) : null,
      };
      readings.set(own, memo);
    }
    const { reading } = memo;
    if (!reading) return;
    const shift = (x: Span) => ({ start: at + x.start, end: at + x.end });
    const context = reading.context && shift(reading.context);
    const coveredBySection = !context && covering.some((s) => mentionsTime(model.text, s, entry));
    out.push({
      entry,
      index,
      verb: shift(reading.verb),
      ...(context ? { context } : {}),
      ...(coveredBySection ? { coveredBySection } : {}),
      explained: !!context || coveredBySection,
    });
  });
  return out;
}

/** The verb (found in the entry's own text `own`) and the first context cue of a decision entry, or null. */
function readEntry(own: string, description: string, people: ReadonlySet<string>): EntryReading | null {
  const found = decisionVerb(description, people);
  const verb = found && locate(own, description, found);
  if (!verb) return null;
  const context = contextIn(own);
  return context ? { verb, context } : { verb };
}

/**
 * The verb's span in the entry's own text: the description has its whitespace collapsed, so the verb is found as a
 * word, at its occurrence among the description's words.
 */
function locate(own: string, description: string, verb: Span): Span | undefined {
  const word = description.slice(verb.start, verb.end);
  const re = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(word).replace(/\s+/g, '\\s+')}(?![\\p{L}\\p{N}])`, 'gu');
  const nth = [...description.slice(0, verb.start).matchAll(re)].length;
  let m: RegExpExecArray | null = null;
  for (let k = 0; k <= nth; k++) if (!(m = re.exec(own))) return undefined;
  return m ? { start: m.index, end: m.index + m[0].length } : undefined;
}

/** The decision verb of a description (offsets in it), or undefined when the entry is not a decision point. */
export function decisionVerb(description: string, people: ReadonlySet<string> = new Set()): Span | undefined {
  const clause = firstClause(description);
  if (!clause) return undefined;
  const toks = tokens(clause).filter((t) => t.pos !== 'PUNCT' || t.text === ',' || t.text === ';');
  const found = readClause(toks, clause, people, true);
  if (found) return found;
  // a later clause with a subject of its own: "the job is blocking the deploy, the on-call kills it"
  for (let k = 1; k < toks.length; k++) {
    if (toks[k - 1]!.text !== ',' && toks[k - 1]!.text !== ';') continue;
    const later = readClause(toks.slice(k), clause, people, false);
    if (later) return later;
  }
  return undefined;
}

/**
 * The decision verb of one clause's tokens: after a human subject, or (when `subjectless`) an inflected decision
 * verb first.
 */
function readClause(toks: Token[], clause: string, people: ReadonlySet<string>, subjectless: boolean): Span | undefined {
  let i = 0;
  while (i < toks.length && (ADVERBS.has(toks[i]!.lower) || toks[i]!.pos === 'SYM')) i++;
  if (i >= toks.length) return undefined;
  // subjectless: an inflected decision verb first ("Rolled back …", "Pages …"), unless another verb follows it,
  // which makes it a noun subject ("Restarts continue", "Failover completes")
  const first = toks[i]!;
  if (subjectless && decisionAt(toks, i) && inflected(first) && !isVerbLike(toks[i + 1])) return spanOf(toks, i);
  // a human subject and its verb (a decision verb, or a decision verb coordinated with it: "starts a call, restarts the hub")
  let v = i + 1;
  while (
    v < toks.length &&
    v - i <= 6 &&
    !decisionAt(toks, v) &&
    toks[v]!.pos !== 'AUX' &&
    !(toks[v]!.pos === 'VERB' && !isSubjectWord(toks[v]!))
  )
    v++;
  if (v >= toks.length || v - i > 6) return undefined;
  const subject = toks.slice(i, v);
  while (subject.length && ADVERBS.has(subject[subject.length - 1]!.lower)) subject.pop();
  // a subject holds no clause mark and no verb of its own ("suggesting we try …" is not the responders' decision)
  if (!subject.length || subject.some((t) => t.text === ',' || t.text === ';' || (isVerbLike(t) && !isSubjectWord(t)))) return undefined;
  if (!isHuman(clause.slice(subject[0]!.start, subject[subject.length - 1]!.end), subject, people)) return undefined;
  // a headline passive: "On-call paged", "oncall first pinged" (a past form that nothing follows)
  if (decisionAt(toks, v)) return /ed$/.test(toks[v]!.lower) && endOfVerb(toks, v) >= toks.length ? undefined : spanOf(toks, v);
  // "is restarting" (progressive) is an act; "was restarted" (passive) is not the subject's
  if (
    toks[v]!.pos === 'AUX' &&
    /^(?:is|are)$/.test(toks[v]!.lower) &&
    toks[v + 1] &&
    /ing$/.test(toks[v + 1]!.lower) &&
    decisionAt(toks, v + 1)
  )
    return spanOf(toks, v + 1);
  for (let k = v + 1; k < toks.length; k++) {
    if (!decisionAt(toks, k)) continue;
    let p = k - 1;
    while (p > v && (ADVERBS.has(toks[p]!.lower) || toks[p]!.pos === 'ADV')) p--;
    if (/^(?:,|and|then)$/.test(toks[p]!.lower) && inflected(toks[k]!)) return spanOf(toks, k);
  }
  return undefined;
}

function isVerbLike(t: Token | undefined): boolean {
  return !!t && (t.pos === 'VERB' || t.pos === 'AUX');
}

/** A word the tagger may call a verb that still belongs to a subject ("infra team", "the on-call lead"). */
function isSubjectWord(t: Token): boolean {
  return classifyPhrase(t.text) === 'person';
}

/** The decision verb's lemma when the token at `k` is one (tagged verb, or a verb form the tagger took for a noun). */
function decisionLemma(t: Token): string | undefined {
  const w = t.lower;
  const known = (x: string) => DECISION_VERBS.has(x) || PHRASAL.has(x);
  if (t.pos === 'VERB' && known(t.lemma.toLowerCase())) return t.lemma.toLowerCase();
  if (t.pos === 'AUX' || t.pos === 'DET' || t.pos === 'ADP' || t.pos === 'PRON') return undefined;
  if (known(w) && t.pos === 'VERB') return w;
  // "re-deploys": the verb with its prefix written as one word ("redeploy") or the verb alone ("run")
  if (/^re-\p{L}/u.test(w)) return decisionLemma({ ...t, lower: `re${w.slice(3)}` }) ?? decisionLemma({ ...t, lower: w.slice(3) });
  // "increases", "reverts", "paged", "stopped", "restarting"
  for (const stem of [
    w.replace(/es$/, ''),
    w.replace(/s$/, ''),
    w.replace(/ed$/, ''),
    w.replace(/d$/, ''),
    w.replace(/(.)\1ed$/, '$1'),
    w.replace(/ing$/, ''),
    w.replace(/ing$/, 'e'),
  ])
    if (stem !== w && known(stem)) return stem;
  return undefined;
}

/** The token at `k` is a decision verb (with its particle, for a phrasal one). */
function decisionAt(toks: Token[], k: number): boolean {
  const lemma = decisionLemma(toks[k]!);
  if (!lemma) return false;
  if (NOT_BEFORE_THAT.has(lemma) && toks[k + 1]?.lower === 'that') return false;
  const particles = PHRASAL.get(lemma);
  if (!particles) return DECISION_VERBS.has(lemma);
  return !!toks[k + 1] && particles.has(toks[k + 1]!.lower);
}

/** Past or third-person form: "restarted", "restarts" (not the base form a noun shares: "restart", "deploy"). */
function inflected(t: Token): boolean {
  return /(?:s|ed|ing)$/.test(t.lower) && t.lower !== decisionLemma(t);
}

/** The index after the verb at `k` and its particle. */
function endOfVerb(toks: Token[], k: number): number {
  const particles = PHRASAL.get(decisionLemma(toks[k]!) ?? '');
  return particles && toks[k + 1] && particles.has(toks[k + 1]!.lower) ? k + 2 : k + 1;
}

function spanOf(toks: Token[], k: number): Span {
  return { start: toks[k]!.start, end: toks[endOfVerb(toks, k) - 1]!.end };
}

/** A person or the responders: a role, a team, "we", an @handle, or a name the document uses for a person. */
function isHuman(phrase: string, subject: Token[], people: ReadonlySet<string>): boolean {
  if (subject.length === 1 && PRONOUNS.has(subject[0]!.lower)) return true;
  const cls = classifyPhrase(phrase);
  if (cls === 'person' || cls === 'we') return !/^(?:someone|somebody|anyone|anybody|no one|nobody)$/i.test(phrase.trim());
  if (cls !== 'other') return false;
  // a name: every word of the subject a capitalised word the document uses for a person ("Priya", "Priya Nair")
  const words = phrase.split(/\s+/).filter(Boolean);
  return words.length <= 3 && words.every((w) => /^\p{Lu}/u.test(w) && people.has(w.toLowerCase()));
}

/** The description up to the end of its first sentence (or a dash between clauses). */
function firstClause(description: string): string {
  const text = description.replace(/<!--[\s\S]*?-->/g, (c) => ' '.repeat(c.length));
  const end = text.search(/[.!?](?:\s|$)|\s[—–-]\s/);
  return (end >= 0 ? text.slice(0, end) : text).replace(/[*_`]/g, ' ').trimEnd();
}

/** The first context cue in the entry's own text (its sub-bullets and continuation included). */
function contextIn(own: string): Span | undefined {
  let best: Span | undefined;
  for (const re of CUES) {
    re.lastIndex = 0;
    const m = re.exec(own);
    if (m && (!best || m.index < best.start)) best = { start: m.index, end: m.index + m[0].length };
  }
  return best;
}

/** A decisions section mentions the entry's clock time (14:12, 2:12 PM) or its timestamp as written. */
function mentionsTime(text: string, section: Section, entry: TimelineEntry): boolean {
  const body = text.slice(section.body.start, section.body.end);
  if (body.includes(entry.raw.trim())) return true;
  if (!entry.time) return false;
  const hm = entry.time.slice(0, 5);
  return new RegExp(`(?<![\\d:])${hm.replace(/^0/, '0?')}(?![\\d])`).test(body);
}
