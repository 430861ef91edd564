// Sales overview: reads /api/sales-monthly and /api/regions, draws an ECharts stacked bar chart.
// Test hooks: window.salesChart is the ECharts instance; body[data-chart-ready="true"] once it is drawn;
// performance marks 'chart-set' (data given to the chart) and 'chart-ready' (first animation finished).
(function () {
  'use strict';

  var D = window.DSMART;
  var FONT = '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", ' +
      '"WenQuanYi Zen Hei", sans-serif';
  var KNOWN_CHANNELS = ['phone', 'online', 'door_to_door'];
  var COLORS = { phone: '#2f6fb3', online: '#36a97b', door_to_door: '#e8a33d' };
  var FILTERS = ['from', 'to', 'region', 'channel', 'team'];
  var chart = null;

  function withLang(url) {
    return url + (url.indexOf('?') < 0 ? '?' : '&') + 'lang=' + encodeURIComponent(D.page.lang);
  }

  function currentParams() {
    var form = document.getElementById('filters');
    var params = new URLSearchParams();
    FILTERS.forEach(function (name) {
      var value = form.elements[name].value;
      if (value) {
        params.set(name, value);
      }
    });
    return params;
  }

  function channelOrder(rows) {
    var present = [];
    rows.forEach(function (r) {
      if (present.indexOf(r.channel) < 0) {
        present.push(r.channel);
      }
    });
    var known = KNOWN_CHANNELS.filter(function (c) { return present.indexOf(c) >= 0; });
    return known.concat(present.filter(function (c) { return KNOWN_CHANNELS.indexOf(c) < 0; }).sort());
  }

  function drawChart(data) {
    var months = [];
    data.rows.forEach(function (r) {
      if (months.indexOf(r.month) < 0) {
        months.push(r.month);
      }
    });
    months.sort();
    var series = channelOrder(data.rows).map(function (code) {
      return {
        id: code,
        name: data.channels[code] || code,
        type: 'bar',
        stack: 'revenue',
        itemStyle: COLORS[code] ? { color: COLORS[code] } : undefined,
        emphasis: { focus: 'series' },
        data: months.map(function (m) {
          var row = data.rows.find(function (r) { return r.month === m && r.channel === code; });
          return row ? row.revenue : null;
        })
      };
    });
    if (!chart) {
      chart = echarts.init(document.getElementById('chart'), null, { renderer: 'canvas' });
      window.salesChart = chart;
      window.addEventListener('resize', function () { chart.resize(); });
    }
    document.body.dataset.chartReady = 'false';
    chart.off('finished');
    chart.on('finished', function () {
      if (document.body.dataset.chartReady !== 'true' && window.performance && performance.mark &&
          !performance.getEntriesByName('chart-ready').length) {
        performance.mark('chart-ready'); // the page's load time as the benchmark reads it
      }
      document.body.dataset.chartReady = 'true';
    });
    chart.setOption({
      textStyle: { fontFamily: FONT },
      title: months.length ? undefined : { text: D.t('common.no_data'), left: 'center', top: 'middle' },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        valueFormatter: function (v) { return v == null ? '—' : '¥' + D.money(v); }
      },
      legend: { top: 0, textStyle: { fontFamily: FONT } },
      grid: { left: 8, right: 24, top: 40, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: months.map(function (m) { return m.substring(0, 7); }) },
      yAxis: { type: 'value', name: D.t('sales.revenue_axis'), axisLabel: { formatter: function (v) { return D.integer(v); } } },
      series: series
    }, true);
    if (window.performance && performance.mark && !performance.getEntriesByName('chart-set').length) {
      performance.mark('chart-set'); // data on the chart (drawn on the next frame; the animation follows)
    }
  }

  function cell(text, numeric) {
    var td = document.createElement('td');
    td.textContent = text;
    if (numeric) {
      td.className = 'num';
    }
    return td;
  }

  function drawTotals(data) {
    var body = document.querySelector('#totals tbody');
    body.replaceChildren();
    data.totals.forEach(function (t) {
      var tr = document.createElement('tr');
      tr.dataset.channel = t.channel;
      var margin = Number(t.revenue) === 0 ? '—' : (100 * t.gross_profit / t.revenue).toFixed(1) + '%';
      tr.append(cell(t.channel_name), cell(D.integer(t.orders), true), cell(D.money(t.revenue), true),
          cell(D.money(t.gross_profit), true), cell(margin, true), cell(D.integer(t.new_customers), true));
      body.append(tr);
    });
    if (!data.totals.length) {
      var tr = document.createElement('tr');
      var td = cell(D.t('common.no_data'));
      td.colSpan = 6;
      tr.append(td);
      body.append(tr);
    }
  }

  function load(params) {
    D.showError('');
    var query = params.toString();
    return D.getJson(withLang('/api/sales-monthly' + (query ? '?' + query : ''))).then(function (data) {
      drawChart(data);
      drawTotals(data);
      D.noteFreshness(data);
      fillChannels(data.channels, params.get('channel'));
    }).catch(function (e) {
      D.showError(e.message);
    });
  }

  function fillChannels(channels, wanted) {
    var select = document.getElementById('filters').elements.channel;
    if (select.options.length > 1) {
      return;
    }
    Object.keys(channels).forEach(function (code) {
      select.append(new Option(channels[code], code, false, code === wanted));
    });
  }

  function loadRegions() {
    var select = document.getElementById('filters').elements.region;
    var wanted = new URLSearchParams(window.location.search).get('region');
    return D.getJson('/api/regions').then(function (data) {
      data.regions.forEach(function (r) {
        select.append(new Option(r.name + ' (' + r.code + ')', r.code, false, r.code === wanted));
      });
      D.noteFreshness(data);
    }).catch(function (e) {
      D.showError(e.message);
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    var form = document.getElementById('filters');
    var initial = new URLSearchParams(window.location.search);
    ['from', 'to', 'team'].forEach(function (name) {
      if (initial.get(name)) {
        form.elements[name].value = initial.get(name);
      }
    });
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var params = currentParams();
      var query = params.toString();
      window.history.replaceState(null, '', window.location.pathname + (query ? '?' + query : ''));
      load(params);
    });
    // the first load takes its filters from the address, so that a shared link shows the same view
    var first = new URLSearchParams();
    FILTERS.forEach(function (name) {
      if (initial.get(name)) {
        first.set(name, initial.get(name));
      }
    });
    loadRegions().then(function () { return load(first); });
  });
}());
