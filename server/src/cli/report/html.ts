// The report as one self-contained HTML file: inline CSS, inline SVG charts, no script, no external resource (its
// content security policy forbids any). Every piece of document text is escaped. PURE.
import type { ItemRef, Report } from './compute';
import { metricCells, minutes, percent } from './markdown';

export function escapeHtml(s: string | number | null | undefined): string {
  if (s === null || s === undefined || s === '') return '–';
  return String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function table(head: string[], rows: (string | number | null | undefined)[][], numeric: number[] = []): string {
  if (!rows.length) return '<p class="none">None.</p>';
  const th = head.map((h, i) => `<th${numeric.includes(i) ? ' class="num"' : ''}>${escapeHtml(h)}</th>`).join('');
  const body = rows
    .map((r) => `<tr>${r.map((c, i) => `<td${numeric.includes(i) ? ' class="num"' : ''}>${escapeHtml(c)}</td>`).join('')}</tr>`)
    .join('\n');
  return `<table><thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

const W = 480;
const H = 220;
const PAD = { left: 44, right: 12, top: 14, bottom: 40 };

/** A vertical bar chart (labels under the bars, the value above each). */
function barChart(id: string, title: string, data: { label: string; value: number; shown?: string }[], colour: string): string {
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const max = Math.max(1, ...data.map((d) => d.value));
  const step = data.length ? plotW / data.length : plotW;
  const bar = Math.max(4, Math.min(48, step * 0.7));
  const bars = data
    .map((d, i) => {
      const h = (d.value / max) * plotH;
      const x = PAD.left + i * step + (step - bar) / 2;
      const y = PAD.top + plotH - h;
      const label = d.label.length > 14 ? `${d.label.slice(0, 13)}…` : d.label;
      return (
        `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${bar.toFixed(1)}" height="${h.toFixed(1)}" fill="${colour}"><title>${escapeHtml(`${d.label}: ${d.shown ?? d.value}`)}</title></rect>` +
        `<text x="${(x + bar / 2).toFixed(1)}" y="${(y - 3).toFixed(1)}" class="v">${escapeHtml(d.shown ?? d.value)}</text>` +
        `<text x="${(x + bar / 2).toFixed(1)}" y="${H - PAD.bottom + 14}" class="l">${escapeHtml(label)}</text>`
      );
    })
    .join('');
  return svg(id, title, `${axes()}${bars}${data.length ? '' : noData()}`);
}

/** A line chart of percentages over the months. */
function lineChart(id: string, title: string, data: { label: string; value: number | null }[]): string {
  const inset = 28; // room for the first and last month labels
  const plotW = W - PAD.left - PAD.right - 2 * inset;
  const plotH = H - PAD.top - PAD.bottom;
  const step = data.length > 1 ? plotW / (data.length - 1) : 0;
  const pts = data
    .map((d, i) => ({
      ...d,
      x: PAD.left + inset + (data.length > 1 ? i * step : plotW / 2),
      y: d.value === null ? null : PAD.top + plotH - d.value * plotH,
    }))
    .filter((p): p is typeof p & { y: number; value: number } => p.y !== null);
  const grid = [0, 0.5, 1]
    .map((g) => {
      const y = PAD.top + plotH - g * plotH;
      return `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y}" y2="${y}" class="grid"/><text x="${PAD.left - 4}" y="${y + 4}" class="y">${g * 100}%</text>`;
    })
    .join('');
  const line = pts.length > 1 ? `<polyline points="${pts.map((p) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ')}" class="line"/>` : '';
  const dots = pts
    .map(
      (p) =>
        `<circle cx="${p.x.toFixed(1)}" cy="${p.y.toFixed(1)}" r="4" class="dot"><title>${escapeHtml(`${p.label}: ${percent(p.value)}`)}</title></circle>` +
        `<text x="${p.x.toFixed(1)}" y="${H - PAD.bottom + 14}" class="l">${escapeHtml(p.label)}</text>`,
    )
    .join('');
  return svg(id, title, `${grid}${line}${dots}${pts.length ? '' : noData()}`);
}

