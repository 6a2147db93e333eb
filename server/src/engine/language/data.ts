// Loads and validates the language data files (server/src/engine/data/language/*.json) and compiles
// their patterns. Data regexes are written by us; user-supplied phrases are escaped literals.
import vocabularyJson from '../data/language/vocabulary.json';
import humanError from '../data/language/human-error.json';
import counterfactual from '../data/language/counterfactual.json';
import omission from '../data/language/omission.json';
import hindsight from '../data/language/hindsight.json';
import judgement from '../data/language/judgement.json';
import emotive from '../data/language/emotive.json';
import rootCause from '../data/language/root-cause.json';
import passiveBlame from '../data/language/passive-blame.json';
import ruleDeviation from '../data/language/rule-deviation.json';
import vagueRemediation from '../data/language/vague-remediation.json';
import verbExceptions from 'wink-eng-lite-web-model/dist/wn-verb-exceptions.js';
import type { Severity } from '../types';
import { escapeRegExp } from '../text/text';

export type LanguageRuleId =
  | 'human-error'
  | 'counterfactual'
  | 'omission'
  | 'hindsight'
  | 'judgement'
  | 'emotive'
  | 'root-cause'
  | 'passive-blame'
  | 'rule-deviation'
  | 'vague-remediation';

export type CategoryCode = 'PB' | 'CF' | 'OM' | 'HO' | 'NJ' | 'AL' | 'RC' | 'PV' | 'RD' | 'VR';

/** How the grammatical subject of a match is found and what it does to severity. */
export type SubjectMode = 'any' | 'agent' | 'not-system' | 'who' | 'clause' | 'person-clause' | 'signal' | 'imperative';
export type Scope = 'everywhere' | 'timeline' | 'action-items' | 'remediation';
export type SectionEffect = 'off' | number;

export interface ExampleCase {
  text: string;
  section?: string;
  timeline?: boolean;
}

export interface PatternData {
  id: string;
  re: string;
  subject: SubjectMode;
  severity: Severity;
  personSeverity?: Severity;
  systemSeverity?: Severity;
  actionSeverity?: Severity;
  negatable?: boolean;
  /**
   * The clause must be negated before the trigger ("does not check", "never looks"); `any`: a negative subject will
   * do too ("nobody bothered to").
   */
  negated?: boolean | 'any';
  /** The head lemma of the trigger's object must be one of these ("caused the [whole] outage"). */
  object?: string[];
  /** Objects that make the verb a program's behaviour, not a person's ("ignored the Retry-After header"). */
  notObject?: string[];
  /** A word the trigger's object is described by ("pushed a [broken] config", "ran the [wrong] playbook"). */
  objectModifier?: string[];
  /** The object names a person or team, or belongs to one ("Revoke Sam's access"). */
  objectPerson?: boolean;
  /** A particle that must follow the verb or its object ("wrote the warning off"). */
  particle?: string;
  /** The subject classes this pattern reports (agent and not-system modes): e.g. only people, not "we" or a team. */
  agents?: ('person' | 'we' | 'team' | 'ambiguous' | 'elided' | 'other')[];
  /** The verb must have an object ("broke the build", not "the build broke"). */
  transitive?: boolean;
  /** Not in a relative clause ("the engineer who triggered the incident was quick to …" identifies, it does not blame). */
  mainClause?: boolean;
  /** The verb also reports events that did not happen ("backups were missed"): plural and scheduled subjects are not signals. */
  events?: boolean;
  /**
   * Signal mode: a check not done on a system artefact ("backups were never verified") is reported at the system
   * severity. Other modes: a change people make as the subject ("the migration ran without approval") is no program.
   */
  artefacts?: boolean;
  /** Punishes a person (revoked access, a formal warning): a finding even when narrated in the past. */
  punitive?: boolean;
  /** An adverb that is no finding when used for manner ("clearly states", "more clearly"). */
  manner?: boolean;
  scope?: Scope;
  vague?: boolean;
  /** Severity shift when the sentence gives the person's reasoning (because / since / as …). */
  reasoned?: number;
  rewrite?: 'delete' | 'replace' | 'template';
  replacement?: string;
  template?: string;
  /**
   * Rewrite that keeps the sentence's own verb phrase: the object is promoted ("The change was not tested in staging
   * before [HH:MM].") and this tail follows, with [subject] (the sentence's subject, determiner kept) and [was].
   */
  vp?: string;
}

