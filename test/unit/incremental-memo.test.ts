// The timeline and action-item extractors memoise per top-level node, keyed by the node's text and the running
// state it is entered with. These edits change only an earlier node, so the later node is reused (same object) but
// entered in a different state: its entries and items must follow, exactly as a fresh build gives them.
import { describe, expect, it } from 'vitest';
import type { RootContent } from 'mdast';
import { IncrementalDocument } from '../../server/src/engine/incremental';
import { buildModel, lintDocument, resolveConfig, allRules } from '../../server/src/engine/index';
import type { PostmortemModel } from '../../server/src/engine/model/model';

/** Edit `before` to `after` incrementally (memos warmed on `before`); the node holding `reused` must be kept. */
function edited(before: string, after: string, reused: string): PostmortemModel {
  const doc = new IncrementalDocument(before);
  void doc.model; // warm the per-node memos
  const nodeAt = (text: string, children: RootContent[]) =>
    children.find((c) => c.position!.start.offset! <= text.indexOf(reused) && text.indexOf(reused) < c.position!.end.offset!);
  const kept = nodeAt(before, doc.tree.children);
  expect(kept).toBeDefined();
  expect(doc.update(after).mode).toBe('incremental');
  expect(nodeAt(after, doc.tree.children)).toBe(kept); // the node was reused, so its memo was consulted
  const model = doc.model;
  const fresh = buildModel(after);
  // byte-identical, key order included
  expect(JSON.stringify(model.timeline)).toBe(JSON.stringify(fresh.timeline));
  expect(JSON.stringify(model.actionItems)).toBe(JSON.stringify(fresh.actionItems));
  return model;
}

const HEAD = '# Postmortem: checkout outage\n\n**Date:** 2024-03-12\n\n';

describe('timeline memo follows the running state', () => {
  it('a changed day heading re-dates the entries of the unchanged list below it', () => {
    const before = `${HEAD}## Timeline\n\nAll times in UTC.\n\n### 2024-03-12\n\n- 08:00 — deploy started\n- 08:10 — alert fired\n`;
    const m = edited(before, before.replace('### 2024-03-12', '### 2024-03-15'), '08:10');
    expect(m.timeline.map((e) => e.date)).toEqual(['2024-03-15', '2024-03-15']);
  });

  it('a changed zone sentence changes the zone of later unchanged entries', () => {
    const before = `${HEAD}## Timeline\n\nAll times in UTC.\n\n### 2024-03-12\n\n- 08:00 — deploy started\n`;
    const m = edited(before, before.replace('in UTC', 'in CET'), '08:00');
    expect(m.timeline.map((e) => e.zone)).toEqual(['CET']);
    expect(m.timeline[0]!.minutes).toBe(buildModel(before).timeline[0]!.minutes! - 60);
  });

  it('a changed time changes the roll-over of a later unchanged list', () => {
    const before = `${HEAD}## Timeline\n\n- 23:50 UTC — deploy started\n\nLater that night:\n\n- 00:10 UTC — alert fired\n`;
    expect(buildModel(before).timeline[1]!.rollover).toBe(true);
    const m = edited(before, before.replace('23:50', '00:05'), '00:10');
    expect(m.timeline[1]!.rollover).toBeUndefined();
  });

  it('a changed heading entry absorbs the unchanged paragraph below it', () => {
    const before = `${HEAD}## Timeline\n\n### 10:00 UTC — Deploy\n\nThe deploy went out to every region.\n\n### 11:00 UTC — Rollback\n`;
    const m = edited(before, before.replace('10:00 UTC — Deploy', '10:30 UTC — Deploy of build 7'), 'went out');
    expect(m.timeline[0]!.time).toBe('10:30');
    expect(m.timeline[0]!.text).toContain('every region');
  });

  it('a changed date-only heading still becomes an entry with the prose below it', () => {
    const before = `${HEAD}## Timeline\n\n### 2024-03-12\n\nNothing happened until noon.\n\n### 2024-03-13\n\n- 09:00 UTC — alert fired\n`;
    const m = edited(before, before.replace('### 2024-03-12', '### 2024-03-11'), 'Nothing');
    expect(m.timeline[0]!.date).toBe('2024-03-11');
  });

  it('an unchanged date-only heading, replayed from its memo, dates the changed prose below it', () => {
    const before = `${HEAD}## Timeline\n\n### 2024-03-11\n\nA quiet morning.\n\nNothing happened until noon.\n\n### 2024-03-13\n\n- 09:00 UTC — alert fired\n`;
    const m = edited(before, before.replace('until noon', 'until one'), '### 2024-03-11');
    expect(m.timeline[0]!.date).toBe('2024-03-11');
    expect(m.timeline[0]!.dateOnly).toBe(true);
    expect(m.timeline[0]!.text).toContain('until one');
  });

  it('a date-only heading turned into a plain heading leaves the list below it undated', () => {
    const before = `# Postmortem\n\n## Timeline\n\n### 2024-03-12\n\n- 08:00 UTC — deploy started\n`;
    const m = edited(before, before.replace('### 2024-03-12', '### Day one'), '08:00');
    expect(m.timeline[0]!.date).toBeUndefined();
  });

  it('a section inserted above renumbers the sections of unchanged entries', () => {
    const before = `${HEAD}## Timeline\n\n- 08:00 UTC — deploy started\n`;
    const after = before.replace('## Timeline', '## Summary\n\nA bad deploy.\n\n## Timeline');
    const m = edited(before, after, '08:00');
    expect(m.sections[m.timeline[0]!.section]!.title).toBe('Timeline');
  });
});

