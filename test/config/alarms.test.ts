import { describe, expect, it } from 'vitest';
import { parseGroup } from '../../src/config/parse.js';

const head = 'id: g\ntitle: G\ntimezone: UTC\nseries:\n  - from: 2027-01-01\n    rule: FREQ=WEEKLY\n    slots: ["10:00"]\n';

describe('alarms config key', () => {
  it('reads units into minutes before the meeting', () => {
    expect(parseGroup(`${head}alarms: [1d, 15m, 2h, 1w]\n`, 'g.yaml').group!.alarms).toEqual([1440, 15, 120, 10080]);
    expect(parseGroup(head, 'g.yaml').group!.alarms).toEqual([]);
  });

  it.each([
    ['10', 'alarm "10" is not a reminder time'],
    ['0m', 'alarm "0m" is not a reminder time'],
    ['5y', 'alarm "5y" is not a reminder time'],
  ])('rejects %s with its position', (value, message) => {
    const r = parseGroup(`${head}alarms: [15m, "${value}"]\n`, 'g.yaml');
    expect(r.group).toBeUndefined();
    expect(r.problems).toEqual([expect.objectContaining({ line: 8, field: 'alarms[1]', message: expect.stringContaining(message), severity: 'error' })]);
  });

  it('rejects a duplicate', () => {
    const r = parseGroup(`${head}alarms: [1h, 60m]\n`, 'g.yaml');
    expect(r.problems.map((p) => p.message)).toEqual(['alarm "60m" is given twice']);
  });
});
