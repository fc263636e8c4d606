// The three-year replay (test/replay/scenario.ts) for a Chatham group (+12:45 / +13:45). Its
// second rule, the first working day of each month, has no Outlook form (BYSETPOS): tcon writes
// it as one event per meeting, so the pulled and the cancelled meetings are events of their own.
// The group then moves to Auckland time (45 minutes apart all year).
import { replay } from './scenario.js';

replay({
  id: 'wg-ch',
  zone: 'Pacific/Chatham',
  newZone: 'Pacific/Auckland',
  rule1: 'FREQ=MONTHLY;BYDAY=2WE',
  slots1: ['07:45', '20:15'],
  moveLater: ['2027-03-10', '2027-03-11T09:00'],
  moveEarlier: ['2027-10-13', '2027-10-06T12:00'],
  skip: '2027-06-09',
  rule2: 'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=1',
  slots2: ['08:00', '19:45'],
  slot2b: '20:30',
  pull: ['2029-01-01', '2028-12-28T08:00'],
  cancel: '2029-05-01',
});
