import { SITE_CSS, SITE_JS } from './assets.js';
import { esc, pageName, safeUrl } from './html.js';
import type { HeatMap, SiteGroup, SiteMeeting, SiteModel } from './model.js';

/*
 * The static site as strings: index.html, one page per group, site.css, site.js. Pure; the
 * site command adds the feeds and writes the files. Every text from the config is escaped.
 */

function page(title: string, body: string, head = ''): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<link rel="stylesheet" href="site.css">
${head}</head>
<body>
<a class="skip" href="#main">Skip to content</a>
${body}
</body>
</html>
`;
}

function period(model: SiteModel): string {
  return model.from.slice(0, 4) === model.to.slice(0, 4) && model.from.endsWith('-01-01') && model.to.endsWith('-12-31')
    ? model.from.slice(0, 4)
    : `${model.from} to ${model.to}`;
}

export function renderIndex(model: SiteModel): string {
  const rows = model.groups
    .map((g) => {
      const held = g.meetings.filter((m) => m.status !== 'skipped');
      const first = held[0];
      const feed = g.feed ? `<a href="${esc(g.feed)}" type="text/calendar">${esc(g.id)}.ics</a>` : '';
      return `<tr>
<th scope="row"><a href="${esc(pageName(g.id))}">${esc(g.title)}</a></th>
<td>${esc(g.zoneLabel)}${g.zoneLabel !== g.zone ? ` <span class="muted">(${esc(g.zone)})</span>` : ''}</td>
<td>${held.length}</td>
<td>${first ? `<time datetime="${esc(first.startUtc)}">${esc(first.dateText)}, ${esc(first.time)}</time>` : 'none'}</td>
<td>${feed}</td>
</tr>`;
    })
    .join('\n');
  const all = model.allFeed ? `<p>Every group in one calendar: <a href="${esc(model.allFeed)}" type="text/calendar">subscribe to all meetings</a>.</p>` : '';
  return page(
    `${model.title}: meetings ${period(model)}`,
    `<header>
<h1>${esc(model.title)}</h1>
<p>Meetings ${esc(period(model))}. Each group page shows the times in the group's zone and in yours.</p>
</header>
<main id="main">
${all}
<table class="groups">
<caption>Groups (${model.groups.length})</caption>
<thead><tr><th scope="col">Group</th><th scope="col">Time zone</th><th scope="col">Meetings</th><th scope="col">First meeting</th><th scope="col">Calendar feed</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</main>`,
  );
}

function meetingRow(m: SiteMeeting, g: SiteGroup): string {
  const note = [m.title ?? '', m.slotLabel && !m.slotTime?.endsWith(`, ${m.slotLabel}`) ? `Slot: ${m.slotLabel}` : '', m.note ?? '']
    .filter(Boolean)
    .map(esc)
    .join('<br>');
  const link = safeUrl(m.link);
  const join = g.private ? `<td>${link && m.status !== 'skipped' ? `<a href="${esc(link)}">Join</a>` : ''}</td>` : '';
  const fallback = `${m.startUtc.slice(11, 16)}–${m.endUtc.slice(11, 16)} UTC`;
  return `<tr class="status-${m.status}">
<th scope="row"><time datetime="${esc(m.date)}">${esc(m.dateText)}</time></th>
<td>${esc(m.time)}${m.slotTime ? ` <span class="muted">(${esc(m.slotTime)})</span>` : ''}</td>
<td class="local" data-start="${esc(m.startUtc)}" data-end="${esc(m.endUtc)}">${esc(m.startUtc.slice(0, 10))}, ${esc(fallback)}</td>
<td class="status">${m.status === 'skipped' ? 'no call' : esc(m.status)}</td>
<td>${note}</td>${join}
</tr>`;
}

function heatMap(h: HeatMap, g: SiteGroup): string {
  const head = h.meetings.map((m) => `<th scope="col"><time datetime="${esc(m.date)}">${esc(m.label)}</time></th>`).join('');
  const rows = h.regions
    .map((r, ri) => {
      const cells = h.cells[ri]!.map(
        (c) =>
          `<td class="r-${c.rating}" title="${esc(`${r.label}: ${c.rating}, starts ${c.local} local time`)}"><span class="rating">${c.rating}</span>${esc(c.local)}</td>`,
      ).join('');
      return `<tr><th scope="row">${esc(r.label)} <span class="muted">${esc(r.zone)}</span></th>${cells}</tr>`;
    })
    .join('\n');
  return `<section aria-labelledby="coverage-h">
