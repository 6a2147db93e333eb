// The report as Markdown: readable tables, one section per question. PURE.
import { formatElapsed } from '../../engine/index';
import type { IncidentRow, ItemRef, Report } from './compute';

/** Minutes as the editor's CodeLens writes them (`45m`, `1h05m`, `2d 03:10`, without its `+`); a dash when unknown. */
export function minutes(m: number | null | undefined): string {
  if (m === null || m === undefined) return '–';
  return formatElapsed(m).replace(/^\+/, '');
}

/** An incident's TTD, TTA, TTM and TTR cells, in that order. */
export function metricCells(i: Pick<IncidentRow, 'ttd' | 'tta' | 'ttm' | 'ttr'>): string[] {
  return [minutes(i.ttd), minutes(i.tta), minutes(i.ttm), minutes(i.ttr)];
}

export function percent(r: number | null): string {
  return r === null ? '–' : `${Math.round(r * 100)}%`;
}

/** A table cell: pipes escaped, line breaks flattened. */
function cell(s: string | number | null | undefined): string {
  if (s === null || s === undefined || s === '') return '–';
  return String(s).replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
}

function table(head: string[], rows: (string | number | null | undefined)[][]): string {
  if (!rows.length) return '_None._';
  return [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join(
    '\n',
  );
}

const where = (i: ItemRef) => `${i.file}:${i.line}`;
const short = (s: string, n = 80) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function renderMarkdown(r: Report): string {
  const a = r.actions;
  const out: string[] = [];
  out.push(`# Postmortem follow-through report`, '');
  out.push(
    `${r.postmortems} postmortem${r.postmortems === 1 ? '' : 's'}${r.since ? ` of incidents since ${r.since}` : ''}, as of ${r.now}.`,
    '',
  );

  out.push('## Action items', '');
  out.push(
    table(
      ['Total', 'Open', 'Overdue', 'Done', 'Let go', 'Completion'],
      [[a.total, a.open, a.overdue, a.done, a.letGo, percent(a.completionRate)]],
    ),
    '',
  );
  out.push('Completion is done ÷ (done + open): let-go items are decisions, not unfinished work.', '');
  out.push(`### Overdue (${a.overdue}; oldest ${a.oldestOverdueDays} days, median ${a.medianOverdueDays ?? '–'})`, '');
  out.push(
    table(
      ['Days overdue', 'Due', 'Owner', 'Item', 'Where'],
      a.overdueItems.map((i) => [i.daysOverdue, i.due, i.owners.join(', '), short(i.text), where(i)]),
    ),
    '',
  );
  out.push('### Open items per owner', '');
  out.push(
    table(
      ['Owner', 'Open', 'Overdue'],
      a.openByOwner.map((o) => [o.owner, o.open, o.overdue]),
    ),
    '',
  );
  out.push(`### Open items without an owner (${a.missing.owner}), a due date (${a.missing.due}) or a ticket (${a.missing.tracker})`, '');
  out.push(
    table(
      ['Missing', 'Item', 'Where'],
      a.missing.items.map((i) => [i.missing.join(', '), short(i.text), where(i)]),
    ),
    '',
  );
  out.push(`### Let go (${a.letGo})`, '');
  out.push(
    table(
      ['Status', 'Item', 'Reason', 'Where'],
      a.letGoItems.map((i) => [i.status, short(i.text), i.reason ?? '(no reason given)', where(i)]),
    ),
    '',
  );

  out.push('## Incidents', '');
  out.push(
    table(
      ['Date', 'Incident', 'Severity', 'Duration', 'TTD', 'TTA', 'TTM', 'TTR', 'Items open/done/let go'],
      r.incidents.map((i) => [
        i.date,
        short(i.title, 60),
        i.severity,
        i.duration,
        ...metricCells(i),
        `${i.actions.open}/${i.actions.done}/${i.actions.letGo}`,
      ]),
    ),
    '',
  );
  out.push('TTD/TTA/TTM/TTR are measured from the incident start, as the editor CodeLens shows them (– when not found).', '');
  out.push('### Trend by month', '');
  out.push(
    table(
      ['Month', 'Incidents', 'Median TTR', 'Items done/open', 'Completion'],
      r.trend.map((t) => [t.month, t.incidents, minutes(t.medianTtr), `${t.done}/${t.open}`, percent(t.completionRate)]),
    ),
    '',
  );

  const t = r.timeliness;
  out.push('## Timeliness', '');
  out.push(
    `${t.withinTwoDays} of ${t.measured} postmortem${t.measured === 1 ? '' : 's'} with a known writing date ${t.withinTwoDays === 1 ? 'was' : 'were'} written within 2 days of the incident (median ${t.medianDays ?? '–'} days); details are sharpest in the first 48 hours.`,
    '',
  );
  out.push(
    table(
      ['Postmortem', 'Incident', 'Written', 'Days', 'From'],
      t.rows.map((x) => [x.file, x.incident, x.written, x.days, x.source]),
    ),
    '',
  );

  out.push('## Recurrence', '');
  out.push(`### Incidents that rhyme with earlier ones (similarity ≥ ${r.recurrence.threshold})`, '');
  out.push(
    table(
      ['Score', 'Earlier', 'Later', 'Shared terms'],
      r.recurrence.incidents.map((p) => [p.score.toFixed(2), p.earlier, p.later, p.sharedTerms.join(', ')]),
    ),
    '',
  );
  out.push('### Promises made again (an earlier item still open or let go)', '');
  out.push(
    table(
      ['Score', 'Earlier item', 'State', 'Repeated in', 'Shared terms'],
      r.recurrence.promises.map((p) => [
        p.score.toFixed(2),
        `${short(p.earlier.text, 60)} (${where(p.earlier)})`,
        p.earlier.state,
        `${short(p.later.text, 60)} (${where(p.later)})`,
        p.sharedTerms.join(', '),
      ]),
    ),
    '',
  );

  if (r.tracker) {
    const labels: Record<string, string> = {
      'done-in-document-open-in-tracker': 'done in the document, open in the tracker',
      'closed-in-tracker-open-in-document': 'closed in the tracker, open in the document',
      'unknown-to-tracker': 'not in the tracker export',
    };
    out.push('## Tracker drift', '');
    out.push(
      `${r.tracker.drift.length} difference${r.tracker.drift.length === 1 ? '' : 's'} against ${r.tracker.file} (${r.tracker.source}, ${r.tracker.issues} issues).`,
      '',
    );
    out.push(
      table(
        ['Drift', 'Issue', 'Item', 'Where'],
        r.tracker.drift.map((d) => [labels[d.kind], d.issue, short(d.item.text), where(d.item)]),
      ),
      '',
    );
  }
  return `${out.join('\n').trimEnd()}\n`;
}
