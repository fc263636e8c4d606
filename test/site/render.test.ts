import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { coverageOfSchedule } from '../../src/coverage/index.js';
import { buildSchedule } from '../../src/schedule/build.js';
import { siteGroup, type SiteModel } from '../../src/site/model.js';
import { renderGroupPage, renderIndex, renderSite } from '../../src/site/render.js';
import { tcon } from '../helpers/cli.js';
import { group } from '../plan/fixtures.js';

const YEAR = { from: '2027-01-01', to: '2027-12-31' };
const hostile = group(`
id: wg-x
title: 'WG <script>alert(1)</script> & "Co"'
timezone: Europe/Paris
link: https://meet.example.org/x?a=1&b=2
series:
  - from: 2027-01-01
    rule: FREQ=MONTHLY;BYDAY=1MO
    slots: ["15:00"]
meetings:
  2027-02-01: { note: '<img src=x onerror=alert(1)>' }
members:
  - { name: Lea Roux, email: lea@example.org, zone: Europe/Paris }
`);

function model(isPrivate: boolean): SiteModel {
  const occ = buildSchedule(hostile, YEAR);
  return {
    title: 'Calls & <more>',
    from: YEAR.from,
    to: YEAR.to,
    groups: [siteGroup(hostile, occ, { coverage: coverageOfSchedule(hostile, occ), feed: 'feeds/wg-x.ics', private: isPrivate })],
    allFeed: undefined,
  };
}

describe('site rendering', () => {
  it('escapes every text from the config', () => {
    const html = renderGroupPage(model(true).groups[0]!, model(true));
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('WG &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('href="https://meet.example.org/x?a=1&amp;b=2"');
    expect(renderIndex(model(true))).toContain('<h1>Calls &amp; &lt;more&gt;</h1>');
  });

  it('public pages have no join links', () => {
    const html = renderGroupPage(model(false).groups[0]!, model(false));
    expect(html).not.toContain('meet.example.org');
    expect(html).not.toContain('<th scope="col">Join</th>');
  });

  it('each row carries the instants for the browser, and reads without script (group zone and UTC)', () => {
    const html = renderGroupPage(model(false).groups[0]!, model(false));
    expect(html).toContain(
      '<th scope="row"><time datetime="2027-01-04">Mon 4 Jan 2027</time></th>\n<td>15:00–16:00</td>\n<td class="local" data-start="2027-01-04T14:00:00Z" data-end="2027-01-04T15:00:00Z">2027-01-04, 14:00–15:00 UTC</td>',
    );
  });

  it('the site is index, one page per group, stylesheet and script; no external resource', () => {
    const files = renderSite(model(false));
    expect([...files.keys()]).toEqual(['index.html', 'wg-x.html', 'site.css', 'site.js']);
    for (const text of files.values()) expect(text).not.toMatch(/(src|href)="(https?:)?\/\/(?!meet\.example\.org)/);
    expect(files.get('site.css')).toContain('@media print');
  });
});

describe('tcon site', () => {
  it('writes the pages and the feeds (parsed with ical.js) into --out', async () => {
    const out = await mkdtemp(join(tmpdir(), 'tcon-site-out-'));
    try {
      const r = await tcon(['site', '--out', out, '--year', '2027', '--now', '2027-01-01T00:00Z'], { cwd: join(import.meta.dirname, '..', '..') });
      expect(r.code).toBe(0);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(`tcon: wrote 6 files to ${out} (1 group page, 2 feeds)\n`);
      expect((await readdir(out)).sort()).toEqual(['.tcon-site', 'feeds', 'index.html', 'site.css', 'site.js', 'wg-14.html']);
      expect((await readdir(join(out, 'feeds'))).sort()).toEqual(['all.ics', 'wg-14.ics']);
      const cal = new ICAL.Component(ICAL.parse(await readFile(join(out, 'feeds', 'wg-14.ics'), 'utf8')));
      const expanded = cal.getAllSubcomponents('vevent');
      expect(expanded.length).toBeGreaterThan(0);
      expect(String(expanded[0]!.getFirstPropertyValue('summary'))).toBe('DICOM WG-14 Security');
      const page = await readFile(join(out, 'wg-14.html'), 'utf8');
      expect(page).toContain('<caption>DICOM WG-14 Security: 12 meetings, 2027</caption>');
      expect(page).toContain('class="heatmap"');
      expect(page).not.toContain('gotomeeting');
      // No temporary file is left behind.
      expect((await readdir(out)).some((f) => f.endsWith('.tmp'))).toBe(false);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });

  it('--out is required', async () => {
    const r = await tcon(['site', '--year', '2027']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("required option '-o, --out <dir>' not specified");
  });
});

describe('safeUrl', () => {
  it('keeps http(s) URLs only', async () => {
    const { safeUrl } = await import('../../src/site/html.js');
    expect(safeUrl('https://meet.example.org/a')).toBe('https://meet.example.org/a');
    expect(safeUrl('javascript:alert(1)')).toBeUndefined();
    expect(safeUrl('https://x.example.org/"onmouseover="x')).toBeUndefined();
  });
});
