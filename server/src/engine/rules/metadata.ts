// metadata: the header block (front matter, `**Date:** …` lines, several `**Key:** value` pairs on one line,
// `Key: value` preamble lines and bullets, key/value tables, headings as keys) names the incident's date, duration and
// severity, in values a reader can make sense of.
//
// Lenient by design, as real headers are: ranges (`January 14-19, 2026`), `~2h`, `279 minutes`, `N/A`, `?` and
// free-text severities (`Major (High Impact, Service Degradation)`) are readable. A date in the title
// (`# 2018-04-18, Culler flood`, `# 2018-10-10: Differ outage`) counts as the date. Placeholder values (TODO, TBD,
// YYYY-MM-DD, SEV-N) are left to template-placeholder, so one problem gives one finding.
import { parseDate, parseDuration } from '../text/datetime';
import type { Field } from '../model/model';
import type { Rule, Span } from '../types';
import { findPlaceholders } from '../analysis/placeholders';

export type MetadataKey = 'date' | 'duration' | 'severity';
const ALL_KEYS: readonly MetadataKey[] = ['date', 'duration', 'severity'];

/** Values that honestly say "not known" — readable, nothing to fix. */
const UNKNOWN = /^(?:n\/?a|none|unknown|not known|ongoing|\?+|-+|—|–)\.?$/i;
const UNFILLED = /^(?:TODO|TBD|TBA|TBC|XXX+|FIXME)\b/i;

export function readableDate(value: string): boolean {
  const v = value.trim();
  if (UNKNOWN.test(v)) return true;
  return parseDate(v) !== null;
}

const NUMBER_WORD =
  '(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|forty-five|fifty|ninety|few|a few|several|half|half an?|a couple of|couple of|many)';
const WORDY_DURATION = new RegExp(
  `\\b${NUMBER_WORD}\\s+(?:and a half\\s+)?(?:sec(?:ond)?s?|min(?:ute)?s?|hours?|hrs?|days?|weeks?)\\b`,
  'i',
);

export function readableDuration(value: string): boolean {
  const v = value.trim();
  if (UNKNOWN.test(v)) return true;
  if (parseDuration(v) !== null) return true;
  if (/\b\d{1,3}:\d{2}(?::\d{2})?\b/.test(v)) return true; // 1:30, or a time range `16:58 - 18:46 UTC`
  if (WORDY_DURATION.test(v)) return true;
  return /\b(?:overnight|all day|less than a minute|instant(?:aneous)?|momentary)\b/i.test(v);
}

const SEVERITY_WORDS =
  /\b(?:critical|major|minor|high|medium|moderate|low|severe|serious|significant|trivial|cosmetic|blocker|emergency|urgent|catastrophic|informational|warning|minimal|limited|outage|degraded|degradation|security)\b/i;

/** `{ readable, outOfRange }`: SEV-0..5, Sev 2, S1, P0..P4, Level 3, a bare 0..5, or a severity word. */
export function readSeverity(value: string): { readable: boolean; outOfRange?: string } {
  const v = value.trim();
  if (UNKNOWN.test(v)) return { readable: true };
  let outOfRange: string | undefined;
  let ok = false;
  for (const m of v.matchAll(/\b(SEV|Sev|sev|SEVERITY|Severity|severity|Level|level|S|L)[- ]?(\d{1,2})\b/g)) {
    if (Number(m[2]) <= 5) ok = true;
    else outOfRange ??= m[0];
  }
  for (const m of v.matchAll(/\b[Pp](\d{1,2})\b/g)) {
    if (Number(m[1]) <= 4) ok = true;
    else outOfRange ??= m[0];
  }
  if (/^\d$/.test(v) && Number(v) <= 5) ok = true;
  if (SEVERITY_WORDS.test(v)) ok = true;
  return outOfRange && !ok ? { readable: false, outOfRange } : { readable: ok };
}

