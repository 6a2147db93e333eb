// Config validation and resolution (pure). Bad values are reported as problems and replaced by defaults.
import { closestMatch } from './text/text';
import { compileSafePattern } from './text/safePattern';
import { LANGUAGE_RULE_IDS } from './language/data';
import type {
  ConfigProblem,
  CustomRule,
  LintConfig,
  ResolvedConfig,
  Rule,
  RuleConfig,
  RuleSetting,
  Severity,
  SeverityOrOff,
} from './types';

/** The severities a finding can have, least to most severe. */
export const LEVELS: readonly Severity[] = ['hint', 'info', 'warning', 'error'];
/** A severity's place in LEVELS: higher is more severe. */
export const severityRank = (s: Severity): number => LEVELS.indexOf(s);
/** What a rule can be set to: off, or a severity. */
export const SEVERITIES: readonly SeverityOrOff[] = ['off', ...LEVELS];
export const PROFILES = ['standard', 'google-sre', 'pagerduty', 'custom'] as const;
export type Profile = (typeof PROFILES)[number];

export const DEFAULT_MAX_DOCUMENT_SIZE = 2_000_000;
export const DEFAULT_MAX_DOCUMENT_LINES = 50_000;
export const DEFAULT_MAX_OPEN_ACTION_ITEMS = 5;
export const DEFAULT_REVIEW_WITHIN_DAYS = 5;
/** Language findings shown per paragraph before the rest are rolled up into the last one shown. */
export const DEFAULT_LANGUAGE_FINDINGS_PER_PARAGRAPH = 3;
const MAX_LIST = 1000;
const MAX_PHRASE = 200;

/** Other spellings people write for a severity (ESLint's `warn`, `err`). */
const SEVERITY_ALIASES: Readonly<Record<string, SeverityOrOff>> = { warn: 'warning', err: 'error', information: 'info' };

function isSeverity(v: unknown): v is SeverityOrOff {
  return typeof v === 'string' && (SEVERITIES as readonly string[]).includes(v);
}

/** Every spelling a rule setting accepts (the JSON schema offers these). */
export const SEVERITY_SPELLINGS: readonly string[] = [...SEVERITIES, ...Object.keys(SEVERITY_ALIASES)];

/** A severity as written, aliases included; undefined when it is none. */
function severityOf(v: unknown): SeverityOrOff | undefined {
  if (isSeverity(v)) return v;
  return typeof v === 'string' ? SEVERITY_ALIASES[v] : undefined;
}

/** `unknown rule "judgment"` with `(did you mean "judgement"?)` when one is close. */
function unknownRule(id: string, ruleIds: ReadonlySet<string>): string {
  const guess = closestMatch(id, ruleIds);
  return `unknown rule "${id}"${guess ? ` (did you mean "${guess}"?)` : ''}`;
}

/** A JSON object (not null, not an array): what a configuration and its nested maps must be. */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function todayIso(now: Date = new Date()): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/** Parse one rule setting; undefined (with a problem) when invalid. */
function ruleSetting(value: unknown, path: string, problems: ConfigProblem[]): RuleConfig | undefined {
  const single = severityOf(value);
  if (single) return { severity: single, options: {} };
  const list: unknown[] | undefined = Array.isArray(value) && value.length >= 1 && value.length <= 2 ? value : undefined;
  const first = list ? severityOf(list[0]) : undefined;
  if (list && first) {
    if (list.length === 2 && !isPlainObject(list[1])) {
      problems.push({ path: `${path}[1]`, message: 'rule options must be an object' });
      return { severity: first, options: {} };
    }
    return { severity: first, options: (list[1] as Record<string, unknown> | undefined) ?? {} };
  }
  problems.push({
    path,
    message: `expected one of ${SEVERITIES.map((s) => `"${s}"`).join(', ')} or [severity, options], got ${JSON.stringify(value)?.slice(0, 60)}`,
  });
  return undefined;
}

function stringList(value: unknown, path: string, problems: ConfigProblem[]): string[] | undefined {
  if (!Array.isArray(value)) {
    problems.push({ path, message: 'expected an array of strings' });
    return undefined;
  }
  const out: string[] = [];
  for (let i = 0; i < value.length; i++) {
    const v = value[i];
    if (typeof v !== 'string') {
      problems.push({ path: `${path}[${i}]`, message: 'expected a string' });
      continue;
    }
    if (v.length > MAX_PHRASE) {
      problems.push({ path: `${path}[${i}]`, message: `longer than ${MAX_PHRASE} characters; ignored` });
      continue;
    }
    if (out.length >= MAX_LIST) {
      problems.push({ path, message: `more than ${MAX_LIST} entries; the rest are ignored` });
      break;
    }
    if (v.trim()) out.push(v);
  }
  return out;
}

