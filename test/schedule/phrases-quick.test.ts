// readPhrase reads the commonest forms without the grammar (quickSpec): each must mean exactly
// what the grammar reads, and anything else must go to the grammar.
import { describe, expect, it } from 'vitest';
import { parseRule, ruleOfSpec } from '../../src/schedule/recurrence.js';
import { ORDINAL_WORDS, quickRuleText, quickSpec, readPhrase, readWithGrammar, WEEKDAY_NAMES, WEEKDAYS } from '../../src/schedule/phrases.js';

const DAYS = WEEKDAYS.map((d) => WEEKDAY_NAMES[d]);
const ORDINALS = ['1st', '2nd', '3rd', '4th', '5th', ...ORDINAL_WORDS.slice(0, 5), 'last'];
/** The same text as written, in other cases and spacings. */
const variants = (t: string) => [t, t.toLowerCase(), t.toUpperCase(), `  ${t.replace(/ /g, '  ')} `, t.replace(/ /g, '\t')];

const forms = [
  ...DAYS.map((d) => `every ${d}`),
  ...DAYS.map((d) => `every other ${d}`),
  ...DAYS.flatMap((d) => [`every ${d} in odd ISO weeks`, `every ${d} in even ISO weeks`]),
  ...DAYS.flatMap((d) => ORDINALS.map((o) => `${o} ${d} of every month`)),
].flatMap(variants);

describe('the quick reading of common rule phrases', () => {
  it(`reads ${forms.length} texts of five forms exactly as the grammar does`, () => {
    let quick = 0;
    for (const text of forms) {
      const grammar = readWithGrammar(text);
      expect(readPhrase(text), text).toEqual(grammar);
      const spec = quickSpec(text);
      if (spec) {
        quick++;
        expect(grammar.ok && grammar.spec, text).toEqual(spec);
        // Its RRULE text, written without rrule: rrule's printer's.
        expect(quickRuleText(spec), text).toBe((ruleOfSpec(spec) as { rule: string }).rule);
        expect(parseRule(text), text).toEqual(ruleOfSpec(spec));
      } else {
        // Only what the grammar refuses is left to it: ISO-week parity on a weekend day.
        expect(grammar.ok, text).toBe(false);
        expect(text).toMatch(/(saturday|sunday)\s+in\s+(odd|even)\s+iso\s+weeks/i);
      }
    }
    expect(quick).toBe(forms.length - 2 * 2 * 5);
  });

  it('gives the same normalised rules as before (the fingerprints and SEQUENCEs of state)', () => {
    expect(parseRule('every Tuesday')).toEqual({ ok: true, rule: 'FREQ=WEEKLY;BYDAY=TU' });
    expect(parseRule('every other Wednesday')).toEqual({ ok: true, rule: 'INTERVAL=2;FREQ=WEEKLY;BYDAY=WE' });
    expect(parseRule('last friday of every month')).toEqual({ ok: true, rule: 'FREQ=MONTHLY;BYDAY=-1FR' });
    expect(parseRule('3rd Tuesday of every month')).toEqual({ ok: true, rule: 'FREQ=MONTHLY;BYDAY=+3TU' });
    expect(parseRule('every Monday in odd ISO weeks')).toEqual({
      ok: true,
      rule: 'FREQ=YEARLY;BYWEEKNO=1,3,5,7,9,11,13,15,17,19,21,23,25,27,29,31,33,35,37,39,41,43,45,47,49,51,53;BYDAY=MO',
    });
  });

  it('leaves every other text to the grammar', () => {
    for (const text of [
      'every Tue',
      'every Tuesdays',
      'every Tuesday and Thursday',
      'every other Monday in odd ISO weeks',
      '6th Monday of every month',
      '1st Friday of every other month',
      '2nd and 4th Tuesday of every month',
      'every Tuesday at 10:00',
      'every 2nd Tuesday',
      'every Tuesday in ISO weeks',
      'every weekday',
      'every Tuesday.',
      'every fr\u0131day',
      'every tue\u017Fday',
      '3rd Tuesday of every month.',
    ]) {
      expect(quickSpec(text), text).toBeUndefined();
      expect(readPhrase(text), text).toEqual(readWithGrammar(text));
    }
  });
});
