// Risk: ageing buckets (bar chart) with the reconciliation line, overdue trend (line chart), credit breaches,
// provision and alerts tables. Test hooks: window.ageingChart, window.trendChart; body[data-chart-ready="true"]
// once both charts are drawn; #reconciliation[data-reconciled].
(function () {
  'use strict';

  var D = window.DSMART;
  var charts = {};
  var drawn = {};

  function chart(id, name) {
    if (!charts[id]) {
      charts[id] = echarts.init(document.getElementById(id), null, { renderer: 'canvas' });
      window[name] = charts[id];
    }
    drawn[id] = false;
    document.body.dataset.chartReady = 'false';
    charts[id].off('finished');
    charts[id].on('finished', function () {
      drawn[id] = true;
      if (drawn['ageing-chart'] && drawn['trend-chart']) {
        document.body.dataset.chartReady = 'true';
      }
    });
    return charts[id];
  }

  function query(params) {
    var q = params.toString();
    return q ? '?' + q : '';
  }

  function drawAgeing(body) {
    chart('ageing-chart', 'ageingChart').setOption({
      title: body.buckets.length ? undefined : { text: D.t('common.no_data'), left: 'center', top: 'middle' },
      tooltip: { trigger: 'axis', valueFormatter: function (v) { return '¥' + D.money(v); } },
      grid: { left: 8, right: 24, top: 24, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: body.buckets.map(function (b) { return b.bucket; }) },
      yAxis: { type: 'value', axisLabel: { formatter: function (v) { return D.integer(v); } } },
      series: [{ id: 'amount', type: 'bar', data: body.buckets.map(function (b) { return Number(b.amount); }) }]
    }, true);
    var line = document.getElementById('reconciliation');
    var r = body.reconciliation;
    if (r) {
      line.textContent = D.t('risk.reconciliation') + ': ' + D.money(r.buckets_total) + ' = ' + D.money(r.outstanding) +
          (r.reconciled ? ' ✓' : ' ≠ (' + D.money(r.difference) + ')');
      line.dataset.reconciled = String(r.reconciled);
    } else {
      line.textContent = '';
    }
  }

  function drawTrend(body) {
    chart('trend-chart', 'trendChart').setOption({
      tooltip: { trigger: 'axis', valueFormatter: function (v) { return '¥' + D.money(v); } },
      legend: { top: 0 },
      grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: body.rows.map(function (r) { return r.as_of_date; }) },
      yAxis: { type: 'value', axisLabel: { formatter: function (v) { return D.integer(v); } } },
      series: [
        { id: 'outstanding', name: D.t('risk.outstanding'), type: 'line', data: body.rows.map(function (r) { return Number(r.outstanding); }) },
        { id: 'overdue', name: D.t('risk.overdue'), type: 'line', data: body.rows.map(function (r) { return Number(r.overdue); }) }
      ]
    }, true);
  }

  function loadAlerts() {
    var table = document.getElementById('alerts');
    return D.loadTable(table).then(function () {
      Array.prototype.forEach.call(table.querySelectorAll('tbody tr[data-key]'), function (tr) {
        var cells = tr.children;
        if (cells[4].textContent) {
          return; // acknowledged already
        }
        var button = document.createElement('button');
        button.type = 'button';
        button.className = 'ack';
        button.textContent = D.t('risk.acknowledge');
        button.addEventListener('click', function () {
          var note = window.prompt(D.t('risk.ack_note'), '') || '';
          D.postJson('/api/risk/alerts/ack', { alert_id: tr.dataset.key, note: note }).then(loadAlerts)
            .catch(function (e) { D.showError(e.message); });
        });
        cells[5].replaceChildren(button);
      });
    });
  }

  function load(first) {
    var form = document.getElementById('risk-filters');
    var params = new URLSearchParams();
    if (form.elements.region.value) {
      params.set('region', form.elements.region.value);
    }
    document.getElementById('risk-region').elements.region.value = form.elements.region.value;
    var ageingParams = new URLSearchParams(params);
    if (form.elements.as_of.value) {
      ageingParams.set('as_of', form.elements.as_of.value);
    }
    D.showError('');
    return Promise.all([
      D.getJson('/api/risk/ageing' + query(ageingParams)).then(function (body) {
        if (first) {
          body.as_of_dates.forEach(function (d) {
            form.elements.as_of.append(new Option(d, d, false, d === body.as_of));
          });
        }
        drawAgeing(body);
        D.noteFreshness(body);
      }),
      D.getJson('/api/risk/overdue-trend' + query(params)).then(drawTrend),
      D.loadTable(document.getElementById('breaches')),
      D.loadTable(document.getElementById('provision')),
      loadAlerts()
    ]).catch(function (e) { D.showError(e.message); });
  }

  document.addEventListener('DOMContentLoaded', function () {
    document.getElementById('breaches').dataset.source = '/api/risk/credit-breaches';
    document.getElementById('provision').dataset.source = '/api/risk/provision';
    document.getElementById('alerts').dataset.source = '/api/risk/alerts';
    var form = document.getElementById('risk-filters');
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      load(false);
    });
    D.getJson('/api/regions').then(function (data) {
      data.regions.forEach(function (r) {
        form.elements.region.append(new Option(r.name + ' (' + r.code + ')', r.code));
      });
      if (data.regions.length === 1 && D.page.region) {
        form.elements.region.value = data.regions[0].code;
      }
    }).catch(function () {}).then(function () { return load(true); });
  });
}());
