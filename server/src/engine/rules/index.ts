// The rule registry. Add a rule by importing its module and listing it in `allRules`.
import type { Rule } from '../types';
import { rule as requiredSections } from './required-sections';
import { rule as actionItemOwner } from './action-item-owner';
import { rule as actionItemSingleOwner } from './action-item-single-owner';
import { rule as actionItemDueDate } from './action-item-due-date';
import { rule as actionItemOverdue } from './action-item-overdue';
import { rule as actionItemTracker } from './action-item-tracker';
import { rule as actionItemDoneCriterion } from './action-item-done-criterion';
import { rule as actionItemsFocus } from './action-items-focus';
import { rule as actionItemLetGoReason } from './action-item-let-go-reason';
import { rule as timelineOrder } from './timeline-order';
import { rule as timelineTimezone } from './timeline-timezone';
import { rule as timelineTimestamp } from './timeline-timestamp';
import { rule as durationMismatch } from './duration-mismatch';
import { rule as decisionContext } from './decision-context';
import { rule as humanErrorRule } from './human-error';
import { rule as counterfactualRule } from './counterfactual';
import { rule as omissionRule } from './omission';
import { rule as hindsightRule } from './hindsight';
import { rule as judgementRule } from './judgement';
import { rule as emotiveRule } from './emotive';
import { rule as rootCauseRule } from './root-cause';
import { rule as passiveBlameRule } from './passive-blame';
import { rule as ruleDeviationRule } from './rule-deviation';
import { rule as vagueRemediationRule } from './vague-remediation';
import { rule as emptySection } from './empty-section';
import { rule as templatePlaceholder } from './template-placeholder';
import { rule as metadataRule } from './metadata';
import { rule as reviewTimeliness } from './review-timeliness';
import { rule as suppressionComment } from './suppression-comment';

export const allRules: Rule[] = [
  requiredSections,
  actionItemOwner,
  actionItemSingleOwner,
  actionItemDueDate,
  actionItemOverdue,
  actionItemTracker,
  actionItemDoneCriterion,
  actionItemsFocus,
  actionItemLetGoReason,
  timelineOrder,
  timelineTimezone,
  timelineTimestamp,
  durationMismatch,
  decisionContext,
  humanErrorRule,
  counterfactualRule,
  omissionRule,
  hindsightRule,
  judgementRule,
  emotiveRule,
  rootCauseRule,
  passiveBlameRule,
  ruleDeviationRule,
  vagueRemediationRule,
  emptySection,
  templatePlaceholder,
  metadataRule,
  reviewTimeliness,
  suppressionComment,
];

export function findRule(id: string): Rule | undefined {
  return allRules.find((r) => r.meta.id === id);
}
