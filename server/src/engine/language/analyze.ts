// One pass over the model's prose for all ten language categories, memoised per model and config,
// so the ten rules share it and each sentence yields at most one diagnostic.
import { PROSE_ORIGIN, type PostmortemModel, type ProseBlock, type Section } from '../model/model';
import type { ResolvedConfig, Severity, Span } from '../types';
import {
  CATEGORIES,
  customPatterns,
  alternation,
  literalAlternation,
  vocabulary,
  type CompiledCategory,
  type CompiledPattern,
} from './data';
import { customCategories } from './custom';
import { headOffset, maskLogLines, splitSentences } from './sentences';
import { learnPeople, maskPeople, writesInLowerCase } from './people';
import { MIN_LITERAL, requiredLiterals } from './required';
import precomputedLiterals from '../data/language/required-literals.json';
import { detach, generationMemo, objectMemo } from '../memo';
import { escapeRegExp } from '../text/text';
import { hasKind, selfAndAncestors } from '../model/sections';
import { DEFAULT_LANGUAGE_FINDINGS_PER_PARAGRAPH, LEVELS, severityRank } from '../config';
import { classifyPhrase, hasAdversary, isNegated, isSignalWord, type SubjectClass } from './subject';
import {
  anyAgent,
  chosen,
  classify,
  isImperative,
  isPlural,
  actsAsProgram,
  phraseAt,
  clauseAt,
  denied,
  labelUse,
  mannerUse,
  objectOf,
  pastNarration,
  presentNarration,
  wordAt,
  wordsOf,
  type Clause,
  type Word,
  type CommonWord,
} from './clauses';
import { plainTypography } from '../text/nlp';

const fromLevel = (n: number): Severity => LEVELS[Math.max(0, Math.min(LEVELS.length - 1, n))]!;

/** Where a prose block sits, as far as the language rules care. */
export interface BlockContext {
  excluded: boolean;
  risk: boolean;
  actionItems: boolean;
  remediation: boolean;
  timeline: boolean;
  quoted: boolean;
}

/** One category's best match in a sentence. */
export interface LanguageHit {
  category: CompiledCategory;
  pattern: CompiledPattern;
  /** Document offsets of the trigger. */
  start: number;
  end: number;
  severity: Severity;
  subject?: SubjectClass;
}

/** The diagnostic for one sentence (the most severe category wins). */
export interface LanguageFinding {
  /** A built-in language rule, or a custom rule that borrows one's category. */
  ruleId: string;
  hit: LanguageHit;
  others: LanguageHit[];
  /** Document span of the sentence. */
  sentence: Span;
  block: ProseBlock;
  /** The winning hits of this paragraph's findings the density cap hides, rolled up into this one (the last kept). */
  hidden: LanguageHit[];
}

export interface LanguageAnalysis {
  findings: LanguageFinding[];
  /** Findings dropped by the density cap. */
  capped: number;
}

const NEGATIONS = new Set(vocabulary.negations.map((n) => n.toLowerCase()));
const TECH_SOURCE = alternation(vocabulary.technicalTerms);

const memo = objectMemo<PostmortemModel, WeakMap<ResolvedConfig | object, LanguageAnalysis>>();
const NO_CONFIG = {};

export function analyzeLanguage(model: PostmortemModel, config?: ResolvedConfig): LanguageAnalysis {
  const byConfig = memo.getOrCompute(model, () => new WeakMap());
  const key = config ?? NO_CONFIG;
  let result = byConfig.get(key);
  if (!result) byConfig.set(key, (result = runAnalysis(model, config)));
  return result;
}

function enabledCategories(config?: ResolvedConfig): { cat: CompiledCategory; offset: number; patterns: CompiledPattern[] }[] {
  const out = [];
  for (const cat of CATEGORIES) {
    const rc = config?.rules?.[cat.ruleId];
    if (rc && rc.severity === 'off') continue;
    const offset = rc ? severityRank(rc.severity as Severity) - severityRank('warning') : 0;
    out.push({ cat, offset, patterns: [...cat.compiled, ...customPatterns(cat, config?.phrases?.[cat.ruleId])] });
  }
  // custom rules that borrow a category: after the built-in ones, each its own category (its own rule id)
  for (const { cat, severity } of customCategories(config)) {
    const rc = config?.rules?.[cat.ruleId];
    if (rc?.severity === 'off') continue;
    const offset = severityRank((rc?.severity ?? severity) as Severity) - severityRank('warning');
    out.push({ cat, offset, patterns: cat.compiled });
  }
  return out;
}

function sectionChain(model: PostmortemModel, index: number | undefined): Section[] {
  return [...selfAndAncestors(model.sections, index === undefined ? undefined : model.sections[index])];
}

/** What a block's enclosing sections (its section and their parents) say about it. */
interface SectionFlags {
  excluded: boolean;
  risk: boolean;
  actionItems: boolean;
  lessons: boolean;
  timeline: boolean;
}

function sectionFlags(model: PostmortemModel, index: number | undefined): SectionFlags {
  const chain = sectionChain(model, index);
  const has = (f: (s: Section) => boolean) => chain.some(f);
  return {
    excluded: has((s) => s.role === 'appendix' || /\b(?:chat|transcripts?|irc|slack|logs?|raw)\b/i.test(s.title)),
    risk: has((s) => s.role === 'where-we-got-lucky' || s.role === 'risk'),
    actionItems: has((s) => hasKind(s, 'action-items')),
    lessons: has((s) => hasKind(s, 'lessons-learned')),
    timeline: has((s) => hasKind(s, 'timeline')),
  };
}

function contextFrom(block: ProseBlock, f: SectionFlags): BlockContext {
  const actionItems = !!block.inActionItem || f.actionItems;
  return {
    excluded: block.context === 'heading' || f.excluded,
    risk: f.risk,
    actionItems,
    remediation: actionItems || f.lessons,
    timeline: !!block.inTimeline || f.timeline,
    quoted: block.context === 'blockquote',
  };
}

export function blockContext(model: PostmortemModel, block: ProseBlock): BlockContext {
  return contextFrom(block, sectionFlags(model, block.section));
}

function maskRegex(re: RegExp, text: string): string {
  return text.replace(re, (m) => ' '.repeat(m.length));
}

/** Quoted spans in a sentence: [start, end, words]. */
// An adverbial aside inside a verb group, between commas ("did not, at any point in the first hour, look at …",
// "failed, despite two pages, to escalate", "should, given the warning, have set …"): blanked (same length, so offsets
// still map to the text) so that the verb group reads as one, as the patterns and the tagger expect it.
const VERB_GROUP_ASIDE =
  /\b(not|never|n't|should|could|would|must|might|failed|fails|did|does|do|had|has|have),(\s*(?:at|in|on|during|despite|for|after|before|given|even|until|throughout|with|without|once|by|as|under)\b[^,;.:!?]{1,80}),(?=\s*(?:to\s+)?[a-z])/gi;
function blankAsides(s: string): string {
  if (!s.includes(',')) return s;
  return s.replace(VERB_GROUP_ASIDE, (all, verb: string) => verb + ' '.repeat(all.length - verb.length));
}

function quotedSpans(s: string): { start: number; end: number; words: number }[] {
  const out: { start: number; end: number; words: number }[] = [];
  const re = /"([^"\n]{1,300})"|“([^”\n]{1,300})”|‘([^’\n]{1,300})’|(?<![\p{L}\p{N}])'([^'\n]{1,300})'(?![\p{L}\p{N}])/gu;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    const inner = m[1] ?? m[2] ?? m[3] ?? m[4] ?? '';
    out.push({ start: m.index, end: m.index + m[0].length, words: inner.trim().split(/\s+/).length });
  }
  return out;
}

