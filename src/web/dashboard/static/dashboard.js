// Leadwell dashboard: draws each chart from the data table beside it (the table is the chart's text alternative
// and stays the source of truth). No data is fetched; nothing runs inline (the page's CSP forbids it).
'use strict';

(function () {
  var COLOURS = ['#1f4e5f', '#d55e00', '#0072b2', '#009e73'];
  var DASHES = [[], [8, 4], [2, 3], [12, 3, 2, 3]];

  function formatter(unit) {
    if (unit === 'share') return function (v) { return v == null ? '' : Math.round(v * 100) + '%'; };
    if (unit === 'score') return function (v) { return v == null ? '' : v.toFixed(1); };
    return function (v) { return v == null ? '' : (Math.round(v * 10) / 10).toString(); };
  }

  function readTable(table) {
    var heads = Array.prototype.slice.call(table.querySelectorAll('thead th')).slice(1).map(function (th) { return th.textContent; });
    var rows = Array.prototype.slice.call(table.querySelectorAll('tbody tr'));
    var xs = rows.map(function (tr) { return Number(tr.getAttribute('data-x')); });
    var series = heads.map(function (_, i) {
      return rows.map(function (tr) {
        var td = tr.querySelectorAll('td')[i];
        var raw = td ? td.getAttribute('data-value') : null;
        return raw === null ? null : Number(raw);
      });
    });
    return { heads: heads, data: [xs].concat(series) };
  }

  function draw(figure) {
    var plot = figure.querySelector('.plot');
    var table = figure.querySelector('table');
    if (!plot || !table || typeof window.uPlot !== 'function') return;
    var unit = figure.getAttribute('data-unit');
    var t = readTable(table);
    var fmt = formatter(unit);
    var width = Math.max(280, plot.clientWidth || 480);
    var opts = {
      width: width,
      height: 220,
      scales: { x: { time: true }, y: unit === 'share' ? { range: [0, 1] } : unit === 'score' ? { range: [1, 5] } : { auto: true } },
      series: [{}].concat(t.heads.map(function (name, i) {
        return { label: name, stroke: COLOURS[i % COLOURS.length], width: i === 0 ? 3 : 2, dash: DASHES[i % DASHES.length], spanGaps: false, value: function (u, v) { return fmt(v); }, points: { show: t.data[0].length < 40 } };
      })),
      axes: [{}, { values: function (u, vals) { return vals.map(fmt); }, size: 50 }],
      legend: { live: true },
    };
    plot.replaceChildren();
    var chart = new window.uPlot(opts, t.data, plot);
    figure._chart = chart;
  }

  function drawAll() {
    Array.prototype.forEach.call(document.querySelectorAll('figure.chart'), draw);
  }

  var pending;
  window.addEventListener('resize', function () {
    clearTimeout(pending);
    pending = setTimeout(drawAll, 200);
  });
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', drawAll);
  else drawAll();
})();
