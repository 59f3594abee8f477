// The built-in dashboard: plain JS over the read API (/api/v1/...), charts by uPlot from this server.
// Every number shown is DOM text (tables, legends, tiles, marker labels) so people can copy it and tests can read it.
(function () {
  'use strict';

  var VIEWS = ['environments', 'trends', 'outcomes', 'sizes', 'projects'];
  var FILTERS = ['vendor', 'project', 'from', 'to', 'interval'];
  var COLORS = ['#1d2430', '#2563eb', '#16a34a', '#dc2626', '#9333ea', '#ea580c', '#0891b2', '#ca8a04', '#db2777'];
  var OUTCOMES = ['passed', 'failed', 'errored', 'skipped', 'aborted', 'incomplete', 'flaky'];
  var OUTCOME_COLORS = { passed: '#16a34a', failed: '#dc2626', errored: '#9333ea', skipped: '#ca8a04',
    aborted: '#ea580c', incomplete: '#64748b', flaky: '#0891b2', 'void': '#db2777' };
  var DIMENSIONS = [['java', 'Java versions'], ['framework', 'Frameworks'], ['os', 'Operating systems'],
    ['arch', 'Architectures'], ['ci', 'CI providers'], ['buildTool', 'Build tools']];

  var plots = [];

  // ---- state in the URL: ?view=trends&vendor=…&project=…&from=…&to=…&interval=… ----
  function state() {
    var q = new URLSearchParams(location.search);
    var s = { view: VIEWS.indexOf(q.get('view')) >= 0 ? q.get('view') : 'environments' };
    FILTERS.forEach(function (f) { s[f] = q.get(f) || ''; });
    return s;
  }

  function go(s, push) {
    var q = new URLSearchParams();
    q.set('view', s.view);
    FILTERS.forEach(function (f) { if (s[f]) { q.set(f, s[f]); } });
    var url = location.pathname + '?' + q.toString();
    if (push) { history.pushState(null, '', url); } else { history.replaceState(null, '', url); }
    render();
  }

  function filterQuery(s) {
    var q = new URLSearchParams();
    ['vendor', 'project', 'from', 'to'].forEach(function (f) { if (s[f]) { q.set(f, s[f]); } });
    return q;
  }

  function api(path, s, extra) {
    var q = filterQuery(s);
    Object.keys(extra || {}).forEach(function (k) { q.set(k, extra[k]); });
    return fetch('api/v1/' + path + '?' + q.toString(), { headers: { Accept: 'application/json' } })
      .then(function (r) {
        return r.json().then(function (body) {
          if (!r.ok) { throw new Error(body.message || (path + ': HTTP ' + r.status)); }
          return body;
        });
      });
  }

  // Day points for ranges up to ~3 months, weeks up to two years, months beyond (old months are roll-ups anyway).
  function interval(s) {
    if (s.interval) { return s.interval; }
    if (s.from) {
      var end = s.to ? Date.parse(s.to) : Date.now();
      var days = (end - Date.parse(s.from)) / 86400000;
      return days <= 92 ? 'day' : days <= 731 ? 'week' : 'month';
    }
    return 'week';
  }

  // ---- formatting: fixed locale so the page reads the same everywhere ----
  function num(v, digits) {
    if (v === null || v === undefined || isNaN(v)) { return '–'; }
    return Number(v).toLocaleString('en-US', { minimumFractionDigits: digits || 0, maximumFractionDigits: digits || 0 });
  }
  function pct(v) { return v === null || v === undefined || isNaN(v) ? '–' : (v * 100).toFixed(1) + ' %'; }
  function ms(v) {
    if (v === null || v === undefined || isNaN(v)) { return '–'; }
    return v >= 1000 ? (v / 1000).toFixed(2) + ' s' : Math.round(v) + ' ms';
  }
  function mib(v) { return v === null || v === undefined || isNaN(v) ? '–' : (v / 1048576).toFixed(1) + ' MiB'; }
  function dec(v) { return v === null || v === undefined || isNaN(v) ? '–' : Number(v).toFixed(2); }

  // ---- DOM helpers (textContent only: values are text, never HTML) ----
  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') { e.textContent = attrs[k]; } else if (k === 'class') { e.className = attrs[k]; } else { e.setAttribute(k, attrs[k]); }
    });
    (children || []).forEach(function (c) { if (c) { e.appendChild(c); } });
    return e;
  }

  function table(id, headers, rows, numeric) {
    var head = el('tr', {}, headers.map(function (h, i) { return el('th', { text: h, class: numeric[i] ? 'num' : '' }); }));
    var body = rows.map(function (r) {
      return el('tr', {}, r.map(function (c, i) {
        if (c instanceof Node) { return el('td', { class: numeric[i] ? 'num' : '' }, [c]); }
        return el('td', { text: c, class: numeric[i] ? 'num' : '' });
      }));
    });
    return el('table', { id: id }, [el('thead', {}, [head]), el('tbody', {}, body)]);
  }

  function card(title, id, children) {
    return el('div', { class: 'card', id: id }, [el('h2', { text: title })].concat(children));
  }

  // ---- time charts: uPlot, a legend table of real text, release markers as DOM elements ----
  function ts(day) { return Date.parse(day + 'T00:00:00Z') / 1000; }

  // series: [{label, color, values (aligned with xs), format}]
  function timeChart(id, title, xs, series, releases, format) {
    var box = el('div', { class: 'chart' });
    var legendRows = series.map(function (s) {
      var vals = s.values.filter(function (v) { return v !== null && !isNaN(v); });
      var latest = null;
      for (var i = s.values.length - 1; i >= 0; i--) { if (s.values[i] !== null && !isNaN(s.values[i])) { latest = s.values[i]; break; } }
      var name = el('span', {}, [el('span', { class: 'swatch', style: 'background:' + s.color }), document.createTextNode(s.label)]);
      return [name, format(latest), format(vals.length ? Math.min.apply(null, vals) : null),
        format(vals.length ? Math.max.apply(null, vals) : null)];
    });
    var legend = table(id + '-legend', ['Series', 'Latest', 'Min', 'Max'], legendRows, [false, true, true, true]);
    legend.className = 'legend';
    var c = card(title, id, [box, legend]);
    var relTimes = releases.map(function (r) { return Date.parse(r.publishedAt) / 1000; });
    var all = xs.concat(relTimes);
    var lo = Math.min.apply(null, all), hi = Math.max.apply(null, all);
    var pad = Math.max(86400, (hi - lo) * 0.04);
    // counts get a decimal on the axis when uPlot splits between integers (1.5 must not read "2")
    var axisFormat = format === num ? function (v) { return num(v, Number.isInteger(v) ? 0 : 1); } : format;
    var opts = {
      width: 420, height: 200,
      legend: { show: false },
      scales: { x: { time: true, range: function () { return [lo - pad, hi + pad]; } } },
      axes: [{}, { size: 80, values: function (u, splits) { return splits.map(function (v) { return axisFormat(v); }); } }],
      series: [{}].concat(series.map(function (s) {
        return { label: s.label, stroke: s.color, width: s.width || 1.5, spanGaps: true, points: { show: xs.length < 60 } };
      })),
      hooks: { draw: [function (u) { placeMarkers(u, releases); }] }
    };
    box.chartSpec = { opts: opts, data: [xs].concat(series.map(function (s) { return s.values; })) };
    return c;
  }

  function placeMarkers(u, releases) {
    u.over.querySelectorAll('.release-marker').forEach(function (m) { m.remove(); });
    releases.forEach(function (r) {
      var x = u.valToPos(Date.parse(r.publishedAt) / 1000, 'x');
      if (x < 0 || x > u.over.clientWidth) { return; }
      var m = el('div', { class: 'release-marker', title: r.repository + ' ' + r.tag + (r.name && r.name !== r.tag ? ' – ' + r.name : '') + ' (' + r.publishedAt.substring(0, 10) + ')' },
        [el('span', { text: r.tag })]);
      m.style.left = x + 'px';
      u.over.appendChild(m);
    });
  }

  // Charts are created once their card is in the page (uPlot needs the real width).
  function mountCharts(content) {
    content.querySelectorAll('.chart').forEach(function (box) {
      var spec = box.chartSpec;
      spec.opts.width = Math.max(300, box.parentNode.clientWidth - 30);
      plots.push(new uPlot(spec.opts, spec.data, box));
    });
  }

  // Splits a measure: overall plus one series per Java major version.
  function splitSeries(data, label, fn, offset) {
    var xs = data.points.map(function (p) { return p.start; });
    var out = [{ label: label ? label + ', all' : 'All', color: COLORS[offset || 0], width: 2.5, values: data.points.map(fn) }];
    (data.split || []).forEach(function (s, i) {
      var byDay = {};
      s.points.forEach(function (p) { byDay[p.start] = p; });
      out.push({ label: (label ? label + ', ' : '') + 'Java ' + s.key, color: COLORS[(i + 1 + (offset || 0)) % COLORS.length],
        values: xs.map(function (d) { return byDay[d] ? fn(byDay[d]) : null; }) });
    });
    return out;
  }

  function assertionsPerTest(p) { return p.assertions && p.tests.total ? p.assertions.total / p.tests.total : null; }
  function ratio(a, b) { return b ? a / b : null; }

  // ---- views ----
  function environments(s) {
    // one request (one scan on the server) for all six breakdowns, in the order asked
    var by = DIMENSIONS.map(function (d) { return d[0]; }).join(',');
    return api('breakdowns', s, { by: by }).then(function (answer) {
      var grid = el('div', { class: 'grid' });
      answer.breakdowns.forEach(function (b, i) {
        var total = b.items.reduce(function (a, it) { return a + it.runs; }, 0);
        var rows = b.items.map(function (it) {
          var share = total ? it.runs / total : 0;
          var bar = el('div', { class: 'bar' });
          bar.style.width = Math.round(share * 100) + '%';
          return [it.key, num(it.runs), pct(share), bar];
        });
        var note = DIMENSIONS[i][0] === 'framework' ? el('p', { class: 'note', text: 'A run with several engines counts once for each.' }) : null;
        grid.appendChild(card(DIMENSIONS[i][1], 'env-' + DIMENSIONS[i][0],
          [table('table-' + DIMENSIONS[i][0], [DIMENSIONS[i][1].replace(/s$/, ''), 'Runs', 'Share', ''], rows, [false, true, true, false]), note]));
      });
      return grid;
    });
  }

  function trends(s) {
    return Promise.all([api('series', s, { interval: interval(s), split: 'java' }), api('releases', s)]).then(function (r) {
      var data = r[0], rel = r[1].releases;
      var xs = data.points.map(function (p) { return ts(p.start); });
      var grid = el('div', { class: 'grid' });
      var per = { day: 'day', week: 'week', month: 'month' }[data.interval];
      grid.appendChild(timeChart('chart-runs', 'Runs per ' + per, xs, splitSeries(data, '', function (p) { return p.runs; }), rel, num));
      grid.appendChild(timeChart('chart-duration', 'Mean duration', xs, splitSeries(data, '', function (p) { return p.meanDurationMs; }), rel, ms));
      grid.appendChild(timeChart('chart-heap', 'Mean peak heap', xs, splitSeries(data, '', function (p) { return p.meanPeakHeapBytes; }), rel, mib));
      grid.appendChild(timeChart('chart-tests', 'Mean tests per run', xs, splitSeries(data, '', function (p) { return p.meanTests; }), rel, function (v) { return num(v, 1); }));
      var cov = splitSeries(data, 'Line', function (p) { return p.coverage.line; }, 0)
        .concat(splitSeries(data, 'Branch', function (p) { return p.coverage.branch; }, 4));
      grid.appendChild(timeChart('chart-coverage', 'Coverage (line, branch)', xs, cov, rel, pct));
      if (data.points.some(function (p) { return p.assertions; })) {
        grid.appendChild(timeChart('chart-assertions', 'Assertions per test', xs, splitSeries(data, '', assertionsPerTest), rel, dec));
      }
      return grid;
    });
  }

  function outcomes(s, summary) {
    return Promise.all([api('series', s, { interval: interval(s) }), api('releases', s)]).then(function (r) {
      var data = r[0], rel = r[1].releases;
      var t = summary.tests;
      var voids = data.points.filter(function (p) { return p.voidTests; });
      var rows = OUTCOMES.map(function (o) { return [o, num(t[o]), pct(ratio(t[o], t.total))]; });
      rows.push(['total', num(t.total), pct(t.total ? 1 : null)]);
      if (voids.length) {
        var v = voids.reduce(function (a, p) { return a + p.voidTests.total; }, 0);
        rows.push(['void (no assertion)', num(v), pct(ratio(v, t.total))]);
      }
      var grid = el('div', { class: 'grid' });
      grid.appendChild(card('Outcomes, all runs', 'outcome-totals', [table('table-outcomes', ['Outcome', 'Tests', 'Share'], rows, [false, true, true]),
        el('p', { class: 'note', text: 'total = passed + failed + errored + skipped + aborted + incomplete; flaky tests are among the passed.' })]));
      var xs = data.points.map(function (p) { return ts(p.start); });
      var series = OUTCOMES.filter(function (o) { return o !== 'passed'; }).map(function (o) {
        return { label: o, color: OUTCOME_COLORS[o], values: data.points.map(function (p) { return p.tests[o]; }) };
      });
      grid.appendChild(timeChart('chart-passed', 'Passed tests', xs, [{ label: 'passed', color: OUTCOME_COLORS.passed, width: 2,
        values: data.points.map(function (p) { return p.tests.passed; }) }], rel, num));
      if (voids.length) {
        series.push({ label: 'void', color: OUTCOME_COLORS['void'], values: data.points.map(function (p) { return p.voidTests ? p.voidTests.total : null; }) });
      }
      grid.appendChild(timeChart('chart-outcomes', 'Other outcomes', xs, series, rel, num));
      return grid;
    });
  }

  function sizes(s) {
    return Promise.all([api('series', s, { interval: interval(s) }), api('releases', s)]).then(function (r) {
      var data = r[0], rel = r[1].releases;
      var runs = 0, classes = 0, methods = 0, tests = 0;
      data.points.forEach(function (p) { runs += p.runs; classes += p.meanClasses * p.runs; methods += p.meanMethods * p.runs; tests += p.tests.total; });
      var grid = el('div', { class: 'grid' });
      grid.appendChild(card('Suite sizes, all runs', 'size-totals', [table('table-sizes', ['Measure', 'Value'], [
        ['Classes per run', num(ratio(classes, runs), 1)], ['Methods per class', num(ratio(methods, classes), 2)],
        ['Tests per method', num(ratio(tests, methods), 2)], ['Tests per run', num(ratio(tests, runs), 1)]], [false, true])]));
      var xs = data.points.map(function (p) { return ts(p.start); });
      grid.appendChild(timeChart('chart-classes', 'Classes per run', xs, [{ label: 'classes per run', color: COLORS[1], width: 2,
        values: data.points.map(function (p) { return p.meanClasses; }) }], rel, function (v) { return num(v, 1); }));
      grid.appendChild(timeChart('chart-methods', 'Methods per class, tests per method', xs, [
        { label: 'methods per class', color: COLORS[2], width: 2, values: data.points.map(function (p) { return ratio(p.meanMethods, p.meanClasses); }) },
        { label: 'tests per method', color: COLORS[4], width: 2, values: data.points.map(function (p) { return ratio(p.meanTests, p.meanMethods); }) }], rel, dec));
      return grid;
    });
  }

  function projects(s) {
    return Promise.all([api('projects', s, { by: 'runs', limit: 20 }), api('projects', s, { by: 'size', limit: 20 })]).then(function (r) {
      function rows(list) {
        return list.projects.map(function (p) {
          var link = el('a', { href: '?' + new URLSearchParams({ view: 'trends', vendor: p.vendor || '', project: p.project || '' }).toString(), text: p.project || '(none)' });
          return [p.vendor || '(none)', link, num(p.runs), num(p.tests), num(p.meanTests, 1)];
        });
      }
      var a = r[0].anonymized;
      var grid = el('div', { class: 'grid' });
      var heads = ['Vendor', 'Project', 'Runs', 'Tests', 'Tests per run'], numeric = [false, false, true, true, true];
      grid.appendChild(card('Top projects by runs', 'projects-runs', [table('table-projects-runs', heads, rows(r[0]), numeric),
        el('p', { class: 'note', id: 'anonymized', text: 'Anonymized projects (only counted, never listed): ' + num(a.projects) + ' projects, ' + num(a.runs) + ' runs.' })]));
      grid.appendChild(card('Top projects by size', 'projects-size', [table('table-projects-size', heads, rows(r[1]), numeric)]));
      return grid;
    });
  }

  function kpis(summary) {
    var box = document.getElementById('kpis');
    box.textContent = '';
    var t = summary.tests;
    [['runs', 'Runs', summary.runs], ['tests', 'Tests', t.total], ['passed', 'Passed', t.passed], ['failed', 'Failed', t.failed],
      ['errored', 'Errored', t.errored], ['skipped', 'Skipped', t.skipped], ['aborted', 'Aborted', t.aborted],
      ['incomplete', 'Incomplete', t.incomplete], ['flaky', 'Flaky', t.flaky]].forEach(function (k) {
      box.appendChild(el('div', { class: 'kpi', id: 'kpi-' + k[0] }, [el('div', { class: 'label', text: k[1] }), el('div', { class: 'value', text: num(k[2]) })]));
    });
  }

  var generation = 0;

  function render() {
    var s = state();
    var mine = ++generation;
    delete document.body.dataset.loaded; // set again when this state is on screen (tests wait for it)
    document.querySelectorAll('#views a').forEach(function (a) { a.classList.toggle('active', a.dataset.view === s.view); });
    FILTERS.forEach(function (f) { document.getElementById('f-' + f).value = s[f]; });
    var setting = '-Dtelemetry.enabled=true -Dtelemetry.endpoint=' + location.origin;
    document.getElementById('first-report-setting').textContent = setting;
    document.getElementById('first-report-command').textContent = 'mvn test ' + setting;
    var view = document.getElementById('view');
    var error = document.getElementById('error');
    document.body.classList.add('loading');
    api('summary', s).then(function (summary) {
      var filtered = ['vendor', 'project', 'from', 'to'].some(function (f) { return s[f]; });
      document.getElementById('empty').hidden = !(summary.runs === 0 && !filtered);
      document.getElementById('nomatch').hidden = !(summary.runs === 0 && filtered);
      kpis(summary);
      if (summary.runs === 0) { return null; }
      var build = { environments: environments, trends: trends, outcomes: outcomes, sizes: sizes, projects: projects }[s.view];
      return build(s, summary);
    }).then(function (content) {
      if (mine !== generation) { return; }
      plots.forEach(function (p) { p.destroy(); });
      plots = [];
      view.textContent = '';
      error.hidden = true;
      if (content) {
        view.appendChild(content);
        mountCharts(content);
      }
      document.body.classList.remove('loading');
      document.body.dataset.loaded = s.view;
    }).catch(function (e) {
      if (mine !== generation) { return; }
      error.hidden = false;
      error.textContent = e.message;
      document.body.classList.remove('loading');
      document.body.dataset.loaded = 'error';
    });
  }

  document.getElementById('views').addEventListener('click', function (e) {
    var a = e.target.closest('a[data-view]');
    if (!a) { return; }
    e.preventDefault();
    var s = state();
    s.view = a.dataset.view;
    go(s, true);
  });
  document.getElementById('filters').addEventListener('submit', function (e) {
    e.preventDefault();
    var s = state();
    FILTERS.forEach(function (f) { s[f] = document.getElementById('f-' + f).value.trim(); });
    go(s, true);
  });
  document.getElementById('f-clear').addEventListener('click', function () {
    go({ view: state().view }, true);
  });
  window.addEventListener('popstate', render);
  render();
}());