const MENTION_CUE =
  /\b(?:the\s+(?:label|term|word|words|phrase|phrases|notion|concept|idea)(?:\s+of)?|so-called|called|avoid(?:ing)?(?:\s+the)?|rather\s+than(?:\s+an?|\s+the)?|instead\s+of(?:\s+an?|\s+the)?|beyond(?:\s+the)?|term)\s*["'“‘]?\s*$/i;

/** The trigger as a word that the sentence talks about: "Careless is not a fair word for it", "Lazy isn't the term". */
const WORD_MENTIONED =
  /^["'”’]?\s+(?:is|was|isn't|wasn't)\s+(?:not\s+|never\s+)?(?:a|an|the)\s+(?:\w+\s+){0,2}?(?:word|term|label|adjective|description|framing)\b/i;

function shift(s: Severity, by: number): Severity | undefined {
  const n = severityRank(s) + by;
  return n < 0 ? undefined : fromLevel(n);
}

interface SentenceEnv {
  model: PostmortemModel;
  ctx: BlockContext;
  /** Masked sentence text used for matching (technical terms and allow-list blanked). */
  work: string;
  /** Original document text of the sentence. */
  original: string;
  /** Document offset of the sentence start. */
  docStart: number;
  head: number;
  riskPrefix: boolean;
  remediationCue: boolean;
  /** Bounded (an owned, tracked action item, or a sentence naming both)? Asked only when a pattern needs it, so only then recorded for the memo. */
  bounded: () => boolean;
  concrete: boolean;
  quotes: { start: number; end: number; words: number }[];
  /** Whether the document also writes a word in lower case (recorded for the block memo). */
  common: CommonWord;
  /** Whether the sentence has a negator (asked by patterns that need a negated clause). */
  negator?: boolean;
  /** The clause last read for a trigger at this offset (several patterns often trigger on the same word). */
  clause?: [number, Clause];
}

/** A negation written into the pattern's own match ("did not follow"): the clause's negation is the point, not a denial. */
/** The index of the first word at or after the sentence's head (its list marker or label skipped). */
function firstWord(words: readonly { start: number; pos: string; text: string }[], head: number): number {
  return words.findIndex((w) => w.start >= head && w.pos !== 'PUNCT' && w.pos !== 'SYM' && !/^\d/.test(w.text));
}

/** What an outage shows whoever looks: its symptoms, not its cause. */
const SYMPTOMS = new Set(['symptom', 'impact', 'effect', 'error', 'failure', 'outage', 'degradation', 'slowdown']);
const NO_EVIDENCE = /\b(?:no|little|not\s+any|without\s+any)\s+(?:evidence|indication|sign|suggestion|proof)\s+(?:that|of)\b/i;
const OUTSIDERS_SAID =
  /\b(?:press|media|news\s+(?:outlets?|coverage|reports?)|journalists?|reporters?|headlines?|commentators?|critics|posts?\s+on\s+\w+)\s+(?:\w+\s+)?(?:described|called|labell?ed|painted|framed|portrayed|characteri[sz]ed|branded|dubbed|blamed)\b/i;
const REPORTING = new Set(['tell', 'say', 'report', 'complain', 'describe', 'call', 'write', 'tweet', 'post', 'email']);
/**
 * Hindsight named to set it aside: the sentence contrasts now with the time of the incident ("looks obvious now, but
 * at 3 a.m. it was one of forty panels", "only became obvious after we diffed …", "what seems obvious in a postmortem
 * … nobody had during the incident"), or makes something easy to see on purpose ("makes a failed replica easy to
 * spot"), or places the obviousness in one view and not another ("obvious in the p99 graph but invisible in the p50").
 */
const REFRAMED =
  /\bwhat\s+(?:seems|looks|appears|feels)\s+(?:obvious|clear|evident)\b|\b(?:warning\s+signs|signals?|signs)\b[^.;]{0,60}\b(?:indistinguishable|buried|lost\s+in|looked\s+like|resembled)\b|\b(?:becomes?|is\s+now)\s+(?:obvious|clear|evident|apparent)\s+(?:after|once|when|from|in)\b|\b(?:saying|to\s+say|calling|claiming|to\s+claim)\b[^.;]{0,60}\bwould\s+be\s+(?:unfair|wrong|misleading|inaccurate|hindsight)\b|\b(?:obvious|clear|evident)\s+now\b[^.;]{0,40}\b(?:then|invisible|hidden|buried)\b|\b(?:only\s+)?became\s+(?:obvious|clear|evident|apparent)\s+(?:after|once|when)\b|\b(?:becomes?|became|was|were|is|only)\s+(?:obvious|clear|evident|apparent)\s+only\s+(?:after|once|when)\b|\b(?:looks?|looked|seems?|seemed|appears?|appeared)\s+(?:obvious|clear|evident)\s+(?:only\s+)?(?:once|after)\b|\b(?:once|when|as\s+soon\s+as)\b[^.;]{1,80},[^.;]{0,60}\b(?:is|becomes|looks)\s+(?:obvious|clear|evident)\b|\bmak(?:e|es|ing|ed)\b[^.;]{0,60}\beas(?:y|ier)\s+to\b|\bobvious\s+(?:in|on|from)\b[^.;]*\bbut\b|\bhindsight\b[^.;]*\b(?:none|but|so\s+(?:that|they))\b/i;
/** The time of the incident, and a contrast with it ("… now, but at 3 a.m. it was one of forty panels"). */
const INCIDENT_TIME =
  /\b(?:during\s+the\s+incident|at\s+the\s+time|in\s+the\s+moment|at\s+that\s+point|at\s+\d{1,2}(?::\d\d)?\s*(?:a\.?m\.?|p\.?m\.?)|in\s+a\s+postmortem|after\s+the\s+fact|afterwards)\b/i;
const CONTRAST =
  /\b(?:now|but|yet|however|nobody|no\s+one|one\s+of|afterwards|in\s+hindsight|in\s+retrospect|postmortem|wasn't|was\s+not)\b/i;
/** An alternative weighed and set aside with its reason ("we could have picked a shorter window, but …"). */
const CONSIDERED =
  /\b(?:could|might)(?:\s+have|'ve)\s+(?:chosen|opted\s+for|picked|gone\s+with|taken|scheduled|used|waited)\b[^.;]*,\s*but\b/i;
/** A trade-off stated as one ("by design", "we accepted the risk", "a deliberate trade-off"). */
const TRADE_OFF =
  /\b(?:by\s+design|(?:we|they|the\s+team)\s+accepted\s+the\s+risk|accepting\s+the\s+risk|an?\s+(?:deliberate|conscious|calculated)\s+(?:trade-?off|choice|decision|risk))\b/i;
const DELIBERATE = /\b(?:deliberately|intentionally|consciously|knowingly|on\s+purpose)\b/i;
const PURPOSE = /\b(?:to|because|since|given\s+that|so\s+that|in\s+order\s+to)\b/i;
const APPROVED =
  /\b(?:under\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}exception|exception\s+(?:granted|approved)|per\s+policy|approved\s+by|signed\s+off\s+by|(?:after|once)\s+(?:the\s+)?[\w-]+(?:\s+[\w-]+)?\s+(?:had\s+)?signed\s+off|approv(?:e|es|ed|ing)\s+(?:the\s+)?(?:bypass|skipp|overrid)\w*|under\s+(?:a|an|the)\s+(?:documented\s+|agreed\s+|approved\s+)?(?:[\w-]+\s+){0,2}?(?:emergency|break-glass)\s+(?:procedure|process|policy|change))\b|\b(?:was|were)\s+(?:the\s+right\s+(?:call|decision|choice|thing)|justified|correct|necessary)\b|\bwith\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}(?:approval|sign-off|permission)\b|\bas\s+(?:the\s+)?[\w-]+(?:\s+[\w-]+)?\s+(?:process|policy|procedure)\s+allows\b|\b(?:deliberately|intentionally|on\s+purpose)\b[^.;]*\bbecause\b/i;
const TARGETS = new Set(vocabulary.missableTargets);
/** Passive verbs only people are the agents of ("neglected", "brushed off"), unlike "ignored" or "skipped". */
const HUMAN_ONLY =
  /\b(?:neglected|disregarded|glossed\s+over|swept\s+under\s+the\s+(?:rug|carpet)|brushed\s+(?:off|aside)|waved\s+(?:off|through)|shrugged\s+off|tuned\s+out)$/i;
/** Changes people make, as the subject of how they went out ("the deploy went out without approval"). */
const CHANGES = new Set([
  'deploy',
  'deployment',
  'migration',
  'change',
  'release',
  'rollout',
  'push',
  'edit',
  'hotfix',
  'patch',
  'commit',
  'merge',
]);
/** Modifiers of a run a schedule makes: "scheduled reports", "the nightly digest", "hourly snapshots". */
const SCHEDULED = new Set([
  'schedule',
  'scheduled',
  'nightly',
  'daily',
  'hourly',
  'weekly',
  'monthly',
  'periodic',
  'recurring',
  'cron',
  'batch',
  'automated',
]);
const CONDITIONS = new Set(['if', 'unless', 'whenever', 'until']);
const NEGATOR = /\b(?:not|never|no|nobody|none|neither|nor)\b|n't\b/i;
const POSSESSIVES = new Set(['my', 'our', 'your', 'his', 'her', 'their', 'its', 'no', 'any', 'every', 'each']);

function isNegatorInside(match: string): boolean {
  return /\b(?:not|never|no|none|nobody)\b|n't\b/i.test(match);
}

const REASON = /\b(?:because|since|given\s+that|as\s+(?:it|they|the|this))\b/gi;

/**
 * The reason words of a sentence as they stand to the trigger at `start`: `own`, where the last one that opens the
 * trigger's own clause stands ("… double-billed because the report was not reviewed"; -1: none), and `other`, whether
 * one gives a reason for what the trigger reports ("did not page, because the alert was informational"): after the
 * trigger, or before it with a clause break between them.
 */
function reasonWords(work: string, start: number): { own: number; other: boolean } {
  REASON.lastIndex = 0;
  let m: RegExpExecArray | null;
  let own = -1;
  let other = false;
  // an explanation set off after the trigger by a dash or a colon ("didn't roll back — the previous build …")
  if (/(?:\s[—–-]|:)\s+(?:the|it|its|they|their|this|that|there|we|our|no|nothing|none)\b/i.test(work.slice(start))) other = true;
  while ((m = REASON.exec(work))) {
    if (m.index > start) other = true;
    else if (m.index < start) {
      if (/[,;:]/.test(work.slice(m.index, start))) other = true;
      else own = m.index;
    }
  }
  return { own, other };
}

/**
 * The trigger's clause follows ", so", "therefore" or "which meant" after a clause whose subject is a system ("The
 * linter did not follow symlinks, so the shared config was never checked"): the consequence of what the system did.
 */
function systemConsequence(work: string, start: number, env: { head: number; common?: CommonWord }): boolean {
  let last: RegExpMatchArray | undefined;
  for (const m of work.slice(0, start).matchAll(CONSEQUENCES)) last = m;
  const cut = last?.index;
  if (cut === undefined) return false;
  const before = wordsOf(work).filter((w) => w.start >= env.head && w.end <= cut);
  const verb = before.find((w) => w.pos === 'VERB' || w.pos === 'AUX');
  return !!verb && clauseAt(work, verb.start, env.head, env.common).cls === 'system';
}

/** Measured quantities an emotive word can only exaggerate ("tail latency was catastrophic"). */
const METRICS = new Set(['latency', 'throughput', 'p50', 'p95', 'p99', 'jitter', 'saturation', 'utilisation', 'utilization']);
/** Signal words that name the signal of a condition ("signs of degradation", "warnings of disk pressure"). */
const SIGNS_OF = new Set(['signs', 'sign', 'warnings', 'warning', 'symptoms', 'indications', 'evidence', 'reports', 'hints']);
/** Verbs that put something in a class by a rule ("treat X as", "define X as", "count X as"). */
const CLASSIFYING = new Set([
  'treat',
  'define',
  'classify',
  'count',
  'grade',
  'categorise',
  'categorize',
  'class',
  'mark',
  'flag',
  'label',
]);
/** Levels of a measure an adjective can qualify ("the unacceptable threshold", "an acceptable range"). */
const MEASURES = new Set([
  'threshold',
  'level',
  'limit',
  'latency',
  'rate',
  'range',
  'band',
  'zone',
  'value',
  'ratio',
  'percentage',
  'delay',
]);

/** The start of an answer no to the question before it ("No —", "It was not:", "The review concluded it was not"). */
const ANSWERED_NO =
  /^\s*(?:no\b|nope\b|not\s+at\s+all\b|(?:it|this|that)\s+(?:was|is)(?:\s+not|n't)\b|(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:concluded|found|showed|confirmed|determined)\s+(?:that\s+)?(?:it|this|they|he|she)\s+(?:was|were|did|had)(?:\s+not|n't)\b)/i;

/** An absence of impact: "None", "no customers were affected", "nothing was lost". */
const ABSENCE =
  /\b(?:were|was)\s+(?:\w+\s+)?(?:preserved|intact|retained|unaffected|spared)\b|^\W*(?:none|no\s|nothing|n\/a)\b|\b(?:not|n't|never|un)\s*(?:\w+\s+)?(?:affected|impacted|exposed|lost|harmed|visible|noticeable|interrupted|disrupted|dropped|corrupted|degraded|delayed|duplicated|reached|hit|touched)\b|\b(?:stayed|remained|kept)\s+(?:\w+\s+)?(?:up|available|online|healthy|consistent|intact)\b|\bno\s+(?:\w+\s+)?(?:impact|customers?|users?|data|downtime|loss|outage|effect)\b/i;
/** A consequence after the trigger: ", so …", "; therefore …", "which meant …". */
const CONSEQUENCE = /(?:[,;]|(?<![\s,;]))\s+(?:so|therefore|thus|which\s+meant|meaning|which\s+is\s+why|which\s+was\s+why)\s+(?:that\s+)?/i;
const CONSEQUENCES = new RegExp(CONSEQUENCE.source, 'gi');
/**
 * The trigger is the reason for an absence the sentence reports ("None, because we didn't deploy it", "No customer
 * was affected since the on-call never enabled the flag", "… did not restart the workers, so no jobs were lost"): an
 * absence in the main clause before the reason word of the trigger's clause, or in a consequence after it.
 */
function explainsAbsence(work: string, start: number): boolean {
  const reason = reasonWords(work, start).own;
  if (reason > 0 && ABSENCE.test(work.slice(0, reason))) return true;
  // "The on-call did not restart the workers, so no in-flight jobs were lost"
  const then = CONSEQUENCE.exec(work.slice(start));
  return !!then && ABSENCE.test(work.slice(start + then.index + then[0].length));
}

/**
 * A participle clause has no subject of its own: its subject is the main clause's. "Having overlooked the warning
 * for two days, the platform group …" (fronted: the clause after the comma), "The captain signed it off himself,
 * skipping the second approver" (trailing: the clause before the comma).
 */
function participleHost(
  c: Clause,
  words: readonly Word[],
  at: number,
  work: string,
  env: { head: number; common?: CommonWord },
): Clause | undefined {
  const first = firstWord(words, env.head);
  // (the tagger may read a fronted "Having" as the clause's subject)
  if (c.cls !== 'elided' && c.subject !== words[first]) return undefined;
  // ("Bypassing staging entirely, Chidi's team promoted …": a present participle opening the sentence)
  const fronted = words[first]?.lower === 'having' ? first < at : first === at && /ing$/.test(words[at]!.lower);
  if (fronted) {
    const comma = words.findIndex((w, i) => i > at && w.text === ',');
    const verb = comma < 0 ? undefined : words.find((w, i) => i > comma + 1 && (w.pos === 'VERB' || w.pos === 'AUX'));
    return verb ? clauseAt(work, verb.start, env.head, env.common) : undefined;
  }
  if (c.cls !== 'elided' || !/ing$/.test(words[at]!.lower)) return undefined;
  const before = words[at - 1];
  if (before?.lower !== 'for' && before?.text !== ',') return undefined;
  // the clause of the last verb before the participle
  const verb = words
    .slice(0, at - 1)
    .reverse()
    .find((w) => w.pos === 'VERB' || w.pos === 'AUX');
  const host = verb ? clauseAt(work, verb.start, env.head, env.common) : undefined;
  // "The admission controller rejects the pod spec for violating the policy": the object broke the rule, and a
  // program reported it
  if (before?.lower === 'for') return host?.cls === 'system' ? host : undefined;
  return host && host.cls !== 'elided' && !host.passive ? host : undefined;
}

/** The noun phrase ending at `i` opens with a determiner or a possessive ("the platform engineers", "our SREs"). */
function determined(words: readonly Word[], i: number): boolean {
  let k = i - 1;
  while (k >= 0 && ['NOUN', 'PROPN', 'ADJ'].includes(words[k]!.pos)) k--;
  return k >= 0 && (words[k]!.pos === 'DET' || POSSESSIVES.has(words[k]!.lower));
}

/** What a configuration compiles to for the language pass (built once per configuration object). */
interface CompiledConfig {
  cats: { cat: CompiledCategory; offset: number; patterns: CompiledPattern[] }[];
  maskRe: RegExp;
  key: string;
  filter: LiteralFilter;
  /** Findings kept per paragraph (Infinity: no cap). */
  cap: number;
}

/**
 * Which patterns can match a sentence, from one scan of the block for the patterns' required literals
 * (required.ts): a pattern none of whose literals occurs inside the sentence is not run there.
 */
interface LiteralFilter {
  /** All literals, longest first, as one case-insensitive alternation (null: no pattern has literals). */
  scanner: RegExp | null;
  /** Literal → index. */
  ids: Map<string, number>;
  /** For each literal, itself and every other literal it contains (found with it at the same place). */
  contained: number[][];
  /** Per category and pattern (as in `cats`): indexes of its scanned literals (all MIN_LITERAL long or longer). */
  literals: (number[] | undefined)[][];
  /** Per category and pattern: its literals when one is shorter (looked for in the sentence instead of scanned). */
  short: (string[] | undefined)[][];
}

/** Required literals by pattern flags and source (a generation holds the built-in patterns many times over). */
const requiredBySource = generationMemo<string, string[] | undefined>(1_024, { scope: 'configuration' });

/** `${flags}/${source}` of a compiled pattern: the key of its required literals. */
const patternKey = (p: CompiledPattern) => `${p.regex.flags}/${p.regex.source}`;

/**
 * The built-in patterns' required literals, computed once at development time (`npm run gen:literals`, kept in
 * step by a test): reading a pattern's syntax tree costs tens of milliseconds at every start otherwise. A pattern
 * missing from the table (a configured phrase, a pattern edited since) is computed as before.
 */
const PRECOMPUTED = precomputedLiterals as Record<string, string[] | null>;

function literalsOf(p: CompiledPattern): string[] | undefined {
  const key = patternKey(p);
  return requiredBySource.getOrCompute(key, () => {
    const known = PRECOMPUTED[key];
    if (known !== undefined) return known ?? undefined;
    return requiredLiterals(p.regex.source, p.regex.flags);
  });
}

/** The built-in patterns' required literals, as `npm run gen:literals` writes them (null: none known). */
export function builtInRequiredLiterals(): Record<string, string[] | null> {
  const out: Record<string, string[] | null> = {};
  for (const cat of CATEGORIES) for (const p of cat.compiled) out[patternKey(p)] = requiredLiterals(p.regex.source, p.regex.flags) ?? null;
  return out;
}

function literalFilter(cats: CompiledConfig['cats']): LiteralFilter {
  const index = new Map<string, number>();
  const required = cats.map(({ patterns }) => patterns.map(literalsOf));
  const scanned = (lits: string[] | undefined) => !!lits && lits.every((l) => l.length >= MIN_LITERAL);
  const literals = required.map((row) =>
    row.map((lits) =>
      scanned(lits)
        ? lits!.map((l) => {
            let i = index.get(l);
            if (i === undefined) index.set(l, (i = index.size));
            return i;
          })
        : undefined,
    ),
  );
  const short = required.map((row) => row.map((lits) => (scanned(lits) ? undefined : lits)));
  const all = [...index.keys()];
  // each literal's own substrings looked up, not every pair of literals compared (quadratic in their number)
  const contained = all.map((l) => {
    const found = new Set<number>();
    for (let i = 0; i < l.length; i++)
      for (let j = i + MIN_LITERAL; j <= l.length; j++) {
        const k = index.get(l.slice(i, j));
        if (k !== undefined) found.add(k);
      }
    return [...found];
  });
  const source = [...all]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join('|');
  return { scanner: all.length ? new RegExp(source, 'gi') : null, ids: index, contained, literals, short };
}

/** Literal occurrences in a block, by start: [start, end, literal index]. */
function scanLiterals(filter: LiteralFilter, text: string): [number, number, number][] {
  const out: [number, number, number][] = [];
  const re = filter.scanner;
  if (!re) return out;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    out.push([m.index, m.index + m[0].length, filter.ids.get(m[0].toLowerCase())!]);
    re.lastIndex = m.index + 1; // overlapping: a literal may start inside another
  }
  return out;
}

function anyPresent(literals: readonly number[], present: Uint8Array): boolean {
  for (const j of literals) if (present[j]) return true;
  return false;
}

/**
 * Mark (in pattern order across categories) the patterns that can match the sentence: a scanned literal inside it,
 * or a short literal in its text, or no literals known. Whether any can.
 */
function markCandidates(filter: LiteralFilter, raw: string, present: Uint8Array, out: Uint8Array): boolean {
  let any = false;
  let lower: string | undefined;
  for (let c = 0, k = 0; c < filter.literals.length; c++) {
    const scanned = filter.literals[c]!;
    const short = filter.short[c]!;
    for (let i = 0; i < scanned.length; i++, k++) {
      const needs = scanned[i];
      const shortNeeds = short[i];
      const can = needs
        ? anyPresent(needs, present)
        : shortNeeds
          ? shortNeeds.some((l) => (lower ??= raw.toLowerCase()).includes(l))
          : true;
      out[k] = can ? 1 : 0;
      any ||= can;
    }
  }
  return any;
}

/** Which literals occur entirely inside [start, end) of the block (occurrences by start). */
function literalsWithin(filter: LiteralFilter, found: [number, number, number][], start: number, end: number, present: Uint8Array): void {
  present.fill(0);
  for (const [s, e, id] of found) {
    if (s >= end) break;
    if (s >= start && e <= end) for (const j of filter.contained[id]!) present[j] = 1;
  }
}
/**
 * Compiled once per configuration object: the hosts keep one resolved configuration per config file and settings
 * (the server per settings and directory, the CLI per config file), so a keystroke never compiles again.
 */
const compiledConfigs = objectMemo<ResolvedConfig | object, CompiledConfig>('configuration');

function compileConfig(config?: ResolvedConfig): CompiledConfig {
  return compiledConfigs.getOrCompute(config ?? NO_CONFIG, () => compileConfigUncached(config));
}

function compileConfigUncached(config?: ResolvedConfig): CompiledConfig {
  const cats = enabledCategories(config);
  const allow = (config?.allow ?? []).map((a) => a.trim()).filter(Boolean);
  const maskSource = allow.length ? `${TECH_SOURCE}|${literalAlternation(allow.map((a) => a.toLowerCase()))}` : TECH_SOURCE;
  const maskRe = new RegExp(`(?<![\\w-])(?:${maskSource})(?![\\w-])`, 'gi');
  // the density cap (`languageFindingsPerParagraph`)
  const perParagraph = config?.languageFindingsPerParagraph ?? DEFAULT_LANGUAGE_FINDINGS_PER_PARAGRAPH;
  const cap = perParagraph === 0 ? Infinity : perParagraph;
  return { cats, maskRe, key: cats.length ? `${configKey(cats, allow)}/${cap}` : '', filter: literalFilter(cats), cap };
}

function runAnalysis(model: PostmortemModel, config?: ResolvedConfig): LanguageAnalysis {
  const { cats, maskRe, key, filter, cap } = compileConfig(config);
  const present = new Uint8Array(filter.contained.length);
  const candidates = new Uint8Array(cats.reduce((n, c) => n + c.patterns.length, 0));
  const findings: LanguageFinding[] = [];
  let capped = 0;
  if (cats.length === 0) return { findings, capped };
  const people = learnPeople(model);
  const cfgKey = `${key}\u0000${people.join(',')}`;
  const itemBounded = boundedItemLookup(model);
  const commonIn = writesInLowerCase(model);

  // a lint adds at most one text per block to the current generation: with room for them all it rolls over at
  // most once, so every text it used is still there for the next lint
  blockMemo.fit(model.prose.length);
  const flagsBySection = new Map<number | undefined, SectionFlags>(); // sections are shared by many blocks
  const contextKeys: string[] = []; // memo context per combination of block flags
  for (const block of model.prose) {
    let flags = flagsBySection.get(block.section);
    if (!flags) flagsBySection.set(block.section, (flags = sectionFlags(model, block.section)));
    const ctx = contextFrom(block, flags);
    if (ctx.excluded) continue;
    // Per-block memo (incremental re-lint): a block's findings depend only on its text, the context below and
    // the action items at those of its sentence starts that a pattern asked about (`bounded`), which are
    // re-checked before a cached result is reused.
    const flagIndex = +ctx.risk | (+ctx.actionItems << 1) | (+ctx.remediation << 2) | (+ctx.timeline << 3) | (+ctx.quoted << 4);
    const context = (contextKeys[flagIndex] ??=
      `${cfgKey}\u0000${+ctx.risk}${+ctx.actionItems}${+ctx.remediation}${+ctx.timeline}${+ctx.quoted}`);
    // first by the block's origin (the same object while its top-level node is unchanged: no text hashed or
    // compared), then by its text (a changed node whose block reads as before, or the same text elsewhere)
    const origin = block[PROSE_ORIGIN];
    let cached = origin && originMemo.get(origin);
    let source: string | undefined;
    if (cached?.context !== context) cached = findEntry(block.text, context, (source = model.text.slice(block.start, block.end)));
    if (
      cached &&
      cached.lookups.every(([rel, v]) => itemBounded(block.start + rel) === v) &&
      cached.words.every(([w, v]) => commonIn(w) === v)
    ) {
      if (origin) originMemo.set(origin, cached);
      capped += cached.capped;
      for (const f of cached.findings) findings.push(rebase(f, block, block.start));
      continue;
    }
    source ??= model.text.slice(block.start, block.end);
    const lookups: [number, boolean][] = [];
    const words: [string, boolean][] = [];
    const common = (lw: string) => {
      const v = commonIn(lw);
      words.push([lw, v]);
      return v;
    };
    const findingsBefore = findings.length;
    const cappedBefore = capped;
    const text = maskPeople(maskLogLines(plainTypography(block.text)), people);
    const blockFindings: LanguageFinding[] = [];
    let blockConcrete: boolean | undefined; // the block-wide half of `concrete`, computed once per block
    const found = scanLiterals(filter, text);
    for (const span of splitSentences(text)) {
      const raw = text.slice(span.start, span.end);
      // "Was this human error? The review concluded it was not: …": a question the text answers no is no claim
      if (/\?\s*$/.test(raw) && ANSWERED_NO.test(text.slice(span.end, span.end + 80))) continue;
      // which patterns can match here; none (most sentences): nothing more to do
      literalsWithin(filter, found, span.start, span.end, present);
      if (!markCandidates(filter, raw, present, candidates)) continue;
      const docStart = block.start + span.start;
      const original = model.text.slice(docStart, block.start + span.end);
      const head = headOffset(raw);
      const work = blankAsides(maskRegex(maskRe, raw));
      let bounded: boolean | undefined;
      const env: SentenceEnv = {
        model,
        ctx,
        work,
        original,
        docStart,
        head,
        riskPrefix: /^(?:where\s+we\s+got\s+lucky|what\s+could\s+have\s+gone\s+worse|risks?|what\s+if)\s*:/i.test(raw.slice(head)),
        remediationCue: /\b(?:fix|action(?:\s+items?)?|remediation|follow-?ups?|lessons?(?:\s+learned)?|next\s+steps?)\s*:/i.test(raw),
        bounded: () => (bounded ??= isBounded(itemBounded, docStart, original, lookups, block.start)),
        concrete:
          /\d|`|@[\w-]|\b[A-Z][A-Z0-9]+-\d+\b|https?:\/\/|\?/.test(original.slice(head)) ||
          (ctx.actionItems &&
            (blockConcrete ??= /`|@[\w-]|\b[A-Z][A-Z0-9]+-\d+\b|https?:\/\/|#\d+/.test(model.text.slice(block.start, block.end)))),
        quotes: quotedSpans(raw),
        common,
      };
      const hits: LanguageHit[] = [];
      for (let c = 0, k = 0; c < cats.length; c++) {
        const { offset, patterns } = cats[c]!;
        let best: LanguageHit | undefined;
        for (let i = 0; i < patterns.length; i++, k++) if (candidates[k]) best = bestMatch(patterns[i]!, env, offset, best);
        if (best) hits.push(best);
      }
      if (hits.length === 0) continue;
      // a phrase the team configured for a rule reports under that rule, whatever built-in pattern also matches
      hits.sort(
        (a, b) =>
          Number(!!b.pattern.custom) - Number(!!a.pattern.custom) ||
          severityRank(b.severity) - severityRank(a.severity) ||
          a.category.rank - b.category.rank,
      );
      const [winner, ...others] = hits as [LanguageHit, ...LanguageHit[]];
      blockFindings.push({
        ruleId: winner.category.ruleId,
        hit: winner,
        others,
        sentence: { start: docStart, end: block.start + span.end },
        block,
        hidden: [],
      });
    }
    // Density cap: keep the most severe few per paragraph; note the rest on the last kept one.
    if (blockFindings.length > cap) {
      const keep = [...blockFindings]
        .sort((a, b) => severityRank(b.hit.severity) - severityRank(a.hit.severity) || a.sentence.start - b.sentence.start)
        .slice(0, cap)
        .sort((a, b) => a.sentence.start - b.sentence.start);
      const kept = new Set(keep);
      const hidden = blockFindings.filter((f) => !kept.has(f)).map((f) => f.hit);
      capped += hidden.length;
      keep[keep.length - 1]!.hidden = hidden;
      findings.push(...keep);
    } else {
      findings.push(...blockFindings);
    }
    const entry: BlockMemoEntry = {
      context,
      source: detach(source),
      lookups,
      words,
      capped: capped - cappedBefore,
      findings: findings.slice(findingsBefore).map((f) => unanchor(f, -block.start)),
    };
    storeEntry(block.text, entry);
    if (origin) originMemo.set(origin, entry);
  }
  return { findings, capped };
}

/** An action item with an owner and a tracker, or a sentence naming both, is bounded: vague-verb rules stay quiet. */
function isBounded(
  itemBounded: (offset: number) => boolean,
  offset: number,
  original: string,
  lookups: [number, boolean][],
  base: number,
): boolean {
  const bounded = itemBounded(offset);
  lookups.push([offset - base, bounded]);
  if (bounded) return true;
  return /@[\w-]/.test(original) && /\b[A-Z][A-Z0-9]+-\d+\b|#\d+|https?:\/\//.test(original);
}

/** Is the first action item (in model order) containing `offset` owned and tracked? Binary search when items are sorted and disjoint. */
function boundedItemLookup(model: PostmortemModel): (offset: number) => boolean {
  const items = model.actionItems ?? [];
  const ok = (a: (typeof items)[number] | undefined) => !!a && a.owners.length > 0 && !!a.tracker;
  let sorted = true;
  for (let i = 1; i < items.length && sorted; i++) sorted = items[i - 1]!.span.end <= items[i]!.span.start;
  if (!sorted) return (offset) => ok(items.find((a) => a.span.start <= offset && offset < a.span.end));
  return (offset) => {
    let lo = 0;
    let hi = items.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const a = items[mid]!;
      if (offset < a.span.start) hi = mid - 1;
      else if (offset >= a.span.end) lo = mid + 1;
      else return ok(a);
    }
    return false;
  };
}

// ---- per-block memo: two generations, so memory stays bounded by what recent lints used ----
// A generation holds a few thousand masked texts (a keystroke adds one), or the document's blocks when it has more.
interface BlockMemoEntry {
  /** Configuration, people and block flags. */
  context: string;
  /** The block's source text (the masked text is the map key). */
  source: string;
  lookups: [number, boolean][];
  /** The capitalised words asked about and whether the document also wrote them in lower case. */
  words: [string, boolean][];
  capped: number;
  /**
   * Findings with offsets relative to the block start, without their block: the block holds text of the version
   * of the document it was made from (rebase gives a reused finding the current block).
   */
  findings: StoredFinding[];
}
type StoredFinding = Omit<LanguageFinding, 'block'>;
const MEMO_GENERATION = 4_096;
/** Entries kept per masked text (the same text in different contexts or with different masked-out source). */
const MAX_PER_TEXT = 8;
/** By prose block origin (prose.ts): entries of unchanged top-level nodes, found without touching their text. */
const originMemo = objectMemo<object, BlockMemoEntry>();
/** By masked text: the entries of that text, matched by context and source (a list read from the previous generation moves to the current one). */
const blockMemo = generationMemo<string, BlockMemoEntry[]>(MEMO_GENERATION);

function findEntry(text: string, context: string, source: string): BlockMemoEntry | undefined {
  return blockMemo.get(text)?.find((e) => e.context === context && e.source === source);
}

function storeEntry(text: string, entry: BlockMemoEntry): void {
  const list = blockMemo.get(text);
  if (!list) {
    blockMemo.set(text, [entry]);
    return;
  }
  const i = list.findIndex((e) => e.context === entry.context && e.source === entry.source);
  if (i >= 0) list[i] = entry;
  else {
    if (list.length >= MAX_PER_TEXT) list.shift();
    list.push(entry);
  }
}

/** A short id per distinct language configuration (the full description is long: it would dominate every key). */
const configIds = generationMemo<string, string>(100, { scope: 'configuration' });
let nextConfigId = 0;
function configKey(cats: { cat: CompiledCategory; offset: number; patterns: CompiledPattern[] }[], allow: string[]): string {
  const full = JSON.stringify([cats.map((c) => [c.cat.ruleId, c.offset, c.patterns.map((p) => [p.id, p.re])]), allow]);
  return configIds.getOrCompute(full, () => `c${nextConfigId++}`); // never reused, so a forgotten id cannot alias
}

function moveHit(h: LanguageHit, by: number): LanguageHit {
  return { ...h, start: h.start + by, end: h.end + by };
}

/** The finding moved by `by`, without its block (what the block memo keeps). */
function unanchor(finding: StoredFinding & { block?: ProseBlock }, by: number): StoredFinding {
  const { block: _, ...f } = finding;
  return {
    ...f,
    hit: moveHit(f.hit, by),
    others: f.others.map((o) => moveHit(o, by)),
    hidden: f.hidden.map((h) => moveHit(h, by)),
    sentence: { start: f.sentence.start + by, end: f.sentence.end + by },
  };
}

/** A stored finding in `block`, moved back by the block start. */
function rebase(f: StoredFinding, block: ProseBlock, by: number): LanguageFinding {
  return { ...unanchor(f, by), block };
}

/**
 * The most severe of `best` and the pattern's hits in the sentence (the earliest wins among equals): a plain
 * loop, not a generator, since it runs for every pattern of every sentence.
 */
function bestMatch(p: CompiledPattern, env: SentenceEnv, offset: number, best: LanguageHit | undefined): LanguageHit | undefined {
  const { ctx } = env;
  const cat = p.category;
  // scope
  if (p.scope === 'timeline' && !ctx.timeline) return best;
  if (p.scope === 'action-items' && !ctx.actionItems) return best;
  if (p.scope === 'remediation' && !ctx.remediation && !env.remediationCue) return best;
  // a pattern that needs a negated clause needs a negator in the sentence (its verbs are common words)
  if (p.negated && !(env.negator ??= NEGATOR.test(env.work))) return best;
  const anchored = p.re.startsWith('^');
  const subjectText = anchored ? env.work.slice(env.head) : env.work;
  const base = anchored ? env.head : 0;
  const re = p.regex;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(subjectText))) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    const start = base + m.index;
    const end = start + m[0].length;
    const sev = severityFor(p, env, m, start);
    if (sev === undefined) continue;
    const final = shift(sev, offset);
    if (final === undefined) continue;
    if (!best || severityRank(final) > severityRank(best.severity))
      best = { category: cat, pattern: p, start: env.docStart + start, end: env.docStart + end, severity: final };
  }
  return best;
}

