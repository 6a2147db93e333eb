// The clause around a trigger word, read from part-of-speech tags (nlp.ts) rather than word distance: the head of
// its subject (through prepositional and participial modifiers, relative pronouns, clefts, fronted adverbials and
// elided subjects after "and"), whether the verb is passive and who its "by" agent is, and whether the clause is
// negated or its subject is a negative quantifier ("nobody", "none of the reviewers").
import { tokens, lexicon, type Token } from '../text/nlp';
import { vocabulary } from './data';

/** A word: tokens joined by hyphens without spaces ("on-call", "double-checked", "@nils-k") read as one. */
export interface Word extends Omit<Token, 'unknown'> {
  /** Index of the word in the sentence. */
  index: number;
}

/** Who the subject of a predicate is (blameless-language.md §0.3). */
export type SubjectClass = 'person' | 'we' | 'external' | 'ambiguous' | 'elided' | 'adversary' | 'system' | 'other';

export interface Clause {
  words: Word[];
  /** The trigger's word. */
  at: number;
  subject?: Word;
  cls: SubjectClass | 'team' | 'negative';
  passive: boolean;
  agent?: SubjectClass | 'team' | 'negative';
  /** Negated: "not", "n't", "never" between the clause's start and the trigger, or a negative-quantifier subject. */
  negated: boolean;
  /** The subject is a negative quantifier ("nobody", "none of us", "no alert"). */
  negativeSubject?: boolean;
  /** Negated by a negator before the trigger in its own clause ("does not check"), not only by the subject. */
  negatedVerb: boolean;
  /** The subject is a relative pronoun's antecedent ("the engineer who …"). */
  relative?: boolean;
  /** "can"/"could" in the verb group: with a negation, an inability ("couldn't open it"). */
  unable: boolean;
  /** A modal of possibility in the verb group ("may have missed", "might have overlooked"). */
  hedged: boolean;
}

const lower = (xs: readonly string[]) => new Set(xs.map((x) => x.toLowerCase()));
const PERSON = lower(vocabulary.personNouns.filter((w) => !['team', 'teams', 'staff'].includes(w)));
const EXTERNAL = lower([
  ...vocabulary.externalPersonNouns,
  'visitor',
  'visitors',
  'shopper',
  'shoppers',
  'subscriber',
  'subscribers',
  'merchant',
  'merchants',
  'buyer',
  'buyers',
  'member',
  'members',
  'player',
  'players',
  'tenant',
  'tenants',
  'partner',
  'partners',
  'driver',
  'drivers',
  'reader',
  'readers',
]);
const WE = lower([...vocabulary.weWords, 'i', 'me']);
const ADVERSARY = lower(vocabulary.adversaries);
const SYSTEM = lower([...vocabulary.systemNouns, ...vocabulary.productNames]);
const PRODUCTS = lower(vocabulary.productNames);
const NOT_NAMES = lower(vocabulary.notNames);
const TEAM = new Set(
  (
    'team teams squad squads group groups leadership management managers department departments org orgs organisation organization ' +
    'organisations organizations crew crews shift shifts desk staff vendor vendors provider providers supplier suppliers ' +
    'support ops devops secops netops sysops helpdesk company contractor contractors agency'
  ).split(' '),
);
const TEAM_ACRONYMS = new Set(['qa', 'noc', 'soc', 'it', 'ops', 'devops', 'secops', 'netops', 'sysops', 'hr', 'cs']);
const DEPARTMENTS = lower(vocabulary.departments);
const ORG_SUFFIXES = lower(vocabulary.organisationSuffixes);
const PERSON_PRONOUNS = new Set([
  'he',
  'she',
  'him',
  'her',
  'his',
  'hers',
  'someone',
  'somebody',
  'anyone',
  'anybody',
  'everyone',
  'everybody',
  'whoever',
]);
const THEY = new Set(['they', 'them', 'you', 'their']);
const NEGATIVE = new Set(['nobody', 'noone', 'none', 'nothing', 'neither']);
const QUANTIFIERS = new Set('one each all both some most many several few either any two three four'.split(' '));
/** Words that count or measure what follows "of": "two of the jobs", "2% of posts", "half of the retries". */
const PORTIONS = new Set(
  '% percent per-cent half majority minority rest remainder portion fraction share third quarter dozen dozens hundreds thousands millions lot lots bunch handful number couple'.split(
    ' ',
  ),
);
const APPROXIMATELY = new Set(['about', 'around', 'over', 'under', 'nearly', 'almost', 'roughly', 'approximately', 'some']);
/** The index of the "of" after the count at `i` ("two of", "2% of"), if one follows. */
function ofAfterNumber(words: readonly Word[], i: number): number | undefined {
  const next = words[i + 1]?.text === '%' ? i + 2 : i + 1;
  return words[next]?.lower === 'of' ? next : undefined;
}
function isQuantity(w: Word): boolean {
  return QUANTIFIERS.has(w.lower) || PORTIONS.has(w.lower) || w.pos === 'NUM';
}
const RELATIVE = new Set(['who', 'that', 'which', 'whom', 'what']);
const CLAUSE_PUNCT = new Set([',', ';', ':', '(', ')', '-', '|', '[', ']', '"']);
const NOMINAL = new Set(['NOUN', 'PROPN', 'PRON', 'NUM', 'X', 'SYM']);
const NP_PART = new Set(['DET', 'ADJ', 'NUM', 'NOUN', 'PROPN']);
/** Heads that stand for the people of their possessor ("the vendor's support", "ACME's staff"). */
const COLLECTIVE = new Set(['support', 'staff', 'side', 'folks', 'people', 'personnel', 'desk']);
/** Heads that carry their possessor's agency: "Hiroshi's typo took down …", "caused by Rafael's manual edit". */
const DEEDS = new Set(
  'typo mistake error slip blunder misclick oversight edit command push hotfix change commit merge deploy script query patch'.split(' '),
);
const POSSESSIVE = new Set(['my', 'our', 'your', 'his', 'her', 'their', 'its']);
/** Heads that name a component of the product before them ("the Terraform provider", "the Postgres operator"). */
const SOFTWARE_HEADS = new Set(['provider', 'operator', 'plugin', 'driver', 'adapter', 'client', 'exporter', 'controller', 'agent']);

const wordsMemo = new WeakMap<Token[], Word[]>();
/**
 * A hyphenated given name or a name with an honorific ("Ji-woo", "Jean-Luc", "Nakamura-san"): a capitalised part and
 * a second part that is capitalised or a short syllable. The tagger reads the joined word by its last part ("woo" a
 * verb, "san" an adjective); "Self-hosted", "Kafka-based", "API-side" and "Follow-up" are not names.
 */
