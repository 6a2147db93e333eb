// review-timeliness: the postmortem's own dates show it was written (reviewed, published) long after the incident,
// when the technical details have faded. Silent unless both dates are in the document.
import type { Rule } from '../types';
import { daysBetween } from '../text/datetime';
import { postmortemDates } from '../analysis/timeliness';

export const rule: Rule = {
  meta: {
    id: 'review-timeliness',
    description: 'A postmortem should be written within a few days of the incident.',
    category: 'structure',
    defaultSeverity: 'info',
    rationale:
      'Within days the technical details get fuzzy: logs rotate, chat scrolls away and people reconstruct rather than remember. A postmortem written weeks later tells a tidier, less accurate story.',
  },
  check(ctx) {
    const { model, config } = ctx;
    const written = model.metadata.fields['written'];
    const { incident, written: writtenOn } = postmortemDates(model);
    if (!written || !writtenOn || !incident) return;
    const late = daysBetween(incident, writtenOn);
    if (late <= config.reviewWithinDays) return;
    ctx.report({
      start: written.start,
      end: written.end,
      message: `Written ${late} days after the incident (${incident} → ${writtenOn}): details fade within days. Aim to write the postmortem within ${config.reviewWithinDays} days.`,
    });
  },
};