function axes(): string {
  return `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${H - PAD.bottom}" y2="${H - PAD.bottom}" class="axis"/>`;
}

function noData(): string {
  return `<text x="${W / 2}" y="${H / 2}" class="l">no data</text>`;
}

function svg(id: string, title: string, body: string): string {
  return `<figure><figcaption>${escapeHtml(title)}</figcaption><svg id="${id}" role="img" aria-label="${escapeHtml(title)}" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" xmlns="http://www.w3.org/2000/svg">${body}</svg></figure>`;
}

const where = (i: ItemRef) => `${i.file}:${i.line}`;

const CSS = `
:root { color-scheme: light; --fg: #1d2433; --muted: #5b6474; --line: #d9dee7; --accent: #1d3557; --warn: #c2410c; --ok: #2f7d4a; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); margin: 0; padding: 24px 32px; background: #fbfcfe; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 15px; margin: 18px 0 6px; } p { margin: 6px 0; } .muted, .none { color: var(--muted); }
.cards { display: flex; gap: 12px; flex-wrap: wrap; margin: 12px 0; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 10px 16px; min-width: 110px; }
.card b { display: block; font-size: 24px; } .card.warn b { color: var(--warn); } .card.ok b { color: var(--ok); }
.charts { display: flex; gap: 16px; flex-wrap: wrap; }
figure { margin: 0; background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 8px; }
figcaption { font-weight: 600; margin: 0 0 4px 4px; }
svg text { font: 11px system-ui, sans-serif; fill: var(--muted); } svg text.l, svg text.v { text-anchor: middle; } svg text.y { text-anchor: end; }
svg .axis, svg .grid { stroke: var(--line); } svg .line { fill: none; stroke: var(--accent); stroke-width: 2; } svg .dot { fill: var(--accent); }
table { border-collapse: collapse; background: #fff; margin: 6px 0 12px; max-width: 100%; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #eef2f7; } td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
`;

