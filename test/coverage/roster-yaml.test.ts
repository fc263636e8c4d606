import { describe, expect, it } from 'vitest';
import { importRoster, parseAttendance, renderRosterYaml } from '../../src/coverage/roster.js';

describe('renderRosterYaml header', () => {
  it('counts the members without a zone in words that agree with the number', () => {
    const rows = parseAttendance('X\tAnn\tExample\tNowhere Inc\tVoting\nX\tBob\tSample\tElsewhere Ltd\tVoting\n');
    const one = renderRosterYaml(importRoster(rows.slice(0, 1), new Map()), 'minutes.txt');
    expect(one).toContain('# 1 member has no zone (organization not in the mapping)');
    const two = renderRosterYaml(importRoster(rows, new Map()), 'minutes.txt');
    expect(two).toContain('# 2 members have no zone (organization not in the mapping)');
  });
});