const HYPHENATED_NAME =
  /^(?!(?:Self|Non|Pre|Post|Re|Co|Sub|Multi|Auto|Semi|Anti|Over|Under|Out|Cross|Follow|Check|Roll|Set|Read|Write|Top|Low|High|Long|Short|Hot|Cold|Half|Full|Dry|One|Two|End)-)\p{Lu}\p{Ll}{1,12}-(?:\p{Lu}\p{Ll}{1,12}|\p{Ll}{2,4})$/u;

/** The sentence's words (hyphenated compounds joined). */
export function wordsOf(sentence: string): Word[] {
  const toks = tokens(sentence);
  let out = wordsMemo.get(toks);
  if (out) return out;
  out = [];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (t.pos === 'SPACE') continue; // a soft line break inside the sentence
    const prev = out[out.length - 1];
    const joins =
      prev &&
      ((t.text === '-' &&
        prev.end === t.start &&
        toks[i + 1]?.start === t.end &&
        /[\p{L}\d_]$/u.test(prev.text) &&
        /^[\p{L}\d_]/u.test(toks[i + 1]!.text)) ||
        (prev.text.endsWith('-') && prev.end === t.start && t.pos !== 'PUNCT'));
    // "@n.haddad.5": the tagger splits a handle at its dots and underscores
    const handle =
      prev?.text.startsWith('@') &&
      prev.end === t.start &&
      ((/^[._]$/.test(t.text) && toks[i + 1]?.start === t.end && /^\w/.test(toks[i + 1]!.text)) ||
        (/[._]$/.test(prev.text) && /^\w/.test(t.text)));
    if (handle && prev) {
      prev.text += t.text;
      prev.lower = prev.lemma = prev.text.toLowerCase();
      prev.end = t.end;
      continue;
    }
    if (joins && prev) {
      prev.text += t.text;
      prev.lower = prev.text.toLowerCase();
      prev.end = t.end;
      if (t.text !== '-') {
        prev.lemma = t.lemma;
        prev.pos = HYPHENATED_NAME.test(prev.text) ? 'PROPN' : t.pos;
        if (prev.pos === 'PROPN') prev.lemma = prev.lower;
      }
      prev.negated ||= t.negated;
      continue;
    }
    out.push({
      text: t.text,
      lower: t.lower,
      lemma: t.lemma,
      pos: t.pos,
      start: t.start,
      end: t.end,
      negated: t.negated,
      index: out.length,
    });
  }
  // "broke prod", "ran it against prod", "the infra team": the environments' and areas' short names are nouns
  for (const w of out) if ((w.pos === 'VERB' || w.pos === 'ADV') && SHORT_NOUNS.has(w.lower)) w.pos = 'NOUN';
  for (let i = 1; i + 1 < out.length; i++) {
    const [prev, w, next] = [out[i - 1]!, out[i]!, out[i + 1]!];
    if (w.pos !== 'VERB' || !NP_PART.has(prev.pos)) continue;
    // "the infra team overlooked …": a group noun the tagger read as a verb, before its clause's verb
    if (GROUPS.has(w.lower) && (next.pos === 'VERB' || next.pos === 'AUX')) w.pos = 'NOUN';
    // "Low-stock alerts were dismissed", "the service restarts were slow": a plural before "were" or "have" is the
    // subject, not a verb (a verb is never followed by another finite verb)
    else if (/[^s]s$/.test(w.lower) && next.pos === 'AUX' && (next.lemma === 'be' || next.lemma === 'have') && next.lower !== 'be') {
      w.pos = 'NOUN';
      w.lemma = w.lower.replace(/s$/, '');
    }
  }
  // "the alerts were ignored", "the deploy failed": a word the tagger read as a verb between an article and the verb
  // of its clause is a noun
  for (let i = 1; i + 1 < out.length; i++) {
    const w = out[i]!;
    if (w.pos === 'VERB' && ARTICLES.has(out[i - 1]!.lower) && (out[i + 1]!.pos === 'AUX' || out[i + 1]!.pos === 'VERB')) w.pos = 'NOUN';
    // "Fionnuala acks the alert", "@mo pings the channel": a name, then a word in -s the tagger read as a noun, then
    // an article: the historical present's verb
    else if (
      w.pos === 'NOUN' &&
      /[^s]s$/.test(w.lower) &&
      (out[i - 1]!.pos === 'PROPN' || out[i - 1]!.text.startsWith('@')) &&
      (i === 1 || !NP_PART.has(out[i - 2]!.pos) || isTimeWord(out[i - 2]!)) &&
      ['DET', 'PRON'].includes(out[i + 1]!.pos)
    ) {
      w.pos = 'VERB';
      w.lemma = w.lower.replace(/(?:(?<=(?:sh|ch|x|ss|z))es|s)$/, '');
    }
  }
  wordsMemo.set(toks, out);
  return out;
}
/** Short names of environments and areas the tagger reads as verbs or adverbs ("broke prod", "the infra team"). */
const SHORT_NOUNS = new Set(['prod', 'staging', 'preprod', 'uat', 'dev', 'qa', 'infra']);
const GROUPS = new Set(['team', 'teams', 'squad', 'crew', 'group', 'rota', 'desk']);
const ARTICLES = new Set(['the', 'a', 'an', 'these', 'those', 'both', 'several', 'many', 'no', 'every', 'each', 'any']);

/** The index of the word at (or first after) a sentence offset. */
export function wordAt(words: readonly Word[], offset: number): number {
  for (let i = 0; i < words.length; i++) if (words[i]!.end > offset) return i;
  return words.length - 1;
}

const isNegator = (w: Word) => w.lower === 'not' || w.lower === "n't" || w.lower === 'never' || w.lower === 'no';
const verbGroup = (w: Word) => w.pos === 'AUX' || w.pos === 'PART' || w.pos === 'ADV' || w.lower === 'never' || w.lower === "n't";

const SUBORDINATORS = new Set([
  'whether',
  'if',
  'because',
  'although',
  'though',
  'while',
  'unless',
  'until',
  'since',
  'why',
  'how',
  'where',
]);

function isBoundary(w: Word): boolean {
  return (
    (w.pos === 'PUNCT' && CLAUSE_PUNCT.has(w.text)) ||
    w.pos === 'SCONJ' ||
    w.pos === 'CCONJ' ||
    // ("that point", "which team": a determiner, not a relative pronoun)
    (RELATIVE.has(w.lower) && w.pos !== 'DET') ||
    SUBORDINATORS.has(w.lower)
  );
}

/** A word that can modify a noun before it: an adjective, a hyphenated compound, a participle ("unreviewed"). */
const isModifier = (w: Word | undefined): boolean =>
  !!w && (w.pos === 'ADJ' || (w.text.includes('-') && w.pos !== 'PUNCT') || (w.pos === 'VERB' && /ed$/.test(w.lower)));

