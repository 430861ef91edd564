// Sales overview beyond the monthly chart: KPIs against last year and quota, trend, channel mix, funnel, top reps
// and customers, tier mix. Reads /api/sales/* with the page's period, region and team filters.
// Test hooks: window.salesTrendChart, salesMixChart, salesFunnelChart, salesTierChart (ECharts instances);
// body[data-overview-ready="true"] once all four are drawn and the tables filled; table[data-ready], tr[data-key].
(function () {
  'use strict';

  var D = window.DSMART;
  var FILTERS = ['from', 'to', 'region', 'team'];
  var CHARTS = ['trend-chart', 'mix-chart', 'funnel-chart', 'tier-chart'];
  var TIER_COLORS = { A: '#2f6fb3', B: '#36a97b', C: '#e8a33d' };
  var charts = {};
  var drawn = {};
  var tablesDone = false;

  function ready() {
    var all = CHARTS.every(function (id) { return drawn[id]; });
    document.body.dataset.overviewReady = String(all && tablesDone);
  }

  function chart(id, name) {
    if (!charts[id]) {
      charts[id] = echarts.init(document.getElementById(id), null, { renderer: 'canvas' });
      window[name] = charts[id];
      window.addEventListener('resize', function () { charts[id].resize(); });
    }
    drawn[id] = false;
    charts[id].off('finished');
    charts[id].on('finished', function () {
      drawn[id] = true;
      ready();
    });
    return charts[id];
  }

  function percent(rate) {
    return rate === null || rate === undefined ? '—' : (100 * Number(rate)).toFixed(1) + '%';
  }

  function signed(text, value) {
    return Number(value) > 0 ? '+' + text : text;
  }

  function params(source) {
    var out = new URLSearchParams();
    FILTERS.forEach(function (name) {
      var value = source(name);
      if (value) {
        out.set(name, value);
      }
    });
    out.set('lang', D.page.lang);
    return out;
  }

  function fill(tableId, rows, key, cells) {
    var table = document.getElementById(tableId);
    var body = table.querySelector('tbody');
    body.replaceChildren();
    rows.forEach(function (row) {
      var tr = document.createElement('tr');
      tr.dataset.key = row[key];
      cells(row).forEach(function (c) {
        var td = document.createElement('td');
        td.textContent = c.text;
        if (c.num) {
          td.className = 'num';
        }
        tr.append(td);
      });
      body.append(tr);
    });
    if (!rows.length) {
      var tr = document.createElement('tr');
      var td = document.createElement('td');
      td.colSpan = table.querySelectorAll('thead th').length;
      td.textContent = D.t('common.no_data');
      tr.append(td);
      body.append(tr);
    }
    table.dataset.ready = 'true';
  }

  function drawKpis(body) {
    var k = body.kpis;
    document.getElementById('period').textContent = body.filter.from + ' – ' + body.filter.to + ' / ' +
        body.previous_period.from + ' – ' + body.previous_period.to;
    var rows = [
      { key: 'net_sales', money: true }, { key: 'gross_profit', money: true }, { key: 'orders' },
      { key: 'new_customers' }, { key: 'quota', money: true }, { key: 'completion_rate', rate: true }
    ].map(function (r) {
      var v = k[r.key];
      return { key: r.key, money: r.money, rate: r.rate, current: v.current, previous: v.previous, change: v.change,
        changeRate: v.change_rate };
    });
    fill('kpis', rows, 'key', function (r) {
      function show(v) {
        if (v === null || v === undefined) {
          return '—';
        }
        return r.rate ? percent(v) : r.money ? D.money(v) : D.integer(v);
      }
      var change = r.change === null || r.change === undefined ? '—'
          : r.rate ? signed((100 * Number(r.change)).toFixed(1) + ' pp', r.change)
          : signed(show(r.change), r.change) + (r.changeRate === null ? '' : ' (' + signed(percent(r.changeRate), r.changeRate) + ')');
      return [{ text: D.t('sales.kpi.' + r.key) }, { text: show(r.current), num: true }, { text: show(r.previous), num: true },
        { text: change, num: true }];
    });
  }

  function drawTrend(body) {
    chart('trend-chart', 'salesTrendChart').setOption({
      tooltip: { trigger: 'axis', valueFormatter: function (v) { return v == null ? '—' : '¥' + D.money(v); } },
      legend: { top: 0 },
      grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: body.trend.map(function (r) { return r.month; }) },
      yAxis: { type: 'value', axisLabel: { formatter: function (v) { return D.integer(v); } } },
      series: [
        { id: 'current', name: D.t('sales.this_year'), type: 'line',
          data: body.trend.map(function (r) { return r.net_sales === null ? null : Number(r.net_sales); }) },
        { id: 'previous', name: D.t('sales.last_year'), type: 'line', lineStyle: { type: 'dashed' },
          data: body.trend.map(function (r) { return r.previous_net_sales === null ? null : Number(r.previous_net_sales); }) }
      ]
    }, true);
  }

  function drawMix(body) {
    chart('mix-chart', 'salesMixChart').setOption({
      title: body.channels.length ? undefined : { text: D.t('common.no_data'), left: 'center', top: 'middle' },
      tooltip: { trigger: 'item', valueFormatter: function (v) { return '¥' + D.money(v); } },
      legend: { top: 0 },
      series: [{ id: 'mix', type: 'pie', radius: ['35%', '65%'], top: 24,
        label: { formatter: '{b}: {d}%' },
        data: body.channels.map(function (c) { return { name: c.channel_name, value: Number(c.net_sales), code: c.channel }; }) }]
    }, true);
  }

  function drawFunnel(body) {
    var steps = body.steps.map(function (s) {
      return { step: s.step, label: D.t('sales.step.' + s.step), count: s.count, rate: s.rate };
    });
    chart('funnel-chart', 'salesFunnelChart').setOption({
      tooltip: { trigger: 'item' },
      series: [{ id: 'funnel', type: 'funnel', sort: 'none', left: '10%', width: '80%', top: 8, bottom: 8, minSize: '8%',
        label: { formatter: '{b}: {c}' },
        data: steps.map(function (s) { return { name: s.label, value: s.count, step: s.step }; }) }]
    }, true);
    fill('funnel', steps, 'step', function (s) {
      return [{ text: s.label }, { text: D.integer(s.count), num: true }, { text: s.rate === null ? '' : percent(s.rate), num: true }];
    });
    var lead = document.createElement('tr');
    lead.dataset.key = 'lead_to_order';
    [D.t('sales.lead_to_order'), '', percent(body.lead_to_order_rate)].forEach(function (text, i) {
      var td = document.createElement('td');
      td.textContent = text;
      if (i > 0) {
        td.className = 'num';
      }
      lead.append(td);
    });
    document.querySelector('#funnel tbody').append(lead);
  }

  function drawTiers(body) {
    document.getElementById('tiers-month').textContent = body.month ? body.month.substring(0, 7) : '';
    chart('tier-chart', 'salesTierChart').setOption({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 8, right: 48, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: body.tiers.map(function (t) { return t.tier; }) },
      yAxis: [
        { type: 'value', name: D.t('sales.customers'), minInterval: 1 },
        { type: 'value', name: D.t('sales.amount_12m'), axisLabel: { formatter: function (v) { return D.integer(v); } } }
      ],
      series: [
        { id: 'customers', name: D.t('sales.customers'), type: 'bar',
          data: body.tiers.map(function (t) { return { value: t.customers, itemStyle: { color: TIER_COLORS[t.tier] } }; }) },
        { id: 'amount', name: D.t('sales.amount_12m'), type: 'line', yAxisIndex: 1,
          data: body.tiers.map(function (t) { return Number(t.amount_12m); }) }
      ]
    }, true);
  }

  function drawReps(body) {
    fill('top-reps', body.rows, 'rep_id', function (r) {
      return [{ text: String(r.rank), num: true }, { text: r.rep_name || r.rep_id }, { text: r.team_id || '' },
        { text: r.region_code || '' }, { text: D.money(r.net_sales), num: true }, { text: D.money(r.gross_profit), num: true },
        { text: D.integer(r.orders), num: true }, { text: D.integer(r.new_customers), num: true },
        { text: percent(r.completion_rate), num: true }];
    });
  }

  function drawCustomers(body) {
    fill('top-customers', body.rows, 'customer_id', function (c) {
      return [{ text: String(c.rank), num: true }, { text: c.customer_name || c.customer_id }, { text: D.money(c.net_sales), num: true },
        { text: c.gross_profit === null ? '' : D.money(c.gross_profit), num: true }, { text: D.integer(c.orders), num: true }];
    });
  }

  function load(query) {
    tablesDone = false;
    document.body.dataset.overviewReady = 'false';
    ['kpis', 'funnel', 'top-reps', 'top-customers'].forEach(function (id) {
      document.getElementById(id).dataset.ready = 'false';
    });
    var q = '?' + query.toString();
    var region = new URLSearchParams();
    if (query.get('region')) {
      region.set('region', query.get('region'));
    }
    function get(path, draw) {
      return D.getJson(path).then(function (body) {
        draw(body);
        D.noteFreshness(body);
      });
    }
    return Promise.all([
      get('/api/sales/kpis' + q, function (body) { drawKpis(body); drawTrend(body); }),
      get('/api/sales/channel-mix' + q, drawMix),
      get('/api/sales/funnel' + q, drawFunnel),
      get('/api/sales/top-reps' + q, drawReps),
      get('/api/sales/top-customers' + q, drawCustomers),
      get('/api/sales/tiers' + (region.toString() ? '?' + region.toString() : ''), drawTiers)
    ]).then(function () {
      tablesDone = true;
      ready();
    }).catch(function (e) {
      D.showError(e.message);
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    var form = document.getElementById('filters');
    var initial = new URLSearchParams(window.location.search);
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      load(params(function (name) { return form.elements[name].value; }));
    });
    load(params(function (name) { return initial.get(name); }));
  });
}());
