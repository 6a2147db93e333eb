// The engine's figures for one document, measured the way the corpus labels are read (corpus-labels.ts): used by
// the corpus recall test and the hold-out test.
import { buildModel, lintDocument } from '../../../server/src/engine/index';
import { CANONICAL_KINDS } from '../../../server/src/engine/model/sections';
import { classifyOwner } from '../../../server/src/engine/model/actionFields';
import type { Kind, Measures } from '../corpus-labels';

const CANONICAL = new Set<string>(CANONICAL_KINDS);

export function measure(text: string): Measures {
  const model = buildModel(text);
  const sections: Kind[] = [];
  for (const s of model.sections) for (const k of s.kinds) if (CANONICAL.has(k) && !sections.includes(k as Kind)) sections.push(k as Kind);
  return {
    detected: lintDocument(text, {}, {}).detection.isPostmortem,
    entries: model.timeline.length,
    items: model.actionItems.length,
    // an owner field that says there is none ("TBD", "not yet assigned") names no owner
    owners: model.actionItems.filter((i) => i.owners.some((o) => classifyOwner(o.value) !== 'unknown')).length,
    sections,
  };
}
