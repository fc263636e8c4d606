/// <reference lib="dom" />
// The page functions passed to page.evaluate/$$eval run in the browser: they need the DOM types.
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import ICAL from 'ical.js';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tcon } from '../helpers/cli.js';

/*
 * The generated site in a real browser: Debian's Chromium (/usr/bin/chromium, installed by
 * .ci/run) driven by playwright-core, which never downloads a browser. Readers in Tokyo and Los
 * Angeles are browser contexts with those zones (timezoneId).
 */

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'plan');
const SHOTS = join(import.meta.dirname, '..', '..', 'test-output');

// CI installs Chromium (.ci/run), so there a missing browser fails the run. On a developer's
// machine without it the browser tests are skipped, saying so (TCON_SKIP_BROWSER=1 skips them anywhere).
if (!existsSync(CHROMIUM) && !process.env.TCON_SKIP_BROWSER) {
  if (process.env.CI) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (as .ci/run does), or set TCON_SKIP_BROWSER=1`);
  console.warn(`tcon tests: ${CHROMIUM} is missing: the browser tests of tcon site are skipped (apt-get install -y chromium, as .ci/run does)`);
  process.env.TCON_SKIP_BROWSER = '1';
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css',
  '.js': 'text/javascript',
  '.ics': 'text/calendar; charset=utf-8',
  '.png': 'image/png',
};

/** A tiny static file server on 127.0.0.1, as a web host would serve the site. */
function serve(root: string): Promise<{ server: Server; base: string }> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const rel = normalize(decodeURIComponent(url.pathname)).replace(/^[/\\]+/, '') || 'index.html';
    const path = join(root, rel);
    if (!path.startsWith(root + sep)) {
      res.writeHead(403).end();
      return;
    }
    readFile(path).then(
      (body) => res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(body),
      () => res.writeHead(404).end('not found'),
    );
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok({ server, base: `http://127.0.0.1:${(server.address() as { port: number }).port}/` })));
}

let dir: string;
let site: string;
let server: Server;
let base: string;
let browser: Browser;

