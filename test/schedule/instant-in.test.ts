// instantIn (src/schedule/zoned.ts): DateTime.fromMillis(ms, { zone }) without a new luxon
// Locale per call (issue 14). Every DateTime it makes must be what fromMillis makes: instant,
// zone, offset, wall fields, formatting, locale, also after luxon's default locale changes.
import fc from 'fast-check';
import { DateTime, Settings } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import { instantIn, zoneOf } from '../../src/schedule/zoned.js';

const ZONES = ['UTC', 'Europe/Paris', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Pacific/Chatham', 'America/St_Johns'];

function same(a: DateTime, b: DateTime): void {
  expect(a.toMillis()).toBe(b.toMillis());
  expect(a.zone).toBe(b.zone);
  expect([a.year, a.month, a.day, a.hour, a.minute, a.second, a.offset, a.weekday]).toEqual([
    b.year,
    b.month,
    b.day,
    b.hour,
    b.minute,
    b.second,
    b.offset,
    b.weekday,
  ]);
  expect(a.toISO()).toBe(b.toISO());
  expect(a.toFormat('cccc d LLLL yyyy HH:mm ZZZZ')).toBe(b.toFormat('cccc d LLLL yyyy HH:mm ZZZZ'));
  expect(a.locale).toBe(b.locale);
  expect(a.plus({ days: 1 }).toISO()).toBe(b.plus({ days: 1 }).toISO());
}

describe('instantIn', () => {
  const before = Settings.defaultLocale;
  afterEach(() => {
    Settings.defaultLocale = before;
  });

  it('makes what DateTime.fromMillis makes, in every zone, DST changes included', () => {
    let checked = 0;
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1950, 0, 1), max: Date.UTC(2080, 0, 1) }), fc.constantFrom(...ZONES), (ms, name) => {
        const zone = zoneOf(name);
        same(instantIn(ms, zone), DateTime.fromMillis(ms, { zone }));
        checked++;
      }),
      { numRuns: 300, seed: 1414 },
    );
    expect(checked).toBe(300);
  });

  it("follows luxon's default locale, and an instant out of luxon's range is invalid as with fromMillis", () => {
    const zone = zoneOf('Europe/Paris');
    const ms = Date.UTC(2027, 2, 28, 0, 30);
    Settings.defaultLocale = 'en-US';
    same(instantIn(ms, zone), DateTime.fromMillis(ms, { zone }));
    Settings.defaultLocale = 'fr-FR';
    const fr = instantIn(ms, zone);
    same(fr, DateTime.fromMillis(ms, { zone }));
    expect(fr.locale).toBe('fr-FR');
    expect(fr.toFormat('cccc')).toBe('dimanche');
    expect(instantIn(9e15, zone).isValid).toBe(false);
  });
});
