// JSON schema for .postmortemlintrc.json, derived from the rule registry (never hand-maintained).
import { CONFIG_KEYS, SEVERITY_SPELLINGS, allRules } from '../engine/index';

export function configSchema(): Record<string, unknown> {
  const severity = { type: 'string', enum: [...SEVERITY_SPELLINGS] };
  const ruleSetting = (description: string) => ({
    description,
    oneOf: [severity, { type: 'array', items: [severity, { type: 'object' }], minItems: 1, maxItems: 2 }],
  });
  const ruleIds = allRules.map((r) => r.meta.id).sort();
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'postmortem-lint configuration',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string' },
      rules: {
        type: 'object',
        description: CONFIG_KEYS.rules.description,
        additionalProperties: false,
        properties: Object.fromEntries(
          allRules.map((r) => [r.meta.id, ruleSetting(`${r.meta.description} (default: ${r.meta.defaultSeverity})`)]),
        ),
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
    },
  };
}