const STRING_LIST_SCHEMA = { type: 'array', items: { type: 'string', maxLength: MAX_PHRASE }, maxItems: MAX_LIST };

// ---- custom rules (`customRules`) ----

/** A custom rule's id: lower-case words joined by "-", with at least one "/" ("team/no-hero"), never a built-in id. */
export const CUSTOM_RULE_ID = /^[a-z0-9][a-z0-9-]*(?:\/[a-z0-9][a-z0-9-]*)+$/;
/** What a custom rule's `category` may be: a language rule (its sentence handling and "why" apply) or "custom". */
export const CUSTOM_CATEGORIES: readonly string[] = [...LANGUAGE_RULE_IDS, 'custom'];
export const MAX_CUSTOM_RULES = 200;
const MAX_MESSAGE = 500;
const MAX_EXAMPLES = 50;
const MAX_EXAMPLE = 1000;
const CUSTOM_RULE_KEYS = ['id', 'message', 'category', 'severity', 'phrases', 'pattern', 'rewrite', 'docs', 'examples'];

function customRulesSchema(): Record<string, unknown> {
  const text = (maxLength: number, description: string) => ({ type: 'string', minLength: 1, maxLength, description });
  const examples = { type: 'array', items: { type: 'string', maxLength: MAX_EXAMPLE }, maxItems: MAX_EXAMPLES };
  return {
    type: 'array',
    maxItems: MAX_CUSTOM_RULES,
    items: {
      type: 'object',
      additionalProperties: false,
      required: ['id', 'message', 'examples'],
      anyOf: [{ required: ['phrases'] }, { required: ['pattern'] }],
      properties: {
        id: {
          type: 'string',
          pattern: CUSTOM_RULE_ID.source,
          description:
            'The rule id, with a "/" so it never collides with a built-in rule ("team/no-hero"); use it in "rules" and in suppression comments.',
        },
        message: text(MAX_MESSAGE, 'What the finding says.'),
        category: {
          type: 'string',
          enum: [...CUSTOM_CATEGORIES],
          description:
            'A language rule whose sentence handling applies (negation, quotes, one finding per sentence) and whose "why" the hover shows; "custom" (the default): plain phrase matching over prose.',
        },
        severity: { type: 'string', enum: [...LEVELS], description: 'Default severity (default: warning); "rules" can change it.' },
        phrases: { ...STRING_LIST_SCHEMA, description: 'Literal phrases, matched case-insensitively on word boundaries.' },
        pattern: text(
          200,
          'Words separated by spaces: `*` is any one word, `(a|b c)` one of some literal words, a trailing `?` makes a word optional. Never a regular expression.',
        ),
        rewrite: text(
          MAX_PHRASE,
          'Replacement for the matched words, offered as a quick-fix suggestion; [placeholders] are left for the writer.',
        ),
        docs: { type: 'string', pattern: '^https?://', description: 'A documentation URL for the rule.' },
        examples: {
          type: 'object',
          additionalProperties: false,
          required: ['bad'],
          properties: {
            bad: { ...examples, minItems: 1, description: 'Sentences the rule must flag.' },
            good: { ...examples, description: 'Sentences the rule must not flag.' },
          },
          description: 'Checked by `postmortem-lint test-config`.',
        },
      },
    },
  };
}

function examplesList(value: unknown, path: string, problems: ConfigProblem[], required: boolean): string[] | undefined {
  if (value === undefined && !required) return [];
  if (!Array.isArray(value) || (required && value.length === 0) || value.some((v) => typeof v !== 'string' || !v.trim())) {
    problems.push({ path, message: `expected ${required ? 'a non-empty ' : 'an '}array of example sentences` });
    return undefined;
  }
  if (value.length > MAX_EXAMPLES || value.some((v: string) => v.length > MAX_EXAMPLE)) {
    problems.push({ path, message: `at most ${MAX_EXAMPLES} examples of at most ${MAX_EXAMPLE} characters` });
    return undefined;
  }
  return value as string[];
}