async function open(zone: string, path: string): Promise<Page> {
  const context = await browser.newContext({ timezoneId: zone, locale: 'en-GB', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(base + path);
  expect(errors).toEqual([]);
  return page;
}

/** The reader's-zone column, row by row. */
const localColumn = (page: Page) => page.$$eval('table.meetings tbody td.local', (tds) => tds.map((td) => td.textContent));

describe.skipIf(!existsSync(CHROMIUM))('tcon site in headless Chromium', () => {
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tcon-site-'));
    await cp(FIXTURE, join(dir, 'config'), { recursive: true });
    // wg-gamma's page is private: it may show join links.
    const gamma = await readFile(join(dir, 'config', 'wg-gamma.yaml'), 'utf8');
    await writeFile(join(dir, 'config', 'wg-gamma.yaml'), `${gamma}site: { private: true }\n`);
    site = join(dir, 'public');
    const r = await tcon(['site', '--out', 'public', '--year', '2027', '--now', '2027-01-01T00:00Z'], { cwd: dir });
    expect(r.stderr).toBe('tcon: wrote 10 files to public (3 group pages, 4 feeds)\n');
    expect(r.code).toBe(0);
    ({ server, base } = await serve(site));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((ok) => (server ? server.close(ok) : ok(undefined)));
    await rm(dir, { recursive: true, force: true });
  }, 30_000);

  it('a Tokyo reader sees Tokyo times (10:00 US ET is midnight in Tokyo, the next day)', async () => {
    const page = await open('Asia/Tokyo', 'wg-alpha.html');
    const local = await localColumn(page);
    expect(local[0]).toBe('Wed 20 Jan 2027, 00:00–01:00');
    // 23 March (moved out of the F2F week): 10:00 EDT = 23:00 JST.
    expect(local).toContain('Tue 23 Mar 2027, 23:00–00:00');
    expect(await page.textContent('[data-zone-name]')).toBe('Asia/Tokyo');
    expect(await page.$eval('#zone', (s) => (s as HTMLSelectElement).selectedOptions[0]!.textContent)).toBe('Your zone (Asia/Tokyo)');
    // The group-zone column does not move.
    expect(await page.textContent('table.meetings tbody tr:first-child td')).toBe('10:00–11:00');
    await mkdir(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, 'site-wg-alpha-tokyo.png'), fullPage: true });
    await page.context().close();
  });

  it('a Los Angeles reader sees Los Angeles times, across the DST change', async () => {
    const page = await open('America/Los_Angeles', 'wg-alpha.html');
    const local = await localColumn(page);
    expect(local[0]).toBe('Tue 19 Jan 2027, 07:00–08:00');
    expect(local).toContain('Tue 23 Mar 2027, 07:00–08:00');
    expect(await page.textContent('[data-zone-name]')).toBe('America/Los_Angeles');
    await page.screenshot({ path: join(SHOTS, 'site-wg-alpha-los-angeles.png'), fullPage: true });
    await page.context().close();
  });

  it('the zone picker shows the times in a chosen zone, and remembers it', async () => {
    const page = await open('America/Los_Angeles', 'wg-alpha.html');
    expect(await page.$eval('label[for="zone"]', (l) => l.textContent)).toBe('Show “Your time” in');
    await page.selectOption('#zone', 'Europe/Paris');
    expect((await localColumn(page))[0]).toBe('Tue 19 Jan 2027, 16:00–17:00');
    expect(await page.textContent('[data-zone-name]')).toBe('Europe/Paris');
    await page.reload();
    expect((await localColumn(page))[0]).toBe('Tue 19 Jan 2027, 16:00–17:00');
    // Zones beyond the roster's come from the browser's own list.
    expect(await page.$$eval('#zone option', (os) => os.length)).toBeGreaterThan(300);
    await page.context().close();
  });

  it('the coverage heat map is drawn: regions x meetings, colored by rating', async () => {
    const page = await open('Asia/Tokyo', 'wg-alpha.html');
    const grid = await page.$$eval('table.heatmap tbody tr', (trs) =>
      trs.map((tr) => ({
        region: tr.querySelector('th')!.textContent,
        cells: [...tr.querySelectorAll('td')].map((td) => ({ cls: td.className, bg: getComputedStyle(td).backgroundColor, text: td.textContent })),
      })),
    );
    const meetings = await page.$$eval('table.heatmap thead th[scope="col"]', (ths) => ths.length - 1);
    expect(meetings).toBe(11); // held meetings (August skipped)
    expect(grid.length).toBeGreaterThanOrEqual(6);
    for (const row of grid) expect(row.cells).toHaveLength(meetings);
    const japan = grid.find((r) => r.region!.startsWith('Japan'))!;
    expect(japan.cells[0]).toEqual({ cls: 'r-poor', bg: 'rgb(246, 193, 193)', text: 'poor00:00 +1d' });
    const usEast = grid.find((r) => r.region!.includes('America/New_York'))!;
    expect(usEast.cells.every((c) => c.cls === 'r-good' && c.bg === 'rgb(183, 228, 199)')).toBe(true);
    await page.context().close();
  });

  it('every link resolves: pages, assets and the generated feeds, which ical.js reads', async () => {
    const page = await open('UTC', 'index.html');
    const pages = ['index.html', ...(await page.$$eval('table.groups a[href$=".html"]', (as) => as.map((a) => a.getAttribute('href')!)))];
    expect(pages).toEqual(['index.html', 'wg-alpha.html', 'wg-beta.html', 'wg-gamma.html']);
    const hrefs = new Set<string>();
    for (const p of pages) {
      await page.goto(base + p);
      for (const h of await page.$$eval('a[href], link[href], script[src]', (els) =>
        els.map((e) => (e as HTMLAnchorElement).href || (e as HTMLScriptElement).src),
      )) {
        hrefs.add(h);
      }
    }
    const local = [...hrefs].filter((h) => h.startsWith(base));
    const external = [...hrefs].filter((h) => !h.startsWith(base) && !h.includes('#'));
    // Only the private page (wg-gamma) links out: its join link. No CDN anywhere.
    expect(external).toEqual(['https://meet.example.org/gamma']);
    for (const h of local) {
      const res = await page.request.get(h);
      expect(res.status(), h).toBe(200);
    }
    const feed = await page.request.get(`${base}feeds/wg-alpha.ics`);
    expect(feed.headers()['content-type']).toContain('text/calendar');
    const cal = new ICAL.Component(ICAL.parse(await feed.text()));
    expect(cal.getFirstPropertyValue('method')).toBe('PUBLISH');
    const events = cal.getAllSubcomponents('vevent');
    expect(events.length).toBeGreaterThan(0);
    // The moved meeting says why, in the feed too.
    expect(events.map((e) => e.getFirstPropertyValue('description'))).toContain('moved from 16 Mar: F2F week, Berlin');
    // A public page's feed carries no join link.
    expect(await feed.text()).not.toContain('meet.example.org');
    const all = new ICAL.Component(ICAL.parse(await (await page.request.get(`${base}feeds/all.ics`)).text()));
    expect(new Set(all.getAllSubcomponents('vevent').map((e) => String(e.getFirstPropertyValue('summary'))))).toEqual(
      new Set(['WG Alpha', 'WG Beta', 'WG Gamma']),
    );
    await page.context().close();
  });

  it('join links only on a private page', async () => {
    const pub = await readFile(join(site, 'wg-alpha.html'), 'utf8');
    expect(pub).not.toContain('meet.example.org');
    const page = await open('UTC', 'wg-gamma.html');
    expect(await page.$$eval('table.meetings thead th', (ths) => ths.map((t) => t.textContent))).toEqual([
      'Date',
      'Time (US ET)',
      'Your time (UTC)',
      'Status',
      'Note',
      'Join',
    ]);
    expect(await page.$$eval('table.meetings a', (as) => new Set(as.map((a) => a.getAttribute('href'))).size)).toBe(1);
    await page.context().close();
  });

  it('accessible markup: real tables with captions and scoped headers, a labelled picker, one h1', async () => {
    const page = await open('UTC', 'wg-alpha.html');
    const report = await page.evaluate(() => ({
      lang: document.documentElement.lang,
      h1: document.querySelectorAll('h1').length,
      tables: [...document.querySelectorAll('table')].map((t) => ({
        caption: !!t.querySelector('caption')?.textContent,
        unscoped: [...t.querySelectorAll('th')].filter((th) => !th.getAttribute('scope')).length,
      })),
      unlabelled: [...document.querySelectorAll('select, input')].filter((el) => !document.querySelector(`label[for="${el.id}"]`)).length,
      landmarks: !!document.querySelector('main') && !!document.querySelector('nav'),
    }));
    expect(report).toEqual({
      lang: 'en',
      h1: 1,
      tables: [
        { caption: true, unscoped: 0 },
        { caption: true, unscoped: 0 },
      ],
      unlabelled: 0,
      landmarks: true,
    });
    await page.context().close();
  });

  it('contrast: text and heat map colors reach WCAG AA (4.5:1)', async () => {
    const page = await open('UTC', 'wg-alpha.html');
    const pairs = await page.$$eval('body, table.heatmap td, a, thead th', (els) =>
      els.map((el) => {
        const s = getComputedStyle(el);
        let bgEl: Element | null = el;
        let bg = s.backgroundColor;
        while (bgEl && (bg === 'rgba(0, 0, 0, 0)' || bg === 'transparent')) {
          bgEl = bgEl.parentElement;
          bg = bgEl ? getComputedStyle(bgEl).backgroundColor : 'rgb(255, 255, 255)';
        }
        return [s.color, bg === 'rgba(0, 0, 0, 0)' ? 'rgb(255, 255, 255)' : bg];
      }),
    );
    const lum = (rgb: string) => {
      const [r, g, b] = rgb
        .match(/\d+/g)!
        .slice(0, 3)
        .map((v) => {
          const c = Number(v) / 255;
          return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
        }) as [number, number, number];
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    for (const [fg, bg] of pairs) {
      const [a, b] = [lum(fg!), lum(bg!)].sort((x, y) => y - x) as [number, number];
      expect((a + 0.05) / (b + 0.05), `${fg} on ${bg}`).toBeGreaterThanOrEqual(4.5);
    }
    await page.context().close();
  });

  it('printable: print media hides the picker and navigation, keeps the tables and the heat map colors', async () => {
    const page = await open('UTC', 'wg-alpha.html');
    await page.emulateMedia({ media: 'print' });
    const shown = await page.evaluate(() => ({
      picker: getComputedStyle(document.querySelector('.picker')!).display,
      nav: getComputedStyle(document.querySelector('nav')!).display,
      table: getComputedStyle(document.querySelector('table.meetings')!).display,
      heat: getComputedStyle(document.querySelector('table.heatmap td')!).backgroundColor,
    }));
    expect(shown).toEqual({ picker: 'none', nav: 'none', table: 'table', heat: expect.stringMatching(/^rgb\(/) });
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await writeFile(join(SHOTS, 'site-wg-alpha-print.pdf'), pdf);
    await page.context().close();
  });
});
