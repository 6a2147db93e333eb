// Config validation and resolution (pure). Bad values are reported as problems and replaced by defaults.
import type { ConfigProblem, LintConfig, ResolvedConfig, Rule, RuleConfig, RuleSetting, SeverityOrOff } from './types';

export const SEVERITIES: readonly SeverityOrOff[] = ['off', 'hint', 'info', 'warning', 'error'];
export const PROFILES = ['standard', 'google-sre', 'pagerduty', 'custom'] as const;
export type Profile = (typeof PROFILES)[number];

export const DEFAULT_MAX_DOCUMENT_SIZE = 2_000_000;
export const DEFAULT_MAX_DOCUMENT_LINES = 50_000;
const MAX_LIST = 1000;
const MAX_PHRASE = 200;

function isSeverity(v: unknown): v is SeverityOrOff {
  return typeof v === 'string' && (SEVERITIES as readonly string[]).includes(v);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
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
  if (isSeverity(value)) return { severity: value, options: {} };
  if (Array.isArray(value) && value.length >= 1 && value.length <= 2 && isSeverity(value[0])) {
    if (value.length === 2 && !isPlainObject(value[1])) {
      problems.push({ path: `${path}[1]`, message: 'rule options must be an object' });
      return { severity: value[0], options: {} };
    }
    return { severity: value[0], options: (value[1] as Record<string, unknown> | undefined) ?? {} };
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
    switch (key) {
      case '$schema':
        break;
      case 'rules': {
        if (!isPlainObject(value)) {
          problems.push({ path: 'rules', message: 'expected an object mapping rule ids to severities' });
          break;
        }
        const rules: Record<string, RuleSetting> = {};
        for (const [id, setting] of Object.entries(value)) {
          if (!ids.has(id)) {
            problems.push({ path: `rules.${id}`, message: `unknown rule "${id}"` });
            continue;
          }
          const parsed = ruleSetting(setting, `rules.${id}`, problems);
          if (parsed) rules[id] = [parsed.severity, parsed.options];
        }
        config.rules = rules;
        break;
      }
      case 'profile':
        if (typeof value === 'string' && (PROFILES as readonly string[]).includes(value)) config.profile = value;
        else problems.push({ path: 'profile', message: `expected one of ${PROFILES.join(', ')}` });
        break;
      case 'sections': {
        const list = stringList(value, 'sections', problems);
        if (list) config.sections = list;
        break;
      }
      case 'today':
        if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value))) config.today = value;
        else problems.push({ path: 'today', message: 'expected an ISO date such as "2026-04-05"' });
        break;
      case 'maxDocumentSize':
        if (typeof value === 'number' && Number.isFinite(value) && value > 0) config.maxDocumentSize = Math.floor(value);
        else problems.push({ path: 'maxDocumentSize', message: 'expected a positive number of characters' });
        break;
      case 'maxDocumentLines':
        if (typeof value === 'number' && Number.isInteger(value) && value > 0) config.maxDocumentLines = value;
        else problems.push({ path: 'maxDocumentLines', message: 'expected a positive whole number of lines' });
        break;
      case 'maxOpenActionItems':
        if (typeof value === 'number' && Number.isInteger(value) && value > 0) config.maxOpenActionItems = value;
        else problems.push({ path: 'maxOpenActionItems', message: 'expected a positive whole number' });
        break;
      case 'phrases': {
        if (!isPlainObject(value)) {
          problems.push({ path: 'phrases', message: 'expected an object mapping rule ids to lists of phrases' });
          break;
        }
        const phrases: Record<string, string[]> = {};
        for (const [id, list] of Object.entries(value)) {
          if (!ids.has(id)) {
            problems.push({ path: `phrases.${id}`, message: `unknown rule "${id}"` });
            continue;
          }
          const parsed = stringList(list, `phrases.${id}`, problems);
          if (parsed) phrases[id] = parsed;
        }
        config.phrases = phrases;
        break;
      }
      case 'allow': {
        const list = stringList(value, 'allow', problems);
        if (list) config.allow = list;
        break;
      }
      default:
        problems.push({ path: key, message: `unknown setting "${key}"` });
    }
  }
  return { config, problems };
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
    maxOpenActionItems: 5,
    phrases: {},
    allow: [],
  };
  for (const rule of rules) resolved.rules[rule.meta.id] = { severity: rule.meta.defaultSeverity, options: {} };
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
    if (layer.phrases) for (const [id, list] of Object.entries(layer.phrases)) resolved.phrases[id] = [...(resolved.phrases[id] ?? []), ...list];
    if (layer.allow) resolved.allow = [...resolved.allow, ...layer.allow];
  }
  return resolved;
}