/** One custom rule, or undefined after pushing the problems that make it unusable (the rest of the config applies). */
function readCustomRule(raw: unknown, path: string, problems: ConfigProblem[], ruleIds: ReadonlySet<string>): CustomRule | undefined {
  if (!isPlainObject(raw)) {
    problems.push({ path, message: 'expected an object with "id", "message", "phrases" or "pattern", and "examples"' });
    return undefined;
  }
  const before = problems.length;
  for (const key of Object.keys(raw))
    if (!CUSTOM_RULE_KEYS.includes(key)) {
      const guess = closestMatch(key, CUSTOM_RULE_KEYS);
      problems.push({ path: `${path}.${key}`, message: `unknown custom rule key "${key}"${guess ? ` (did you mean "${guess}"?)` : ''}` });
    }
  const { id, message, category, severity, pattern, rewrite, docs } = raw;
  if (typeof id !== 'string') problems.push({ path, message: 'a custom rule needs an "id" such as "team/no-hero"' });
  else if (ruleIds.has(id))
    problems.push({ path: `${path}.id`, message: `"${id}" is a built-in rule; a custom rule's id needs a "/" ("team/${id}")` });
  else if (!CUSTOM_RULE_ID.test(id))
    problems.push({
      path: `${path}.id`,
      message: `"${id.slice(0, 60)}": a custom rule's id is lower-case words and "-" with at least one "/" ("team/no-hero"), so it never collides with a built-in rule`,
    });
  if (typeof message !== 'string' || !message.trim() || message.length > MAX_MESSAGE)
    problems.push({
      path: Object.hasOwn(raw, 'message') ? `${path}.message` : path,
      message: `a custom rule needs a "message" (1 to ${MAX_MESSAGE} characters)`,
    });
  if (category !== undefined && (typeof category !== 'string' || !CUSTOM_CATEGORIES.includes(category)))
    problems.push({ path: `${path}.category`, message: `expected one of ${CUSTOM_CATEGORIES.join(', ')}` });
  const sev = severity === undefined ? 'warning' : severityOf(severity);
  if (sev === undefined || sev === 'off') problems.push({ path: `${path}.severity`, message: `expected one of ${LEVELS.join(', ')}` });
  const phrases = raw.phrases === undefined ? [] : stringList(raw.phrases, `${path}.phrases`, problems);
  if (pattern !== undefined) {
    const compiled = typeof pattern === 'string' ? compileSafePattern(pattern) : { error: 'expected a string' };
    if ('error' in compiled) problems.push({ path: `${path}.pattern`, message: `the pattern does not parse: ${compiled.error}` });
  }
  if (phrases && phrases.length === 0 && pattern === undefined)
    problems.push({ path, message: 'a custom rule needs "phrases" (a non-empty list) or a "pattern"' });
  if (rewrite !== undefined && (typeof rewrite !== 'string' || !rewrite.trim() || rewrite.length > MAX_PHRASE))
    problems.push({ path: `${path}.rewrite`, message: `expected a replacement text of 1 to ${MAX_PHRASE} characters` });
  if (docs !== undefined && (typeof docs !== 'string' || !/^https?:\/\/\S+$/.test(docs) || docs.length > 2000))
    problems.push({ path: `${path}.docs`, message: 'expected an http or https URL' });
  let examples: CustomRule['examples'] | undefined;
  if (!isPlainObject(raw.examples))
    problems.push({
      path: Object.hasOwn(raw, 'examples') ? `${path}.examples` : path,
      message: 'a custom rule needs "examples": { "bad": [...], "good": [...] }',
    });
  else {
    for (const key of Object.keys(raw.examples))
      if (key !== 'bad' && key !== 'good')
        problems.push({ path: `${path}.examples.${key}`, message: `unknown key "${key}" (expected "bad" and "good")` });
    const bad = examplesList(raw.examples.bad, `${path}.examples.bad`, problems, true);
    const good = examplesList(raw.examples.good, `${path}.examples.good`, problems, false);
    if (bad && good) examples = { bad, good };
  }
  if (problems.length > before) return undefined;
  return {
    id: id as string,
    message: (message as string).trim(),
    category: (category as string | undefined) ?? 'custom',
    severity: sev as Severity,
    phrases: phrases ?? [],
    ...(pattern !== undefined ? { pattern: pattern as string } : {}),
    ...(rewrite !== undefined ? { rewrite: rewrite as string } : {}),
    ...(docs !== undefined ? { docs: docs as string } : {}),
    examples: examples!,
  };
}

