/**
 * OWASP's rule against CSV formula injection: a spreadsheet runs a cell that starts with `=`, `+`, `-`, `@`,
 * a tab or a carriage return as a formula (`=HYPERLINK(...)` from a Slack display name). Prefixing a single
 * quote makes it text; the quote is visible, which is the point (the value is not what it seemed).
 * Every CSV Leadwell writes passes each text cell through here (src/slack/report-export.ts, the audit CSV in
 * src/slack/listeners/commands/coach-audit.ts, the dashboard CSV in src/web/dashboard/csv.ts).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseCsvCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}
