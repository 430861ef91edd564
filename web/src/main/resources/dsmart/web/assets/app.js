// Common page code: labels, JSON fetch with the CSRF token, data tables filled from the API, data freshness.
// A page's template declares its tables (data-source, data-rows, th[data-field], data-format); pages with
// charts add their own script (sales.js) and use window.DSMART.
// Test hooks: table[data-ready="true"] once filled; #freshness[data-ready="true"] once freshness is shown.
(function () {
  'use strict';

  var dataElement = document.getElementById('page-data');
  var page = dataElement ? JSON.parse(dataElement.textContent) : { messages: {}, lang: 'zh-CN', zone: 'Asia/Shanghai' };
  var fresh = { snapshots: {}, asOf: {}, lake: false };

  function t(key) {
    return (page.messages && page.messages[key]) || key;
  }

  function locale() {
    return page.lang === 'en' ? 'en-GB' : 'zh-CN';
  }

  function money(n) {
    return Number(n).toLocaleString(locale(), { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  }

  function integer(n) {
    return Number(n).toLocaleString(locale());
  }

  function formatTime(iso) {
    if (!iso) {
      return '';
    }
    var date = new Date(iso);
    if (isNaN(date.getTime())) {
      return String(iso);
    }
    try {
      return date.toLocaleString(locale(), {
        timeZone: page.zone, year: 'numeric', month: '2-digit', day: '2-digit',
        hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false
      });
    } catch (e) {
      return date.toISOString();
    }
  }

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.content : '';
  }

  function handle(res) {
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
  }

  function getJson(url) {
    return fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } }).then(handle);
  }

  function postJson(url, body) {
    return fetch(url, {
      method: 'POST', credentials: 'same-origin',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json', 'X-CSRF-Token': csrfToken() },
      body: JSON.stringify(body || {})
    }).then(handle);
  }

  /** Posts form fields (URLSearchParams) with the CSRF token; answers the JSON body or fails with the server's error. */
  function postForm(url, params) {
    return fetch(url, {
      method: 'POST', credentials: 'same-origin',
      headers: { Accept: 'application/json', 'X-CSRF-Token': csrfToken() },
      body: params
    }).then(handle);
  }

  function showError(message) {
    var el = document.getElementById('error');
    if (!el) {
      return;
    }
    el.textContent = message ? t('error.prefix') + ' ' + message : '';
    el.hidden = !message;
  }

  /** Remembers the snapshots an answer read and shows them in the footer. */
  function noteFreshness(body) {
    if (body && body.snapshots) {
      fresh.lake = true;
      Object.keys(body.snapshots).forEach(function (table) {
        fresh.snapshots[table] = body.snapshots[table];
      });
      Object.keys(body.data_as_of || {}).forEach(function (table) {
        fresh.asOf[table] = body.data_as_of[table];
      });
    }
    renderFreshness();
  }

  function renderFreshness() {
    var footer = document.getElementById('freshness');
    var text = document.getElementById('freshness-text');
    if (!footer || !text) {
      return;
    }
    var tables = Object.keys(fresh.snapshots).sort();
    if (!fresh.lake) {
      text.textContent = t('freshness.not_lake');
    } else if (!tables.length) {
      text.textContent = t('freshness.none');
    } else {
      text.textContent = tables.map(function (table) {
        var entry = table + ' @ ' + fresh.snapshots[table];
        return fresh.asOf[table] ? entry + ' (' + t('freshness.committed') + ' ' + formatTime(fresh.asOf[table]) + ')' : entry;
      }).join(', ');
    }
    footer.dataset.ready = 'true';
  }

  function formParams(formId) {
    var params = new URLSearchParams();
    var form = formId ? document.getElementById(formId) : null;
    if (form) {
      Array.prototype.forEach.call(form.elements, function (el) {
        if (el.name && el.value) {
          params.set(el.name, el.value);
        }
      });
    }
    return params;
  }

  function cellFor(value, format) {
    var td = document.createElement('td');
    if (value === null || value === undefined) {
      td.textContent = '';
      return td;
    }
    switch (format) {
      case 'int':
        td.textContent = integer(value);
        td.className = 'num';
        break;
      case 'money':
        td.textContent = money(value);
        td.className = 'num';
        break;
      case 'time':
        td.textContent = formatTime(value);
        td.title = value;
        break;
      case 'status':
        var span = document.createElement('span');
        span.className = 'status status-' + String(value).replace(/[^a-z_]/g, '');
        span.textContent = value;
        td.append(span);
        break;
      case 'json':
        td.textContent = typeof value === 'object' && Object.keys(value).length ? JSON.stringify(value) : '';
        td.className = 'params';
        break;
      case 'download':
        var a = document.createElement('a');
        a.href = '/api/reports/download?file=' + encodeURIComponent(value);
        a.textContent = value;
        a.className = 'download';
        td.append(a);
        break;
      default:
        td.textContent = String(value);
    }
    return td;
  }

  function loadTable(table) {
    var params = formParams(table.dataset.filters);
    var query = params.toString();
    var fields = Array.prototype.map.call(table.querySelectorAll('thead th'), function (th) {
      return { field: th.dataset.field, format: th.dataset.format };
    });
    table.dataset.ready = 'false';
    return getJson(table.dataset.source + (query ? '?' + query : '')).then(function (body) {
      var rows = body[table.dataset.rows] || [];
      var tbody = table.querySelector('tbody');
      tbody.replaceChildren();
      rows.forEach(function (row) {
        var tr = document.createElement('tr');
        if (table.dataset.key) {
          tr.dataset.key = row[table.dataset.key];
        }
        fields.forEach(function (f) {
          tr.append(cellFor(row[f.field], f.format));
        });
        tbody.append(tr);
      });
      if (!rows.length) {
        var tr = document.createElement('tr');
        var td = document.createElement('td');
        td.colSpan = fields.length;
        td.textContent = t('common.no_data');
        tr.append(td);
        tbody.append(tr);
      }
      noteFreshness(body);
      table.dataset.ready = 'true';
    }).catch(function (e) {
      showError(e.message);
      table.dataset.ready = 'error';
    });
  }

  window.DSMART = {
    page: page, t: t, money: money, integer: integer, formatTime: formatTime, getJson: getJson, postJson: postJson, postForm: postForm,
    showError: showError, noteFreshness: noteFreshness, loadTable: loadTable
  };

  document.addEventListener('DOMContentLoaded', function () {
    var tables = document.querySelectorAll('table[data-source]');
    Array.prototype.forEach.call(tables, function (table) {
      var form = table.dataset.filters ? document.getElementById(table.dataset.filters) : null;
      if (form) {
        form.addEventListener('submit', function (event) {
          event.preventDefault();
          loadTable(table);
        });
      }
      loadTable(table);
    });
  });
}());
