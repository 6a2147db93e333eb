// The report in each of its formats, for the CLI's `report` and the language server's dashboard. PURE.
import type { Report } from './compute';
import { renderHtml } from './html';
import { renderMarkdown } from './markdown';

export const REPORT_FORMATS = ['markdown', 'json', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** JSON (the `Report` object, schema in docs/report.md), one self-contained HTML page, or Markdown tables. */
export function renderReport(report: Report, format: ReportFormat): string {
  return format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : format === 'html' ? renderHtml(report) : renderMarkdown(report);
}
