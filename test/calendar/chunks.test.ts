// Which events carry a series across runs (calendar/chunks.ts): one per series and year, whose
// span only widens, so a member's calendar only grows.
import { describe, expect, it } from 'vitest';
import { runGroup } from '../../src/app/run.js';
import { planChunks, type GroupState } from '../../src/calendar/index.js';
import { buildSchedule } from '../../src/schedule/build.js';
import { base, groupFrom } from './fixtures.js';

const group = (series: Record<string, unknown> = {}) =>
  groupFrom({ ...base, series: [{ from: '2026-01-01', rule: 'FREQ=MONTHLY;BYDAY=+3TU', slots: ['11:00', '09:00'], ...series }] });
const spans = (g: ReturnType<typeof group>, from: string, to: string, state?: GroupState) =>
  planChunks(g, { from, to }, state).map((c) => [c.uid, c.from, c.to]);
const run = (g: ReturnType<typeof group>, from: string, to: string, state?: GroupState) => runGroup(g, { from, to }, buildSchedule, state).run.state;

describe('chunks', () => {
  it('a window is split by calendar year, one UID per series and year', () => {
    expect(spans(group(), '2026-06-01', '2027-05-31')).toEqual([
      ['tg-s0-2026-01-01-2026@tcon.invalid', '2026-06-01', '2026-12-31'],
      ['tg-s0-2026-01-01-2027@tcon.invalid', '2027-01-01', '2027-05-31'],
    ]);
  });

  it('a December run for next year adds next year and leaves this year as it is', () => {
    const s = run(group(), '2027-01-01', '2027-12-31');
    expect(spans(group(), '2028-01-01', '2028-12-31', s)).toEqual([['tg-s0-2026-01-01-2028@tcon.invalid', '2028-01-01', '2028-12-31']]);
  });

  it("a later window widens a year's span (never narrows it), and re-sends it whole", () => {
    const s = run(group(), '2027-03-10', '2028-03-09');
    expect(spans(group(), '2027-06-15', '2028-06-14', s)).toEqual([
      ['tg-s0-2026-01-01-2027@tcon.invalid', '2027-03-10', '2027-12-31'],
      ['tg-s0-2026-01-01-2028@tcon.invalid', '2028-01-01', '2028-06-14'],
    ]);
    // A window inside a told span sends the whole span again: past meetings stay in the update.
    expect(spans(group(), '2027-11-01', '2027-11-30', s)).toEqual([['tg-s0-2026-01-01-2027@tcon.invalid', '2027-03-10', '2027-12-31']]);
  });

  it('an event of the first format (one per series) is kept for its span; new years get chunks around it', () => {
    const legacy: GroupState = {
      events: {
        'tg-s0-2026-01-01@tcon.invalid': {
          kind: 'series',
          sequence: 0,
          fingerprint: 'x',
          title: 'Test group',
          meetings: {
            '2027-06-15': { sequence: 0, start: '2027-06-15T15:00:00.000Z', end: '2027-06-15T16:00:00.000Z', date: '2027-06-15', zone: 'America/New_York' },
            '2028-05-16': { sequence: 0, start: '2028-05-16T15:00:00.000Z', end: '2028-05-16T16:00:00.000Z', date: '2028-05-16', zone: 'America/New_York' },
          },
        },
      },
    };
    expect(spans(group(), '2028-01-01', '2028-12-31', legacy)).toEqual([
      ['tg-s0-2026-01-01@tcon.invalid', '2027-06-15', '2028-05-16'],
      ['tg-s0-2026-01-01-2028@tcon.invalid', '2028-05-17', '2028-12-31'],
    ]);
  });

  it('a series ended early touches its later chunks whatever the window: they are cancelled whole', () => {
    const s = run(group(), '2027-01-01', '2028-12-31');
    const ended = group({ until: '2027-09-30' });
    expect(spans(ended, '2027-01-01', '2027-12-31', s).map(([uid]) => uid)).toEqual([
      'tg-s0-2026-01-01-2027@tcon.invalid',
      'tg-s0-2026-01-01-2028@tcon.invalid',
    ]);
    const r = runGroup(ended, { from: '2027-01-01', to: '2027-12-31' }, buildSchedule, s).run;
    expect(r.cancellations.find((c) => c.uid === 'tg-s0-2026-01-01-2028@tcon.invalid')?.recurrenceId).toBeUndefined();
    expect(r.state.events['tg-s0-2026-01-01-2028@tcon.invalid']!.cancelled).toBe(true);
  });
});