// "Nobody noticed the disk filling up" often describes what the system did not show; "nobody checked the TTLs" is a
// step no one took: a negative subject negates a diligence verb's clause, except a verb of perception's
const PERCEPTION = new Set(vocabulary.perceptionVerbs);
// ("No one on the rotation had run the restore tool in the past year" states the team's experience, not an omission)
const EXPERIENCE = /\b(?:ever|before|previously|yet|in\s+(?:the\s+)?(?:past|last)\s+\w+)\b/i;
function nobodyActed(c: Clause, trigger: Word, work: string): boolean {
  // "Nobody was embarrassed to ask for help": the negation is of the feeling, and the asking happened
  const feeling = /\b(?:embarrassed|afraid|reluctant|hesitant|ashamed|shy|scared|too\s+\w+)\s+to\s*$/i.test(work.slice(0, trigger.start));
  return c.cls === 'negative' && !feeling && !PERCEPTION.has(trigger.lemma) && !EXPERIENCE.test(work);
}

// "the approval step", "the branch protection rules", "the review gate": a generic step named by the noun before it
const GENERIC_STEPS = new Set(vocabulary.genericSteps);
function namedStep(head: Word, phrase: readonly Word[], objects: readonly string[]): boolean {
  const k = phrase.indexOf(head);
  const before = k > 0 ? phrase[k - 1]! : undefined;
  return GENERIC_STEPS.has(head.lemma) && !!before && (before.pos === 'NOUN' || before.pos === 'PROPN') && objects.includes(before.lemma);
}

