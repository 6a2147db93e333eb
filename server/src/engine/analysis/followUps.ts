// The follow-up state of each action item (the "Postmortem Follow-ups" view, issue 17 §2): one state per item, the
// first that holds, so every item sits in exactly one group.
import { itemProgress, type PostmortemModel } from '../model/model';
import { addDays } from '../text/datetime';
import { lineOf } from '../text/text';

/** overdue, due within 14 days, open without a date, open without an owner, open and scheduled, done, let go. */
export type FollowUpState = 'overdue' | 'due-soon' | 'no-date' | 'no-owner' | 'scheduled' | 'done' | 'let-go';
export const FOLLOW_UP_STATES: readonly FollowUpState[] = ['overdue', 'due-soon', 'no-date', 'no-owner', 'scheduled', 'done', 'let-go'];
/** "Due soon": within this many days of today (inclusive). */
export const DUE_SOON_DAYS = 14;

export interface ItemFollowUp {
  /** Zero-based line of the item. */
  line: number;
  text: string;
  owners: string[];
  due?: string;
  /** ISO date of the due date when it is one. */
  dueDate?: string;
  tracker?: string;
  state: FollowUpState;
}

/** Each action item with its follow-up state, on `today` (ISO). */
export function followUpsOf(model: PostmortemModel, today: string): ItemFollowUp[] {
  const soon = addDays(today, DUE_SOON_DAYS);
  return model.actionItems.map((item) => {
    const dueDate = item.due?.date;
    const progress = itemProgress(item.status);
    const state: FollowUpState =
      progress !== 'open'
        ? progress
        : dueDate && dueDate < today
          ? 'overdue'
          : dueDate && dueDate <= soon
            ? 'due-soon'
            : !item.due
              ? 'no-date'
              : !item.owners.length
                ? 'no-owner'
                : 'scheduled';
    return {
      line: lineOf(model.lineStarts, item.span.start),
      text: item.text,
      owners: item.owners.map((o) => o.value),
      ...(item.due ? { due: item.due.value } : {}),
      ...(dueDate ? { dueDate } : {}),
      ...(item.tracker ? { tracker: item.tracker.value } : {}),
      state,
    };
  });
}
