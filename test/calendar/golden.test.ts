// Golden files: the example config's calendars with a fixed clock. Regenerate deliberately with
// UPDATE_GOLDEN=1 npx vitest run test/calendar/golden.test.ts, and review the diff
// (test/helpers/golden.ts: a missing golden fails; compared byte for byte).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCalendarModel, computeChanges, planCancel, renderCancel, renderPublish, renderRequest } from '../../src/calendar/index.js';
import { checkGolden, expectGolden as golden } from '../helpers/golden.js';
import { expandIcs, parseIcs } from '../helpers/ical.js';
import { wg14 } from './fixtures.js';

const NOW = DateTime.fromISO('2019-07-20T12:00:00Z', { zone: 'UTC' });
const W2019 = { from: '2019-01-01', to: '2019-12-31' };

describe('golden calendars of config/wg-14.yaml, 2019', () => {
  const group = wg14();
  const model = buildCalendarModel(group, W2019);

  it('public feed', () => {
    golden('wg-14-2019-feed.ics', renderPublish([model], { now: NOW }));
  });

  it('public feed with links', () => {
    golden('wg-14-2019-feed-links.ics', renderPublish([model], { now: NOW, includeLinks: true }));
  });

  it('invitation', () => {
    const text = renderRequest(model, { now: NOW });
    golden('wg-14-2019-invite.ics', text);
    expect(parseIcs(text).method).toBe('REQUEST');
    expect(expandIcs(text)).toHaveLength(11); // January to November; December is skipped
  });

  it('cancellation of the 15 October 2019 meeting', () => {
    const state = computeChanges(undefined, model).state;
    const planned = planCancel(state, { uid: 'wg-14-s1-2019-09-01-2019@tcon.invalid', ruleDate: '2019-10-15' })!;
    golden('wg-14-2019-cancel-2019-10-15.ics', renderCancel(group, [planned.cancellation], { now: NOW }));
  });
});

describe('golden files themselves', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tcon-golden-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('a missing golden fails (and is not written); UPDATE_GOLDEN writes it; then it must match', () => {
    const path = join(dir, 'new.ics');
    expect(() => checkGolden(path, 'BEGIN:VCALENDAR\r\n', false)).toThrow(/new\.ics is missing: write it with UPDATE_GOLDEN=1/);
    expect(() => checkGolden(path, 'BEGIN:VCALENDAR\r\n', false)).toThrow(/missing/);
    checkGolden(path, 'BEGIN:VCALENDAR\r\n', true);
    checkGolden(path, 'BEGIN:VCALENDAR\r\n', false);
    expect(() => checkGolden(path, 'BEGIN:VCALENDAR\r\nX:1\r\n', false)).toThrow();
  });

  it("the VTIMEZONEs are tcon's own (bundled tz database): no LAST-MODIFIED or other library data date, so nothing is normalised", () => {
    const text = renderRequest(buildCalendarModel(wg14(), W2019), { now: NOW });
    const blocks = [...text.matchAll(/BEGIN:VTIMEZONE\r\n[\s\S]*?END:VTIMEZONE\r\n/g)].map((m) => m[0]);
    expect(blocks).toHaveLength(1);
    expect(blocks[0]).toMatch(/^BEGIN:VTIMEZONE\r\nTZID:America\/New_York\r\n/);
    expect(blocks[0]).not.toMatch(/LAST-MODIFIED|TZURL|X-LIC-LOCATION/);
  });
});