/** "an engineer (who …)", "someone (who …)": a person the sentence asks for, not one it names. */
function hypothetical(words: readonly Word[], w: Word): boolean {
  return ['someone', 'somebody', 'anyone', 'anybody'].includes(w.lower) || ['a', 'an', 'any'].includes(words[w.index - 1]?.lower ?? '');
}

// "We asked whether anyone could have prevented this …": a question the review asked, not a claim
const EMBEDDED_QUESTION =
  /\b(?:ask(?:ed|ing)?|wonder(?:ed|ing)?|examin(?:e|ed|ing)|consider(?:ed|ing)?|investigat(?:e|ed|ing)|explor(?:e|ed|ing)|check(?:ed|ing)?)\s+(?:ourselves\s+|themselves\s+)?(?:whether|if)\b[^.;:]*$/i;
// "We looked for human error and did not find it"
function soughtNotFound(prefix: string, after: string): boolean {
  return (
    /\b(?:look(?:ed|ing)?|search(?:ed|ing)?|check(?:ed|ing)?)\s+(?:\w+ly\s+)?for\s+(?:an?\s+|any\s+)?$/i.test(prefix) &&
    /^[^.;]*?\b(?:(?:did\s+not|didn't|could\s+not|couldn't)\s+find|found\s+(?:none|nothing|no)\b)/i.test(after)
  );
}
// "Telling people to be more careful would not have changed the outcome": advice named to reject it
const REJECTED_ADVICE =
  /\b(?:telling|asking|reminding|training|urging)\s+(?:people|engineers|everyone|the\s+team|responders|staff|developers|operators)\s+(?:to\s+)?$/i;
