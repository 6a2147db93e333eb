// Systemic rewrites and inquiry prompts. Rewrites never invent facts: the sentence's own times, ids and
// code spans are carried over, and everything else is a [placeholder] the author must fill.
import type { Fix, TextEdit } from '../types';
import type { LanguageFinding } from './analyze';
import { type CompiledPattern } from './data';
import { escapeRegExp } from '../text/text';
import { generationMemo, objectMemo } from '../memo';
import { headOffset } from './sentences';
import { classifyPhrase } from './subject';

/** Apply the case pattern of `model` (ALL CAPS / Capitalised / lower) to `text`. */
export function matchCase(model: string, text: string): string {
  const letters = model.replace(/[^\p{L}]/gu, '');
  if (letters.length > 1 && letters === letters.toUpperCase() && letters !== letters.toLowerCase()) return text.toUpperCase();
  if (/^\p{Lu}/u.test(letters)) return capitalise(text);
  return decapitalise(text);
}

/** Upper-case the first letter (inside a leading "[" too). */
export function capitalise(text: string): string {
  return text.replace(/^(\[?)(\p{Ll})/u, (_, b: string, c: string) => b + c.toUpperCase());
}

function decapitalise(text: string): string {
  // Leave acronyms ("SLO") and proper-looking words alone; only lower a Capitalised first word.
  return text.replace(/^(\[?)(\p{Lu})(?=\p{Ll})/u, (_, b: string, c: string) => b + c.toLowerCase());
}

export interface Facts {
  times: string[];
  dates: string[];
  ids: string[];
  roles: string[];
}

const ROLE =
  /\b(?:(?:the|an?)\s+)?((?:on-?call(?:er)?|incident commander|engineer|developer|operator|reviewer|approver|responder|sre|admin|maintainer|pilot|instructor)(?:\s+on\s+duty)?)\b/i;

export function extractFacts(original: string): Facts {
  const times = [...original.matchAll(/\b\d{1,2}:\d{2}(?::\d{2})?(?:\s?(?:UTC|GMT|Z|[A-Z]{2,4}T))?(?![\d:])/g)].map((m) => m[0]);
  const dates = [...original.matchAll(/\b\d{4}-\d{2}-\d{2}\b/g)].map((m) => m[0]);
  const ids: string[] = [];
  for (const m of original.matchAll(
    /`[^`\n]+`|\b[A-Z][A-Z0-9]+-\d+\b|\bPR\s?#?\d+\b|(?<![\w#])#\d+\b|\bv?\d+\.\d+(?:\.\d+)*\b(?!:)|\b\d+(?:\.\d+)?\s?(?:ms|s|min|minutes|hours|h|%|GB|MB|rows|pods|nodes|requests|users|customers)\b|\b\d+M\b/g,
  )) {
    const v = m[0];
    if (!ids.includes(v) && !times.some((t) => t.includes(v))) ids.push(v);
  }
  const m = ROLE.exec(original);
  return { times, dates, ids, roles: m ? [roleWithDeterminer(m[1]!)] : [] };
}

/** "The on-call" → "the on-call"; a bare "Engineer" (as in "Engineer K") → "the engineer". */
function roleWithDeterminer(role: string): string {
  // "an engineer" in the original is "the engineer" once the rewrite has introduced them
  return `the ${role.toLowerCase()}`;
}

/** Fill a template's slots from the sentence's facts; report which facts were used. */
export function fillTemplate(template: string, facts: Facts): { text: string; unused: string[] } {
  const times = [...facts.times];
  const ids = [...facts.ids];
  const dates = [...facts.dates];
  const used = new Set<string>();
  const take = (list: string[]) => {
    const v = list.shift();
    if (v !== undefined) used.add(v);
    return v;
  };
  let t1: string | undefined;
  const text = template.replace(/\[([^[\]]+)\]/g, (slot, name: string) => {
    const n = name.toLowerCase();
    if (n === 'hh:mm' || n === 't1' || n === 'time') {
      if (n === 'hh:mm' && t1 !== undefined && times.length === 0) return t1;
      const v = take(times);
      if (v !== undefined) t1 ??= v;
      return v ?? slot;
    }
    if (n === 't2') return take(times) ?? slot;
    if (n === 'date' || n === 'yyyy-mm-dd') return take(dates) ?? slot;
    if (n === 'id' || n === 'change') return take(ids) ?? slot;
    if (n === 'role' && facts.roles[0]) return facts.roles[0];
    return slot;
  });
  const unused = [...facts.times, ...facts.dates, ...facts.ids].filter((f) => !used.has(f));
  return { text, unused };
}

/**
 * Rewrites memoised per pattern by the text they read (the sentence, the trigger's place in it, and the few
 * characters after the trigger that decide which space to swallow), with edits relative to the sentence start:
 * a re-lint after a keystroke rebuilds only the rewrites of the edited sentences. Every lint asks for the rewrite
 * of every language finding: a generation holds those of a long document (a 20,000-line one has about 1,200).
 */
const rewriteMemo = generationMemo<string, Fix | undefined>(8_192);
/** A number per pattern object, for the memo keys (never reused, so keys of a forgotten pattern cannot alias). */
const patternIds = objectMemo<CompiledPattern, number>();
let nextPatternId = 0;

export function memoisedRewrite(text: string, f: LanguageFinding): Fix | undefined {
  const base = f.sentence.start;
  const pattern = patternIds.getOrCompute(f.hit.pattern, () => nextPatternId++);
  const key = `${pattern}:${f.hit.start - base}:${f.hit.end - base}:${f.sentence.end - base}:${text.slice(base, Math.max(f.sentence.end, f.hit.end + 4))}`;
  const relative = rewriteMemo.getOrCompute(key, () => {
    const fix = buildRewrite(text, f);
    return fix && { ...fix, edits: fix.edits.map((e) => ({ ...e, start: e.start - base, end: e.end - base })) };
  });
  return relative && { ...relative, edits: relative.edits.map((e) => ({ ...e, start: e.start + base, end: e.end + base })) };
}

/** Build the systemic-rewrite suggestion for a finding, or undefined when none applies. */
export function buildRewrite(docText: string, f: LanguageFinding): Fix | undefined {
  const { hit, sentence } = f;
  const p = hit.pattern;
  const trigger = docText.slice(hit.start, hit.end);
  const sentenceText = docText.slice(sentence.start, sentence.end);
  const head = sentence.start + headOffset(sentenceText);
  const kind = p.rewrite ?? (p.custom ? 'delete' : 'template');

  if (kind === 'delete' || kind === 'replace') {
    const edits: TextEdit[] = [];
    let start = hit.start;
    let end = hit.end;
    const replacement = kind === 'replace' ? matchCase(trigger, p.replacement ?? '') : '';
    if (kind === 'delete' && isPredicate(docText.slice(head, hit.start), docText.slice(hit.end, sentence.end))) {
      // "The script is crap." / "caused by carelessness": deleting the word would leave "is." / "by." — ask for the fact instead
      const text = '[observable condition]';
      return {
        title: `Rewrite: replace “${trigger.trim()}” with the observable condition`,
        edits: [{ start: hit.start, end: hit.end, text }],
      };
    }
    if (kind === 'delete') {
      // swallow one adjacent space and a comma that only followed the trigger ("Obviously, the…")
      const after = docText.slice(end, end + 2);
      if (/^,\s/.test(after)) end += 2;
      else if (/^\s/.test(after)) end += 1;
      else if (start > head && /\s/.test(docText[start - 1]!)) start -= 1;
      if (start === head) {
        // the next word becomes the first word of the sentence
        const next = /^\p{Ll}/u.exec(docText.slice(end, end + 2)); // one code point: slicing the rest of the document per finding was quadratic
        if (next && /^\p{Lu}/u.test(trigger)) {
          edits.push({ start, end: end + 1, text: next[0].toUpperCase() });
          return { title: `Rewrite: remove “${trigger.trim()}”`, edits };
        }
      }
    }
    edits.push({ start, end, text: replacement });
    return {
      title: kind === 'delete' ? `Rewrite: remove “${trigger.trim()}”` : `Rewrite: replace “${trigger.trim()}” with “${replacement}”`,
      edits,
    };
  }

  const template = p.template ?? p.category.template;
  let from = head;
  let to = sentence.end;
  {
    // a sentence in a table row: rewrite only the cell holding the trigger, never its pipes
    // (searched within the sentence only: a whole-document search per finding was quadratic on 100,000 lines)
    const pipeBefore = docText.slice(from, Math.max(from, hit.start)).lastIndexOf('|');
    if (pipeBefore !== -1) from += pipeBefore + 1;
    const pipeAfter = docText.slice(hit.end, Math.max(hit.end, to)).indexOf('|');
    if (pipeAfter !== -1) to = hit.end + pipeAfter;
    while (from < to && /\s/.test(docText[from]!)) from++;
    while (to > from && /\s/.test(docText[to - 1]!)) to--;
  }
  const body = docText.slice(from, to);
  const facts = extractFacts(body);
  const found = subjectPhrase(docText.slice(from, hit.start));
  const subject =
    found && (/^\p{Lu}\p{Ll}+$/u.test(found.text) || ['person', 'we', 'ambiguous', 'external'].includes(classifyPhrase(found.text)))
      ? found
      : undefined;
  if (subject) facts.roles = [subject.text];
  const vp = p.vp ? verbPhraseRewrite(p.vp, docText.slice(hit.start, hit.end), docText.slice(hit.end, to), subject) : undefined;
  const filled = fillTemplate(vp ?? template, facts);
  const unused = filled.unused;
  // "[Role] was paged" with "we" → "We were paged"
  const text = subject?.plural
    ? filled.text.replace(new RegExp(`(^|\\s)(${escapeRegExp(subject.text)})\\s+was\\b`, 'gi'), '$1$2 were')
    : filled.text;
  // keep a lower-case start only when the author wrote one (a list item "be more careful"); a handle is not a word
  const unusedFacts = unused.filter((u) => !text.includes(u));
  let out = /^\p{Ll}[\p{L}'-]*(?![@\w])/u.test(body) && !/^[\w.-]+@/.test(body) ? decapitalise(text) : capitalise(text);
  if (unusedFacts.length) out = `${out.trimEnd()} (Details from the original: ${unusedFacts.join(', ')}.)`;
  // keep a trailing sentence terminator style: templates end with "." already
  return { title: 'Rewrite systemically (fill in the [placeholders])', edits: [{ start: from, end: to, text: out }] };
}

const PREDICATE_BEFORE = new Set([
  'is',
  'was',
  'were',
  'are',
  'be',
  'been',
  'being',
  'by',
  'of',
  'very',
  'so',
  'too',
  'more',
  'most',
  'quite',
  'really',
  'pretty',
]);

/** Is the trigger a predicate ("was sloppy and", "is crap.", "by carelessness.") whose removal would leave a dangling word? */
function isPredicate(before: string, after: string): boolean {
  const prev = /(?<!\p{L})(\p{L}+)[^\p{L}\w]*$/u.exec(before)?.[1]?.toLowerCase();
  if (!prev || !PREDICATE_BEFORE.has(prev)) return false;
  return /^\s*(?:[.!?,;:)]|—|–|and\b|or\b|but\b|$)/.test(after);
}

const PLURAL_SUBJECT = /^(?:we|they|you|both|all)\b|s$/i;

/** The grammatical subject written before the trigger, with its determiner ("The engineer" → "the engineer"), or undefined. */
export function subjectPhrase(before: string): { text: string; plural: boolean } | undefined {
  let s =
    before
      .replace(/\*\*|__/g, '')
      .split(/[,;:]/)
      .pop() ?? '';
  s = s.replace(/^\s*(?:-\s+)?\d{1,2}:\d{2}(?::\d{2})?\s*(?:UTC|Z)?\s*[-–—:]?\s*/i, '').trim();
  // drop trailing adverbs and auxiliaries ("really", "was", "also")
  for (;;) {
    const t = s.replace(/(?<!\s)\s+(?:\p{L}+ly|also|still|just|then|was|were|is|are|had|has|have|never|even)$/iu, '');
    if (t === s) break;
    s = t;
  }
  // leading sentence adverbs and conjunctions ("Unfortunately we", "but we")
  s = s.trim().replace(/^(?:(?:\p{L}+ly|and|but|so|then|yet|or|in\s+hindsight|in\s+retrospect)\s+)+/iu, '');
  const words = s.split(/\s+/).filter(Boolean);
  if (words.length === 0 || words.length > 4) return undefined;
  // one word ("He", "@dana", "Dave"), a determiner phrase ("the on-call engineer"), or "Engineer K" — never a clause
  const DET = /^(?:the|a|an|our|their|his|her|this|that|these|those|one|another|each|every|any|some)$/i;
  if (words.length > 1 && !DET.test(words[0]!) && !/^\p{Lu}[\p{L}-]*$/u.test(words[0]!)) return undefined;
  if (words.length > 1 && !DET.test(words[0]!) && !words.slice(1).every((w) => /^\p{Lu}/u.test(w))) return undefined;
  if (/^(?:it|this|that|there|which|who|nothing|none|no)$/i.test(words[0]!) && words.length === 1) return undefined;
  if (words.some((w) => /^(?:because|when|after|before|if|while|and|but|so)$/i.test(w))) return undefined;
  // a sentence-initial determiner or pronoun is lower-cased inside the rewrite; names and handles keep their case
  const first = words[0]!;
  if (/^(?:the|a|an|he|she|we|they|you|our|their|this|that|these|those|one|another|someone|somebody|nobody|everyone)$/i.test(first)) {
    words[0] = first.toLowerCase();
  }
  const text = words.join(' ');
  const head = words[words.length - 1]!;
  return { text, plural: PLURAL_SUBJECT.test(words[0]!) || (words.length > 1 && /[^s]s$/i.test(head) && !/'s$/.test(head)) };
}

const IRREGULAR_VBN: Record<string, string> = {
  run: 'run',
  make: 'made',
  take: 'taken',
  see: 'seen',
  write: 'written',
  read: 'read',
  set: 'set',
  put: 'put',
  catch: 'caught',
  do: 'done',
  know: 'known',
  give: 'given',
  send: 'sent',
  tell: 'told',
  find: 'found',
  bring: 'brought',
  think: 'thought',
  begin: 'begun',
  keep: 'kept',
  hold: 'held',
  choose: 'chosen',
  build: 'built',
  get: 'got',
  shut: 'shut',
  cut: 'cut',
  let: 'let',
  leave: 'left',
  pay: 'paid',
  rerun: 'rerun',
  're-run': 're-run',
  undo: 'undone',
  understand: 'understood',
  forget: 'forgotten',
};

/** Past participle of a base verb: check → checked, page → paged, verify → verified, stop → stopped, run → run. */
export function participle(base: string): string {
  const w = base.toLowerCase();
  const irregular = IRREGULAR_VBN[w] ?? IRREGULAR_VBN[w.replace(/^re-?/, '')];
  if (irregular) return w.startsWith('re') && !IRREGULAR_VBN[w] ? w.replace(/^(re-?).*/, '$1') + irregular : irregular;
  if (/e$/.test(w)) return `${w}d`;
  if (/[^aeiou]y$/.test(w)) return `${w.slice(0, -1)}ied`;
  if (/^[^aeiou]*[aeiou][bdgmnpt]$/.test(w)) return `${w}${w.at(-1)}ed`;
  return `${w}ed`;
}

const PARTICLES = new Set(['back', 'out', 'up', 'down', 'off', 'over']);
const NP_STOP = new Set([
  'in',
  'on',
  'at',
  'before',
  'after',
  'during',
  'until',
  'when',
  'while',
  'because',
  'since',
  'for',
  'from',
  'to',
  'with',
  'by',
  'via',
  'into',
  'onto',
  'as',
  'and',
  'but',
  'or',
  'so',
  'if',
  'unless',
  'which',
  'that',
  'who',
  'once',
  'again',
  'first',
  'earlier',
  'later',
  'sooner',
  'properly',
  'correctly',
  'carefully',
  'either',
  'too',
  'yet',
  'anymore',
  'though',
]);

/**
 * Keep the sentence's own verb phrase: "The engineer should have tested the change in staging." →
 * "The change was not tested in staging before [HH:MM]. " + the pattern's `vp` tail with [subject] and [was] filled.
 * Undefined when the verb phrase has no object to promote (the caller falls back to the template).
 */
function verbPhraseRewrite(
  tail: string,
  trigger: string,
  afterTrigger: string,
  subject: { text: string; plural: boolean } | undefined,
): string | undefined {
  let after = afterTrigger.replace(/(?<![.!?])[.!?]+["'”’)]*\s*$/, '');
  let verb: string;
  if (/\bto$/i.test(trigger) || /^(?:forgot|forgotten)$/i.test(trigger.trim())) {
    // "forgot to re-enable the cron job": the verb follows the trigger
    const m = /^\s+([A-Za-z][\w-]*)/.exec(after);
    if (!m || !/\bto$/i.test(trigger)) return undefined;
    verb = participle(m[1]!);
    after = after.slice(m[0].length);
  } else {
    const last = /([A-Za-z][\w-]{0,63})\s*$/.exec(trigger)?.[1];
    if (!last) return undefined;
    verb = /(?:ed|en|wn|ght|un|ne)$/i.test(last) && /\bhave\b|'ve\b/i.test(trigger) ? last.toLowerCase() : participle(last);
  }
  const words = after.trim().split(/\s+/).filter(Boolean);
  let i = 0;
  if (words[0] && PARTICLES.has(words[0].toLowerCase()) && words[1] && !NP_STOP.has(words[1].toLowerCase())) {
    verb += ` ${words[0].toLowerCase()}`;
    i = 1;
  }
  const np: string[] = [];
  while (i < words.length && np.length < 7 && !NP_STOP.has(words[i]!.toLowerCase().replace(/[,;:]$/, ''))) {
    const w = words[i]!;
    np.push(w.replace(/[,;:]$/, ''));
    i++;
    if (/[,;:]$/.test(w)) break;
  }
  if (np.length === 0 || np.length === 7) return undefined;
  if (/^(?:it|them|this|that|him|her|me|us|anything|something|everything)$/i.test(np[0]!) && np.length === 1) return undefined;
  if (/^(?:followed|escalated|communicated|acted|ignored|missed|overlooked|neglected|dismissed|disregarded)\b/.test(verb)) return undefined; // would read as passive blame
  let rest = words
    .slice(i)
    .join(' ')
    .replace(/,$/, '')
    .replace(/\b(?:obviously|clearly|evidently|simply|just)\s+/gi, '');
  // "the dashboard, which showed the errors" — the relative clause stays with its noun
  const relative = /^(?:which|who|that)\b/i.test(rest) ? rest : '';
  if (relative) rest = '';
  const head = np[np.length - 1]!;
  const plural =
    /^(?:these|those|all|both|many|several)$/i.test(np[0]!) ||
    (/[^s]s$/i.test(head) && !/^(?:this|that|a|an|one|each|every)$/i.test(np[0]!) && !/^\d/.test(head));
  const timed = /\b\d{1,2}:\d{2}\b|\b(?:before|after|during|until|when|while|by)\b/i.test(rest);
  const subjectNp = relative ? `${np.join(' ')}, ${relative},` : np.join(' ');
  const clause = `${capitalise(subjectNp)} ${plural ? 'were' : 'was'} not ${verb}${rest ? ` ${rest}` : ''}${timed ? '' : ' before [HH:MM]'}.`;
  const who = subject?.text ?? '[role]';
  const tailText = tail.replace(/\[subject\]/g, who).replace(/\[was\]/g, subject?.plural ? 'were' : 'was');
  return `${clause} ${tailText}`;
}

/** Insert the category's inquiry prompt as an HTML comment after the sentence. */
export function buildPrompt(docText: string, f: LanguageFinding): Fix {
  const prompt = f.hit.category.prompt.replace(/--+/g, '–');
  const at = f.sentence.end;
  const lead = /\s/.test(docText[at] ?? '\n') ? ' ' : ' ';
  return {
    title: `Insert question: “${prompt.split('?')[0]}?”`,
    edits: [{ start: at, end: at, text: `${lead}<!-- ${prompt} -->` }],
  };
}
