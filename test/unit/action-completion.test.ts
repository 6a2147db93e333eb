// Completion for action items (server/src/features/actionCompletion.ts): where owners and dates are offered,
// which owners count, and the workspace scan's caps, cache and trust gate.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildModel } from '../../server/src/engine/index';
import { completionSite, dueItems, OwnerIndex, ownersOfCodeowners, ownersOfModel } from '../../server/src/lsp/features/actionCompletion';

/** Site at the ‸ marker (removed from the text). */
function siteAt(withCursor: string) {
  const offset = withCursor.indexOf('‸');
  const text = withCursor.replace('‸', '');
  const site = completionSite(buildModel(text), offset);
  return site && { kind: site.kind, typed: site.typed, needsSpace: site.needsSpace };
}

const HEAD = '# Outage\n\n## Summary\n\nIt broke.\n\n## Action Items\n\n';

describe('completion sites', () => {
  it('owner keys, anywhere: `owner:`, `**Owner:** @x`, `assignee: `', () => {
    expect(siteAt(`${HEAD}- Add an alert — owner:‸\n`)).toEqual({ kind: 'owner', typed: '', needsSpace: true });
    expect(siteAt(`${HEAD}- Add an alert — owner: @an‸\n`)).toEqual({ kind: 'owner', typed: '@an', needsSpace: false });
    expect(siteAt(`# Outage\n\n**Owner:** @‸\n`)).toEqual({ kind: 'owner', typed: '@', needsSpace: false });
    expect(siteAt(`${HEAD}1. Fix it (assignee: ma‸\n`)).toEqual({ kind: 'owner', typed: 'ma', needsSpace: false });
  });
  it('a bare @ counts only inside an action-item section', () => {
    expect(siteAt(`${HEAD}- Add an alert @‸\n`)).toEqual({ kind: 'owner', typed: '@', needsSpace: false });
    expect(siteAt('# Outage\n\n## Summary\n\nPaged @‸\n\n## Action Items\n\n- Fix\n')).toBeUndefined();
    expect(siteAt(`${HEAD}- Mail ops@exa‸\n`)).toBeUndefined(); // an email being typed, not a mention
  });
  it('due keys: `due:`, `Deadline: 2026-0`; not "due to"', () => {
    expect(siteAt(`${HEAD}- Add an alert — due:‸\n`)).toEqual({ kind: 'due', typed: '', needsSpace: true });
    expect(siteAt(`${HEAD}- Add an alert. **Deadline:** 2026-0‸\n`)).toEqual({ kind: 'due', typed: '2026-0', needsSpace: false });
    expect(siteAt(`${HEAD}- Add an alert due to‸\n`)).toBeUndefined();
  });
  it('table cells by header role, any column order, escaped pipes counted right', () => {
    const table = (row: string) => `${HEAD}| Due | Action | Owner |\n|---|---|---|\n${row}\n`;
    expect(siteAt(table('| 2099-01-01 | Fix `a\\|b` | @d‸ |'))).toEqual({ kind: 'owner', typed: '@d', needsSpace: false });
    expect(siteAt(table('| ‸ | Fix it | @dana |'))).toEqual({ kind: 'due', typed: '', needsSpace: false });
    expect(siteAt(table('| 2099-01-01 | Fix‸ it | @dana |'))).toBeUndefined(); // the Action cell
    expect(siteAt(table('| 2099-01-01 | Fix it |‸'))).toEqual({ kind: 'owner', typed: '', needsSpace: true }); // a row being typed
    expect(siteAt(`${HEAD}| Due‸ | Action | Owner |\n|---|---|---|\n| 2099-01-01 | Fix it | @dana |\n`)).toBeUndefined(); // the header
  });
  it('a timeline table "Date" column is not a due position', () => {
    expect(siteAt('# Outage\n\n## Timeline\n\n| Date | Event |\n|---|---|\n| ‸ | Paged |\n\n## Action Items\n\n- Fix\n')).toBeUndefined();
  });
  it('due items are today + 7/14/30 and replace what was typed', () => {
    const text = `${HEAD}- Add an alert — due: 2026\n`;
    const model = buildModel(text);
    const offset = text.indexOf('2026\n') + 4;
    const items = dueItems(model, completionSite(model, offset)!, offset, '2026-12-28');
    expect(items.map((i) => i.label)).toEqual(['2027-01-04', '2027-01-11', '2027-01-27']);
    expect(items[0]!.textEdit).toEqual({
      range: { start: { line: 8, character: 22 }, end: { line: 8, character: 26 } },
      newText: '2027-01-04',
    });
  });
});

