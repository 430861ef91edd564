// HR appraisal: monthly scorecards (server-side filter and sort), a chart of the shown reps' total scores,
// drill-down to the rows behind a rep's KPIs (click a row), the annual scorecard, CSV export of the filters.
// Test hooks: window.appraisalChart; body[data-chart-ready="true"] once drawn; table[data-ready] as app.js sets it.
(function () {
  'use strict';

  var D = window.DSMART;
  var chart = null;

  function params(form) {
    var out = new URLSearchParams();
    Array.prototype.forEach.call(form.elements, function (e) {
      if (e.name && e.value) {
        out.set(e.name, e.value);
      }
    });
    return out;
  }

  function drawChart(body) {
    var rows = body.rows.slice(0, 30);
    if (!chart) {
      chart = echarts.init(document.getElementById('chart'), null, { renderer: 'canvas' });
      window.appraisalChart = chart;
    }
    document.body.dataset.chartReady = 'false';
    chart.off('finished');
    chart.on('finished', function () { document.body.dataset.chartReady = 'true'; });
    chart.setOption({
      title: rows.length ? undefined : { text: D.t('common.no_data'), left: 'center', top: 'middle' },
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 24, top: 24, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: rows.map(function (r) { return r.rep_name; }), axisLabel: { rotate: 45 } },
      yAxis: { type: 'value', max: 100, name: D.t('appraisal.total_score') },
      series: [{ id: 'total_score', type: 'bar', data: rows.map(function (r) { return Number(r.total_score); }) }]
    }, true);
  }

  function load() {
    var form = document.getElementById('scorecard-filters');
    var query = params(form).toString();
    document.getElementById('export').href = '/api/appraisal/export' + (query ? '?' + query : '');
    var table = document.getElementById('scorecards');
    return Promise.all([D.loadTable(table), D.getJson('/api/appraisal/scorecards' + (query ? '?' + query : ''))]).then(function (done) {
      var body = done[1];
      if (!form.elements.month.value && body.month) {
        form.elements.month.value = body.month.substring(0, 7);
        document.getElementById('annual-filters').elements.year.value = body.month.substring(0, 4);
        D.loadTable(document.getElementById('annual'));
      }
      drawChart(body);
    }).catch(function (e) { D.showError(e.message); });
  }

  document.addEventListener('DOMContentLoaded', function () {
    var form = document.getElementById('scorecard-filters');
    var evidence = document.getElementById('evidence');
    var annual = document.getElementById('annual');
    evidence.dataset.source = '/api/appraisal/evidence';
    document.getElementById('scorecards').dataset.source = '/api/appraisal/scorecards';
    annual.dataset.source = '/api/appraisal/annual';
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      load();
    });
    document.getElementById('annual-filters').addEventListener('submit', function (event) {
      event.preventDefault();
      D.loadTable(annual);
    });
    Array.prototype.forEach.call(document.querySelectorAll('#scorecards th[data-sort]'), function (th) {
      th.style.cursor = 'pointer';
      th.addEventListener('click', function () {
        var same = form.elements.sort.value === th.dataset.sort;
        form.elements.sort.value = th.dataset.sort;
        form.elements.dir.value = same && form.elements.dir.value === 'desc' ? 'asc' : same ? 'desc' : '';
        load();
      });
    });
    document.querySelector('#scorecards tbody').addEventListener('click', function (event) {
      var tr = event.target.closest('tr');
      if (!tr || !tr.dataset.key || !form.elements.month.value) {
        return;
      }
      var filters = document.getElementById('evidence-filters');
      filters.elements.month.value = form.elements.month.value;
      filters.elements.rep.value = tr.dataset.key;
      document.getElementById('evidence-of').textContent = '— ' + tr.children[1].textContent + ' ' + form.elements.month.value;
      D.loadTable(evidence);
    });
    load();
  });
}());