/** `customRules`: each usable rule (a bad one is a located problem and is left out; duplicates keep the first). */
function readCustomRules(value: unknown, path: string, problems: ConfigProblem[], ruleIds: ReadonlySet<string>): CustomRule[] | undefined {
  if (!Array.isArray(value)) {
    problems.push({ path, message: 'expected an array of custom rules' });
    return undefined;
  }
  if (value.length > MAX_CUSTOM_RULES) problems.push({ path, message: `more than ${MAX_CUSTOM_RULES} custom rules; the rest are ignored` });
  const out: CustomRule[] = [];
  const seen = new Set<string>();
  value.slice(0, MAX_CUSTOM_RULES).forEach((raw, i) => {
    const id = isPlainObject(raw) && typeof raw.id === 'string' ? raw.id : undefined;
    if (id !== undefined && seen.has(id)) {
      problems.push({ path: `${path}[${i}].id`, message: `duplicate custom rule id "${id}" (defined earlier in this list); ignored` });
      return;
    }
    if (id !== undefined) seen.add(id);
    const rule = readCustomRule(raw, `${path}[${i}]`, problems, ruleIds);
    if (rule) out.push(rule);
  });
  return out;
}

/** One top-level configuration key: its JSON schema, its description, and how a raw value is read. */
interface ConfigKey<K extends keyof LintConfig> {
  description: string;
  schema: Record<string, unknown>;
  /** The usable value, or undefined after pushing a problem. */
  read(value: unknown, path: string, problems: ConfigProblem[], ruleIds: ReadonlySet<string>): LintConfig[K] | undefined;
}
type ConfigKeys = { [K in keyof LintConfig]-?: ConfigKey<K> };

const positive = (integer: boolean, what: string) => (value: unknown, path: string, problems: ConfigProblem[]) => {
  if (typeof value === 'number' && Number.isFinite(value) && value > 0 && (!integer || Number.isInteger(value))) return Math.floor(value);
  problems.push({ path, message: `expected a positive ${what}` });
  return undefined;
};

/**
 * Every key of `.postmortemlintrc.json` (and of the settings layer): validation, the JSON schema and the key table in
 * the docs all derive from this one table; a test keeps `LintConfig` and the README in step with it.
 */
