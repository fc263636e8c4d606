// Feeds write their VEVENTs themselves (render.ts, "A feed's events, written here"); ical-generator
// writes the frame. The text must be what ical-generator's own event objects wrote, byte for byte:
// checked against renderPublishChunksWithGenerator (the former path, kept as the oracle) on
// generated groups (rules, zones, DST, moves, one-offs, notes, links, titles) with and without
// join links and alarms, on several groups in one feed, and on texts that need escaping and folding.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCalendarModel, computeChanges, renderPublishChunks, type CalendarModel } from '../../src/calendar/index.js';
import { renderPublishChunksWithGenerator } from '../../src/calendar/render.js';
import { base, groupFrom } from './fixtures.js';
import { generatedCase, groupArb, NOW } from './generators.js';

function same(models: CalendarModel[], opts: Parameters<typeof renderPublishChunks>[1]): string {
  const ours = renderPublishChunks(models, opts);
  const theirs = renderPublishChunksWithGenerator(models, opts);
  expect(ours.join('')).toBe(theirs.join(''));
  // The same pieces too: the frame before the events, one per VEVENT, the rest.
  expect(ours.length).toBe(theirs.length);
  return ours.join('');
}

describe("feed events written by tcon = ical-generator's", () => {
  it('generated groups, links off and on, alarms, SEQUENCEs', () => {
    let checked = 0;
    fc.assert(
      fc.property(groupArb, fc.boolean(), fc.subarray([5, 15, 60, 1440, 2 * 1440 + 90]), fc.nat(3), (spec, includeLinks, alarms, seq) => {
        const c = generatedCase(spec);
        fc.pre(c !== undefined);
        const group = { ...c!.group, alarms };
        const model = buildCalendarModel(group, c!.window);
        const sequences = { event: (uid: string) => (uid.length % 4) * seq, meeting: () => 0 };
        const text = same([model], { now: NOW, includeLinks, sequences });
        expect(text).toMatch(/^BEGIN:VCALENDAR\r\n[\s\S]*END:VCALENDAR\r\n$/);
        checked++;
      }),
      { numRuns: Number(process.env.TCON_PROP_RUNS ?? 150), seed: Number(process.env.TCON_PROP_SEED ?? 20272), endOnFailure: true },
    );
    expect(checked).toBeGreaterThan(75);
  }, 120_000);

  it('several groups in one feed (VTIMEZONEs in the order the events use their zones), and a feed with no event', () => {
    const cases = fc
      .sample(groupArb, { numRuns: 40, seed: 14 })
      .map(generatedCase)
      .filter((c) => c !== undefined);
    const models = cases.slice(0, 12).map((c, i) => buildCalendarModel({ ...c!.group, id: `g${i}` }, c!.window));
    expect(models.length).toBe(12);
    const text = same(models, { now: NOW, includeLinks: true, name: 'all; of them, 全部' });
    expect(text.match(/BEGIN:VTIMEZONE/g)?.length ?? 0).toBeGreaterThan(1);
    const empty = buildCalendarModel(
      groupFrom({ ...base, series: [{ from: '2027-01-05', until: '2027-01-05', rule: 'FREQ=WEEKLY;BYDAY=TU', slots: ['09:00'] }] }),
      { from: '2028-01-01', to: '2028-12-31' },
    );
    expect(empty.events).toEqual([]);
    expect(same([empty], { now: NOW })).not.toMatch(/BEGIN:VEVENT/);
  });

  it('texts that need escaping, cleaning and folding (multi-byte at the 75-octet boundary), UTC and zoned one-offs', () => {
    const parsed = groupFrom({
      ...base,
      title: 'Ünïcode 会議 ; with, commas \\ and a very long title that goes on past seventy-five octets 日本語のタイトル',
      link: 'https://meet.example.org/x?a=1,2;b=3',
      alarms: ['15m', '1d'],
      series: [{ from: '2027-01-05', rule: 'FREQ=WEEKLY;BYDAY=TU', slots: ['09:00', '14:00 UTC'] }],
      meetings: {
        '2027-01-12': { title: 'Moved one 🎉', move: '2027-01-13T10:00' },
        '2027-01-19': { note: 'Line one\nline two; a, b \\ c' },
        '2027-01-20': { add: ['08:00', '23:30 UTC'] },
        '2027-01-26': { skip: 'holiday' },
      },
    });
    // What the config refuses but a library caller may pass: control characters, quotes and spaces in a link.
    const group = { ...parsed, title: `${parsed.title}\u0007\tend`, link: 'https://meet.example.org/x?a=1,2;b="3" c' };
    const model = buildCalendarModel(group, { from: '2027-01-01', to: '2027-03-31' });
    const run = computeChanges(undefined, model);
    for (const includeLinks of [false, true]) same([model], { now: NOW, includeLinks, sequences: run.sequences });
  });
});