/** A comma between a noun's modifiers ("the late-night, hand-typed, unreviewed edit"): no clause boundary. */
function coordinateComma(words: readonly Word[], k: number): boolean {
  return words[k]?.text === ',' && isModifier(words[k - 1]) && isModifier(words[k + 1]) && words[k + 2]?.pos !== 'DET';
}

/** The head word of the noun phrase starting at `i` (through "'s" possessives and compounds), and where it ends. */
function nounPhrase(words: readonly Word[], i: number, end: number): { head?: Word; possessor?: Word; next: number } {
  let head: Word | undefined;
  let possessor: Word | undefined;
  let lastAdj: Word | undefined;
  let j = i;
  for (; j < end; j++) {
    const w = words[j]!;
    if (coordinateComma(words, j) && (lastAdj || possessor || head)) continue;
    if (w.text === "'s" || w.text === "'") {
      possessor = head;
      head = undefined;
      continue;
    }
    if (w.text.startsWith('@')) {
      head = w;
      continue;
    }
    if (w.pos === 'PRON') {
      if (POSSESSIVE.has(w.lower)) {
        possessor = w;
        continue;
      }
      if (head) break;
      head = w;
      j++;
      break;
    }
    // a hyphenated modifier ("the log-based alert", "a two-person approval step")
    if (w.text.includes('-') && j + 1 < end && (['NOUN', 'ADJ', 'PROPN'].includes(words[j + 1]!.pos) || coordinateComma(words, j + 1))) {
      if (w.pos === 'ADJ' || w.pos === 'VERB') lastAdj = w;
      continue;
    }
    // "a more careful reviewer", "a very senior engineer", "a more experienced reviewer", "the newly onboarded SRE"
    if (
      w.pos === 'ADV' &&
      !head &&
      (words[j + 1]?.pos === 'ADJ' || (words[j + 1]?.pos === 'VERB' && (words[j + 2]?.pos === 'NOUN' || words[j + 2]?.pos === 'PROPN')))
    )
      continue;
    // a participle after the head ("the developer opening the request") starts a modifier
    if (head && /ing$/.test(w.lower) && (words[j + 1]?.pos === 'DET' || words[j + 1]?.pos === 'PRON')) break;
    if (NP_PART.has(w.pos)) {
      // a determiner after the head starts the next phrase ("the checklist this quarter")
      if ((w.pos === 'DET' || w.pos === 'NUM') && head) break;
      if (w.pos === 'NOUN' || w.pos === 'PROPN' || w.pos === 'NUM') head = w;
      else if (w.pos === 'ADJ') lastAdj = w;
      continue;
    }
    // the last word of an organisation's name the tagger read as a verb ("Stratus Hosting")
    if (head?.pos === 'PROPN' && /^\p{Lu}/u.test(w.text) && ORG_SUFFIXES.has(w.lower)) {
      head = w;
      continue;
    }
    // a verb form inside a compound ("the deploy pipeline", "our hosting vendor") when a noun follows directly
    if (w.pos === 'VERB' && j + 1 < end && (words[j + 1]!.pos === 'NOUN' || words[j + 1]!.pos === 'PROPN') && !head) continue;
    // a deed the tagger read as a verb ends a compound ("Emeric's firewall edit caused …", "a bad config push")
    if (w.pos === 'VERB' && (head || possessor) && DEEDS.has(w.lower) && ['VERB', 'AUX'].includes(words[j + 1]?.pos ?? '')) {
      head = w;
      continue;
    }
    break;
  }
  // a noun the tagger read as an adjective ("the [high-latency] alert was …", "took down the primary by …"): the
  // phrase's last adjective before a verb, a preposition or a conjunction
  if (
    lastAdj &&
    (!head || head.index < lastAdj.index) &&
    lastAdj &&
    lastAdj.index === j - 1 &&
    (!words[j] || ['AUX', 'VERB', 'PUNCT', 'ADP', 'CCONJ'].includes(words[j]!.pos))
  )
    head = lastAdj;
  return { head, possessor, next: j };
}

type Cls = Clause['cls'];

/** Whether the document also writes a word (given in lower case) in lower case. */
export type CommonWord = (lower: string) => boolean;

const ZONES = /^(?:UTC|GMT|Z|[A-Z]{1,2}[SD]?T|CES?T|EES?T|WES?T|AEST|AEDT|IST|JST|KST|SGT|HKT|MSK|am|pm|a\.m\.|p\.m\.)$/;

/** A time, date or time-zone word opening a timeline entry. */
function isTimeWord(w: Word): boolean {
  return (
    /^\d/.test(w.text) ||
    ZONES.test(w.text) ||
    (w.pos === 'PUNCT' && w.text !== '(') ||
    w.pos === 'SYM' ||
    /^\p{Extended_Pictographic}/u.test(w.text)
  );
}

