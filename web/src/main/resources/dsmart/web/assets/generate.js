// Report generation form (partials/generate_form.html), shared by the audit and the downloads pages: offers the packs
// /api/reports/packs answers for the user's role, shapes the period input after the chosen pack's period kinds and the
// region input after its scope dimensions, and posts to /api/reports/generate with the CSRF token. The server checks
// everything; its 400/403 message is shown in the form's status line. On success the archived files are shown in
// table#generated (audit page) and the archive list table#reports is reloaded with the new files and manifest marked
// tr.new (downloads page).
// Test hooks: form#generate[data-state] is "loading", "ready", "none" (nothing to offer), "busy", "done" or "error".
(function () {
  'use strict';

  var D = window.DSMART;

  function status(form, state, text) {
    var line = document.getElementById('generate-status');
    form.dataset.state = state;
    line.textContent = text || '';
    line.classList.toggle('error', state === 'error');
  }

  function periodHint(periods) {
    var month = periods.indexOf('month') >= 0;
    var year = periods.indexOf('year') >= 0;
    if (month && year) {
      return { pattern: '[0-9]{4}(-[0-9]{2})?', placeholder: 'YYYY-MM / YYYY', title: D.t('generate.period_month_or_year') };
    }
    if (year) {
      return { pattern: '[0-9]{4}', placeholder: 'YYYY', title: D.t('generate.period_year') };
    }
    return { pattern: '[0-9]{4}-[0-9]{2}', placeholder: 'YYYY-MM', title: D.t('generate.period_month') };
  }

  function shape(form, pack) {
    var hint = periodHint(pack ? pack.periods : ['month']);
    var period = form.elements.period;
    period.pattern = hint.pattern;
    period.placeholder = hint.placeholder;
    period.title = hint.title;
    var regional = !!(pack && pack.regions);
    form.elements.region.disabled = !regional;
    document.getElementById('generate-region').hidden = !regional;
  }

  function link(file) {
    var a = document.createElement('a');
    a.href = '/api/reports/download?file=' + encodeURIComponent(file);
    a.textContent = file;
    a.className = 'download';
    return a;
  }

  function showFiles(table, files) {
    var tbody = table.querySelector('tbody');
    tbody.replaceChildren();
    files.forEach(function (f) {
      var tr = document.createElement('tr');
      tr.dataset.key = f.file;
      var name = document.createElement('td');
      name.append(f.downloadable ? link(f.file) : document.createTextNode(f.file));
      var bytes = document.createElement('td');
      bytes.className = 'num';
      bytes.textContent = D.integer(f.bytes);
      tr.append(name, bytes);
      tbody.append(tr);
    });
    table.dataset.ready = 'true';
  }

  function markNew(table, files, manifest) {
    var added = files.map(function (f) { return f.file; }).concat(manifest ? [manifest] : []);
    Array.prototype.forEach.call(table.querySelectorAll('tbody tr'), function (tr) {
      tr.classList.toggle('new', added.indexOf(tr.dataset.key) >= 0);
    });
  }

  function generate(form) {
    var button = form.querySelector('button');
    var generated = document.getElementById('generated');
    var archive = document.getElementById('reports');
    if (generated) {
      generated.dataset.ready = 'false';
    }
    button.disabled = true;
    status(form, 'busy', D.t('generate.busy'));
    D.postForm('/api/reports/generate', new URLSearchParams(new FormData(form))).then(function (body) {
      if (generated) {
        showFiles(generated, body.files);
      }
      var refreshed = archive ? D.loadTable(archive).then(function () { markNew(archive, body.files, body.manifest); }) : Promise.resolve();
      return refreshed.then(function () {
        status(form, 'done', D.t('generate.done').replace('{0}', String(body.files.length)).replace('{1}', body.pack + ' ' + body.period));
      });
    }).catch(function (e) {
      if (generated) {
        generated.dataset.ready = 'error';
      }
      status(form, 'error', D.t('error.prefix') + ' ' + e.message);
    }).then(function () { button.disabled = false; });
  }

  document.addEventListener('DOMContentLoaded', function () {
    var form = document.getElementById('generate');
    if (!form) {
      return;
    }
    var packs = {};
    status(form, 'loading', D.t('common.loading'));
    form.elements.lang.value = D.page.lang === 'en' ? 'en' : 'zh-CN';
    form.elements.pack.addEventListener('change', function () { shape(form, packs[form.elements.pack.value]); });
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      generate(form);
    });
    D.getJson('/api/reports/packs').then(function (data) {
      data.packs.forEach(function (p) {
        packs[p.name] = p;
        var label = D.t('pack.' + p.name);
        form.elements.pack.append(new Option(label === 'pack.' + p.name ? p.name : label, p.name));
      });
      shape(form, data.packs[0]);
      if (!data.configured || !data.packs.length) {
        form.querySelector('button').disabled = true;
        status(form, 'none', D.t(data.configured ? 'generate.no_packs' : 'generate.not_configured'));
      } else {
        status(form, 'ready', '');
      }
    }).catch(function (e) { status(form, 'error', D.t('error.prefix') + ' ' + e.message); });
  });
}());
