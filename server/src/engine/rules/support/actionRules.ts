// Shared logic for the action-item rules: which items are eligible, and per-item vs per-section reporting.
import type { ActionItem, PostmortemModel, Section } from '../../model/model';
import type { Fix, RelatedInfo, Rule, RuleContext, RuleMeta, Span } from '../../types';
import { insertFieldEdits, PLACEHOLDER, type FieldKey } from '../../analysis/actionEdits';
import { plural } from '../../text/text';

/** Open items only: done, deferred and won't-do items are complete records and never flagged for missing fields. */
export function openItems(model: PostmortemModel): ActionItem[] {
  return model.actionItems.filter((i) => i.status === 'open');
}

/** Where a per-item finding goes: the item's text (the Action cell for tables), at most its first line. */
export function itemAnchor(model: PostmortemModel, item: ActionItem): Span {
  let s = item.textSpan.start;
  let e = item.textSpan.end > s ? item.textSpan.end : item.span.end;
  // past leading HTML comments (an inquiry note inserted by a language quick fix): the finding is about the words
  const lead = /^(?:\s*<!--[\s\S]*?-->)+\s*/.exec(model.text.slice(s, e));
  if (lead && s + lead[0].length < e) s += lead[0].length;
  const nl = model.text.slice(s, e).search(/[\r\n]/);
  if (nl >= 0) e = s + nl;
  return { start: s, end: Math.max(e, s) };
}

export function fieldFix(ctx: RuleContext, items: ActionItem[], key: FieldKey, title: string, value: (i: ActionItem) => string): Fix {
  return { title, edits: insertFieldEdits(ctx.text, items, key, value) };
}

/**
 * Report items missing a field (open items unless `candidates` says which). When most open items of a section lack it (and at least two do), one finding
 * on the section heading says so (with each item as related information) instead of one per item: on real
 * postmortems that never use the field, per-item findings are noise a reviewer would not accept.
 */
export function reportMissing(
  ctx: RuleContext,
  missing: (item: ActionItem) => boolean,
  perItem: (item: ActionItem) => { message: string; suggestions?: Fix[] },
  perSection: (items: ActionItem[], total: number, section: Section) => { message: string; suggestions?: Fix[] },
  candidates: ActionItem[] = openItems(ctx.model),
): void {
  const { model } = ctx;
  const bySection = new Map<number, ActionItem[]>();
  for (const item of candidates) {
    const list = bySection.get(item.section) ?? [];
    list.push(item);
    bySection.set(item.section, list);
  }
  for (const [secIndex, items] of bySection) {
    const lacking = items.filter(missing);
    if (!lacking.length) continue;
    const section = model.sections[secIndex];
    if (section && lacking.length >= 2 && lacking.length * 2 > items.length) {
      const r = perSection(lacking, items.length, section);
      ctx.report({
        start: section.heading.start,
        end: section.heading.end,
        message: r.message,
        ...(r.suggestions ? { suggestions: r.suggestions } : {}),
        related: relatedItems(model, lacking),
        data: { items: lacking.length, aggregated: true },
      });
      continue;
    }
    for (const item of lacking) {
      const r = perItem(item);
      const a = itemAnchor(model, item);
      ctx.report({ start: a.start, end: a.end, message: r.message, ...(r.suggestions ? { suggestions: r.suggestions } : {}) });
    }
  }
}

/** Items listed as related information on a section-level finding; the count is in the finding's message. */
export const MAX_RELATED_ITEMS = 20;

/**
 * The first MAX_RELATED_ITEMS items as related information, the last noting how many more there are (a
 * section of 2,600 items listed them all: most of a diagnostics response, and no reader goes through them).
 */
function relatedItems(model: PostmortemModel, items: ActionItem[]): RelatedInfo[] {
  const shown = items.slice(0, MAX_RELATED_ITEMS).map((i) => ({ ...itemAnchor(model, i), message: i.text.slice(0, 80) }));
  const more = items.length - shown.length;
  if (more > 0) shown[shown.length - 1]!.message += ` (and ${plural(more, 'more item')})`;
  return shown;
}

/** "None of the 4 open action items has an owner" / "3 of the 5 open action items have no owner". */
export function missingCount(missing: number, total: number, noun: string, article: string, field: string): string {
  return missing === total
    ? `None of the ${plural(total, noun)} has ${article} ${field}`
    : `${missing} of the ${plural(total, noun)} have no ${field}`;
}

export interface MissingFieldSpec {
  meta: RuleMeta;
  key: FieldKey;
  missing: (item: ActionItem) => boolean;
  /** Message for one item. */
  itemMessage: string;
  /** For "None of the 4 open action items has <article> <field>" / "3 of the 5 … have no <field>". */
  article: string;
  field: string;
  /** Ends the per-section message (default "."). */
  sectionEnd?: string;
  /** Quick-fix titles: in a table row, after a list item, and for every item of a section ("an owner field"). */
  cellTitle: string;
  suffixTitle: string;
  sectionFieldTitle: string;
}

/** A rule reporting open action items that lack one field, with a suggestion inserting its placeholder. */
export function missingFieldRule(spec: MissingFieldSpec): Rule {
  const value = () => PLACEHOLDER[spec.key];
  return {
    meta: spec.meta,
    check(ctx) {
      reportMissing(
        ctx,
        spec.missing,
        (i) => ({
          message: spec.itemMessage,
          suggestions: [fieldFix(ctx, [i], spec.key, i.table ? spec.cellTitle : spec.suffixTitle, value)],
        }),
        (items, total) => ({
          message: `${missingCount(items.length, total, 'open action item', spec.article, spec.field)}${spec.sectionEnd ?? '.'}`,
          suggestions: [fieldFix(ctx, items, spec.key, `Add ${spec.sectionFieldTitle} to ${plural(items.length, 'item')}`, value)],
        }),
      );
    },
  };
}
