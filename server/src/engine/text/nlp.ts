// A sentence as words: tokens with part-of-speech tags, lemmas and negation scope from wink-nlp and its lite English
// model (a pure JavaScript model, no I/O). The language pass parses only sentences a pattern's literals can match
// (language/analyze.ts's prefilter); the model reads the first words of action lines it cannot judge from its verb
// list (model/actionFields.ts). Each text is parsed once (memoised), and the model loads on first use.
import type winkNLP from 'wink-nlp';
import type { Model } from 'wink-nlp';
import { generationMemo } from '../memo';

// The model (several MB) is required on first use, not when the engine loads: `--version`, a document with no
// candidate sentence and the server's start do not pay for it. The bundler keeps the require (it is bundled, not
// read from disk); in the tests it is the runtime's own require.
declare const require: (id: string) => unknown;

export interface Token {
  /** Text as written (after typography normalisation; a word over 64 characters reads "x"). */
  text: string;
  lower: string;
  lemma: string;
  /** Universal part-of-speech tag (NOUN, PROPN, VERB, AUX, PRON, DET, ADJ, ADV, ADP, PART, CCONJ, SCONJ, NUM, PUNCT, SYM …). */
  pos: string;
  /** Offsets in the sentence. */
  start: number;
  end: number;
  /** Inside a negation's scope (wink's negation flag). */
  negated: boolean;
  /** Not in the model's lexicon (an unknown word: a name, a product, a typo). */
  unknown: boolean;
}

type Nlp = ReturnType<typeof winkNLP>;
let nlp: Nlp | undefined;
/** The first identifier the lexicon gives a word it has never seen: ids at or above it are unknown words. */
let firstUnknownId = Infinity;

function load(): Nlp {
  if (nlp) return nlp;
  const create = require('wink-nlp') as typeof winkNLP;
  const model = require('wink-eng-lite-web-model') as Model;
  nlp = create(model, ['pos', 'negation']);
  // every unseen word gets the next id, so a nonsense word's id bounds the lexicon's own
  firstUnknownId = nlp.readDoc('qzxjvwk').tokens().out(nlp.its.uniqueId)[0] as unknown as number;
  return nlp;
}

/**
 * Typography made plain for matching, one UTF-16 unit for one, so offsets still map to the original text: curly
 * apostrophes and quotes, en and em dashes, the non-breaking and narrow spaces.
 */
export function plainTypography(s: string): string {
  return /[‘’‚‛“”„‟–—‐‑\u00a0\u202f]/.test(s)
    ? s
        .replace(/[‘’‚‛]/g, "'")
        .replace(/[“”„‟]/g, '"')
        .replace(/[–—]/g, '-')
        .replace(/[‐‑]/g, '-')
        .replace(/[\u00a0\u202f]/g, ' ')
    : s;
}

// Tokens weigh about ten times their sentence: the memo holds a few blocks' sentences, not the document's (the
// language pass's block memo keeps the findings of unchanged blocks, which are never parsed again).
const memo = generationMemo<string, Token[]>(4_096, { chars: 1 << 14 });

/** The sentence's tokens (memoised per text). */
export function tokens(sentence: string): Token[] {
  return memo.getOrCompute(sentence, () => parse(sentence));
}

// wink's tokenizer tries its patterns (e-mail addresses, abbreviations) from every character of a word, so its work
// grows with the square of a word's length: a pasted hash, a key or a run of one character thousands long would stall
// the pass. A word longer than any real one is read as the placeholder "x" (padded with spaces, so offsets still map).
const LONGEST_WORD = 64;
const OVERLONG = new RegExp(`\\S{${LONGEST_WORD + 1},}`, 'g');

function boundWords(s: string): string {
  return s.length > LONGEST_WORD ? s.replace(OVERLONG, (w) => 'x'.padEnd(w.length)) : s;
}

function parse(sentence: string): Token[] {
  const n = load();
  const its = n.its;
  const plain = boundWords(plainTypography(sentence));
  const toks = n.readDoc(plain).tokens();
  const text = toks.out(its.value) as string[];
  const pos = toks.out(its.pos) as string[];
  const lemma = toks.out(its.lemma as unknown as typeof its.value) as string[];
  const neg = toks.out(its.negationFlag) as unknown as boolean[];
  const ids = toks.out(its.uniqueId) as unknown as number[];
  const out: Token[] = [];
  let at = 0;
  for (let i = 0; i < text.length; i++) {
    const t = text[i]!;
    const found = plain.indexOf(t, at);
    const start = found < 0 ? at : found;
    const end = found < 0 ? at : start + t.length;
    at = end;
    out.push({
      text: t,
      lower: t.toLowerCase(),
      lemma: lemma[i]!,
      pos: pos[i]!,
      start,
      end,
      negated: !!neg[i],
      unknown: ids[i]! >= firstUnknownId,
    });
  }
  return out;
}

/** Whether the model knows the word (lower case), and its lemma as a noun or verb in isolation. */
export function lexicon(word: string): { known: boolean; lemma: string } {
  const [t] = tokens(word.toLowerCase());
  return { known: !!t && !t.unknown, lemma: t?.lemma ?? word.toLowerCase() };
}
