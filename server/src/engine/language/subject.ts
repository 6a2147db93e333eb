// Subject classification (blameless-language.md §0.3): who is the grammatical subject of a predicate?
import { vocabulary } from './data';
import { classify, wordsOf, type SubjectClass } from './clauses';

export type { SubjectClass } from './clauses';

const lower = (xs: string[]) => new Set(xs.map((x) => x.toLowerCase()));
const PERSON = lower(vocabulary.personNouns);
const EXTERNAL = lower(vocabulary.externalPersonNouns);
const WE = lower(vocabulary.weWords);
const AMBIG = lower(vocabulary.ambiguousPronouns);
const ADVERSARY = lower(vocabulary.adversaries);
const SYSTEM = lower((vocabulary as unknown as { systemNouns: string[] }).systemNouns);
const SIGNAL = lower(vocabulary.signalNouns);

const SKIP = new Set(
  (
    'also then still just never ever even really probably apparently unfortunately again already initially subsequently ' +
    'later immediately not actually originally completely all both only simply clearly obviously honestly quickly ' +
    'was were is are had has have did does do been being be will would could should may might must can got get ' +
    "wasn't weren't isn't aren't hadn't hasn't haven't didn't doesn't don't won't wouldn't couldn't shouldn't " +
    'themselves himself herself ourselves itself too very'
  ).split(' '),
);
const RELATIVE = new Set(['who', 'that', 'which', 'whom']);
const CONJ = new Set(['and', 'but', 'or', 'then', 'so', 'yet', 'nor']);
const BOUNDARY_WORDS = new Set([
  'because',
  'since',
  'when',
  'while',
  'after',
  'before',
  'although',
  'though',
  'if',
  'until',
  'unless',
  'as',
  'once',
  'where',
  'whereas',
]);

interface Tok {
  text: string;
  start: number;
  boundary: boolean;
}

function tokenize(s: string): Tok[] {
  const out: Tok[] = [];
  const re = /@[\w.-]*\w|[\p{L}\p{N}][\p{L}\p{N}'’._-]*@?|[,;:()—–]|\s-\s|\[|\]/gu;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    const t = m[0].replace(/’/g, "'");
    const boundary = /^[,;:()—–\]\[]$|^\s-\s$/.test(t);
    out.push({ text: boundary ? t.trim() : t.replace(/[._-]+$/, ''), start: m.index, boundary });
  }
  return out;
}