export interface CategoryData {
  ruleId: LanguageRuleId;
  category: CategoryCode;
  name: string;
  description: string;
  hover: string;
  source: { label: string; url: string };
  citations: string[];
  prompt: string;
  template: string;
  sections?: Record<string, SectionEffect>;
  patterns: PatternData[];
  examples: { bad: (string | ExampleCase)[]; good: (string | ExampleCase)[] };
}

export interface CompiledPattern extends PatternData {
  regex: RegExp;
  /** Written over verb forms ({~lemma}): the trigger must be used as a verb. */
  verbs?: boolean;
  category: CompiledCategory;
  custom?: boolean;
}

export interface CompiledCategory extends Omit<CategoryData, 'ruleId'> {
  /** A built-in language rule's id, or a custom rule's (`customRules` in the config) that borrows its category. */
  ruleId: string;
  compiled: CompiledPattern[];
  /** Position in the category order; ties between equally severe findings go to the lower rank. */
  rank: number;
}

export interface Vocabulary {
  personNouns: string[];
  externalPersonNouns: string[];
  weWords: string[];
  ambiguousPronouns: string[];
  adversaries: string[];
  signalNouns: string[];
  /** Things that are missed without anyone at fault: deadlines, windows, scheduled runs ("the SLA was missed"). */
  missableTargets: string[];
  systemNouns: string[];
  /** Capitalised product / tool names that are never people (Cake, Prometheus, Teams …). */
  productNames: string[];
  /** Capitalised words that are never taken as a person's name (months, days, team words …). */
  notNames: string[];
  humanVerbs: string[];
  actionVerbs: string[];
  /** Verbs of diligence whose negation reports an omission ("does not check", "never looks"). */
  diligenceVerbs: string[];
  knowledgeVerbs: string[];
  irregularParticiples: string[];
  technicalTerms: string[];
  abbreviations: string[];
  negations: string[];
  /** Departments named with a capital ("Security rotated …", "Legal made …"): a team, not a thing. */
  departments: string[];
  /** The last word of an organisation's name ("… Hosting", "… Networks"): a team. */
  organisationSuffixes: string[];
  /** What programs do and people do not ("served stale reads", "threw", "returned 503"). */
  programVerbs: string[];
  /** … without an object ("crashed", "retried"; people crash clusters and retry deploys). */
  programIntransitiveVerbs: string[];
  /** What programs ignore or forget (headers, sessions, acks; people miss messages and requests). */
  programObjects: string[];
  /** Verbs of perception: "nobody noticed" often says what the system did not show, not a step no one took. */
  perceptionVerbs: string[];
  /** Generic step nouns named by the noun before them ("the approval step", "the review gate"). */
  genericSteps: string[];
}

export const vocabulary = vocabularyJson as Vocabulary;

/** Category order (the research's §1 order); also the tie-break order for one diagnostic per sentence. */
const RAW: CategoryData[] = [
  humanError,
  counterfactual,
  omission,
  hindsight,
  judgement,
  emotive,
  rootCause,
  passiveBlame,
  ruleDeviation,
  vagueRemediation,
] as CategoryData[];

export const LANGUAGE_RULE_IDS: LanguageRuleId[] = RAW.map((c) => c.ruleId);

