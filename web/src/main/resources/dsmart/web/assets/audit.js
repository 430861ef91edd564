// Compliance audit: findings per rule (stacked bar chart: open and resolved) and their table with evidence CSV links,
// the self-inspection summary per department; report generation is generate.js. Test hooks: window.findingsChart;
// body[data-chart-ready="true"] once the chart is drawn; #findings[data-ready].
(function () {
  'use strict';

  var D = window.DSMART;
  var chart;

  function td(text, className) {
    var cell = document.createElement('td');
    cell.textContent = text === null || text === undefined ? '' : String(text);
    if (className) {
      cell.className = className;
    }
    return cell;
  }

  function label(prefix, value) {
    var text = D.t(prefix + value);
    return text === prefix + value ? value : text;
  }

  function drawChart(body) {
    if (!chart) {
      chart = echarts.init(document.getElementById('findings-chart'), null, { renderer: 'canvas' });
      window.findingsChart = chart;
    }
    document.body.dataset.chartReady = 'false';
    chart.off('finished');
    chart.on('finished', function () { document.body.dataset.chartReady = 'true'; });
    var rules = body.rows.map(function (r) { return r.rule_id; });
    chart.setOption({
      title: body.rows.length ? undefined : { text: D.t('common.no_data'), left: 'center', top: 'middle' },
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 24, right: 24, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: rules, inverse: true, axisLabel: { width: 240, overflow: 'truncate' } },
      series: [
        { id: 'open', name: D.t('compliance.open'), type: 'bar', stack: 'findings',
          data: body.rows.map(function (r) { return Number(r.open_findings); }) },
        { id: 'resolved', name: D.t('compliance.resolved'), type: 'bar', stack: 'findings',
          data: body.rows.map(function (r) { return Number(r.resolved_findings); }) }
      ]
    }, true);
  }

  function fillTable(body) {
    var table = document.getElementById('findings');
    var tbody = table.querySelector('tbody');
    tbody.replaceChildren();
    body.rows.forEach(function (r) {
      var tr = document.createElement('tr');
      tr.dataset.key = r.rule_id;
      tr.append(td(r.rule_id), td(r.description), td(label('severity.', r.severity)), td(label('department.', r.department)),
          td(D.integer(r.findings), 'num'), td(D.integer(r.open_findings), 'num'), td(D.integer(r.resolved_findings), 'num'));
      var evidence = td('');
      if (D.page.role === 'AUDIT') {
        var a = document.createElement('a');
        a.href = '/api/audit/evidence?rule=' + encodeURIComponent(r.rule_id) + '&period=' + encodeURIComponent(body.period);
        a.textContent = D.t('compliance.evidence_csv');
        a.className = 'download';
        evidence.append(a);
      }
      tr.append(evidence);
      tbody.append(tr);
    });
    if (!body.rows.length) {
      var tr = document.createElement('tr');
      var cell = td(D.t('common.no_data'));
      cell.colSpan = 8;
      tr.append(cell);
      tbody.append(tr);
    }
    table.dataset.ready = 'true';
  }

  function load(first) {
    var form = document.getElementById('compliance-filters');
    var params = new URLSearchParams();
    ['period', 'department', 'severity'].forEach(function (name) {
      if (form.elements[name].value) {
        params.set(name, form.elements[name].value);
      }
    });
    document.getElementById('findings').dataset.ready = 'false';
    D.showError('');
    var query = params.toString();
    return D.getJson('/api/audit/findings' + (query ? '?' + query : '')).then(function (body) {
      if (first) {
        body.periods.forEach(function (p) {
          form.elements.period.append(new Option(p, p, false, p === body.period));
        });
      }
      var hidden = document.getElementById('compliance-summary-filters');
      hidden.elements.period.value = body.period || '';
      hidden.elements.department.value = form.elements.department.value;
      drawChart(body);
      fillTable(body);
      D.noteFreshness(body);
      return D.loadTable(document.getElementById('summary'));
    }).catch(function (e) { D.showError(e.message); });
  }

  document.addEventListener('DOMContentLoaded', function () {
    document.getElementById('summary').dataset.source = '/api/audit/summary';
    var form = document.getElementById('compliance-filters');
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      load(false);
    });
    load(true);
  });
}());
