// Golden files: the example config's calendars with a fixed clock. Regenerate deliberately with
// UPDATE_GOLDEN=1 npx vitest run test/calendar/golden.test.ts, and review the diff.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { buildCalendarModel, computeChanges, planCancel, renderCancel, renderPublish, renderRequest } from '../../src/calendar/index.js';
import { expandIcs, parseIcs } from '../helpers/ical.js';
import { wg14 } from './fixtures.js';

const NOW = DateTime.fromISO('2019-07-20T12:00:00Z', { zone: 'UTC' });
const W2019 = { from: '2019-01-01', to: '2019-12-31' };

function golden(name: string, text: string): void {
  const url = new URL(`../golden/${name}`, import.meta.url);
  if (process.env.UPDATE_GOLDEN || !existsSync(url)) writeFileSync(url, text);
  expect(text).toBe(readFileSync(url, 'utf8'));
}

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