/** A phrase list as an alternation; spaces match any run of whitespace (soft line breaks). */
/**
 * A regex source matching exactly the given literal phrases (case as given; a whitespace run in a phrase matches any
 * whitespace run), factored as a trie. A flat `a|b|c` makes the engine try every phrase at every position: 1000
 * near-identical 200-character phrases (the config cap) hung the linter on a long matching run. Factored, a position
 * costs at most one phrase length. For user-supplied lists (`phrases`, `allow`); found by adversarial tests.
 */
export function literalAlternation(phrases: readonly string[]): string {
  interface Node {
    next: Map<string, Node>;
    end: boolean;
  }
  const root: Node = { next: new Map(), end: false };
  for (const phrase of phrases) {
    let node = root;
    for (const part of phrase.split(/(\s+)/)) {
      const tokens = /^\s+$/.test(part) ? ['\\s+'] : Array.from(part, escapeRegExp);
      for (const tok of tokens) {
        let child = node.next.get(tok);
        if (!child) node.next.set(tok, (child = { next: new Map(), end: false }));
        node = child;
      }
    }
    if (node !== root) node.end = true;
  }
  const emit = (node: Node): string => {
    const branches = [...node.next].map(([tok, child]) => tok + emit(child));
    if (branches.length === 0) return '';
    const body = branches.length === 1 ? branches[0]! : `(?:${branches.join('|')})`;
    return node.end ? `(?:${body})?` : body;
  };
  return `(?:${emit(root)})`;
}

export function alternation(words: readonly string[]): string {
  return [...words]
    .sort((a, b) => b.length - a.length)
    .map((w) => escapeRegExp(w).replace(/ /g, '\\s+'))
    .join('|');
}

const VBN = `(?:(?:[a-z]+-)?(?:[a-z]+ed|${alternation(vocabulary.irregularParticiples)}))`;
const PERSON_NOUNS = vocabulary.personNouns.filter((w) => !['owner', 'owners', 'author', 'authors', 'lead', 'ic', 'i', 'me'].includes(w));
// The lookbehind starts every attempt at a token boundary: without it, each position inside a long run of word
// characters rescans the run (`[a-z][\w.-]*@`, `[A-Z]\w*`), quadratic on a 1 MB token (found by adversarial tests).
const PERSON_NP =
  `(?<![\\w.-])(?:@[\\w.-]*\\w|[a-z][\\w.-]*@(?![\\w.-])|` +
  `(?:(?:the|a|an|our|their|this|that|one|another|each|every|any)\\s+)?(?:(?:primary|secondary|on-?call|new|junior|senior|responding|reviewing|lead|platform|release|database|infra|ops|sre|human|incident|[A-Z]\\w*)\\s+)?(?:${alternation(PERSON_NOUNS)})\\b(?:\\s+[A-Z]\\b)?)`;
/** Irregular forms by lemma, from the model's exceptions table (forgot, forgotten → forget). */
const IRREGULAR = new Map<string, string[]>();
for (const [form, lemma] of Object.entries(verbExceptions)) {
  const forms = IRREGULAR.get(lemma);
  if (forms) forms.push(form);
  else IRREGULAR.set(lemma, [form]);
}

/** Regular-looking pasts of irregular verbs that are other words (see → "seed"). */
const REGULAR_COLLISIONS = new Set(['seed', 'lied', 'wined', 'bred', 'feed', 'fled', 'shed', 'wed']);

/**
 * Every form of a verb (its first word, when it is a phrase): base, -s, past, participles, -ing, regular and
 * irregular, so a pattern written over the lemma matches any tense ("ignore" → ignores, ignored, ignoring).
 */
