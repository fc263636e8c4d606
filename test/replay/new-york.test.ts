// The three-year replay (test/replay/scenario.ts) for a New York group: the moved-earlier
// config of issue 10 (3rd Thursday, 21 Oct 2027 held on 14 Oct), and a move to Chicago time.
import { replay } from './scenario.js';

replay({
  id: 'wg-ny',
  zone: 'America/New_York',
  newZone: 'America/Chicago',
  rule1: 'FREQ=MONTHLY;BYDAY=3TH',
  slots1: ['09:00', '14:00'],
  moveLater: ['2027-03-18', '2027-03-19T10:00'],
  moveEarlier: ['2027-10-21', '2027-10-14T12:00'],
  skip: '2027-06-17',
  rule2: 'FREQ=MONTHLY;BYDAY=1TH',
  slots2: ['10:00', '15:00'],
  slot2b: '16:00',
  pull: ['2029-01-04', '2028-12-28T10:00'],
  cancel: '2029-05-03',
});