/**
 * The date a title carries: `# 2018-04-18, Culler flood`, `# January 23rd, 2019 Prow Outage`, and a date followed by
 * a colon, `# 2018-10-10: Differ outage` (a colon that is not part of a time separates the date from the title).
 */
export function titleDate(title: string): boolean {
  return parseDate(title) !== null || parseDate(title.replace(/:(?!\d)/g, ' ')) !== null;
}

const LABEL: Record<MetadataKey, string> = { date: 'date', duration: 'duration', severity: 'severity' };

function listWords(keys: string[]): string {
  if (keys.length <= 1) return keys.join('');
  return `${keys.slice(0, -1).join(', ')} or ${keys[keys.length - 1]}`;
}

export const rule: Rule = {
  meta: {
    id: 'metadata',
    description: 'The header block gives the incident date, duration and severity, in values a reader can understand.',
    category: 'structure',
    defaultSeverity: 'info',
    fixable: false,
    rationale:
      'Date, duration and severity let readers compare incidents and find the right one later; they are cheapest to record while the document is fresh.',
  },
  check(ctx) {
    const { model, text } = ctx;
    const required = Array.isArray(ctx.options.require)
      ? (ctx.options.require as unknown[]).filter(
          (k): k is MetadataKey => typeof k === 'string' && (ALL_KEYS as readonly string[]).includes(k),
        )
      : [...ALL_KEYS];
    if (required.length === 0) return;
    const placeholders = findPlaceholders(model);
    const isPlaceholder = (f: Field) =>
      UNFILLED.test(f.value.trim()) || placeholders.some((p) => p.start < Math.max(f.end, f.start + 1) && f.start < p.end);
    const missing: MetadataKey[] = [];
    for (const key of required) {
      const field = model.metadata.fields[key];
      if (!field || field.value.trim() === '') {
        // the title often carries the date: `# 2018-04-18, Culler flood`, `# January 23rd, 2019 Prow Outage`
        if (key === 'date' && model.title && titleDate(model.title.value)) continue;
        missing.push(key);
        continue;
      }
      if (isPlaceholder(field)) continue; // template-placeholder reports it
      const at: Span = field.end > field.start ? { start: field.start, end: field.end } : { start: field.start, end: field.start };
      if (key === 'date' && !readableDate(field.value)) {
        ctx.report({
          ...at,
          message: `The date "${field.value}" cannot be read as a date; write it as YYYY-MM-DD, or as "March 5, 2024" or a range.`,
          data: { key, value: field.value },
        });
      } else if (key === 'duration' && !readableDuration(field.value)) {
        ctx.report({
          ...at,
          message: `The duration "${field.value}" cannot be read; write it as "1h 30m", "~2h", "45 minutes" or a start–end range.`,
          data: { key, value: field.value },
        });
      } else if (key === 'severity') {
        const s = readSeverity(field.value);
        if (!s.readable) {
          const why = s.outOfRange ? `"${s.outOfRange}" is outside the usual scales` : `"${field.value}" names no severity`;
          ctx.report({
            ...at,
            message: `Severity cannot be read: ${why}; use SEV-0…SEV-5, P0…P4, or a word such as Critical, Major or Minor.`,
            data: { key, value: field.value },
          });
        }
      }
    }
    if (missing.length === 0) return;
    const anchor: Span =
      model.metadata.span && model.metadata.source !== 'front-matter'
        ? model.metadata.span
        : model.frontMatter
          ? { start: model.frontMatter.span.start, end: Math.min(model.frontMatter.span.end, model.frontMatter.span.start + 3) }
          : model.title
            ? { start: model.title.start, end: model.title.end }
            : { start: 0, end: Math.max(0, text.search(/\r|\n|$/)) };
    const where = model.metadata.source === 'none' ? 'The document has no header block with' : 'The header block has no';
    ctx.report({
      ...anchor,
      message: `${where} ${listWords(missing.map((k) => LABEL[k]))} (for example \`**${missing[0]![0]!.toUpperCase()}${missing[0]!.slice(1)}:** …\`).`,
      data: { missing },
    });
  },
};
