// Sales dashboard: reads /api/sales-monthly and /api/regions, draws an ECharts stacked bar chart.
// Test hooks: window.salesChart is the ECharts instance; body[data-chart-ready="true"] once it is drawn.
(function () {
  'use strict';

  var FONT = '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", ' +
      '"WenQuanYi Zen Hei", sans-serif';
  var KNOWN_CHANNELS = ['phone', 'online', 'door_to_door'];
  var COLORS = { phone: '#2f6fb3', online: '#36a97b', door_to_door: '#e8a33d' };
  var FILTERS = ['from', 'to', 'region', 'channel'];
  var chart = null;

  function money(n) {
    return Number(n).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  }

  function integer(n) {
    return Number(n).toLocaleString('zh-CN');
  }

  function getJson(url) {
    return fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } }).then(function (res) {
      if (res.status === 401) {
        window.location.href = '/login?next=' + encodeURIComponent(window.location.pathname + window.location.search);
        throw new Error('login required');
      }
      return res.json().catch(function () { return {}; }).then(function (body) {
        if (!res.ok) {
          throw new Error(body.error || ('HTTP ' + res.status));
        }
        return body;
      });
    });
  }

  function showError(message) {
    var el = document.getElementById('error');
    el.textContent = message ? '出错了 Error: ' + message : '';
    el.hidden = !message;
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
      document.body.dataset.chartReady = 'true';
    });
    chart.setOption({
      textStyle: { fontFamily: FONT },
      title: months.length ? undefined : { text: '无数据 No data', left: 'center', top: 'middle' },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        valueFormatter: function (v) { return v == null ? '—' : '¥' + money(v); }
      },
      legend: { top: 0, textStyle: { fontFamily: FONT } },
      grid: { left: 8, right: 24, top: 40, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: months.map(function (m) { return m.substring(0, 7); }) },
      yAxis: { type: 'value', name: '收入（元）', axisLabel: { formatter: function (v) { return integer(v); } } },
      series: series
    }, true);
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
      tr.append(cell(t.channel_name), cell(integer(t.orders), true), cell(money(t.revenue), true),
          cell(money(t.gross_profit), true), cell(margin, true), cell(integer(t.new_customers), true));
      body.append(tr);
    });
    if (!data.totals.length) {
      var tr = document.createElement('tr');
      var td = cell('无数据 No data');
      td.colSpan = 6;
      tr.append(td);
      body.append(tr);
    }
  }

  function drawSnapshots(data) {
    var entries = Object.keys(data.snapshots).map(function (table) {
      return table + ' @ ' + data.snapshots[table];
    });
    document.getElementById('snapshots').textContent =
        entries.length ? entries.join(', ') : '无（引擎未报告快照）none reported';
  }

  function load(params) {
    showError('');
    var query = params.toString();
    return getJson('/api/sales-monthly' + (query ? '?' + query : '')).then(function (data) {
      drawChart(data);
      drawTotals(data);
      drawSnapshots(data);
      fillChannels(data.channels, params.get('channel'));
    }).catch(function (e) {
      showError(e.message);
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
    return getJson('/api/regions').then(function (data) {
      data.regions.forEach(function (r) {
        select.append(new Option(r.name + ' (' + r.code + ')', r.code, false, r.code === wanted));
      });
    }).catch(function (e) {
      showError(e.message);
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    var form = document.getElementById('filters');
    var initial = new URLSearchParams(window.location.search);
    ['from', 'to'].forEach(function (name) {
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
