// Word-level classification (blameless-language.md §0.3) for the phrases a pattern names (its `who` groups), attackers
// and the negation window before a trigger; the clause around a trigger is read in clauses.ts.
import { vocabulary } from './data';
import type { SubjectClass } from './clauses';

export type { SubjectClass } from './clauses';

const lower = (xs: string[]) => new Set(xs.map((x) => x.toLowerCase()));
const PERSON = lower(vocabulary.personNouns);
const EXTERNAL = lower(vocabulary.externalPersonNouns);
const WE = lower(vocabulary.weWords);
const AMBIG = lower(vocabulary.ambiguousPronouns);
const ADVERSARY = lower(vocabulary.adversaries);
const SYSTEM = lower((vocabulary as unknown as { systemNouns: string[] }).systemNouns);
const SIGNAL = lower(vocabulary.signalNouns);

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
    out.push({ text: boundary ? t.trim() : t.replace(/(?<![._-])[._-]+$/, ''), start: m.index, boundary });
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
  if (/(?<![\w-])(?!(?:The|A|An|Our|Their|This|That)\b)[A-Z][\w-]*\s+operators?$/.test(phrase.trim())) return 'system';
  const last = toks[toks.length - 1]!;
  if (/^[A-Z]$/.test(last.text) && toks.length > 1) return classifyWord(toks[toks.length - 2]!.text);
  return classifyWord(last.text, toks[toks.length - 2]?.text);
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