export const CONFIG_KEYS: ConfigKeys = {
  rules: {
    description: 'Severity per rule: "off" | "hint" | "info" | "warning" | "error", or [severity, options].',
    schema: { type: 'object' },
    read(value, path, problems, ruleIds) {
      if (!isPlainObject(value)) {
        problems.push({ path, message: 'expected an object mapping rule ids to severities' });
        return undefined;
      }
      const rules: Record<string, RuleSetting> = {};
      for (const [id, setting] of Object.entries(value)) {
        // a custom rule's id may be defined in another layer (a file this one extends, a parent folder's)
        if (!ruleIds.has(id) && !CUSTOM_RULE_ID.test(id)) {
          problems.push({ path: `${path}.${id}`, message: unknownRule(id, ruleIds) });
          continue;
        }
        const parsed = ruleSetting(setting, `${path}.${id}`, problems);
        if (!parsed) continue;
        for (const alias of OPTION_ALIASES) {
          if (alias.rule !== id || !(alias.option in parsed.options)) continue;
          const checked = CONFIG_KEYS[alias.key].read(parsed.options[alias.option], `${path}.${id}[1].${alias.option}`, problems, ruleIds);
          if (checked === undefined) delete parsed.options[alias.option];
        }
        rules[id] = [parsed.severity, parsed.options];
      }
      return rules;
    },
  },
  profile: {
    description: 'Template profile for required-sections (default: standard).',
    schema: { type: 'string', enum: [...PROFILES] },
    read(value, path, problems) {
      if (typeof value === 'string' && (PROFILES as readonly string[]).includes(value)) return value;
      problems.push({ path, message: `expected one of ${PROFILES.join(', ')}` });
      return undefined;
    },
  },
  sections: {
    description: 'Section names for the custom profile.',
    schema: STRING_LIST_SCHEMA,
    read: (value, path, problems) => stringList(value, path, problems),
  },
  today: {
    description: 'ISO date used as "today" (overdue action items), for reproducible CI.',
    schema: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
    read(value, path, problems) {
      if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value))) return value;
      problems.push({ path, message: 'expected an ISO date such as "2026-04-05"' });
      return undefined;
    },
  },
  maxDocumentSize: {
    description: `Documents above this many characters get one informational finding instead of a full lint (default ${DEFAULT_MAX_DOCUMENT_SIZE}).`,
    schema: { type: 'number', exclusiveMinimum: 0 },
    read: positive(false, 'number of characters'),
  },
  maxDocumentLines: {
    description: `Documents with more lines than this get one informational finding instead of a full lint (default ${DEFAULT_MAX_DOCUMENT_LINES}).`,
    schema: { type: 'integer', minimum: 1 },
    read: positive(true, 'whole number of lines'),
  },
  maxOpenActionItems: {
    description: `Open action items allowed before action-items-focus asks to focus (default ${DEFAULT_MAX_OPEN_ACTION_ITEMS}).`,
    schema: { type: 'integer', minimum: 1 },
    read: positive(true, 'whole number'),
  },
  languageFindingsPerParagraph: {
    description: `Language findings shown per paragraph; the rest are counted on the last one shown (default ${DEFAULT_LANGUAGE_FINDINGS_PER_PARAGRAPH}; 0 shows them all).`,
    schema: { type: 'integer', minimum: 0 },
    read(value, path, problems) {
      if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
      problems.push({ path, message: 'expected a whole number (0 shows every finding)' });
      return undefined;
    },
  },
  reviewWithinDays: {
    description: `Days after the incident within which review-timeliness expects the postmortem written, reviewed or published (default ${DEFAULT_REVIEW_WITHIN_DAYS}).`,
    schema: { type: 'integer', minimum: 1 },
    read: positive(true, 'whole number of days'),
  },
  phrases: {
    description: 'Extra phrases per language rule, matched as literal text (never as regular expressions).',
    schema: { type: 'object', additionalProperties: STRING_LIST_SCHEMA },
    read(value, path, problems, ruleIds) {
      if (!isPlainObject(value)) {
        problems.push({ path, message: 'expected an object mapping rule ids to lists of phrases' });
        return undefined;
      }
      const phrases: Record<string, string[]> = {};
      for (const [id, list] of Object.entries(value)) {
        if (!ruleIds.has(id)) {
          problems.push({ path: `${path}.${id}`, message: unknownRule(id, ruleIds) });
          continue;
        }
        const parsed = stringList(list, `${path}.${id}`, problems);
        if (parsed) phrases[id] = parsed;
      }
      return phrases;
    },
  },
  allow: {
    description: 'Words or phrases language rules never flag (literal text).',
    schema: STRING_LIST_SCHEMA,
    read: (value, path, problems) => stringList(value, path, problems),
  },
  customRules: {
    description:
      'Rules of your own, without code: [{ "id": "team/no-hero", "message", "category"?, "severity"?, "phrases"? or "pattern"?, "rewrite"?, "docs"?, "examples": { "bad": [...], "good": [...] } }]. `postmortem-lint test-config` runs their examples.',
    schema: customRulesSchema(),
    read: readCustomRules,
  },
};

/**
 * Rule options that are another spelling of a top-level key (documented aliases, kept for existing configs):
 * resolution folds them into the key, so each rule reads one knob. Within one layer the rule option wins.
 */
export const OPTION_ALIASES: readonly { rule: string; option: string; key: 'profile' | 'sections' | 'maxOpenActionItems' }[] = [
  { rule: 'required-sections', option: 'profile', key: 'profile' },
  { rule: 'required-sections', option: 'sections', key: 'sections' },
  { rule: 'action-items-focus', option: 'max', key: 'maxOpenActionItems' },
];

/**
 * Validate a raw config object (from JSON or settings). Returns the usable part and the problems found.
 * Unknown keys and unknown rule ids are problems; nothing here throws.
 */
export function validateConfig(raw: unknown, knownRules: readonly Rule[]): { config: LintConfig; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const config: LintConfig = {};
  if (raw === undefined || raw === null) return { config, problems };
  if (!isPlainObject(raw)) {
    problems.push({ path: '', message: 'the configuration must be a JSON object' });
    return { config, problems };
  }
  const ids = new Set(knownRules.map((r) => r.meta.id));
  for (const [key, value] of Object.entries(raw)) {
    if (key === '$schema') continue;
    readKey(key, value, '', config, problems, ids, Object.keys(CONFIG_KEYS));
  }
  return { config, problems };
}

