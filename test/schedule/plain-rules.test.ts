/*
 * plainRule (recurrence.ts) reads the common RRULE texts without rrule: its normalised text and
 * its options must be rrule's own, for every text it accepts, and it must leave every other
 * text to rrule.
 */
import fc from 'fast-check';
import rrulePkg from 'rrule';
import { describe, expect, it } from 'vitest';
import { parseRule, plainRule } from '../../src/schedule/recurrence.js';

const { RRule } = rrulePkg;

/** What parseRule gave for an RRULE text before plainRule: rrule's parser, then its printer. */
function rruleNormalised(text: string): string {
  return new RRule({ ...RRule.parseString(text), dtstart: null }).toString().replace(/^RRULE:/, '');
}

/** rrule's options as plain data (Weekday instances as weekday and n). */
function plainData(o: object): unknown {
  return JSON.parse(JSON.stringify(o));
}

const freq = fc.constantFrom('DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY');
const weekday = fc.constantFrom('MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU');
const ordinal = fc.oneof(
  fc.constant(''),
  fc.integer({ min: 1, max: 53 }).map(String),
  fc.integer({ min: 1, max: 53 }).map((n) => `+${n}`),
  fc.integer({ min: 1, max: 53 }).map((n) => `-${n}`),
  fc.constantFrom('0', '+0', '01', '-05', '54', '99', '+', '-'),
);
const day = fc.tuple(ordinal, weekday).map(([n, d]) => `${n}${d}`);
const interval = fc.oneof(fc.constant(undefined), fc.integer({ min: 1, max: 9999 }).map(String), fc.constantFrom('0', '01', '10000', '-1'));
const week = fc.oneof(fc.integer({ min: 1, max: 53 }).map(String), fc.constantFrom('0', '54', '01', '+4', '-1', '2.5', ''));
const weeks = fc.option(fc.array(week, { minLength: 1, maxLength: 30 }), { nil: undefined });
const text = fc
  .tuple(freq, interval, weeks, fc.option(fc.array(day, { minLength: 1, maxLength: 4 }), { nil: undefined }))
  .map(
    ([f, i, w, days]) =>
      `FREQ=${f}${i === undefined ? '' : `;INTERVAL=${i}`}${w === undefined ? '' : `;BYWEEKNO=${w.join(',')}`}${days === undefined ? '' : `;BYDAY=${days.join(',')}`}`,
  );

describe('plainRule', () => {
  it("gives rrule's normalised text and options for every text it reads", () => {
    fc.assert(
      fc.property(text, (t) => {
        const plain = plainRule(t);
        if (!plain) return;
        expect(plain.rule).toBe(rruleNormalised(t));
        expect(plainData(plain.options)).toEqual(plainData(RRule.parseString(t)));
        expect(new RRule({ ...plain.options, dtstart: null }).toString()).toBe(new RRule({ ...RRule.parseString(t), dtstart: null }).toString());
      }),
      { numRuns: 2000 },
    );
  });

  it('reads the rules configs write, and leaves the rest to rrule', () => {
    expect(plainRule('FREQ=WEEKLY;BYDAY=TU')?.rule).toBe('FREQ=WEEKLY;BYDAY=TU');
    expect(plainRule('FREQ=WEEKLY;INTERVAL=2;BYDAY=WE')?.rule).toBe('FREQ=WEEKLY;INTERVAL=2;BYDAY=WE');
    expect(plainRule('FREQ=MONTHLY;BYDAY=1TH')?.rule).toBe('FREQ=MONTHLY;BYDAY=+1TH');
    expect(plainRule('FREQ=MONTHLY;BYDAY=-1FR,2MO')?.rule).toBe('FREQ=MONTHLY;BYDAY=-1FR,+2MO');
    for (const t of [
      'INTERVAL=2;FREQ=WEEKLY;BYDAY=WE',
      'FREQ=WEEKLY;BYDAY=TU;INTERVAL=2',
      'FREQ=MONTHLY;BYMONTHDAY=1',
      'FREQ=WEEKLY;BYDAY=TU;WKST=SU',
      'FREQ=HOURLY',
      'freq=weekly',
      'FREQ=WEEKLY;BYDAY=+TU',
      'FREQ=WEEKLY;BYDAY=01TU',
      'FREQ=WEEKLY;INTERVAL=02',
      'FREQ=WEEKLY;BYDAY=',
      'FREQ=WEEKLY;BYDAY=TU,',
    ])
      expect(plainRule(t), t).toBeUndefined();
  });

  it('parseRule gives what rrule gave, for plain rules and others', () => {
    fc.assert(
      fc.property(text, (t) => {
        const parsed = parseRule(t);
        let expected: string | undefined;
        try {
          expected = rruleNormalised(t);
        } catch {
          expected = undefined;
        }
        if (parsed.ok) expect(parsed.rule).toBe(expected);
      }),
      { numRuns: 1000 },
    );
    for (const t of ['freq=monthly;byday=1th', ' RRULE:FREQ=WEEKLY;BYDAY=TU ', 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE'])
      expect(parseRule(t)).toEqual({
        ok: true,
        rule: rruleNormalised(
          t
            .trim()
            .replace(/^RRULE:/, '')
            .toUpperCase(),
        ),
      });
  });
});
