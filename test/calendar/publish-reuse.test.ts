// PublishedEvents (issue 14): `tcon ics --out-dir` writes each group's feed and all.ics, which
// holds the same events; an event's text is written once and reused. The feeds must be byte for
// byte those written without reuse, and a text is reused only when what it was written with
// (SEQUENCE, DTSTAMP, links, alarms) is the same.
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { buildCalendarModel, PublishedEvents, renderPublishChunks, type CalendarModel, type PublishOptions } from '../../src/calendar/index.js';
import { generatedCase, groupArb, NOW } from './generators.js';

function models(): CalendarModel[] {
  const cases = fc
    .sample(groupArb, { numRuns: 60, seed: 1414 })
    .map(generatedCase)
    .filter((c) => c !== undefined);
  return cases.slice(0, 15).map((c, i) => buildCalendarModel({ ...c!.group, id: `g${i}`, alarms: i % 3 ? [] : [15] }, c!.window));
}

const text = (ms: CalendarModel[], opts: PublishOptions) => renderPublishChunks(ms, opts).join('');

describe('feeds that share events (PublishedEvents)', () => {
  it('each group feed, then all of them in one: the same bytes as without reuse', () => {
    const all = models();
    expect(all.length).toBe(15);
    expect(all.reduce((n, m) => n + m.events.length, 0)).toBeGreaterThan(15);
    const reuse = new PublishedEvents();
    const opts = { now: NOW, includeLinks: true };
    for (const m of all) expect(text([m], { ...opts, reuse })).toBe(text([m], opts));
    const merged = text(all, { ...opts, name: 'all', reuse });
    expect(merged).toBe(text(all, { ...opts, name: 'all' }));
    expect(merged.match(/BEGIN:VEVENT/g)?.length).toBeGreaterThanOrEqual(all.reduce((n, m) => n + m.events.length, 0));
  });

  it('an event written with another SEQUENCE, DTSTAMP or links is written again, not reused', () => {
    const all = models();
    const reuse = new PublishedEvents();
    const first = { now: NOW, includeLinks: false, reuse };
    for (const m of all) text([m], first);
    const bumped = { event: () => 7, meeting: () => 7 };
    const later = DateTime.fromISO('2027-06-01T12:00:00Z', { zone: 'utc' });
    for (const opts of [{ now: NOW, sequences: bumped }, { now: later }, { now: NOW, includeLinks: true }] as PublishOptions[]) {
      const reused = text(all, { ...opts, reuse });
      expect(reused).toBe(text(all, opts));
    }
    expect(text(all, { now: NOW, sequences: bumped, reuse })).toMatch(/SEQUENCE:7\r\n/);
  });
});