describe('timeline entries of unmoved nodes', () => {
  const text = `${HEAD}## Timeline\n\n- 9:00 pm UTC — deploy started\n- 10:15 UTC — alert fired\n\n## Summary\n\nA bad deploy.\n`;

  it('are handed out again when an edit below leaves them untouched', () => {
    const plain = text.replace(' pm', '');
    const doc = new IncrementalDocument(plain);
    const first = doc.model.timeline;
    for (const more of ['x', 'xy']) {
      doc.update(plain.replace('A bad deploy.', `A bad deploy.${more}`));
      expect(doc.model.timeline[0]).toBe(first[0]); // the same objects: nothing can have changed them
      expect(JSON.stringify(doc.model.timeline)).toBe(JSON.stringify(buildModel(doc.text).timeline));
    }
  });

  it('are rebuilt once inferMeridiem has changed them (it must not apply twice)', () => {
    const doc = new IncrementalDocument(text);
    expect(doc.model.timeline[1]!.time).toBe('22:15'); // am/pm inferred from the entry above
    for (const more of ['x', 'xy', 'xyz']) {
      doc.update(text.replace('A bad deploy.', `A bad deploy.${more}`));
      expect(JSON.stringify(doc.model.timeline)).toBe(JSON.stringify(buildModel(doc.text).timeline));
    }
  });
});

describe('action-item memo follows the group', () => {
  it('a changed group heading changes the status of the unchanged list below it', () => {
    const before = `${HEAD}## Action items\n\n### Completed\n\n- Add a canary stage (owner: @li)\n`;
    expect(buildModel(before).actionItems[0]!.status).toBe('done');
    const m = edited(before, before.replace('Completed', 'Upcoming'), 'canary');
    expect(m.actionItems[0]!.status).toBe('open');
    expect(m.actionItems[0]!.group).toBe('Upcoming');
  });

  it("a changed group due date reaches the items (the group's own field)", () => {
    const before = `${HEAD}## Action items\n\n### Short-term (due 2026-05-01)\n\n| Action | Owner |\n| --- | --- |\n| Add a canary stage | @li |\n| Tune alerts | @raj |\n`;
    const m = edited(before, before.replace('2026-05-01', '2026-06-15'), 'Tune alerts');
    expect(m.actionItems.map((i) => i.due?.date)).toEqual(['2026-06-15', '2026-06-15']);
    expect(m.actionItems[1]!.due).toBe(m.actionItems[0]!.due);
  });

  it('a group heading that gains a tracker gives it to the unchanged items', () => {
    const before = `${HEAD}## Action items\n\n### Follow-ups\n\n- Add a canary stage (owner: @li)\n`;
    const m = edited(before, before.replace('### Follow-ups', '### Follow-ups OPS-12'), 'canary');
    expect(m.actionItems[0]!.tracker?.value).toBe('OPS-12');
  });

  it('fixes for an unchanged, moved table equal a full lint', () => {
    const rows = Array.from({ length: 6 }, (_, i) => `| Fix thing ${i} | @li | 2099-01-0${i + 1} | OPS-${i + 1} |`).join('\n');
    const before = `${HEAD}## Summary\n\nA bad deploy.\n\n## Action items\n\n| Action | Owner | Due | Ticket |\n| --- | --- | --- | --- |\n${rows}\n`;
    const config = resolveConfig([{}], allRules);
    const doc = new IncrementalDocument(before);
    doc.lint(config, { force: true });
    const after = before.replace('A bad deploy.', 'A bad deploy of build 7.');
    doc.update(after);
    const findings = doc.lint(config, { force: true }).findings.filter((f) => f.ruleId.startsWith('action-item'));
    expect(findings.some((f) => f.suggestions?.some((s) => s.edits.length > 6))).toBe(true); // a new column on every line
    expect(JSON.stringify(findings)).toBe(
      JSON.stringify(lintDocument(after, config, { force: true }).findings.filter((f) => f.ruleId.startsWith('action-item'))),
    );
  });
});