/** One key of a config layer read into `config` (at `prefix` + key for problems), or an unknown-setting problem. */
function readKey(
  key: string,
  value: unknown,
  prefix: string,
  config: LintConfig,
  problems: ConfigProblem[],
  ids: ReadonlySet<string>,
  known: readonly string[],
): void {
  if (!Object.hasOwn(CONFIG_KEYS, key)) {
    const guess = closestMatch(key, known);
    problems.push({ path: `${prefix}${key}`, message: `unknown setting "${key}"${guess ? ` (did you mean "${guess}"?)` : ''}` });
    return;
  }
  const k = key as keyof LintConfig;
  const read = CONFIG_KEYS[k].read(value, `${prefix}${key}`, problems, ids);
  if (read !== undefined) (config as Record<string, unknown>)[k] = read;
}

// ---- config files: extends, overrides, root ----

/** Most `extends` entries in one file, and most `overrides` blocks (each is checked against every linted file). */
export const MAX_EXTENDS_ENTRIES = 20;
export const MAX_OVERRIDES = 100;
const MAX_GLOBS = 100;
const MAX_GLOB = 500;

/** One `extends` entry as written, and the path of its value (`extends` or `extends[1]`) for locating problems. */
export interface ExtendsEntry {
  spec: string;
  path: string;
}

/** One `overrides` block: settings that apply to the files matching `files` and none of `excludedFiles`. */
export interface ConfigOverride {
  files: string[];
  excludedFiles: string[];
  config: LintConfig;
}

/** What a config file holds besides its settings layer: what it extends, its overrides, and whether it is a root. */
export interface ConfigFileContent {
  config: LintConfig;
  extends: ExtendsEntry[];
  overrides: ConfigOverride[];
  root: boolean;
}

/**
 * The keys only a config file has (never the settings layer). Kept beside CONFIG_KEYS so the JSON schema, the
 * validation and the README's documentation derive from one place.
 */
export const FILE_KEYS = {
  extends: {
    description:
      'Configs this one builds on: a path relative to this file ("./base.json") or an npm package name ("@acme/postmortem-lint-config", read from its postmortemlint.json). Later entries and this file win.',
    schema: {
      oneOf: [
        { type: 'string', minLength: 1 },
        { type: 'array', items: { type: 'string', minLength: 1 }, maxItems: MAX_EXTENDS_ENTRIES },
      ],
    },
  },
  overrides: {
    description:
      'Settings for some files only: [{ "files": [globs], "excludedFiles"?: [globs], …settings }], globs relative to this file\'s folder; applied in order after this file\'s settings, later blocks win.',
  },
  root: {
    description: 'Stop here: config files in parent folders do not apply (by default they apply beneath this one).',
    schema: { type: 'boolean' },
  },
} as const;

function globList(value: unknown, path: string, problems: ConfigProblem[], required: boolean): string[] | undefined {
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || (required && list.length === 0) || list.some((g) => typeof g !== 'string' || !g.trim())) {
    problems.push({
      path,
      message: `expected ${required ? 'a glob or a non-empty array' : 'a glob or an array'} of globs (non-empty strings)`,
    });
    return undefined;
  }
  if (list.length > MAX_GLOBS || list.some((g: string) => g.length > MAX_GLOB)) {
    problems.push({ path, message: `at most ${MAX_GLOBS} globs of at most ${MAX_GLOB} characters` });
    return undefined;
  }
  return list as string[];
}

function readOverride(raw: unknown, path: string, problems: ConfigProblem[], ids: ReadonlySet<string>): ConfigOverride | undefined {
  if (!isPlainObject(raw)) {
    problems.push({ path, message: 'expected an object with "files" and settings' });
    return undefined;
  }
  if (!Object.hasOwn(raw, 'files')) {
    problems.push({ path, message: 'an override needs "files" (globs relative to the config file\'s folder); ignored' });
    return undefined;
  }
  const files = globList(raw.files, `${path}.files`, problems, true);
  const excludedFiles = raw.excludedFiles === undefined ? [] : globList(raw.excludedFiles, `${path}.excludedFiles`, problems, false);
  const config: LintConfig = {};
  for (const [key, value] of Object.entries(raw)) {
    if (key === 'files' || key === 'excludedFiles') continue;
    if (Object.hasOwn(FILE_KEYS, key)) {
      problems.push({ path: `${path}.${key}`, message: `"${key}" is not allowed in an override` });
      continue;
    }
    if (key === 'customRules') {
      problems.push({
        path: `${path}.${key}`,
        message: 'define custom rules at the top of a config file; an override can turn one off or change its severity in "rules"',
      });
      continue;
    }
    readKey(key, value, `${path}.`, config, problems, ids, [...Object.keys(CONFIG_KEYS), 'files', 'excludedFiles']);
  }
  // an override whose globs are unusable applies nowhere (never to every file)
  if (!files || !excludedFiles) return undefined;
  return { files, excludedFiles, config };
}