/** Who a head word is. */
export function classify(w: Word | undefined, sentenceInitial = false, common?: CommonWord): Cls {
  if (!w) return 'elided';
  const l = w.lower.replace(/'s$/, '');
  if (/^@[\w.-]+$/.test(l)) return 'person';
  if (NEGATIVE.has(l)) return l === 'nothing' ? 'system' : 'negative';
  // a product or tool name, capitalised ("Teams", "Cake"), is a system whatever the word means in lower case
  if (/^\p{Lu}/u.test(w.text) && PRODUCTS.has(l)) return 'system';
  // "IT never checked …": the department, not the pronoun the tagger reads
  if (w.text === 'IT') return 'team';
  if (PERSON_PRONOUNS.has(l)) return 'person';
  if (THEY.has(l)) return 'ambiguous';
  if (WE.has(l)) return 'we';
  if (/^[A-Z]{2,6}s?$/.test(w.text) && TEAM_ACRONYMS.has(l.replace(/s$/, ''))) return 'team';
  if (/^\p{Lu}\p{Ll}+$/u.test(w.text) && (DEPARTMENTS.has(l) || (!sentenceInitial && ORG_SUFFIXES.has(l)))) return 'team';
  // (a hyphenated tool name takes its last part's lemma: "cert-manager" is no manager)
  if (PERSON.has(l) || (PERSON.has(w.lemma) && !/^[a-z0-9]+-[a-z0-9-]+$/.test(w.text))) return 'person';
  if (TEAM.has(l) || TEAM.has(w.lemma)) return 'team';
  if (EXTERNAL.has(l) || EXTERNAL.has(w.lemma)) return 'external';
  if (ADVERSARY.has(l)) return 'adversary';
  if (SYSTEM.has(l) || SYSTEM.has(w.lemma)) return 'system';
  if (w.pos === 'PRON') return 'system';
  if (/^\p{Lu}\p{Ll}+(?:['-]\p{Lu}?\p{Ll}+)?$/u.test(w.text) && !NOT_NAMES.has(l)) {
    // a capitalised word at the start of a sentence is a name only when it is no word the model knows
    // ("Deployments", "Recovery" are words; "Teodor" is not)
    // the document writes it in lower case too ("Mark" / "the mark"): a word, not a name
    if (common?.(l)) return 'other';
    if (w.pos === 'PROPN' && HYPHENATED_NAME.test(w.text)) return 'person';
    // "most Binders would fail": a plural is a product's or a thing's name, not a person's
    if (/s$/.test(l) && lexicon(l).lemma !== l) return 'other';
    if (!sentenceInitial) return w.pos === 'PROPN' ? 'person' : 'other';
    const lex = lexicon(l);
    return !lex.known && lex.lemma === l ? 'person' : 'other';
  }
  return 'other';
}

function subjectIn(
  words: readonly Word[],
  from: number,
  to: number,
  common: CommonWord | undefined,
): { head?: Word; cls: Cls } | undefined {
  let i = from;
  // a timeline entry's time ("14:05 UTC She …"), then "Why did the developer …", "Honestly, …": wh-words,
  // auxiliaries, adverbs before the subject
  while (i < to && isTimeWord(words[i]!)) i++;
  while (i < to && ['ADV', 'AUX', 'SCONJ', 'INTJ', 'PART'].includes(words[i]!.pos) && !NEGATIVE.has(words[i]!.lower)) i++;
  // "All Seraphina had to do was …"
  if (i < to && words[i]!.lower === 'all' && words[i]!.pos === 'DET') i++;
  // "About 2% of the posts …", "Over 300 jobs …": an approximation of a number, not a fronted phrase
  if (i + 1 < to && APPROXIMATELY.has(words[i]!.lower) && words[i + 1]!.pos === 'NUM' && ofAfterNumber(words, i + 1) !== undefined) i++;
  // fronted prepositional phrases: "In April we …", "During the freeze the team …"
  let np = i < to ? nounPhrase(words, i, to) : { next: i };
  let guard = 0;
  while (i < to && words[i]!.pos === 'ADP' && guard++ < 4) {
    const pp = nounPhrase(words, i + 1, to);
    if (pp.next >= to) {
      // the phrase runs to the verb: its last nominal is the subject ("After the deploy Sam restarted …")
      np = pp;
      i = to;
      break;
    }
    i = pp.next;
    np = nounPhrase(words, i, to);
  }
  const { head, possessor } = np as { head?: Word; possessor?: Word };
  // words the tagger read as no noun phrase ("Renovate missed …", "Writes failed …"): a subject, just not a known one
  if (!head && !possessor) return i < to ? { head: words[i], cls: classify(words[i], i === 0, common) } : undefined;
  // "No one on the infra team checked …": the tagger reads "no" as the determiner of the number "one"
  const noOne = head?.lower === 'one' && words[head.index - 1]?.lower === 'no';
  // "K finally notices the page": an initial standing alone as the subject is a person ("Vaults A, B and C" are not)
  const initialLetter =
    !!head &&
    head.index === i &&
    /^[B-Z]$/.test(head.text) &&
    head.text !== 'I' &&
    words[i + 1]?.pos !== 'NOUN' &&
    words[i - 1]?.pos !== 'CCONJ' &&
    words[i - 1]?.text !== ',';
  // "the Terraform provider", "the Postgres operator", "the Kafka client": a product's component, software
  const component =
    !!head && SOFTWARE_HEADS.has(head.lower) && words[head.index - 1]?.pos === 'PROPN' && /^\p{Lu}/u.test(words[head.index - 1]!.text);
  const cls = noOne
    ? 'negative'
    : initialLetter
      ? 'person'
      : component
        ? 'system'
        : classify(head ?? possessor, initial(words, (head ?? possessor)!), common);
  if (cls === 'other' && possessor && head && (head.lemma !== head.lower || COLLECTIVE.has(head.lower) || DEEDS.has(head.lemma))) {
    const p = classify(possessor, initial(words, possessor), common);
    // "our vendor's support", "the platform team's engineers"
    if (p === 'team' || p === 'person' || p === 'external') return { head: possessor, cls: p === 'person' ? 'person' : p };
  }
  // "None of us" is "we", negated; "None of the reviewers" the reviewers, negated (the clause reads the quantifier);
  // "every one of them", "both of the reviewers", "each of the monitors": whoever the quantifier counts
  const ofIndex = head && (cls === 'negative' || isQuantity(head)) ? ofAfterNumber(words, head.index) : undefined;
  if (head && ofIndex !== undefined) {
    const of = nounPhrase(words, ofIndex + 1, to);
    const c = classify(of.head, false, common);
    // "None of the monitors …" is about monitors: no one at fault
    if (c === 'we' || c === 'system' || c === 'external' || (cls !== 'negative' && c !== 'other')) return { head: of.head, cls: c };
    // "Two of the three acknowledgements", "About 2% of scheduled posts": the things counted are the subject
    if (cls === 'other' && of.head) return { head: of.head, cls: c };
  }
  return { head: head ?? possessor, cls };
}

/**
 * The clause of the word at `at`: its subject's head and class, passive voice and agent, negation.
 * `common`: whether the document also writes a word in lower case (so a capitalised one is no name).
 */
export function clauseAt(sentence: string, offset: number, from = 0, common?: CommonWord): Clause {
  const all = wordsOf(sentence);
  if (all.length === 0)
    return { words: all, at: 0, cls: 'elided', passive: false, negated: false, negatedVerb: false, hedged: false, unable: false };
  // parenthesised asides ("This bug was (obviously) not caught", "PR (#123) incorrectly …") are read around
  const words = withoutAsides(all);
  const at = words.findIndex((w) => w.end > offset);
  if (at < 0 || words[at]!.start > offset) return clauseOfWord(all, wordAt(all, offset), common, 0, from);
  return clauseOfWord(words, at, common, 0, from);
}

const asidesMemo = new WeakMap<Word[], Word[]>();
function withoutAsides(words: Word[]): Word[] {
  let out = asidesMemo.get(words);
  if (out) return out;
  out = [];
  let depth = 0;
  for (const w of words) {
    if (w.text === '(' || w.text === '[') depth++;
    else if ((w.text === ')' || w.text === ']') && depth > 0) depth--;
    else if (depth === 0) out.push(out.length === w.index ? w : { ...w, index: out.length });
  }
  // ", who was covering for a colleague," between a subject and its verb
  for (let i = 0; i + 1 < out.length; i++) {
    if (out[i]!.text !== ',' || !['who', 'which'].includes(out[i + 1]!.lower)) continue;
    const close = out.findIndex((w, k) => k > i + 1 && w.text === ',');
    if (close < 0) break;
    out = [...out.slice(0, i), ...out.slice(close + 1)].map((w, k) => (w.index === k ? w : { ...w, index: k }));
  }
  // " - tired after a double shift - " (dashes read as plain ones) between a subject and its verb
  for (let i = 1; i + 1 < out.length; i++) {
    if (out[i]!.text !== '-' || out[i - 1]!.pos === 'PUNCT') continue;
    const close = out.findIndex((w, k) => k > i + 1 && w.text === '-');
    if (close < 0 || close - i > 9) break;
    out = [...out.slice(0, i), ...out.slice(close + 1)].map((w, k) => (w.index === k ? w : { ...w, index: k }));
  }
  if (depth > 0) out = words; // unbalanced: read as written
  asidesMemo.set(words, out);
  return out;
}

const HEDGES = new Set(['may', 'might', 'would']);
/** Adjectives of stance that take a clause without "that" ("it is clear the team …"). */
const STANCE = new Set(['clear', 'obvious', 'evident', 'apparent', 'plain', 'certain', 'sure', 'true', 'likely', 'possible']);
/** "couldn't open it", "cannot verify": an inability, not an omission. */
const INABILITY = new Set(['can', 'could', 'cannot', 'ca', "can't", "couldn't"]);

function clauseOfWord(words: Word[], at: number, common: CommonWord | undefined, depth: number, from = 0): Clause {
  let j = at - 1;
  let passive = false;
  let hedged = false;
  let unable = false;
  while (
    j >= 0 &&
    words[j]!.start >= from &&
    (verbGroup(words[j]!) || (words[j]!.pos === 'ADJ' && words[j]!.end === words[j + 1]?.start))
  ) {
    const w = words[j]!;
    if (w.pos === 'AUX' && (w.lemma === 'be' || w.lemma === 'get')) passive = true;
    if (w.pos === 'AUX' && w.lemma === 'have') passive = false;
    if (HEDGES.has(w.lower)) hedged = true;
    if (INABILITY.has(w.lower)) unable = true;
    j--;
  }
  const trigger = words[at]!;
  passive &&= trigger.pos === 'VERB' && /(?:ed|en|wn|t)$/.test(trigger.lower);
  const clause: Clause = { words, at, cls: 'elided', passive, negated: false, negatedVerb: false, hedged, unable };
  // a "by" agent after a passive verb: "missed by the stalled scheduler"
  if (passive) {
    for (let k = at + 1; k < Math.min(words.length, at + 9); k++) {
      if (words[k]!.lower === 'by') {
        const np = nounPhrase(words, k + 1, words.length);
        // (a phrase the tagger reads as no noun, "by the log-based alert", is still an agent, and no person)
        clause.agent = np.head ? classify(np.head, false, common) : words[k + 1] ? 'other' : undefined;
        break;
      }
      if (isBoundary(words[k]!)) break;
    }
  }
  let k = j;
  while (k >= 0 && words[k]!.start >= from && (!isBoundary(words[k]!) || coordinateComma(words, k))) k--;
  // a clause introduced without "that" ("It turned out she had mistyped …"): after the earlier finite verb and its
  // particle, when a noun phrase stands right before this verb group
  for (let i = j; i > k + 1; i--) {
    const w = words[i]!;
    // … or after a copula and an adjective of stance ("It is clear the on-call should have paged", "I'm sure she
    // forgot"): a noun phrase right after such an adjective begins the clause
    if (STANCE.has(w.lower) && words[i - 1]?.lemma === 'be' && ['PRON', 'PROPN', 'DET'].includes(words[i + 1]?.pos ?? '')) {
      k = i;
      break;
    }
    if (w.pos === 'VERB' && !/ing$/.test(w.lower) && w.lower !== w.lemma && words[i - 1]?.pos !== 'DET') {
      let n = i + 1;
      while (n <= j && (words[n]!.pos === 'ADP' || words[n]!.pos === 'PART') && words[n]!.lower !== 'to') n++;
      if (n <= j && n > i + 1 && ['PRON', 'PROPN', 'DET'].includes(words[n]!.pos)) k = n - 1;
      break;
    }
  }
  // a negator of the trigger's own verb: in its verb group ("does not check", "has never once run"), or after a
  // question's auxiliary before the subject ("Why didn't the on-call escalate?"); not a negated noun phrase ("not
  // the people reading it") nor an earlier verb's ("did not know the replica was serving reads")
  // (a noun or adjective trigger takes the clause's verb: "The incident wasn't the result of anyone's mistake")
  const verbless = ['NOUN', 'PROPN', 'PRON', 'ADJ'].includes(trigger.pos) && !/ing$/.test(trigger.lower);
  for (let i = verbless ? k + 1 : j + 1; i < at; i++) if (isNegator(words[i]!) && words[i]!.lower !== 'no') clause.negatedVerb = true;
  const opener = words[k + 1]?.pos === 'ADV' ? k + 2 : k + 1;
  if (words[opener]?.pos === 'AUX' && words[opener + 1] && isNegator(words[opener + 1]!)) clause.negatedVerb = true;
  // a gerund's own subject right before it ("due to the culling script not running")
  const gerundSubject =
    /ing$/.test(trigger.lower) &&
    j >= 0 &&
    j < at - 1 &&
    (words[j]!.pos === 'NOUN' || words[j]!.pos === 'PROPN') &&
    words[j + 1]!.pos !== 'AUX';
  const found = gerundSubject
    ? { head: words[j], cls: classify(words[j], j === 0, common) }
    : k + 1 <= j
      ? subjectIn(words, k + 1, j + 1, common)
      : undefined;
  if (found) {
    clause.subject = found.head;
    clause.cls = found.cls;
  } else if (k >= 0) {
    const b = words[k]!;
    if (RELATIVE.has(b.lower)) {
      // "the engineer who ignored …", "It was the team that caused …": the antecedent
      const np = backNounPhrase(words, k);
      // "It was the database team that caused …" is a cleft: the main assertion, not a relative clause
      clause.relative = !(np && words.some((w, i) => i < np.index && w.lower === 'it' && words[i + 1]?.lemma === 'be'));
      // "She's the one who brought down …", "Marketing's bad push is what knocked …": the subject of "be"
      const be = b.lower === 'what' ? k - 1 : np?.lower === 'one' && words[np.index - 1]?.lower === 'the' ? np.index - 2 : -1;
      const focus = be > 0 && words[be]!.lemma === 'be' ? subjectBefore(words, be, common) : undefined;
      if (focus) {
        clause.relative = false;
        clause.subject = focus.head;
        clause.cls = focus.cls;
      } else if (np) {
        clause.subject = np;
        clause.cls = classify(np, initial(words, np), common);
      } else clause.cls = 'other'; // an antecedent that is no noun ("… quickly enough that could have …")
    } else if ((b.pos === 'CCONJ' || b.text === ',') && depth < 3) {
      // an elided subject: the previous clause's ("ignores the page and goes back …")
      const v = lastVerbBefore(words, k);
      if (v >= 0) {
        const prev = clauseOfWord(words, v, common, depth + 1);
        clause.subject = prev.subject;
        clause.cls = prev.cls;
        // a participle that shares the previous verb's auxiliary ("was snoozed twice and then forgotten") is passive too
        if (
          prev.passive &&
          trigger.pos === 'VERB' &&
          /(?:ed|en|wn|t)$/.test(trigger.lower) &&
          !words.slice(k + 1, at).some((w) => w.pos === 'AUX')
        ) {
          clause.passive = true;
          clause.agent = prev.agent;
        }
      }
    }
  }
  const fronted = ['ADP', 'ADJ', 'PROPN', 'NOUN'].includes(trigger.pos) || (trigger.pos === 'VERB' && /ing$/.test(trigger.lower));
  if (clause.cls === 'elided' && fronted && at <= 1) {
    // a fronted adverbial ("Contrary to the playbook, Ludovic restarted …"): the main clause's subject
    const comma = words.findIndex((w, i) => i > at && w.text === ',');
    if (comma > 0) {
      const s = subjectIn(words, comma + 1, words.length, common);
      if (s) {
        clause.subject = s.head;
        clause.cls = s.cls;
      }
    }
  }
  // "Nobody", "Nothing in …", "None of the reviewers", "No alert was …", "Not a single engineer"
  const first = words[k + 1];
  const negativeSubject =
    (!!clause.subject && NEGATIVE.has(clause.subject.lower)) ||
    (!!first && NEGATIVE.has(first.lower)) ||
    (!!first && (NEGATIVE.has(first.lower) || first.lower === 'no' || (first.lower === 'not' && words[k + 2]?.lower === 'a')));
  if (negativeSubject && first?.lower === 'not') clause.negatedVerb = false;
  clause.negated = clause.negatedVerb || negativeSubject;
  clause.negativeSubject = negativeSubject;
  return clause;
}

/** The subject of the verb at `v`: the noun phrase between the clause boundary before it and it. */
function subjectBefore(words: readonly Word[], v: number, common: CommonWord | undefined): { head?: Word; cls: Cls } | undefined {
  let k = v - 1;
  while (k >= 0 && !isBoundary(words[k]!)) k--;
  return k + 1 < v ? subjectIn(words, k + 1, v, common) : undefined;
}

function backNounPhrase(words: readonly Word[], k: number): Word | undefined {
  for (let i = k - 1; i >= 0 && i >= k - 3; i--) {
    const w = words[i]!;
    if (NOMINAL.has(w.pos) || w.text.startsWith('@')) return w;
    if (w.text === ',') continue;
    return undefined;
  }
  return undefined;
}

function lastVerbBefore(words: readonly Word[], k: number): number {
  for (let i = k - 1; i >= 0; i--) if (words[i]!.pos === 'VERB') return i;
  return -1;
}

/** "It would be wrong to say …", "unfair to suggest …". */
const UNFAIR = new Set(['wrong', 'unfair', 'incorrect', 'inaccurate', 'misleading', 'untrue', 'false']);
const DENIAL_VERBS = new Set([
  'say',
  'suggest',
  'mean',
  'imply',
  'think',
  'believe',
  'claim',
  'argue',
  'blame',
  'fault',
  'assert',
  'conclude',
  'find',
]);

/** The words that open a stated cause ("caused by", "due to", "the result of", "attributable to"). */
const CAUSE_LINKS = new Set(['caused', 'due', 'because', 'attributable', 'result', 'down']);

/**
 * The trigger sits under a denied statement: "We are not saying the reviewer should have …", "None of this means …",
 * "We don't think anyone ignored …", "This is not to suggest …".
 */
export function denied(words: readonly Word[], at: number): boolean {
  // "Calling the rollout careless would miss the point", "To call it negligent would be unfair"
  const lowers = words.map((w) => w.lower).join(' ');
  if (
    /\b(?:calling|to call|blaming|to blame)\b.*\bwould(?: have)? (?:miss(?:ed)? the point|hid(?:e|den)|obscured?|mask(?:ed)?|misrepresent(?:ed)?|taught us nothing|teach us nothing|be(?:en)? (?:unfair|wrong|inaccurate|misleading|pointless|useless))/.test(
      lowers,
    )
  )
    return true;
  // "… rather than what someone should have done", "instead of asking who forgot": the framing set aside
  const before = words
    .slice(Math.max(0, at - 5), at)
    .map((w) => w.lower)
    .join(' ');
  if (/\b(?:rather than|instead of)(?: asking)?(?: (?:what|who|why|whether|how))?(?: \S+){0,2}$/.test(before)) return true;
  // "It is tempting to ask what Pilar should have done; the more useful question is …"
  if (/\b(?:tempting|easy|natural) to (?:ask|say|think|conclude|blame|wonder|call|label|judge)\b/.test(lowers)) return true;
  // "It's not that anyone should have known — …", "not that the reviewer missed anything"
  if (/\bnot that (?:anyone|anybody|someone|somebody|they|he|she|we|you|the|our|any)\b/.test(lowers)) return true;
  // "Human error was ruled out early", "Human error isn't a root cause here", "The warning signs weren't ignored",
  // "Being careful is not a control"
  const after = words
    .slice(at + 1, at + 9)
    .map((w) => w.lower)
    .join(' ');
  if (
    /^(?:[\w-]+ ){0,2}(?:was|were|is|are|has been|have been) (?:\w+ly )?(?:ruled out|excluded|rejected|disproven)\b/.test(after) ||
    /^(?:[\w-]+ ){0,3}(?:was|were|is|are)(?: not| n't) (?:\w+ly )?(?:(?:the |a |an )?(?:root )?(?:cause|factor|issue|problem|explanation|answer|control|fix|solution|mechanism|remediation|strategy|plan)\b|ignored|missed|overlooked|dismissed)/.test(
      after,
    )
  )
    return true;
  // "Alert fatigue, not inattention, explains …": a judgement named to be set aside
  if (words[at - 1]?.lower === 'not' && [',', '-', '—', '–', '('].includes(words[at - 2]?.text ?? '')) return true;
  // "This was not caused by operator error; …", "wasn't the result of carelessness": the cause itself denied
  if (CAUSE_LINKS.has(words[at]!.lower)) {
    let k = at - 1;
    if (words[k]?.pos === 'DET') k--;
    if (words[k] && isNegator(words[k]!) && words[k - 1]?.lemma === 'be') return true;
  }
  // "The root cause was not poor judgement but a dashboard …", "not the engineer who ran the script but …"
  for (let i = Math.max(0, at - 4); i < at; i++) {
    const contrast = words.slice(at + 1).some((w) => w.lower === 'but' || w.lower === 'rather');
    if (words[i]!.lower === 'not' && ['DET', 'ADJ', 'NOUN'].includes(words[i + 1]?.pos ?? '') && contrast) return true;
  }
  for (let i = at - 1; i >= 0; i--) {
    const w = words[i]!;
    if (!DENIAL_VERBS.has(w.lemma) || (w.pos !== 'VERB' && w.pos !== 'NOUN')) continue;
    // a negator in the two words before the verb ("not saying", "don't think", "not to suggest"), or a negative subject
    for (let k = i - 1; k >= Math.max(0, i - 3); k--) {
      const b = words[k]!;
      if (isNegator(b) || NEGATIVE.has(b.lower) || UNFAIR.has(b.lower)) return true;
    }
    const c = clauseOfWord(words as Word[], i, undefined, 0);
    if (c.negated) return true;
  }
  return false;
}

/**
 * A label rather than a clause: a participle opening it ("Missed signatures | 4412") or describing its plural subject
 * ("Missed writes were replayed …"), or words before a colon or a table bar that a number follows ("Dropped or
 * ignored events: 1,204", "Failed to deliver: 3.2% of webhooks").
 */
export function labelUse(words: readonly Word[], at: number): boolean {
  const next = words[at + 1];
  // (after an entry's time and its zone: "14:05 UTC Missed writes were …")
  const first = words.findIndex(
    (w, i) => w.pos !== 'PUNCT' && w.pos !== 'SYM' && w.pos !== 'NUM' && !(/^[A-Z]{2,5}$/.test(w.text) && words[i - 1]?.pos === 'NUM'),
  );
  // a bare label ("Missed signatures | 4412"): no other verb in the line
  const verbless = words.every((w, i) => i === at || (w.pos !== 'VERB' && w.pos !== 'AUX'));
  if (next && at === first && verbless && /(?:ed|en|ing)$/.test(words[at]!.lower) && (next.pos === 'NOUN' || next.pos === 'PROPN'))
    return true;
  // a participle describing the plural things that open the sentence ("Missed writes were replayed from the WAL")
  const plural = next && (next.pos === 'NOUN' || next.pos === 'VERB') && next.lower !== next.lemma && /s$/.test(next.lower);
  if (plural && at === first && /ed$/.test(words[at]!.lower) && words[at + 2]?.pos === 'AUX') return true;
  for (let i = at + 1; i < words.length; i++) {
    const w = words[i]!;
    if (w.text === ':' || w.text === '|')
      return /^[~≈<>]?\d/.test(words[i + 1]?.text ?? '') && words.slice(0, at).every((b) => b.pos !== 'PRON' && b.pos !== 'PROPN');
    // "Failed to deliver: 3.2% of webhooks": the infinitive belongs to the label
    if ((w.pos === 'VERB' || w.pos === 'AUX') && words[i - 1]?.lower !== 'to') return false;
  }
  return false;
}

/** Verbs "clearly" modifies as a manner adverb: saying, marking, showing. */
const MANNER_VERBS = new Set(
  (
    'state say describe mark label document explain define communicate show indicate separate distinguish specify write ' +
    'express articulate outline identify flag display signal present name tell list note call highlight annotate ' +
    'convey set spell word phrase format demonstrate prove reveal confirm'
  ).split(' '),
);

/** "clearly" as a manner adverb (says, marks, more clearly distinguishable), not a claim of obviousness. */
export function mannerUse(words: readonly Word[], at: number): boolean {
  const next = words[at + 1];
  const prev = words[at - 1];
  if (prev && ['more', 'most', 'to', 'very', 'less'].includes(prev.lower)) return true;
  // "The trace showed clearly that …", "the runbook states plainly": how something was shown or said
  if (prev?.pos === 'VERB' && MANNER_VERBS.has(prev.lemma)) return true;
  if (!next) return false;
  if (next.pos === 'VERB' && MANNER_VERBS.has(next.lemma)) return true;
  // after the object of such a verb: "Label the dashboard panels clearly with the region"
  for (let i = at - 1; i >= Math.max(0, at - 7); i--) {
    const w = words[i]!;
    if (w.pos === 'PUNCT' || w.pos === 'SCONJ' || w.pos === 'CCONJ') break;
    if (MANNER_VERBS.has(w.lemma) && (w.pos === 'VERB' || i === 0) && words[i + 1]?.pos === 'DET') return true;
  }
  return next.pos === 'ADJ' && /(?:able|ible)$/.test(next.lower);
}

const MODAL_FUTURE = new Set(['will', 'shall', 'should', 'must', 'would', "'ll", 'can', 'could', 'may', 'might', 'need', 'going']);

/**
 * The sentence narrates what was already done ("In April we published a notice to raise awareness …", "The update
 * helped raise awareness …"): a past form among the verbs before the trigger, no modal or future before it.
 */
export function pastNarration(words: readonly Word[], at: number): boolean {
  // the verbs of the trigger's own clause, up to a few words after it ("we never saw the error again": the verb
  // follows "never"), after any label ("Lesson learned: try harder …")
  let from = 0;
  for (let i = 0; i < at; i++) if (words[i]!.text === ':' || words[i]!.text === ';') from = i + 1;
  for (let i = from; i <= at + 4 && i < words.length; i++) {
    const w = words[i]!;
    if (MODAL_FUTURE.has(w.lower) || (w.lower === 'to' && words[i + 1]?.pos === 'VERB')) return false;
    if (w.pos !== 'VERB' || i === from) continue; // a first-word verb is an imperative
    if (w.lower !== w.lemma && !/(?:ing|s)$/.test(w.lower)) return true;
  }
  return false;
}

/**
 * A timeline entry told in the historical present ("14:05 The incident commander reminds responders to …"): the
 * trigger is a third-person present verb with a subject before it, no modal or future around it.
 */
export function presentNarration(words: readonly Word[], at: number): boolean {
  const w = words[at];
  if (!w || w.pos !== 'VERB' || w.lower === w.lemma || !/s$/.test(w.lower) || /ss$/.test(w.lower)) return false;
  const before = words.slice(0, at);
  if (before.some((b) => MODAL_FUTURE.has(b.lower))) return false;
  return before.some((b) => NOMINAL.has(b.pos) && !/^\d/.test(b.text));
}

/**
 * The head of the object after the word at `at` (past a particle), the object's words (its modifiers, read even when
 * the tagger takes one for the head: "a buggy build"), and whether `particle` follows the verb or its object.
 */
const POSTPOSED = new Set(['responsible', 'accountable', 'involved', 'concerned', 'affected', 'present', 'available']);

export function objectOf(
  words: readonly Word[],
  at: number,
  particle?: string,
): { head?: Word; possessor?: Word; phrase: readonly Word[]; particle: boolean } {
  let i = at + 1;
  let hasParticle = false;
  while (i < words.length && (words[i]!.pos === 'ADV' || words[i]!.pos === 'PART' || (particle && words[i]!.lower === particle))) {
    if (particle && words[i]!.lower === particle) hasParticle = true;
    i++;
  }
  // "the page for …", "the error of trusting …"
  const np = nounPhrase(words, i, words.length);
  if (particle && !hasParticle && words[np.next]?.lower === particle) hasParticle = true;
  let head = np.head;
  // "the engineer responsible", "the person accountable": an adjective after its noun
  if (head?.pos === 'ADJ' && head.index > i && words[head.index - 1]!.pos === 'NOUN' && POSTPOSED.has(head.lower))
    head = words[head.index - 1];
  // a gerund as the object ("broke invoicing for every merchant", "stopped billing"): a noun here
  if (!head && np.next === i && /ing$/.test(words[i]?.lower ?? '') && words[i]!.pos === 'VERB') {
    const next = words[i + 1];
    if (!next || ['ADP', 'PUNCT', 'CCONJ', 'SCONJ'].includes(next.pos))
      return { head: words[i], phrase: [words[i]!], particle: hasParticle };
  }
  // "knocked the login service offline": the tagger reads the particle as the phrase's adjective head
  if (particle && head?.lower === particle && head.index > i) {
    hasParticle = true;
    let k = head.index - 1;
    while (k >= i && words[k]!.pos !== 'NOUN' && words[k]!.pos !== 'PROPN') k--;
    head = k >= i ? words[k] : undefined;
  }
  return { head, possessor: np.possessor, phrase: words.slice(i, np.next), particle: hasParticle };
}

/** The most person-like agent named anywhere in the words (person > we or a team > external). */
export function anyAgent(words: readonly Word[], common?: CommonWord): SubjectClass | undefined {
  const rank: Partial<Record<Clause['cls'], number>> = { person: 4, we: 3, team: 3, external: 2 };
  let best: Clause['cls'] | undefined;
  for (const w of words) {
    if (w.pos !== 'NOUN' && w.pos !== 'PROPN' && w.pos !== 'PRON' && !w.text.startsWith('@')) continue;
    const c = classify(w, initial(words, w), common);
    if ((rank[c] ?? 0) > (best ? (rank[best] ?? 0) : 0)) best = c;
  }
  return best === 'team' ? 'we' : (best as SubjectClass | undefined);
}

/** "chose not to roll back", "decided not to page": a decision stated, not an omission. */
export function chosen(words: readonly Word[], at: number): boolean {
  for (let i = at - 1; i >= Math.max(0, at - 4); i--) {
    if (['choose', 'decide', 'opt', 'elect', 'agree', 'prefer', 'plan', 'accept'].includes(words[i]!.lemma)) return true;
  }
  return false;
}

/** A plural noun ("backups", "Retries" at the start of a sentence, read in lower case). */
/** Plural steps people take: "important steps were missed" is not an event that did not happen. */
const HUMAN_TASKS = new Set(['step', 'item', 'procedure', 'instruction', 'task', 'review', 'approval', 'check', 'stage']);

export function isPlural(w: Word): boolean {
  if (HUMAN_TASKS.has(w.lemma)) return false;
  if (w.lemma !== w.lower) return true;
  // "admins", "SREs": person nouns the lemmatiser leaves as they are
  if (/[^s]s$/.test(w.lower) && PERSON.has(w.lower.slice(0, -1))) return true;
  return w.index === 0 && /s$/.test(w.lower) && lexicon(w.lower).lemma !== w.lower;
}

/** The word opens its sentence, or a timeline entry after its time ("14:05 UTC Rollback could …"). */
function initial(words: readonly Word[], w: Word): boolean {
  for (let i = 0; i < w.index; i++) if (!isTimeWord(words[i]!)) return false;
  return true;
}

/** The sentence (from its head) opens with a verb in its base form: an instruction. */
export function isImperative(words: readonly Word[], head: number): boolean {
  const first = words.find((w) => w.start >= head && w.pos !== 'PUNCT' && w.pos !== 'SYM');
  return !!first && first.pos === 'VERB' && first.lower === first.lemma;
}

const PROGRAM_VERBS = lower(vocabulary.programVerbs);
const PROGRAM_INTRANSITIVE = lower(vocabulary.programIntransitiveVerbs);
const PROGRAM_OBJECTS = lower(vocabulary.programObjects);

/**
 * A capitalised name (not a role, a pronoun or a handle) that the sentence shows acting as a program: a program's verb
 * after it ("… and served stale reads", "… then retried"), or a program's object for the trigger ("forgot the session").
 */
export function actsAsProgram(words: readonly Word[], subject: Word, at: number): boolean {
  if (!/^\p{Lu}\p{Ll}+$/u.test(subject.text) || PERSON.has(subject.lower) || PERSON_PRONOUNS.has(subject.lower)) return false;
  for (let i = subject.index + 1; i < words.length; i++) {
    const w = words[i]!;
    // only the subject's own verbs: not those of a clause it introduces ("should have known the endpoint served …")
    if (w.pos === 'SCONJ' || SUBORDINATORS.has(w.lower) || (RELATIVE.has(w.lower) && w.pos !== 'DET')) break;
    if (['NOUN', 'PROPN', 'PRON'].includes(w.pos) && i > subject.index + 1) {
      let n = i + 1;
      while (words[n]?.pos === 'ADV') n++;
      if (words[n]?.pos === 'VERB' || words[n]?.pos === 'AUX') break;
    }
    if (w.pos === 'VERB' && PROGRAM_VERBS.has(w.lemma)) return true;
    if (w.pos === 'VERB' && PROGRAM_INTRANSITIVE.has(w.lemma) && objectOf(words, i).phrase.length === 0) return true;
    if (w.lower === 'timed' && words[i + 1]?.lower === 'out') return true;
  }
  const o = objectOf(words, at);
  return !!o.head && PROGRAM_OBJECTS.has(o.head.lemma);
}

/** The class of the noun phrase starting at a sentence offset ("the payments team shipping …" → a team). */
export function phraseAt(words: readonly Word[], offset: number, common?: CommonWord): SubjectClass {
  const i = wordAt(words, offset);
  const np = subjectIn(words, i, words.length, common);
  const c = np?.cls ?? 'other';
  return c === 'team' ? 'we' : c === 'negative' ? 'other' : c;
}
