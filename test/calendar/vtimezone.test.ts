import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { buildCalendarModel } from '../../src/calendar/index.js';
import { vtimezoneOffset } from '../../src/calendar/vtimezone.js';
import { offsetAt } from '../../src/schedule/zoned.js';
import { base, groupFrom } from './fixtures.js';

describe('the VTIMEZONEs written agree with the tz database where their rules hold', () => {
  it.each(['America/New_York', 'Europe/Berlin', 'Australia/Sydney', 'Pacific/Auckland', 'Asia/Kolkata', 'America/Santiago', 'Asia/Tokyo'])('%s, every 6 hours of 2027', (zone) => {
    const start = DateTime.fromISO('2027-01-01T00:00Z', { zone: 'utc' }).toMillis();
    for (let ms = start; ms < start + 365 * 86_400_000; ms += 6 * 3_600_000) {
      expect([zone, new Date(ms).toISOString(), vtimezoneOffset(zone, ms)]).toEqual([zone, new Date(ms).toISOString(), offsetAt(zone, ms)]);
    }
  });

  it('warns when a meeting falls in a year whose rules differ (Brazil had DST until 2019: mid-February to early November 2018 is standard time)', () => {
    const g = groupFrom({ ...base, timezone: 'America/Sao_Paulo', series: [{ from: '2018-01-01', rule: 'FREQ=MONTHLY;BYDAY=+3TU', slots: ['11:00'] }] });
    const old = buildCalendarModel(g, { from: '2018-01-01', to: '2018-12-31' });
    expect(old.warnings).toEqual([expect.stringMatching(/^the VTIMEZONE of America\/Sao_Paulo .* disagrees with the tz database for 2018-01-16, 2018-11-20, 2018-12-18: calendar clients may show those meetings at another time$/)]);
    expect(buildCalendarModel(g, { from: '2027-01-01', to: '2027-12-31' }).warnings).toEqual([]);
  });
});
