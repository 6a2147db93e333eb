// Typed VS Code settings (section `postmortemLint`), requested per resource by the server.
import { DEFAULT_GLOBS } from '../globs';
import { allRules, isPlainObject, validateConfig, type LintConfig, type RuleSetting } from '../engine/index';

export interface Settings {
  enable: boolean;
  files: string[];
  rules: Record<string, RuleSetting>;
  profile?: string;
  maxDocumentSize?: number;
  maxDocumentLines?: number;
}

export const defaultSettings: Settings = { enable: true, files: DEFAULT_GLOBS, rules: {} };

/**
 * The type each setting must have. Only the type: the values of the settings that are config keys (rules, profile,
 * the size limits) are checked by the engine's validateConfig when the settings layer is built.
 */
const SHAPES: { [K in keyof Settings]-?: [expected: string, check: (value: unknown) => boolean] } = {
  enable: ['true or false', (v) => typeof v === 'boolean'],
  files: ['an array of glob strings', (v) => Array.isArray(v) && v.every((g) => typeof g === 'string' && g !== '')],
  rules: ['an object of rule settings', isPlainObject],
  profile: ['a profile name', (v) => typeof v === 'string'],
  maxDocumentSize: ['a number', (v) => typeof v === 'number'],
  maxDocumentLines: ['a number', (v) => typeof v === 'number'],
};

/**
 * The settings a client answered, checked on arrival: a setting of the wrong type (a client may answer anything)
 * is replaced by its default and reported through `problem`; null or missing means not set. Keys the server does not
 * read (workspaceDiagnostics, timezone...) are dropped.
 */
export function normaliseSettings(raw: unknown, problem: (message: string) => void): Settings {
  if (raw === null || raw === undefined) return defaultSettings;
  if (!isPlainObject(raw)) {
    problem(`postmortem-lint: settings postmortemLint: expected an object, got ${JSON.stringify(raw).slice(0, 80)}; using the defaults.`);
    return defaultSettings;
  }
  const settings: Settings = { ...defaultSettings };
  for (const [key, [expected, check]] of Object.entries(SHAPES)) {
    const value = raw[key];
    if (value === null || value === undefined) continue;
    if (check(value)) (settings as unknown as Record<string, unknown>)[key] = value;
    else
      problem(
        `postmortem-lint: setting postmortemLint.${key}: expected ${expected}, got ${JSON.stringify(value).slice(0, 80)}; using the default.`,
      );
  }
  return settings;
}

/**
 * The settings as a config layer (the rules, profile and size limits they set), validated by the engine; each problem
 * goes to `problem` as "setting postmortemLint.<path>: <message>".
 */
export function settingsLayer(settings: Settings, problem: (path: string, message: string) => void): LintConfig {
  const { config, problems } = validateConfig(
    {
      ...(settings.rules && Object.keys(settings.rules).length ? { rules: settings.rules } : {}),
      ...(settings.profile ? { profile: settings.profile } : {}),
      ...(settings.maxDocumentSize ? { maxDocumentSize: settings.maxDocumentSize } : {}),
      ...(settings.maxDocumentLines ? { maxDocumentLines: settings.maxDocumentLines } : {}),
    },
    allRules,
  );
  for (const p of problems) problem(p.path, p.message);
  return config;
}
