/**
 * The report's only script: sorts and filters the destination table from the JSON block. Plain ES2017, no
 * network, no eval, no innerHTML (rows are existing elements, moved or hidden), allowed by its SHA-256 hash.
 *
 * A report made with --baseline gets three more lines: a "since baseline" filter (new / seen). They are left
 * out otherwise, so a run without a baseline carries exactly the script (and CSP hash) it always had.
 */
export function clientScript(baseline: boolean): string {
  const only = (text: string): string => (baseline ? text : '');
  return `
(function () {
  'use strict';
  var table = document.getElementById('destinations');
  var dataEl = document.getElementById('destination-data');
  var filter = document.getElementById('filter');
  var riskFilter = document.getElementById('risk-filter');
  var count = document.getElementById('row-count');${only("\n  var sinceFilter = document.getElementById('baseline-filter');")}
  if (!table || !dataEl || !filter || !riskFilter || !count) return;
  var data;
  try { data = JSON.parse(dataEl.textContent || '[]'); } catch (e) { return; }
  var body = table.tBodies[0];
  var rows = {};
  Array.prototype.forEach.call(body.rows, function (tr) { rows[tr.getAttribute('data-row')] = tr; });
  var state = { key: null, dir: 1 };

  function apply() {
    var q = filter.value.trim().toLowerCase();
    var risk = riskFilter.value;${only("\n    var since = sinceFilter ? sinceFilter.value : '';")}
    var shown = 0;
    data.forEach(function (d) {
      var tr = rows[String(d.row)];
      if (!tr) return;
      var ok = (q === '' || d.text.indexOf(q) !== -1) && (risk === '' || d.riskName === risk)${only(" &&\n        (since === '' || d.baseline === since)")};
      tr.hidden = !ok;
      if (ok) shown++;
    });
    count.textContent = shown + ' of ' + data.length + ' destinations';
  }

  function sortBy(key) {
    state.dir = state.key === key ? -state.dir : (key === 'out' || key === 'in' || key === 'flows' ? -1 : 1);
    state.key = key;
    var sorted = data.slice().sort(function (a, b) {
      var x = a[key], y = b[key];
      var c = typeof x === 'number' ? x - y : String(x).localeCompare(String(y));
      return c !== 0 ? c * state.dir : a.row - b.row;
    });
    sorted.forEach(function (d) { var tr = rows[String(d.row)]; if (tr) body.appendChild(tr); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
      if (th.getAttribute('data-key') === key) th.setAttribute('aria-sort', state.dir === 1 ? 'ascending' : 'descending');
      else th.removeAttribute('aria-sort');
    });
  }

  table.tHead.addEventListener('click', function (ev) {
    var t = ev.target;
    var btn = t && t.closest ? t.closest('button.sort') : null;
    if (btn) sortBy(btn.getAttribute('data-key'));
  });
  filter.addEventListener('input', apply);
  riskFilter.addEventListener('change', apply);${only("\n  if (sinceFilter) sinceFilter.addEventListener('change', apply);")}
  apply();
})();
`.trim();
}

/** The script of a report without a baseline. */
export const CLIENT_SCRIPT = clientScript(false);
