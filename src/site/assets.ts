/*
 * The site's stylesheet and script, written next to the pages (no CDN, no build step). The
 * script only fills in the reader's-zone column and the zone picker; without it the page still
 * shows every time in the group zone and in UTC.
 */

export const SITE_CSS = `:root {
  --text: #1b1b1b; --muted: #4a4a4a; --bg: #ffffff; --line: #8a8a8a; --link: #0b57d0; --head: #eef1f5;
  --good-bg: #b7e4c7; --good-fg: #0b3d1f; --fair-bg: #ffe8a3; --fair-fg: #4a3500; --poor-bg: #f6c1c1; --poor-fg: #5c0a0a;
}
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 72rem; padding: 1rem 1.25rem 3rem; font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--text); background: var(--bg); }
a { color: var(--link); }
a:focus-visible, select:focus-visible { outline: 3px solid #f2a900; outline-offset: 2px; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem; z-index: 1; }
h1 { font-size: 1.8rem; margin: .5rem 0; }
h2 { font-size: 1.3rem; margin-top: 2rem; }
.muted { color: var(--muted); }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
th, td { border: 1px solid var(--line); padding: .35rem .5rem; text-align: left; vertical-align: top; }
thead th { background: var(--head); }
tbody th { font-weight: 600; }
tr.status-skipped td, tr.status-skipped th { color: var(--muted); font-style: italic; }
.status { white-space: nowrap; }
.picker { margin: .5rem 0; }
.picker select { font: inherit; padding: .2rem; max-width: 100%; }
.scroll { overflow-x: auto; }
table.heatmap { width: auto; font-size: .85rem; }
table.heatmap td { text-align: center; white-space: nowrap; min-width: 4.5rem; }
table.heatmap td .rating { display: block; font-weight: 600; }
td.r-good, .swatch.r-good { background: var(--good-bg); color: var(--good-fg); }
td.r-fair, .swatch.r-fair { background: var(--fair-bg); color: var(--fair-fg); }
td.r-poor, .swatch.r-poor { background: var(--poor-bg); color: var(--poor-fg); }
.legend { list-style: none; padding: 0; display: flex; gap: 1rem; flex-wrap: wrap; }
.swatch { display: inline-block; padding: 0 .4rem; border: 1px solid var(--line); font-weight: 600; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; color: #000; }
  .skip, .picker, nav, .no-print { display: none !important; }
  a { color: #000; text-decoration: none; }
  a[href^="http"]::after { content: " <" attr(href) ">"; font-size: 8pt; }
  h2 { break-after: avoid; }
  tr, td, th { break-inside: avoid; }
  thead { display: table-header-group; }
  table.heatmap td, .swatch { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .scroll { overflow: visible; }
  @page { margin: 1.5cm; }
}
`;

export const SITE_JS = `(function () {
  'use strict';
  var cells = document.querySelectorAll('[data-start]');
  var select = document.getElementById('zone');
  if (!cells.length) return;
  var browserZone = 'UTC';
  try { browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'; } catch (e) {}
  function part(parts, type) {
    for (var i = 0; i < parts.length; i++) if (parts[i].type === type) return parts[i].value;
    return '';
  }
  function formatters(zone) {
    return {
      day: new Intl.DateTimeFormat('en-US', { timeZone: zone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }),
      time: new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    };
  }
  function render(zone) {
    var f = formatters(zone);
    for (var i = 0; i < cells.length; i++) {
      var el = cells[i];
      var s = new Date(el.getAttribute('data-start'));
      var e = new Date(el.getAttribute('data-end'));
      var d = f.day.formatToParts(s);
      el.textContent = part(d, 'weekday') + ' ' + part(d, 'day') + ' ' + part(d, 'month') + ' ' + part(d, 'year') + ', ' + f.time.format(s) + '\\u2013' + f.time.format(e);
    }
    var names = document.querySelectorAll('[data-zone-name]');
    for (var j = 0; j < names.length; j++) names[j].textContent = zone;
  }
  function valid(zone) {
    try { new Intl.DateTimeFormat('en-GB', { timeZone: zone }); return true; } catch (e) { return false; }
  }
  var zone = browserZone;
  if (select) {
    var own = document.createElement('option');
    own.value = '';
    own.textContent = 'Your zone (' + browserZone + ')';
    select.insertBefore(own, select.firstChild);
    var all = [];
    try { all = Intl.supportedValuesOf('timeZone'); } catch (e) {}
    var seen = {};
    for (var k = 0; k < select.options.length; k++) seen[select.options[k].value] = true;
    var group = document.createElement('optgroup');
    group.label = 'All zones';
    for (var z = 0; z < all.length; z++) {
      if (seen[all[z]]) continue;
      var o = document.createElement('option');
      o.value = all[z];
      o.textContent = all[z];
      group.appendChild(o);
    }
    if (group.children.length) select.appendChild(group);
    var saved = null;
    try { saved = window.localStorage.getItem('tcon-zone'); } catch (e) {}
    if (saved && valid(saved)) { select.value = saved; zone = saved; } else { select.value = ''; }
    select.addEventListener('change', function () {
      var chosen = select.value && valid(select.value) ? select.value : browserZone;
      try { window.localStorage.setItem('tcon-zone', select.value); } catch (e) {}
      render(chosen);
    });
  }
  render(zone);
})();
`;
