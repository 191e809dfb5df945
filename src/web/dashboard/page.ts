import { LEVELS } from '../../domain/ports';
import { PERIODS, queryParams } from '../../domain/dashboard/query';
import type { DashboardView } from '../../domain/dashboard/view';
import { esc, shell } from './layout';
import { CHARTS, GROUP_LABELS, MANAGER_COLUMNS, managersTable, seriesTable, summaryTable, type ChartSpec, type Table } from './tables';

/** The dashboard page: server-rendered, usable without script; the script only draws charts from the tables. */

const option = (value: string, label: string, selected: boolean) => `<option value="${esc(value)}"${selected ? ' selected' : ''}>${esc(label)}</option>`;

function filters(v: DashboardView): string {
  const q = v.query;
  const scopes = [
    ...(v.viewer.isAdmin ? [option('org', 'Whole organisation', q.scope === 'org')] : []),
    ...v.choices.map((c) => option(c.id, `${c.name} (${GROUP_LABELS[c.level]}) and below`, q.scope === c.id)),
  ];
  const levels = [option('all', 'All levels', q.level === 'all'), ...LEVELS.map((l) => option(l, GROUP_LABELS[l], q.level === l))];
  const periods = PERIODS.map((p) => option(p.id, p.label, q.period === p.id));
  const csv = `/dashboard/export.csv?${queryParams(q).toString()}`;
  return `<form class="filters" method="get" action="/dashboard">
<label>Scope <select name="scope">${scopes.join('')}</select></label>
<label>Level <select name="level">${levels.join('')}</select></label>
<label>Period <select name="period">${periods.join('')}</select></label>
<input type="hidden" name="sort" value="${esc(q.sort)}"><input type="hidden" name="dir" value="${esc(q.dir)}">
<button type="submit">Show</button>
<a class="button secondary" href="${esc(csv)}" download>Download CSV</a>
</form>`;
}

function breadcrumb(v: DashboardView): string {
  if (v.scope.kind === 'org') return '';
  const link = (scope: string, label: string) => `<li><a href="/dashboard?${esc(queryParams(v.query, { scope }).toString())}">${esc(label)}</a></li>`;
  const items = [
    ...(v.viewer.isAdmin ? [link('org', 'Organisation')] : []),
    ...v.scope.trail.slice(0, -1).map((p) => link(p.id, p.name)),
    `<li aria-current="page">${esc(v.scope.name)}</li>`,
  ];
  return `<nav class="crumbs" aria-label="Where you are"><ol>${items.join('')}</ol></nav>`;
}

function tableHtml(t: Table, headerCells?: string[]): string {
  const heads = headerCells ?? t.columns.map((c) => `<th scope="col">${esc(c)}</th>`);
  const rows = t.rows.map((r) => {
    const header = r.href ? `<a href="${esc(r.href)}">${esc(r.header)}</a>` : esc(r.header);
    const x = r.x !== undefined ? ` data-x="${r.x}"` : '';
    const cells = r.cells.map((c) => `<td${c.value !== undefined ? ` data-value="${c.value}"` : ''}>${esc(c.text)}</td>`).join('');
    return `<tr${x}><th scope="row">${header}</th>${cells}</tr>`;
  });
  return `<table id="table-${esc(t.id)}"><caption>${esc(t.caption)}</caption><thead><tr>${heads.join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** A sentence a screen reader (or anyone) can take in instead of the chart: the latest point per level. */
function chartSummary(t: Table): string {
  const last = [...t.rows].reverse().find((r) => r.cells.some((c) => c.value !== undefined));
  if (!last) return 'No figures in this period.';
  const parts = last.cells.map((c, i) => `${t.columns[i + 1] ?? ''} ${c.text}`);
  return `${last.header}: ${parts.join(', ')}.`;
}

function chart(v: DashboardView, spec: ChartSpec): string {
  const t = seriesTable(v, spec);
  const empty = spec.id === 'pulse' && t.rows.every((r) => r.cells.every((c) => c.value === undefined));
  const note = spec.id === 'pulse' ? ` Shown only for closed months with at least ${v.minResponses} answers, as in Slack.` : '';
  return `<figure class="chart" data-chart="${esc(spec.id)}" data-unit="${spec.unit}" aria-labelledby="chart-${esc(spec.id)}-title">
<figcaption><h3 id="chart-${esc(spec.id)}-title">${esc(spec.title)}</h3><p class="what">${esc(spec.what)}.${esc(note)}</p></figcaption>
${empty ? '' : '<div class="plot" aria-hidden="true"></div>'}
<p class="summary">${esc(empty ? `No pulse results to show in this period: no month reached ${v.minResponses} answers, or the pulse is off.` : chartSummary(t))}</p>
<details><summary>Data table</summary>${tableHtml(t)}</details>
</figure>`;
}

function managersHtml(v: DashboardView): string {
  const t = managersTable(v);
  const heads = MANAGER_COLUMNS.map((c) => {
    const active = v.query.sort === c.sort;
    const dir = active && v.query.dir === 'asc' ? 'desc' : 'asc';
    const href = `/dashboard?${queryParams(v.query, { sort: c.sort, dir }).toString()}`;
    const aria = active ? ` aria-sort="${v.query.dir === 'asc' ? 'ascending' : 'descending'}"` : '';
    const mark = active ? (v.query.dir === 'asc' ? ' ▲' : ' ▼') : '';
    return `<th scope="col"${aria}><a href="${esc(href)}">${esc(c.label)}<span aria-hidden="true">${mark}</span></a></th>`;
  });
  if (t.rows.length === 0) return '<p>No managers at this level in this scope.</p>';
  return tableHtml(t, heads);
}

export function dashboardPage(v: DashboardView, csrf: string): string {
  const title = v.scope.kind === 'org' ? 'Whole organisation' : `${v.scope.name} and their teams`;
  const period = PERIODS.find((p) => p.id === v.query.period)?.label ?? '';
  const from = new Date(v.window.from).toISOString().slice(0, 10);
  const to = new Date(v.window.to).toISOString().slice(0, 10);
  const body = `${breadcrumb(v)}
<h1>${esc(title)}</h1>
<p class="period">${esc(period)} (${from} to ${to})${v.query.level === 'all' ? '' : `, ${esc(GROUP_LABELS[v.query.level])} managers only`}.</p>
${filters(v)}
<section aria-labelledby="summary-title"><h2 id="summary-title">Summary</h2>${tableHtml(summaryTable(v))}</section>
<section aria-labelledby="trends-title"><h2 id="trends-title">Over time, by level</h2><div class="charts">${CHARTS.map((c) => chart(v, c)).join('\n')}</div></section>
<section aria-labelledby="managers-title"><h2 id="managers-title">Managers</h2><p>Each manager's own team. Choose a name to see their part of the organisation; choose a column to sort.</p>${managersHtml(v)}</section>
<footer class="notes"><p>Figures are counts and shares only: no 1:1 note, comment or individual pulse answer is ever shown. Pulse results appear only for closed months with at least ${v.minResponses} answers.</p></footer>`;
  return shell({ title: `${title} — Leadwell dashboard`, body, charts: true, signOut: { csrf, name: v.viewer.name } });
}
