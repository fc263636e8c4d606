import { readFileSync } from 'node:fs';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { parseGroup } from '../../src/config/parse.js';
import { buildSchedule } from '../../src/schedule/build.js';
import { buildCalendarModel, renderPublish, renderRequest } from '../../src/calendar/index.js';
import { expandIcs, parseIcs } from '../helpers/ical.js';

const NOW = DateTime.fromISO('2026-11-01T12:00:00Z', { zone: 'UTC' });
const wg14 = parseGroup(readFileSync(new URL('../../config/wg-14.yaml', import.meta.url), 'utf8'), 'config/wg-14.yaml').group!;

function held(group: typeof wg14, window: { from: string; to: string }) {
  return buildSchedule(group, window)
    .filter((o) => o.status !== 'skipped')
    .map((o) => [o.start.toMillis(), o.end.toMillis()]);
}

describe('example config round trip through ical.js', () => {
  it.each([
    ['2019', { from: '2019-01-01', to: '2019-12-31' }],
    ['2019 H2', { from: '2019-07-01', to: '2019-12-31' }],
    ['2027', { from: '2027-01-01', to: '2027-12-31' }],
    ['Sept 2019 - Aug 2020', { from: '2019-09-18', to: '2020-08-31' }],
  ])('%s: expansion equals the schedule', (_name, window) => {
    const model = buildCalendarModel(wg14, window);
    for (const text of [renderPublish([model], { now: NOW }), renderRequest(model, { now: NOW })]) {
      const got = expandIcs(text).map((i) => [i.start, i.end]);
      expect(got).toEqual(held(wg14, window));
    }
  });

  it('writes METHOD and STATUS', () => {
    const model = buildCalendarModel(wg14, { from: '2019-01-01', to: '2019-12-31' });
    expect(parseIcs(renderPublish([model], { now: NOW })).method).toBe('PUBLISH');
    expect(parseIcs(renderRequest(model, { now: NOW })).method).toBe('REQUEST');
    expect(new Set(expandIcs(renderPublish([model], { now: NOW })).map((i) => i.status))).toEqual(new Set(['CONFIRMED']));
  });
});