export function verbForms(phrase: string): string[] {
  const [head = '', ...rest] = phrase.toLowerCase().split(' ');
  const forms = new Set([head, ...(IRREGULAR.get(head) ?? [])]);
  const stem = head.replace(/e$/, '');
  if (/(?:s|x|z|ch|sh|o)$/.test(head)) forms.add(`${head}es`);
  else if (/[^aeiou]y$/.test(head)) forms.add(`${head.slice(0, -1)}ies`);
  else forms.add(`${head}s`);
  // the regular past too, even where the table lists an old irregular one (bypast; bypassed is the usual form)
  const past = /[^aeiou]y$/.test(head) ? `${head.slice(0, -1)}ied` : `${stem}ed`;
  if (!REGULAR_COLLISIONS.has(past)) forms.add(past);
  forms.add(/ie$/.test(head) ? `${head.slice(0, -2)}ying` : /ee$/.test(head) ? `${head}ing` : `${stem}ing`);
  // a doubled final consonant (stop → stopped, skip → skipping); extra forms never occur, so both are listed
  if (/(?:^|[^aeiou])[aeiou][bdgklmnprt]$/.test(head)) {
    forms.add(`${head}${head.at(-1)}ed`);
    forms.add(`${head}${head.at(-1)}ing`);
  }
  return [...forms].map((f) => [f, ...rest].join(' '));
}

/** A regex alternation of every form of the given verbs, each optionally prefixed "re-" or "double-" (re-tested). */
function verbAlternation(verbs: readonly string[]): string {
  return `(?:re-?|double-|triple-)?(?:${alternation(verbs.flatMap(verbForms))})`;
}

const MACROS: Record<string, string> = {
  '{~HV}': verbAlternation(vocabulary.humanVerbs),
  '{~ACT}': verbAlternation(vocabulary.actionVerbs),
  '{~DV}': verbAlternation(vocabulary.diligenceVerbs),
  '{HV}': alternation(vocabulary.humanVerbs),
  '{ACT}': alternation(vocabulary.actionVerbs),
  '{VBN}': VBN,
  '{P}': PERSON_NP,
  '{PW}': `(?:${PERSON_NP}|\\bwe\\b|\\bour\\s+team\\b)`,
};

export function expandMacros(source: string): string {
  const expanded = source.replace(/\{~[a-z|' -]+\}|\{~?[A-Z]+\}/g, (m) => {
    // {~ignore|overlook}: every form of these verbs
    if (/^\{~[a-z]/.test(m)) return verbAlternation(m.slice(2, -1).split('|'));
    const v = MACROS[m];
    if (v === undefined) throw new Error(`Unknown macro ${m} in language pattern`);
    return v;
  });
  // a verb list with anything but words in it ("{~penali[sz]e}") is not expanded, and would be read as alternatives
  const left = /\{~[^}]*\}?/.exec(expanded);
  if (left) throw new Error(`Malformed macro ${left[0]} in language pattern (a verb list holds words only)`);
  return expanded;
}

function compile(cat: CategoryData, rank: number): CompiledCategory {
  const out: CompiledCategory = { ...cat, compiled: [], rank };
  for (const p of cat.patterns) {
    out.compiled.push({ ...p, regex: new RegExp(expandMacros(p.re), 'gi'), category: out, verbs: p.re.includes('{~') || undefined });
  }
  return out;
}

export const CATEGORIES: CompiledCategory[] = RAW.map(compile);

export const CATEGORY_BY_RULE = new Map<string, CompiledCategory>(CATEGORIES.map((c) => [c.ruleId, c]));

/** Custom phrases from config for one rule: literal text, matched case-insensitively on word boundaries. */
export function customPatterns(cat: CompiledCategory, phrases: readonly string[] | undefined): CompiledPattern[] {
  if (!phrases || phrases.length === 0) return [];
  const clean = phrases.map((p) => p.trim()).filter((p) => p.length > 0);
  if (clean.length === 0) return [];
  const body = literalAlternation(clean);
  return [
    {
      id: `${cat.category}-custom`,
      re: body,
      subject: 'any',
      severity: 'warning',
      negatable: true,
      regex: new RegExp(`(?<![\\w@])(?:${body})(?![\\w])`, 'gi'),
      category: cat,
      custom: true,
    },
  ];
}

export function exampleCase(e: string | ExampleCase): ExampleCase {
  return typeof e === 'string' ? { text: e } : e;
}