/**
 * Validate a config file's object: its settings (as validateConfig) and `extends`, `overrides` and `root`. Pure: what
 * `extends` names is resolved by the host, which reads files.
 */
export function validateConfigFile(raw: unknown, knownRules: readonly Rule[]): { content: ConfigFileContent; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const content: ConfigFileContent = { config: {}, extends: [], overrides: [], root: false };
  if (raw === undefined || raw === null) return { content, problems };
  if (!isPlainObject(raw)) {
    problems.push({ path: '', message: 'the configuration must be a JSON object' });
    return { content, problems };
  }
  const ids = new Set(knownRules.map((r) => r.meta.id));
  const known = [...Object.keys(CONFIG_KEYS), ...Object.keys(FILE_KEYS)];
  for (const [key, value] of Object.entries(raw)) {
    if (key === '$schema') continue;
    if (key === 'extends') {
      const list: unknown[] = typeof value === 'string' ? [value] : Array.isArray(value) ? value : [];
      if (typeof value !== 'string' && !Array.isArray(value))
        problems.push({ path: key, message: 'expected a path or package name, or an array of them' });
      if (list.length > MAX_EXTENDS_ENTRIES)
        problems.push({ path: key, message: `more than ${MAX_EXTENDS_ENTRIES} entries; the rest are ignored` });
      list.slice(0, MAX_EXTENDS_ENTRIES).forEach((spec, i) => {
        const at = typeof value === 'string' ? key : `${key}[${i}]`;
        if (typeof spec === 'string' && spec.trim()) content.extends.push({ spec: spec.trim(), path: at });
        else problems.push({ path: at, message: 'expected a path or package name' });
      });
    } else if (key === 'overrides') {
      if (!Array.isArray(value)) {
        problems.push({ path: key, message: 'expected an array of { "files": [globs], …settings }' });
        continue;
      }
      if (value.length > MAX_OVERRIDES) problems.push({ path: key, message: `more than ${MAX_OVERRIDES} overrides; the rest are ignored` });
      value.slice(0, MAX_OVERRIDES).forEach((o, i) => {
        const read = readOverride(o, `${key}[${i}]`, problems, ids);
        // an unusable block keeps its place, so overrides[i] in --print-config is the i-th block of the file
        content.overrides.push(read ?? { files: [], excludedFiles: [], config: {} });
      });
    } else if (key === 'root') {
      if (typeof value === 'boolean') content.root = value;
      else problems.push({ path: key, message: 'expected true or false' });
    } else readKey(key, value, '', content.config, problems, ids, known);
  }
  return { content, problems };
}

