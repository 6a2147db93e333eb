// JSON schema for .postmortemlintrc.json, derived from the rule registry (never hand-maintained).
import { PROFILES, SEVERITIES, allRules } from '../engine/index';

export function configSchema(): Record<string, unknown> {
  const severity = { type: 'string', enum: [...SEVERITIES] };
  const ruleSetting = (description: string) => ({
    description,
    oneOf: [
      severity,
      { type: 'array', items: [severity, { type: 'object' }], minItems: 1, maxItems: 2 },
    ],
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
        description: 'Severity per rule: "off" | "hint" | "info" | "warning" | "error", or [severity, options].',
        additionalProperties: false,
        properties: Object.fromEntries(
          allRules.map((r) => [r.meta.id, ruleSetting(`${r.meta.description} (default: ${r.meta.defaultSeverity})`)]),
        ),
      },
      profile: { type: 'string', enum: [...PROFILES], description: 'Template profile for required-sections (default: standard).' },
      sections: { type: 'array', items: { type: 'string', maxLength: 200 }, maxItems: 1000, description: 'Section names for the custom profile.' },
      today: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'ISO date used as "today" (overdue action items), for reproducible CI.' },
      maxDocumentSize: { type: 'number', exclusiveMinimum: 0, description: 'Documents above this many characters get one informational finding instead of a full lint.' },
      maxDocumentLines: { type: 'integer', minimum: 1, description: 'Documents with more lines than this get one informational finding instead of a full lint (default 50000).' },
      maxOpenActionItems: { type: 'integer', minimum: 1, description: 'Open action items allowed before action-items-focus asks to focus (default 5).' },
      phrases: {
        type: 'object',
        description: 'Extra phrases per language rule, matched as literal text (never as regular expressions).',
        propertyNames: { enum: ruleIds },
        additionalProperties: { type: 'array', items: { type: 'string', maxLength: 200 }, maxItems: 1000 },
      },
      allow: { type: 'array', items: { type: 'string', maxLength: 200 }, maxItems: 1000, description: 'Words or phrases language rules never flag (literal text).' },
    },
  };
}