describe('owners', () => {
  it('CODEOWNERS: people and emails, not teams, not comments', () => {
    expect(ownersOfCodeowners('# @not-me\n*.md @carol @acme/docs # @nor-me\n/infra/ ops@example.com\n\n/x/\n')).toEqual([
      '@carol',
      'ops@example.com',
    ]);
  });
  it('postmortems: person owners only; the owner being typed is skipped', () => {
    const text = `${HEAD}| Action | Owner |\n|---|---|\n| A | @dana |\n| B | Platform team |\n| C | TBD |\n| D | we |\n| E | maria |\n`;
    expect(ownersOfModel(buildModel(text))).toEqual(['@dana', 'maria']);
    expect(ownersOfModel(buildModel(text), text.indexOf('@dana') + 2)).toEqual(['maria']);
  });
});

describe('workspace owner index', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-owner-index-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const pm = (owner: string) =>
    `# Outage\n\n## Summary\n\nIt broke.\n\n## Action Items\n\n- Add an alert — owner: ${owner} — due: 2099-01-01\n`;
  fs.mkdirSync(path.join(dir, 'postmortems'));
  fs.mkdirSync(path.join(dir, 'docs'));
  fs.writeFileSync(path.join(dir, 'postmortems', 'a.md'), pm('@ana'));
  fs.writeFileSync(path.join(dir, 'postmortems', 'b.md'), pm('@bo'));
  fs.writeFileSync(path.join(dir, 'README.md'), '# lib\n\nMaintained by @someone.\n');
  fs.writeFileSync(path.join(dir, 'docs', 'CODEOWNERS'), '* @carol\n');
  const values = (idx: OwnerIndex) =>
    idx
      .owners([])
      .owners.map((o) => o.value)
      .sort();

  it('reads postmortems and CODEOWNERS once, in the background, then from its cache', async () => {
    const idx = new OwnerIndex({ folders: () => [dir], trusted: () => true });
    expect(idx.owners([]).complete).toBe(false); // first call starts the scan
    await idx.refresh();
    expect(values(idx)).toEqual(['@ana', '@bo', '@carol']); // README is not a postmortem
    expect(idx.lastScan).toMatchObject({ candidates: 3, read: 3, capped: false });
    idx.invalidate();
    await idx.refresh();
    expect(idx.lastScan.parsed).toBe(0); // unchanged files are not parsed again
    fs.writeFileSync(path.join(dir, 'postmortems', 'b.md'), pm('@bob'));
    idx.invalidate();
    await idx.refresh();
    expect(idx.lastScan.parsed).toBe(1);
    expect(values(idx)).toEqual(['@ana', '@bob', '@carol']);
  });

  it('caps the number of files and their size; postmortem paths are read first', async () => {
    const capped = new OwnerIndex({ folders: () => [dir], trusted: () => true, maxFiles: 1 });
    await capped.refresh();
    expect(capped.lastScan).toMatchObject({ read: 1, capped: true });
    expect(values(capped)).toEqual(['@ana', '@carol']);
    const small = new OwnerIndex({ folders: () => [dir], trusted: () => true, maxFileBytes: 20 });
    await small.refresh();
    expect(values(small)).toEqual(['@carol']); // only CODEOWNERS (9 bytes) fits
  });

  it('open documents win over their disk copy', async () => {
    const idx = new OwnerIndex({ folders: () => [dir], trusted: () => true });
    await idx.refresh();
    const open = [{ label: 'postmortems/a.md', model: buildModel(pm('@zed')) }];
    expect(
      idx
        .owners(open)
        .owners.map((o) => o.value)
        .sort(),
    ).toEqual(['@bob', '@carol', '@zed']);
  });

  it('untrusted: never reads the disk', async () => {
    const idx = new OwnerIndex({ folders: () => [dir], trusted: () => false });
    await idx.refresh();
    expect(idx.owners([]).owners).toEqual([]);
    expect(idx.owners([]).complete).toBe(true);
    expect(idx.lastScan.candidates).toBe(0);
  });
});