/** Classify one token (or two-token phrase given as `prev token`). */
export function classifyWord(raw: string, prev?: string): SubjectClass {
  const w = raw.toLowerCase().replace(/'s$/, '');
  if (/^@[\w.-]+$/.test(raw) || /^[a-z][\w.-]*@$/i.test(raw)) return 'person';
  if (/^[A-Z]$/.test(raw) && raw !== 'I' && raw !== 'A') return 'person';
  if (prev) {
    const two = `${prev.toLowerCase()} ${w}`;
    if (WE.has(two)) return 'we';
    if (ADVERSARY.has(two)) return 'adversary';
    if (SYSTEM.has(two)) return 'system';
    if (two === 'no one') return 'other';
  }
  if (w === 'call' && prev?.toLowerCase() === 'on') return 'person';
  if (PERSON.has(w)) return 'person';
  if (WE.has(w)) return 'we';
  if (EXTERNAL.has(w)) return 'external';
  if (AMBIG.has(w)) return 'ambiguous';
  if (ADVERSARY.has(w)) return 'adversary';
  if (SYSTEM.has(w)) return 'system';
  return 'other';
}

export function isSignalWord(raw: string): boolean {
  return SIGNAL.has(raw.toLowerCase());
}

/**
 * The subject of a predicate starting at `pos` in `sentence`: the nearest nominal before it in the same clause,
 * skipping adverbs and auxiliaries; relative pronouns resolve to their antecedent; an elided subject after
 * "and/but" takes the nearest classifiable word earlier in the sentence.
 */
export function subjectBefore(sentence: string, pos: number): { cls: SubjectClass; word?: string } {
  const toks = tokenize(sentence.slice(0, pos));
  let i = toks.length - 1;
  const skippable = (w: string) => SKIP.has(w.toLowerCase()) || /^\p{L}+ly$/u.test(w);
  while (i >= 0 && !toks[i]!.boundary && skippable(toks[i]!.text)) i--;
  if (i < 0) return { cls: 'elided' };
  if (toks[i]!.boundary) {
    // "X was not copying Y, did not create Z" / "(PR #1) incorrectly …": the subject is earlier in the sentence
    if (![',', ')', ']'].includes(toks[i]!.text)) return { cls: 'elided' };
    for (let j = i - 1; j >= 0; j--) {
      const tj = toks[j]!;
      if (tj.boundary && tj.text !== ',' && tj.text !== ')' && tj.text !== '(' && tj.text !== ']' && tj.text !== '[') break;
      if (tj.boundary || SKIP.has(tj.text.toLowerCase())) continue;
      const c = classifyWord(tj.text, toks[j - 1]?.text);
      if (c !== 'other') return { cls: c, word: tj.text };
    }
    return { cls: 'other' };
  }
  const t = toks[i]!;
  const lw = t.text.toLowerCase();
  if (BOUNDARY_WORDS.has(lw)) return { cls: 'elided' };
  if (RELATIVE.has(lw) || CONJ.has(lw)) {
    // antecedent / earlier subject: nearest classifiable (non-"other") word before, within the sentence
    for (let j = i - 1; j >= 0; j--) {
      const tj = toks[j]!;
      if (tj.boundary && RELATIVE.has(lw)) break;
      if (tj.boundary) continue;
      const c = classifyWord(tj.text, toks[j - 1]?.text);
      if (c !== 'other') return { cls: c, word: tj.text };
      if (RELATIVE.has(lw)) return { cls: 'other', word: tj.text };
    }
    return { cls: 'other' };
  }
  // "the engineer's" / "our team" etc.
  return { cls: classifyWord(t.text, toks[i - 1]?.boundary ? undefined : toks[i - 1]?.text), word: t.text };
}

/** Best subject class found anywhere in `text` (person > we > external > ambiguous), ignoring adversaries. */
export function anyPerson(text: string): SubjectClass | undefined {
  const toks = tokenize(text).filter((t) => !t.boundary);
  let best: SubjectClass | undefined;
  const rank: Partial<Record<SubjectClass, number>> = { person: 4, we: 3, external: 2 };
  for (let i = 0; i < toks.length; i++) {
    const c = classifyWord(toks[i]!.text, toks[i - 1]?.text);
    if ((rank[c] ?? 0) > (best ? (rank[best] ?? 0) : 0)) best = c;
  }
  return best;
}

export function hasAdversary(text: string): boolean {
  const toks = tokenize(text).filter((t) => !t.boundary);
  return toks.some((t, i) => classifyWord(t.text, toks[i - 1]?.text) === 'adversary');
}

/** Classify the text of a matched `who` group: its handle, or its last word. */
export function classifyPhrase(phrase: string): SubjectClass {
  const toks = tokenize(phrase).filter((t) => !t.boundary);
  if (toks.length === 0) return 'other';
  const handle = toks.find((t) => /^@|@$/.test(t.text));
  if (handle) return 'person';
  // "the Postgres operator": a Kubernetes operator, software
  if (/\b(?!(?:The|A|An|Our|Their|This|That)\b)[A-Z][\w-]*\s+operators?$/.test(phrase.trim())) return 'system';
  const last = toks[toks.length - 1]!;
  if (/^[A-Z]$/.test(last.text) && toks.length > 1) return classifyWord(toks[toks.length - 2]!.text);
  const cls = classifyWord(last.text, toks[toks.length - 2]?.text);
  if (cls !== 'other') return cls;
  // a name the document mentions nowhere else ("if only Fenella had …"): the model's reading of the phrase
  const words = wordsOf(phrase.trim());
  const c = classify(words[words.length - 1], words.length === 1);
  return c === 'person' ? 'person' : c === 'team' ? 'we' : 'other';
}

/** Is the text just before `pos` negated ("not obvious", "no one is to blame", "non-obvious")? */
export function isNegated(sentence: string, pos: number, negations: Set<string>): boolean {
  const before = sentence.slice(Math.max(0, pos - 40), pos);
  if (/non-?\s*$/i.test(before)) return true;
  const toks = tokenize(sentence.slice(0, pos)).slice(-4);
  for (let k = toks.length - 1; k >= 0; k--) {
    const t = toks[k]!;
    if (t.boundary) break;
    const w = t.text.toLowerCase();
    if (negations.has(w) || /n't$/.test(w)) return true;
  }
  return /\bfar\s+from\s*$/i.test(before);
}
