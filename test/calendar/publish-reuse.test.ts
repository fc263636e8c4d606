// CombinedFeed (issue 14): `tcon ics --all --out-dir` writes each group's feed and all.ics, which
// holds the same events; each event is written once, group by group, and a group's model can go
// before the next is made. Every feed must be byte for byte what renderPublishChunks writes of
// the same models, VTIMEZONEs (their spans over all groups) included.
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { buildCalendarModel, CombinedFeed, renderPublishChunks, type CalendarModel, type PublishOptions, type Sequences } from '../../src/calendar/index.js';
import { generatedCase, groupArb, NOW } from './generators.js';

function models(): CalendarModel[] {
  const cases = fc
    .sample(groupArb, { numRuns: 60, seed: 1414 })
    .map(generatedCase)
    .filter((c) => c !== undefined);
  return cases.slice(0, 15).map((c, i) => buildCalendarModel({ ...c!.group, id: `g${i}`, alarms: i % 3 ? [] : [15] }, c!.window));
}

const text = (ms: CalendarModel[], opts: PublishOptions) => renderPublishChunks(ms, opts).join('');

describe('feeds of every group and of them all, group by group (CombinedFeed)', () => {
  const all = models();

  it('each group feed, then all of them in one: the same bytes as each written on its own', () => {
    expect(all.length).toBe(15);
    expect(all.reduce((n, m) => n + m.events.length, 0)).toBeGreaterThan(15);
    // Groups in several zones: all.ics's VTIMEZONEs span every group's instants.
    expect(new Set(all.flatMap((m) => m.events.map((e) => e.zone))).size).toBeGreaterThan(2);
    const opts = { now: NOW, includeLinks: true };
    const feed = new CombinedFeed(opts);
    for (const m of all) expect(feed.add(m, undefined, true)!.join('')).toBe(text([m], opts));
    const merged = feed.all('all').join('');
    expect(merged).toBe(text(all, { ...opts, name: 'all' }));
    expect(merged.match(/BEGIN:VEVENT/g)?.length).toBeGreaterThanOrEqual(all.reduce((n, m) => n + m.events.length, 0));
  });

  it("each group's events at its own SEQUENCEs, without its own feed, and the default names", () => {
    const bumped = (n: number): Sequences => ({ event: () => n, meeting: () => n });
    const later = DateTime.fromISO('2027-06-01T12:00:00Z', { zone: 'utc' });
    const feed = new CombinedFeed({ now: later });
    all.forEach((m, i) => expect(feed.add(m, bumped(i))).toBeUndefined());
    const merged = feed.all().join('');
    // As the groups' feeds one after the other, each at its SEQUENCE, in one calendar named "tcon".
    const body = (m: CalendarModel, i: number) =>
      renderPublishChunks([m], { now: later, sequences: bumped(i) })
        .slice(1, -1)
        .join('');
    expect(merged).toContain(all.map(body).join(''));
    expect(merged).toMatch(/^BEGIN:VCALENDAR\r\n[^]*X-WR-CALNAME:tcon\r\n/);
    expect(merged).toMatch(/SEQUENCE:14\r\n/);
    const one = new CombinedFeed({ now: NOW });
    one.add(all[0]!);
    expect(one.all().join('')).toBe(text([all[0]!], { now: NOW }));
  });
});