<h2 id="coverage-h">Coverage</h2>
<p>How each region sees each meeting, by its local start time: <strong>good</strong> in working hours, <strong>fair</strong> early or late, <strong>poor</strong> at night or on a weekend.</p>
<ul class="legend" aria-label="Legend">
<li><span class="swatch r-good">good</span> working hours</li>
<li><span class="swatch r-fair">fair</span> early or late</li>
<li><span class="swatch r-poor">poor</span> night or weekend</li>
</ul>
<div class="scroll">
<table class="heatmap">
<caption>${esc(g.title)}: coverage by region (rows) and meeting (columns, ${esc(g.zoneLabel)})</caption>
<thead><tr><th scope="col">Region</th>${head}</tr></thead>
<tbody>
${rows}
</tbody>
</table>
</div>
</section>`;
}

function zoneOptions(g: SiteGroup): string {
  const zones = [g.zone, ...g.memberZones.filter((z) => z !== g.zone), ...(g.memberZones.includes('UTC') || g.zone === 'UTC' ? [] : ['UTC'])];
  return `<optgroup label="This group">${zones.map((z) => `<option value="${esc(z)}">${esc(z)}${z === g.zone ? ' (group zone)' : ''}</option>`).join('')}</optgroup>`;
}

export function renderGroupPage(g: SiteGroup, model: SiteModel): string {
  const feed = g.feed
    ? `<section aria-labelledby="subscribe-h">
<h2 id="subscribe-h">Subscribe</h2>
<p><a href="${esc(g.feed)}" type="text/calendar" data-feed>Calendar feed for ${esc(g.title)}</a> (iCalendar: add it to Outlook, Google Calendar or Apple Calendar by its address, and changes arrive by themselves).</p>
</section>`
    : '';
  const join = g.private ? '<th scope="col">Join</th>' : '';
  const rows = g.meetings.map((m) => meetingRow(m, g)).join('\n');
  return page(
    `${g.title}: meetings ${period(model)}`,
    `<header>
<nav aria-label="Site"><a href="index.html">All groups</a></nav>
<h1>${esc(g.title)}</h1>
<p>Meetings ${esc(period(model))}. Times are kept in ${esc(g.zoneLabel)}${g.zoneLabel !== g.zone ? ` (${esc(g.zone)})` : ''}; the “Your time” column shows them in your zone.</p>
<p class="rule">Rule: ${esc(g.rule)}</p>
</header>
<main id="main">
${feed}
<section aria-labelledby="meetings-h">
<h2 id="meetings-h">Meetings</h2>
<div class="picker"><label for="zone">Show “Your time” in</label> <select id="zone" name="zone">${zoneOptions(g)}</select></div>
<table class="meetings">
<caption>${esc(g.title)}: ${g.meetings.filter((m) => m.status !== 'skipped').length} meetings, ${esc(period(model))}</caption>
<thead><tr><th scope="col">Date</th><th scope="col">Time (${esc(g.zoneLabel)})</th><th scope="col">Your time (<span data-zone-name>UTC</span>)</th><th scope="col">Status</th><th scope="col">Note</th>${join}</tr></thead>
<tbody>
${rows}
</tbody>
</table>
</section>
${g.heatmap ? heatMap(g.heatmap, g) : ''}
</main>
<script src="site.js" defer></script>`,
    g.feed ? `<link rel="alternate" type="text/calendar" title="${esc(g.title)}" href="${esc(g.feed)}">\n` : '',
  );
}

/** Every page and asset of the site, by path relative to the site root. */
export function renderSite(model: SiteModel): Map<string, string> {
  const files = new Map<string, string>();
  files.set('index.html', renderIndex(model));
  for (const g of model.groups) files.set(pageName(g.id), renderGroupPage(g, model));
  files.set('site.css', SITE_CSS);
  files.set('site.js', SITE_JS);
  return files;
}
