// The three-year replay (test/replay/scenario.ts) for a Lord Howe group (30-minute DST, +10:30 /
// +11:00): the 1st Sunday is the day the clocks change in April and October, so meetings touch
// both changes; the meeting of 3 Oct 2027 (DST starts) is held on 26 Sep, before it. The group
// then moves to Sydney time (the same offset in summer, 30 minutes apart in winter).
import { replay } from './scenario.js';

replay({
  id: 'wg-lh',
  zone: 'Australia/Lord_Howe',
  newZone: 'Australia/Sydney',
  rule1: 'FREQ=MONTHLY;BYDAY=1SU',
  slots1: ['07:00', '18:30'],
  moveLater: ['2027-03-07', '2027-03-08T10:00'],
  moveEarlier: ['2027-10-03', '2027-09-26T12:00'],
  skip: '2027-06-06',
  rule2: 'FREQ=MONTHLY;BYDAY=1TU',
  slots2: ['08:00', '17:30'],
  slot2b: '18:00',
  pull: ['2029-01-02', '2028-12-27T08:00'],
  cancel: '2029-05-01',
});