export function renderHtml(r: Report): string {
  const a = r.actions;
  const t = r.timeliness;
  const ageChart = barChart(
    'chart-open-by-age',
    'Open items by age (days since the incident)',
    a.openByAge.map((b) => ({ label: b.bucket, value: b.count })),
    '#c2410c',
  );
  const completionChart = lineChart(
    'chart-completion',
    'Action item completion by incident month',
    r.trend.map((m) => ({ label: m.month, value: m.completionRate })),
  );
  const ttrChart = barChart(
    'chart-ttr',
    'Time to resolve per incident',
    r.incidents.filter((i) => i.ttr !== null).map((i) => ({ label: i.date ?? i.file, value: i.ttr!, shown: minutes(i.ttr) })),
    '#1d3557',
  );
  const card = (label: string, value: string | number, cls = '') =>
    `<div class="card ${cls}"><b>${escapeHtml(value)}</b>${escapeHtml(label)}</div>`;
  const body = [
    `<h1>Postmortem follow-through</h1>`,
    `<p class="muted">${escapeHtml(`${r.postmortems} postmortem${r.postmortems === 1 ? '' : 's'}${r.since ? ` of incidents since ${r.since}` : ''}, as of ${r.now}.`)}</p>`,
    `<div class="cards">${card('open items', a.open)}${card('overdue', a.overdue, a.overdue ? 'warn' : '')}${card('done', a.done, 'ok')}${card('let go', a.letGo)}${card('completion', percent(a.completionRate))}${card('written within 2 days', `${t.withinTwoDays}/${t.measured}`)}${card('recurring incidents', r.recurrence.incidents.length, r.recurrence.incidents.length ? 'warn' : '')}</div>`,
    `<div class="charts">${ageChart}${completionChart}${ttrChart}</div>`,
    `<h2>Action items</h2>`,
    table(
      ['Total', 'Open', 'Overdue', 'Done', 'Let go', 'Completion'],
      [[a.total, a.open, a.overdue, a.done, a.letGo, percent(a.completionRate)]],
      [0, 1, 2, 3, 4, 5],
    ),
    `<h3>Overdue (oldest ${escapeHtml(a.oldestOverdueDays)} days)</h3>`,
    table(
      ['Days overdue', 'Due', 'Owner', 'Item', 'Where'],
      a.overdueItems.map((i) => [i.daysOverdue, i.due, i.owners.join(', '), i.text, where(i)]),
      [0],
    ),
    `<h3>Open items per owner</h3>`,
    table(
      ['Owner', 'Open', 'Overdue'],
      a.openByOwner.map((o) => [o.owner, o.open, o.overdue]),
      [1, 2],
    ),
    `<h3>Open items without an owner, a due date or a ticket</h3>`,
    table(
      ['Missing', 'Item', 'Where'],
      a.missing.items.map((i) => [i.missing.join(', '), i.text, where(i)]),
    ),
    `<h3>Let go</h3>`,
    table(
      ['Status', 'Item', 'Reason', 'Where'],
      a.letGoItems.map((i) => [i.status, i.text, i.reason ?? '(no reason given)', where(i)]),
    ),
    `<h2>Incidents</h2>`,
    table(
      ['Date', 'Incident', 'Severity', 'Duration', 'TTD', 'TTA', 'TTM', 'TTR', 'Open', 'Done', 'Let go'],
      r.incidents.map((i) => [i.date, i.title, i.severity, i.duration, ...metricCells(i), i.actions.open, i.actions.done, i.actions.letGo]),
      [4, 5, 6, 7, 8, 9, 10],
    ),
    `<h3>Trend by month</h3>`,
    table(
      ['Month', 'Incidents', 'Median TTR', 'Done', 'Open', 'Completion'],
      r.trend.map((m) => [m.month, m.incidents, minutes(m.medianTtr), m.done, m.open, percent(m.completionRate)]),
      [1, 2, 3, 4, 5],
    ),
    `<h2>Timeliness</h2>`,
    `<p>${escapeHtml(`${t.withinTwoDays} of ${t.measured} written within 2 days of the incident (median ${t.medianDays ?? '–'} days).`)}</p>`,
    table(
      ['Postmortem', 'Incident', 'Written', 'Days', 'From'],
      t.rows.map((x) => [x.file, x.incident, x.written, x.days, x.source]),
      [3],
    ),
    `<h2>Recurrence</h2>`,
    `<h3>Incidents that rhyme with earlier ones (similarity ≥ ${escapeHtml(r.recurrence.threshold)})</h3>`,
    table(
      ['Score', 'Earlier', 'Later', 'Shared terms'],
      r.recurrence.incidents.map((p) => [p.score.toFixed(2), p.earlier, p.later, p.sharedTerms.join(', ')]),
      [0],
    ),
    `<h3>Promises made again</h3>`,
    table(
      ['Score', 'Earlier item', 'State', 'Repeated in', 'Shared terms'],
      r.recurrence.promises.map((p) => [
        p.score.toFixed(2),
        `${p.earlier.text} (${where(p.earlier)})`,
        p.earlier.state,
        `${p.later.text} (${where(p.later)})`,
        p.sharedTerms.join(', '),
      ]),
      [0],
    ),
  ];
  if (r.tracker) {
    body.push(
      `<h2>Tracker drift</h2>`,
      `<p>${escapeHtml(`${r.tracker.drift.length} differences against ${r.tracker.file} (${r.tracker.source}, ${r.tracker.issues} issues).`)}</p>`,
      table(
        ['Drift', 'Issue', 'Item', 'Where'],
        r.tracker.drift.map((d) => [d.kind, d.issue, d.item.text, where(d.item)]),
      ),
    );
  }
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Postmortem follow-through</title>
<style>${CSS}</style>
</head>
<body>
${body.join('\n')}
</body>
</html>
`;
}