const DECLINED_ADVICE =
  /\b(?:not\s+(?:to\s+|by\s+)?|rather\s+than\s+|instead\s+of\s+)(?:ask(?:ing)?|tell(?:ing)?|remind(?:ing)?|urg(?:e|ing)|hop(?:e|ing))\s+(?:for\s+|(?:people|engineers|everyone|the\s+team|responders|staff|developers|operators|on-?call\w*)\s+(?:to\s+|for\s+)?)$/i;
const FUTILE_PREDICATE =
  /^[^.;:]{0,40}?\b(?:would\s+not|wouldn't|will\s+not|won't|does\s+not|doesn't|did\s+not|didn't|cannot|can't|could\s+not|couldn't|is\s+not|isn't|was\s+not|wasn't)\s+(?:have\s+)?(?:help|helped|work|worked|prevent|prevented|fix|fixed|stop|stopped|scale|catch|caught|change|changed|matter|mattered|be\s+enough|been\s+enough|the\s+(?:fix|answer|solution|remedy))\b/i;
const FUTILE = /\b(?:would\s+not|wouldn't|will\s+not|won't|does\s+not|doesn't|did\s+not|didn't|cannot|can't|is\s+not|isn't|never)\b/i;

function severityFor(p: CompiledPattern, env: SentenceEnv, m: RegExpExecArray, start: number): Severity | undefined {
  const { ctx, work } = env;
  const cat = p.category;
  const prefix = work.slice(0, start);
  let sev: Severity = ctx.actionItems && p.actionSeverity ? p.actionSeverity : p.severity;

  if (p.vague && (env.concrete || env.bounded())) return undefined;
  // a tracked item (ticket/link) keeps its vague-verb finding at the base severity
  if (p.actionSeverity && env.concrete) sev = p.severity;
  if (cat.category === 'VR' && env.bounded() && p.scope === 'action-items') return undefined;
  // (a match that opens a subordinate clause, "… if the engineer had kept …", is negated only inside itself)
  const subordinate = /^(?:if|had|unless)\b/i.test(m[0]);
  if (p.negatable && !p.negated && !subordinate && isNegated(work, start, NEGATIONS)) return undefined;
  if (cat.category !== 'VR' && hasAdversary(prefix)) return undefined;

  // use–mention and quoted speech
  const end = start + m[0].length;
  const quote = env.quotes.find((q) => q.start <= start && end <= q.end);
  let cap = ctx.quoted ? severityRank('hint') : severityRank('error');
  if (quote) {
    // a quoted phrase or message ("Failed to create temporary user …") is mentioned, not said
    if (quote.words <= 12) return undefined;
    cap = severityRank('hint');
  }
  if (MENTION_CUE.test(prefix)) return undefined;
  if (/^\W*$/.test(prefix) && WORD_MENTIONED.test(work.slice(end))) return undefined;
  // "found no evidence that the vendor's engineers made a mistake": the claim is denied before it is made
  if (NO_EVIDENCE.test(prefix)) return undefined;
  // "The press described the outage as the result of a reckless launch": outsiders' words, reported
  if (cat.category !== 'VR' && OUTSIDERS_SAID.test(prefix)) return undefined;
  if (cat.category !== 'VR' && cat.category !== 'RD' && (EMBEDDED_QUESTION.test(prefix) || soughtNotFound(prefix, work.slice(end))))
    return undefined;
  if (cat.category === 'VR' && REJECTED_ADVICE.test(prefix) && FUTILE.test(work.slice(end))) return undefined;
  // "the fix is to automate it, not to ask for more vigilance", "Rather than asking people to be more vigilant, we …"
  if (cat.category === 'VR' && DECLINED_ADVICE.test(prefix)) return undefined;
  // "Retraining people would not have helped here": the remediation as a subject, rejected by its own predicate
  if (cat.category === 'VR' && /^\W*(?:\w+\s+){0,2}$/.test(prefix) && FUTILE_PREDICATE.test(work.slice(end))) return undefined;

  // subject, voice and negation, read from the clause around the trigger (clauses.ts)
  const demote = (by: number) => shift(sev, -by);
  const words = wordsOf(work);
  if (words.length === 0) return undefined; // nothing the tagger can read (only symbols): no claim to make
  const at = wordAt(words, start);
  if (!p.custom && denied(words, at)) return undefined;
  const clause = () => (env.clause?.[0] === start ? env.clause[1] : (env.clause = [start, clauseAt(work, start, env.head, env.common)])[1]);
  // a compound ("sloppy-quorum writes", "disaster-recovery drill") or a label with a figure ("Operator error count: 14")
  // ("hastily-written", "carelessly-merged": an adverb joined to its participle is no compound)
  const compound = /^-\w/.test(work.slice(start + m[0].length, start + m[0].length + 2)) && !/ly$/i.test(m[0]);
  if (!p.custom && (compound || labelUse(words, at))) return undefined;
  if (p.verbs && p.subject !== 'any' && p.subject !== 'who') {
    // a verb pattern that asks who acted needs a verb: not "the broken build", "a missed page", "break-glass", "no alert",
    // "(broken process pool)"
    const prev = words[at - 1];
    const next = words[at + 1];
    const w = words[at]!;
    if (prev && (prev.pos === 'DET' || POSSESSIVES.has(prev.lower))) return undefined;
    // an infinitive ("before maintainers have the chance to wipe the packages") is no account of what was done
    if (prev?.lower === 'to' && !p.negated) return undefined;
    // "did not have read access": possession, the trigger a noun's modifier
    if (prev?.lower === 'have' && next?.pos === 'NOUN' && words[at - 3]?.lemma === 'do') return undefined;
    if (/(?:ed|en)$/.test(w.lower) && next?.pos === 'NOUN' && (!prev || prev.pos === 'PUNCT' || prev.pos === 'ADP')) return undefined;
  }
  if (p.negated && !(p.negated === 'any' ? clause().negated : clause().negatedVerb || nobodyActed(clause(), words[at]!, work)))
    return undefined;
  if (p.negated && clause().unable) return undefined;
  if (p.negated && chosen(words, at)) return undefined;
  if (p.negatable && !p.negated && !isNegatorInside(m[0]) && !subordinate && words[at]!.pos !== 'SCONJ' && clause().negated)
    return undefined;
  if (p.manner && mannerUse(words, at)) return undefined;
  if (p.object || p.notObject || p.particle || p.objectPerson || p.objectModifier) {
    const o = objectOf(words, wordAt(words, start + m[0].length - 1), p.particle);
    if (p.particle && !o.particle) return undefined;
    if (p.object && !(o.head && (p.object.includes(o.head.lemma) || namedStep(o.head, o.phrase, p.object)))) return undefined;
    if (p.notObject && o.head && p.notObject.includes(o.head.lemma)) return undefined;
    if (p.objectModifier && !(o.head && o.phrase.some((w) => p.objectModifier!.includes(w.lower)))) return undefined;
    if (p.objectPerson && !['person', 'ambiguous', 'team'].includes(classify(o.possessor ?? o.head, false, env.common))) return undefined;
  }
  if (
    cat.category === 'VR' &&
    !ctx.actionItems &&
    !p.punitive &&
    (pastNarration(words, at) || (ctx.timeline && presentNarration(words, at)))
  )
    return undefined;
  // "deliberately skipped the full suite to ship the patch": a trade-off stated with its purpose
  if (cat.category === 'OM' && explainsAbsence(work, start)) return undefined;
  // (or "skip the canary on purpose since the fix is one line")
  if ((cat.category === 'OM' || cat.category === 'RD') && DELIBERATE.test(work) && PURPOSE.test(work.slice(start))) return undefined;
  // "The rollout was rushed by design: …, and we accepted the risk": a trade-off stated as one
  if ((cat.category === 'NJ' || cat.category === 'OM' || cat.category === 'RD') && TRADE_OFF.test(work)) return undefined;
  // "… so we accepted skipping the soak": a decision stated with its reason
  if ((cat.category === 'OM' || cat.category === 'RD') && chosen(words, at) && /\b(?:because|since|given|so)\b/i.test(work))
    return undefined;
  if (cat.category === 'HO' && /\bhindsight\s+bias\b/i.test(work)) return undefined;
  // "Tail latency was catastrophic for in-play markets": a measure's level, however strongly put
  if (cat.category === 'AL' && METRICS.has(clause().subject?.lemma ?? '')) return undefined;
  // "We could have chosen a longer window, but the port needed the cranes back": an alternative weighed, with its reason
  if (cat.category === 'CF' && CONSIDERED.test(work)) return undefined;
  // "Make the expiry date easy to spot": an instruction states a goal, not hindsight; "what looks obvious now was one
  // signal among forty at the time" names the hindsight to set it aside; "the obvious fix" is the first candidate
  // "User-visible symptoms were obvious and immediate": what anyone could observe, not a claim about foresight
  if (cat.category === 'HO' && /^obvious/i.test(m[0])) {
    const c = clause();
    if (c.subject && SYMPTOMS.has(c.subject.lemma)) return undefined;
  }
  if (cat.category === 'HO') {
    if (isImperative(words, env.head)) return undefined;
    if (REFRAMED.test(work) || (INCIDENT_TIME.test(work) && CONTRAST.test(work.replace(INCIDENT_TIME, ' ')))) return undefined;
    if (words[at - 1]?.pos === 'DET' && words[at + 1]?.pos === 'NOUN' && /^obvious$/i.test(m[0])) return undefined;
  }
  // a deviation stated with its approval or its reason ("with the incident commander's approval, as the process
  // allows"; "deliberately, because step 4 would have restarted the only healthy node")
  if (cat.category === 'RD' && APPROVED.test(work)) return undefined;
  // "The root cause was not human error; …", "… was not poor judgement but …"
  if ((cat.category === 'RC' || cat.category === 'PB') && /\broot[- ]cause\s+(?:was|is)(?:\s+not|n't)\b/i.test(work)) return undefined;
  let subject: SubjectClass | undefined;
  switch (p.subject) {
    case 'any':
      break;
    case 'agent':
    case 'not-system': {
      const c = participleHost(clause(), words, at, work, env) ?? clause();
      const w0 = words[at]!;
      // "users may have missed the banner", "tenant admins might have overlooked it": a guess about outsiders, groups or
      // things, not an account of anyone's part ("he might have forgotten to restart it" still lays the omission on a
      // person); "Operators can select the wrong cluster":
      // what the design allows, not what anyone did
      const hedged = c.hedged && (c.cls !== 'person' || (!!c.subject && isPlural(c.subject)));
      if ((hedged || (c.unable && !c.negated)) && cat.category !== 'CF') return undefined;
      if (p.mainClause && c.relative) return undefined;
      // "have an engineer who has never run it test the new version": who an action item needs, not what anyone did
      if (cat.category === 'OM' && ctx.actionItems && c.relative && c.subject && hypothetical(words, c.subject)) return undefined;
      // "Engineers make typos at a steady rate": a generalisation about people, not an account of this incident
      if (
        c.subject &&
        c.cls === 'person' &&
        isPlural(c.subject) &&
        !determined(words, c.subject.index) &&
        words.slice(c.subject.index + 1, at).every((w) => w.pos === 'ADV') &&
        w0.lower === w0.lemma
      )
        return undefined;
      // "We overlooked nothing that was visible"
      if (/^\s+(?:nothing|no\s+one|nobody|none)\b/i.test(work.slice(start + m[0].length))) return undefined;
      if (p.transitive && !objectOf(words, wordAt(words, start + m[0].length - 1)).head) return undefined;
      // no subject: an instruction ("Ignore SDK exceptions: …") or a gerund ("Breaking something … makes …")
      const w = words[at]!;
      if (
        cat.category !== 'VR' &&
        c.cls === 'elided' &&
        c.at === firstWord(c.words, env.head) &&
        (w.lower === w.lemma || /ing$/.test(w.lower)) &&
        w.pos !== 'AUX'
      )
        return undefined;
      // a passive verb's agent is who acted: "missed by the stalled scheduler" is a system
      let who = c.passive ? (c.agent ?? (p.subject === 'agent' ? 'system' : c.cls)) : c.cls;
      // a name the document never declares, acting as a program does ("Corvid ignored the lag and served stale reads")
      if (who === 'person' && !c.passive && c.subject && actsAsProgram(words, c.subject, at)) who = 'system';
      // "The migration ran without authorisation": a change someone made, not a program acting on its own
      if (who === 'system' && p.artefacts && !c.passive && !c.negated && c.subject && CHANGES.has(c.subject.lemma)) who = 'other';
      subject = who === 'team' ? 'we' : who === 'negative' ? 'person' : who;
      if (who === 'external' || (who === 'negative' && !p.negated)) return undefined;
      if (p.agents && !p.agents.includes((who === 'negative' ? 'person' : who) as (typeof p.agents)[number])) return undefined;
      if (who === 'adversary' || who === 'system') {
        if (!p.systemSeverity) return undefined;
        sev = p.systemSeverity;
      } else if (who === 'other') {
        if (p.subject === 'agent') {
          if (!p.systemSeverity) return undefined;
          sev = p.systemSeverity;
        }
      } else if (who === 'person') {
        sev = p.personSeverity ?? sev;
      } else {
        // we, a team, they, nobody, an elided subject: one level softer ("none of us": two)
        const d = demote(who === 'we' && c.negativeSubject ? 2 : 1);
        if (!d) return undefined;
        sev = d;
      }
      break;
    }
    case 'who': {
      const groups = m.groups ?? {};
      const who = Object.entries(groups).find(([k, v]) => k.startsWith('who') && v)?.[1];
      subject = who ? classifyPhrase(who) : 'other';
      const whoStart = who ? start + m[0].indexOf(who) : start;
      // the noun phrase goes on past the group ("caused by the release manager"): its head decides
      const after = who ? words[wordAt(words, whoStart + who.length)] : undefined;
      const continues = !!after && after.start >= whoStart + who!.length && (after.pos === 'NOUN' || after.pos === 'PROPN');
      // a phrase the words alone do not place ("the payments team shipping …", "Piers on the night shift"): the
      // head of the noun phrase it starts, as the tagger reads it in the sentence
      if (who && (subject === 'other' || (subject === 'system' && continues))) {
        // a possessor ("Ambrose's untested migration"): the name itself, not the thing it owns
        const owner = /^\s*'s\b/.test(work.slice(whoStart + who.length)) ? words[wordAt(words, whoStart)] : undefined;
        const c = owner ? classify(owner, owner.index === firstWord(words, env.head), env.common) : undefined;
        subject = c === 'person' ? 'person' : c === 'team' ? 'we' : phraseAt(words, whoStart, env.common);
      }
      if (subject === 'person') sev = p.personSeverity ?? sev;
      else if (subject === 'we' || subject === 'external' || subject === 'ambiguous') {
        const d = demote(1);
        if (!d) return undefined;
        sev = d;
      } else return undefined;
      break;
    }
    case 'imperative': {
      const c = clause();
      subject = c.cls === 'team' ? 'we' : c.cls === 'negative' ? 'other' : c.cls;
      if (!['elided', 'person', 'we'].includes(subject)) return undefined;
      break;
    }
    case 'person-clause': {
      subject = anyAgent(words, env.common);
      if (subject !== 'person' && subject !== 'we') return undefined;
      break;
    }
    case 'clause': {
      // "the fix will be rushed if shipped before 17:00": a judgement of a course not taken
      if (
        /\b(?:will|would|could|might)\s+(?:be|get|feel|look)\s+(?:\w+\s+)?$/i.test(prefix) &&
        /^\W*(?:if|unless)\b/i.test(work.slice(end))
      )
        return undefined;
      // "Treat a nine-second login as unacceptable": a threshold being defined, not a verdict on anyone's work
      if (words[at - 1]?.lower === 'as' && words.slice(0, at - 1).some((w) => w.pos === 'VERB' && CLASSIFYING.has(w.lemma)))
        return undefined;
      // "crossed the unacceptable threshold of 2%": a level of a measure
      if (words[at + 1] && MEASURES.has(words[at + 1]!.lemma)) return undefined;
      // "the gateway treated the new media type as unacceptable": a program's verdict (not "the rollout was rushed")
      const verdict = words[at - 1]?.lower === 'as' ? clause() : undefined;
      if (
        verdict &&
        verdict.cls === 'system' &&
        !verdict.passive &&
        verdict.subject &&
        !CHANGES.has(verdict.subject.lemma) &&
        !words.slice(verdict.subject.index + 1, at).some((w) => w.lemma === 'be')
      )
        return undefined;
      subject = anyAgent(words.slice(0, at), env.common);
      // "One customer told us the outage was embarrassing": an outsider's words, reported
      if (subject === 'external' && words.slice(0, at).some((w) => REPORTING.has(w.lemma))) return undefined;
      // "customers rushed to retry": outsiders' behaviour is no judgement of anyone's work
      if (subject === 'external' && cat.category === 'NJ') return undefined;
      if (subject === 'person') sev = p.personSeverity ?? sev;
      else if (p.systemSeverity) sev = p.systemSeverity;
      break;
    }
    case 'signal': {
      // the passive participle ends the match ("was missed"): its clause has the voice and the agent
      const c = clauseAt(work, start + m[0].length - 1, env.head, env.common);
      if (c.hedged || c.cls === 'ambiguous') return undefined;
      // "The SLA was missed", "The step was skipped automatically": a target or a system's own behaviour
      if (p.events && c.subject && TARGETS.has(c.subject.lower)) return undefined;
      // a mechanism's condition: "Page the secondary if the primary page is not acknowledged within five minutes"
      if (words.slice(0, c.at).some((w) => CONDITIONS.has(w.lower))) return undefined;
      if (/\b(?:automatically|by\s+design|as\s+(?:intended|expected|designed|configured))\b/i.test(work.slice(start))) return undefined;
      // "pod deletion is skipped for …" describes what a system does; "was skipped" reports what happened
      const present = /^(?:is|are|gets?)\b/i.test(m[0]);
      subject = c.cls === 'team' ? 'we' : c.cls === 'negative' ? 'other' : c.cls;
      if (c.passive && c.agent && !['person', 'we', 'team', 'ambiguous'].includes(c.agent)) return undefined;
      // "No approval steps were bypassed": a denial
      if (c.subject && c.words.slice(Math.max(0, c.subject.index - 3), c.subject.index).some((w) => w.lower === 'no')) return undefined;
      // "the rollback request was neglected": only people neglect or disregard, whatever the subject
      if (HUMAN_ONLY.test(m[0]) && c.subject && !TARGETS.has(c.subject.lower)) break;
      if (c.subject && isSignalWord(c.subject.lower)) {
        // "every second page of results was skipped": a page of something is no signal anyone received
        // ("signs of degradation were overlooked": the signs themselves, of a condition)
        if (c.words[c.subject.index + 1]?.lower === 'of' && c.cls !== 'person' && !SIGNS_OF.has(c.subject.lower)) return undefined;
        // "scheduled reports were missed", "the nightly summary email was skipped": a run that did not happen
        if (p.events && c.words.slice(Math.max(0, c.subject.index - 3), c.subject.index).some((w) => SCHEDULED.has(w.lemma)))
          return undefined;
        break;
      }
      // "The linter did not follow symlinks, so the config was never checked": what a system did, and its consequence
      if (systemConsequence(work, start, env)) return undefined;
      if ((c.cls === 'system' && !p.artefacts) || c.cls === 'adversary' || c.cls === 'external') return undefined;
      // plural events that did not happen: "scheduled backups were missed", "300 batch windows were missed"
      if (c.subject && c.cls === 'other' && ((p.events && isPlural(c.subject)) || present)) return undefined;
      if (!p.systemSeverity) return undefined;
      sev = p.systemSeverity;
      break;
    }
  }

  if (p.reasoned && reasonWords(work, start).other) {
    const r = shift(sev, p.reasoned);
    if (!r) return undefined;
    sev = r;
  }

  // sections
  const effects = cat.sections ?? {};
  const apply = (key: string) => {
    const e = effects[key];
    if (e === undefined) return true;
    if (e === 'off') return false;
    const s = shift(sev, e);
    if (!s) return false;
    sev = s;
    return true;
  };
  if ((ctx.risk || env.riskPrefix) && !apply('risk')) return undefined;
  if (ctx.actionItems && !p.actionSeverity && !apply('action-items')) return undefined;
  if (severityRank(sev) > cap) sev = fromLevel(cap);
  return sev;
}