/** Merge config layers (later layers win) over the rules' defaults. */
export function resolveConfig(layers: (LintConfig | undefined)[], rules: readonly Rule[], now?: Date): ResolvedConfig {
  const resolved: ResolvedConfig = {
    rules: {},
    profile: 'standard',
    sections: [],
    today: todayIso(now),
    maxDocumentSize: DEFAULT_MAX_DOCUMENT_SIZE,
    maxDocumentLines: DEFAULT_MAX_DOCUMENT_LINES,
    maxOpenActionItems: DEFAULT_MAX_OPEN_ACTION_ITEMS,
    languageFindingsPerParagraph: DEFAULT_LANGUAGE_FINDINGS_PER_PARAGRAPH,
    reviewWithinDays: DEFAULT_REVIEW_WITHIN_DAYS,
    phrases: {},
    allow: [],
    customRules: [],
  };
  for (const rule of rules) resolved.rules[rule.meta.id] = { severity: rule.meta.defaultSeverity, options: {} };
  // custom rules merge by id across layers (a later definition replaces an earlier one), before any layer's `rules`,
  // so `"rules": { "team/no-hero": "off" }` works in any layer, as it does for a built-in rule
  const custom = new Map<string, CustomRule>();
  for (const layer of layers)
    for (const def of layer?.customRules ?? []) if (!resolved.rules[def.id] || custom.has(def.id)) custom.set(def.id, def);
  resolved.customRules = [...custom.values()];
  for (const def of resolved.customRules) resolved.rules[def.id] = { severity: def.severity, options: {} };
  for (const layer of layers) {
    if (!layer) continue;
    for (const [id, setting] of Object.entries(layer.rules ?? {})) {
      const problems: ConfigProblem[] = [];
      const parsed = ruleSetting(setting, id, problems);
      if (parsed && resolved.rules[id]) {
        // `"rule": "warning"` keeps options set by an earlier layer; `[sev, opts]` replaces them.
        const options = Array.isArray(setting) && setting.length === 2 ? parsed.options : resolved.rules[id]!.options;
        resolved.rules[id] = { severity: parsed.severity, options };
      }
    }
    if (layer.profile) resolved.profile = layer.profile;
    if (layer.sections) resolved.sections = layer.sections;
    if (layer.today) resolved.today = layer.today;
    if (layer.maxDocumentSize) resolved.maxDocumentSize = layer.maxDocumentSize;
    if (layer.maxDocumentLines) resolved.maxDocumentLines = layer.maxDocumentLines;
    if (layer.maxOpenActionItems) resolved.maxOpenActionItems = layer.maxOpenActionItems;
    if (layer.languageFindingsPerParagraph !== undefined) resolved.languageFindingsPerParagraph = layer.languageFindingsPerParagraph;
    if (layer.reviewWithinDays) resolved.reviewWithinDays = layer.reviewWithinDays;
    // lists of phrases merge across layers (a shared config's phrases and a team's own), each phrase once
    if (layer.phrases)
      for (const [id, list] of Object.entries(layer.phrases))
        resolved.phrases[id] = [...new Set([...(resolved.phrases[id] ?? []), ...list])];
    if (layer.allow) resolved.allow = [...new Set([...resolved.allow, ...layer.allow])];
    for (const alias of OPTION_ALIASES) {
      const setting = layer.rules?.[alias.rule];
      const value = Array.isArray(setting) ? setting[1]?.[alias.option] : undefined;
      const read = value === undefined ? undefined : CONFIG_KEYS[alias.key].read(value, '', [], new Set());
      if (read !== undefined) (resolved as unknown as Record<string, unknown>)[alias.key] = read;
    }
  }
  return resolved;
}

/** A config layer and where it came from (a file, `file overrides[0]`, a command-line flag): what --print-config shows. */
export interface SourcedLayer {
  config: LintConfig | undefined;
  source: string;
}

/**
 * Where each resolved value comes from, for the same layers resolveConfig merges: the source of the last layer that
 * set it ("default" when none did), per key and per rule (`rules.<id>`). `phrases` and `allow` merge across layers,
 * so theirs names every layer that added to them, joined by " + ".
 */
export function configSources(layers: readonly SourcedLayer[], rules: readonly Rule[]): Record<string, string> {
  const sources: Record<string, string> = {};
  const keys = Object.keys(resolveConfig([], rules)).filter((k) => k !== 'rules');
  for (const key of keys) sources[key] = 'default';
  for (const rule of rules) sources[`rules.${rule.meta.id}`] = 'default';
  // a custom rule's setting comes from the layer that defines it, unless a layer's `rules` sets it
  for (const { config: layer, source } of layers) for (const def of layer?.customRules ?? []) sources[`rules.${def.id}`] = source;
  const merged: Record<'phrases' | 'allow' | 'customRules', string[]> = { phrases: [], allow: [], customRules: [] };
  for (const { config: layer, source } of layers) {
    if (!layer) continue;
    for (const [id, setting] of Object.entries(layer.rules ?? {}))
      if (`rules.${id}` in sources && ruleSetting(setting, id, [])) sources[`rules.${id}`] = source;
    for (const key of keys) {
      const value = (layer as Record<string, unknown>)[key];
      if (value === undefined) continue;
      if (key === 'phrases' || key === 'allow' || key === 'customRules') {
        const adds =
          key === 'phrases' ? Object.values(value as Record<string, string[]>).some((l) => l.length) : (value as unknown[]).length > 0;
        if (adds && !merged[key].includes(source)) merged[key].push(source);
      } else sources[key] = source;
    }
    for (const alias of OPTION_ALIASES) {
      const setting = layer.rules?.[alias.rule];
      const value = Array.isArray(setting) ? setting[1]?.[alias.option] : undefined;
      if (value !== undefined && CONFIG_KEYS[alias.key].read(value, '', [], new Set()) !== undefined) sources[alias.key] = source;
    }
  }
  for (const key of ['phrases', 'allow', 'customRules'] as const) if (merged[key].length) sources[key] = merged[key].join(' + ');
  return sources;
}
