// JSON schema for .postmortemlintrc.json, derived from the rule registry (never hand-maintained).
import { CONFIG_KEYS, CUSTOM_RULE_ID, FILE_KEYS, MAX_OVERRIDES, SEVERITY_SPELLINGS, allRules } from '../engine/index';

export function configSchema(): Record<string, unknown> {
  const severity = { type: 'string', enum: [...SEVERITY_SPELLINGS] };
  const ruleSetting = (description: string) => ({
    description,
    oneOf: [severity, { type: 'array', items: [severity, { type: 'object' }], minItems: 1, maxItems: 2 }],
  });
  const ruleIds = allRules.map((r) => r.meta.id).sort();
  // the settings: what a config file, and each of its overrides, may set
  const settings = {
    rules: {
      type: 'object',
      description: CONFIG_KEYS.rules.description,
      additionalProperties: false,
      properties: Object.fromEntries(
        allRules.map((r) => [r.meta.id, ruleSetting(`${r.meta.description} (default: ${r.meta.defaultSeverity})`)]),
      ),
      // a custom rule's id (defined in `customRules` here or in a file this one builds on)
      patternProperties: { [CUSTOM_RULE_ID.source]: ruleSetting('A custom rule (customRules).') },
    },
    ...Object.fromEntries(
      Object.entries(CONFIG_KEYS)
        .filter(([key]) => key !== 'rules')
        .map(([key, spec]) => [
          key,
          key === 'phrases'
            ? { ...spec.schema, propertyNames: { enum: ruleIds }, description: spec.description }
            : { ...spec.schema, description: spec.description },
        ]),
    ),
  };
  const globs = (description: string) => ({
    description,
    oneOf: [
      { type: 'string', minLength: 1 },
      { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 },
    ],
  });
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'postmortem-lint configuration',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string' },
      root: { ...FILE_KEYS.root.schema, description: FILE_KEYS.root.description },
      extends: { ...FILE_KEYS.extends.schema, description: FILE_KEYS.extends.description },
      ...settings,
      overrides: {
        description: FILE_KEYS.overrides.description,
        type: 'array',
        maxItems: MAX_OVERRIDES,
        items: {
          type: 'object',
          required: ['files'],
          additionalProperties: false,
          properties: {
            files: globs('Globs of the files this block applies to, relative to the config file\'s folder ("archive/**", "*.draft.md").'),
            excludedFiles: globs('Globs of files this block does not apply to, even when "files" matches them.'),
            ...settings,
          },
        },
      },
    },
  };
}
