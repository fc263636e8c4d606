/*
 * The attendee-side iTIP processor of test/helpers/attendee.ts, on small hand-written iCalendar
 * texts: each rule of RFC 5546 it applies, under both client models, with a counter-example.
 * Expected instants are worked out by hand from the VTIMEZONE in the text (New York: EST -05:00,
 * EDT -04:00 from 14 Mar 2027 02:00), never from tcon.
 */
import { describe, expect, it } from 'vitest';
import { AttendeeCalendar, type ClientModel } from '../helpers/attendee.js';

const NY_TZ = [
  'BEGIN:VTIMEZONE',
  'TZID:America/New_York',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:-0500',
  'TZOFFSETTO:-0400',
  'TZNAME:EDT',
  'DTSTART:19700308T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:-0400',
  'TZOFFSETTO:-0500',
  'TZNAME:EST',
  'DTSTART:19701101T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

/** A made-up fixed-offset zone, defined differently by different messages. */
const islandTz = (offset: string) => [
  'BEGIN:VTIMEZONE',
  'TZID:Example/Island',
  'BEGIN:STANDARD',
  `TZOFFSETFROM:${offset}`,
  `TZOFFSETTO:${offset}`,
  'DTSTART:19700101T000000',
  'END:STANDARD',
  'END:VTIMEZONE',
];

const ME = 'ana@example.org';
const UID = 'wg-a@example.invalid';

interface Ev {
  uid?: string;
  seq?: number;
  /** DTSTAMP, as YYYYMMDDTHHMMSSZ. */
  stamp?: string;
  /** RECURRENCE-ID (local New York time, or ending in Z). */
  rid?: string;
  start?: string;
  end?: string;
  rrule?: string | null;
  attendees?: string[];
  extra?: string[];
  tzid?: string;
}

function vevent(e: Ev): string[] {
  const tz = e.tzid ?? 'America/New_York';
  const when = (name: string, v: string) => (v.endsWith('Z') ? `${name}:${v}` : `${name};TZID=${tz}:${v}`);
  return [
    'BEGIN:VEVENT',
    `UID:${e.uid ?? UID}`,
    `SEQUENCE:${e.seq ?? 0}`,
    `DTSTAMP:${e.stamp ?? '20261201T000000Z'}`,
    when('DTSTART', e.start ?? (e.rid && !e.rid.endsWith('Z') ? e.rid : '20270119T090000')),
    when(
      'DTEND',
      e.end ?? (e.rid && !e.rid.endsWith('Z') ? e.rid.replace(/T(\d\d)/, (_, h: string) => `T${String(Number(h) + 1).padStart(2, '0')}`) : '20270119T100000'),
    ),
    ...(e.rid ? [when('RECURRENCE-ID', e.rid)] : e.rrule === null ? [] : [`RRULE:${e.rrule ?? 'FREQ=MONTHLY;BYDAY=3TU;COUNT=4'}`]),
    'SUMMARY:WG-A',
    'ORGANIZER:mailto:secretariat@example.org',
    ...(e.attendees ?? [ME]).map((a) => `ATTENDEE;CN=Someone:mailto:${a}`),
    ...(e.extra ?? []),
    'END:VEVENT',
  ];
}

function cal(method: string | null, events: Ev[], zones: string[][] = [NY_TZ]): string {
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//test//attendee//EN',
    ...(method ? [`METHOD:${method}`] : []),
    ...zones.flat(),
    ...events.flatMap(vevent),
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}

const ms = (s: string) => Date.parse(s);
const ALL: [number, number] = [ms('2026-01-01T00:00:00Z'), ms('2031-01-01T00:00:00Z')];
/** The instances as [start, end] ISO instants. */
const shown = (c: AttendeeCalendar) =>
  c.instances(...ALL).map((i) => [new Date(i.start).toISOString().slice(0, 16), new Date(i.end).toISOString().slice(0, 16)]);
const starts = (c: AttendeeCalendar) => c.instances(...ALL).map((i) => new Date(i.start).toISOString().slice(0, 16));

// The 3rd Tuesdays of Jan-Apr 2027 at 09:00 New York: EST until 14 March, then EDT.
const SERIES = ['2027-01-19T14:00', '2027-02-16T14:00', '2027-03-16T13:00', '2027-04-20T13:00'];
const MODELS: ClientModel[] = ['rfc', 'strict'];

const T1 = '20270101T000000Z';
const T2 = '20270201T000000Z';

describe.each(MODELS)('attendee calendar, %s model', (model) => {
  const calendar = () => new AttendeeCalendar(ME, model);

  it('a REQUEST with a master shows its series at the times of the VTIMEZONE it carries, across the DST change', () => {
    const c = calendar();
    c.receive(cal('REQUEST', [{}]), 'm1');
    expect(shown(c)).toEqual(SERIES.map((s) => [s, s.replace(/T(\d\d)/, (_, h: string) => `T${Number(h) + 1}`)]));
    expect(c.ignored()).toEqual([]);
  });

  it('a newer REQUEST with a master replaces every component of the UID: overrides it does not carry are gone', () => {
    const c = calendar();
    c.receive(cal('REQUEST', [{}, { rid: '20270216T090000', start: '20270217T100000', end: '20270217T110000' }]), 'm1');
    expect(starts(c)).toEqual(['2027-01-19T14:00', '2027-02-17T15:00', '2027-03-16T13:00', '2027-04-20T13:00']);
    c.receive(cal('REQUEST', [{ seq: 1, stamp: T1, rrule: 'FREQ=MONTHLY;BYDAY=3TU;COUNT=3' }]), 'm2');
    expect(starts(c)).toEqual(SERIES.slice(0, 3));
  });

  it('a REQUEST with a master is ignored when not newer than the held master, and the log says why', () => {
    const c = calendar();
    c.receive(cal('REQUEST', [{ seq: 2, stamp: T1 }]), 'm1');
    c.receive(cal('REQUEST', [{ seq: 1, stamp: T2, rrule: 'FREQ=MONTHLY;BYDAY=3TU;COUNT=1' }]), 'late');
    expect(starts(c)).toEqual(SERIES);
    expect(c.ignored()).toEqual([
      expect.objectContaining({
        source: 'late',
        method: 'REQUEST',
        uid: UID,
        recurrenceId: null,
        sequence: 1,
        reason: 'not newer than the held master (SEQUENCE 2, DTSTAMP 2027-01-01T00:00:00Z)',
      }),
    ]);
  });

  it('an instance REQUEST replaces that instance when newer than the master, and leaves the others', () => {
    const c = calendar();
    c.receive(cal('REQUEST', [{}]), 'm1');
    c.receive(cal('REQUEST', [{ seq: 1, stamp: T1, rid: '20270316T090000', start: '20270317T110000', end: '20270317T120000' }]), 'm2');
    expect(starts(c)).toEqual(['2027-01-19T14:00', '2027-02-16T14:00', '2027-03-17T15:00', '2027-04-20T13:00']);
  });

  it('an instance REQUEST is compared with the held override of that instance, not with the master', () => {
    const c = calendar();
    c.receive(cal('REQUEST', [{}, { seq: 2, rid: '20270316T090000', start: '20270317T110000', end: '20270317T120000' }]), 'm1');
    // Newer than the master (SEQUENCE 0) but not than the override (SEQUENCE 2): ignored.
    c.receive(cal('REQUEST', [{ seq: 1, stamp: T2, rid: '20270316T090000', start: '20270318T110000', end: '20270318T120000' }]), 'm2');
    expect(starts(c)).toContain('2027-03-17T15:00');
    expect(c.ignored().map((e) => [e.source, e.reason])).toEqual([
      ['m2', 'not newer than the held override of 2027-03-16T13:00:00Z (SEQUENCE 2, DTSTAMP 2026-12-01T00:00:00Z)'],
    ]);
  });

  it('an instance REQUEST for a UID not held is shown as an event of its own', () => {
    const c = calendar();
    c.receive(cal('REQUEST', [{ rid: '20270316T090000', start: '20270316T100000', end: '20270316T110000' }]), 'm1');
    expect(shown(c)).toEqual([['2027-03-16T14:00', '2027-03-16T15:00']]);
  });

  it('a CANCEL without RECURRENCE-ID removes the UID; the cancelled event stays cancelled against messages that are not newer', () => {
    const c = calendar();
    c.receive(cal('REQUEST', [{}]), 'm1');
    c.receive(cal('CANCEL', [{ seq: 1, stamp: T1, extra: ['STATUS:CANCELLED'] }]), 'cancel');
    expect(shown(c)).toEqual([]);
    c.receive(cal('REQUEST', [{ seq: 0, stamp: T2 }]), 'late');
    expect(shown(c)).toEqual([]);
    expect(c.ignored().map((e) => e.reason)).toEqual(['not newer than the held cancelled event (SEQUENCE 1, DTSTAMP 2027-01-01T00:00:00Z)']);
    c.receive(cal('REQUEST', [{ seq: 2, stamp: T2 }]), 'back');
    expect(starts(c)).toEqual(SERIES);
  });

  it('a CANCEL with RECURRENCE-ID removes that instance only; the instance is named by its instant, whatever the TZID', () => {
    const c = calendar();
    c.receive(cal('REQUEST', [{}]), 'm1');
    // 20270216T140000Z is 09:00 EST: the same instance as RECURRENCE-ID;TZID=America/New_York:20270216T090000.
    c.receive(cal('CANCEL', [{ seq: 1, stamp: T1, rid: '20270216T140000Z', start: '20270216T140000Z', end: '20270216T150000Z' }]), 'cancel');
    expect(starts(c)).toEqual([SERIES[0], SERIES[2], SERIES[3]]);
    expect(c.anomalies()).toEqual([]);
  });

  it('counter-example: a CANCEL whose RECURRENCE-ID is not the instance held (its wall time read in another zone) removes nothing, and is an anomaly', () => {
    const c = calendar();
    c.receive(cal('REQUEST', [{}]), 'm1');
    c.receive(cal('CANCEL', [{ seq: 1, stamp: T1, rid: '20270216T090000Z', start: '20270216T090000Z', end: '20270216T100000Z' }]), 'cancel');
    expect(starts(c)).toEqual(SERIES);
    expect(c.anomalies()).toEqual([
      `${UID}: CANCEL of RECURRENCE-ID 2027-02-16T09:00:00Z (from cancel) matches no instance of the held master (nothing removed)`,
    ]);
    expect(c.orphans().map((o) => o.kind)).toEqual(['cancel']);
  });

  it('a CANCEL with RECURRENCE-ID is compared with the held override of that instance', () => {
    const c = calendar();
    c.receive(cal('REQUEST', [{}, { seq: 2, rid: '20270316T090000', start: '20270317T110000', end: '20270317T120000' }]), 'm1');
    c.receive(cal('CANCEL', [{ seq: 1, stamp: T2, rid: '20270316T090000' }]), 'cancel');
    expect(starts(c)).toContain('2027-03-17T15:00');
    expect(c.ignored().map((e) => e.source)).toEqual(['cancel']);
  });

  it('an override whose RECURRENCE-ID matches no instance of its master is hidden and reported', () => {
    const c = calendar();
    c.receive(cal('REQUEST', [{}, { rid: '20270317T090000', start: '20270317T100000', end: '20270317T110000' }]), 'm1');
    expect(starts(c)).toEqual(SERIES);
    expect(c.anomalies()).toEqual([`${UID}: override RECURRENCE-ID 2027-03-17T13:00:00Z (from m1) matches no instance of the held master (hidden)`]);
    expect(c.orphans().map((o) => o.kind)).toEqual(['override']);
  });

  it('a message not addressed to the owner is ignored; the address is compared without case', () => {
    const c = calendar();
    c.receive(cal('REQUEST', [{ attendees: ['bo@example.org'] }]), 'for-bo');
    expect(shown(c)).toEqual([]);
    expect(c.ignored().map((e) => e.reason)).toEqual(['not addressed to ana@example.org (not an ATTENDEE)']);
    c.receive(cal('REQUEST', [{ attendees: ['bo@example.org', 'Ana@Example.ORG'] }]), 'for-both');
    expect(starts(c)).toEqual(SERIES);
  });

  it('a PUBLISH (or a text without METHOD) is not an iTIP request: ignored', () => {
    const c = calendar();
    c.receive(cal('PUBLISH', [{}]), 'feed');
    c.receive(cal(null, [{}]), 'bare');
    expect(shown(c)).toEqual([]);
    expect(c.ignored().map((e) => e.reason)).toEqual(['METHOD PUBLISH is not an iTIP REQUEST or CANCEL', 'METHOD (none) is not an iTIP REQUEST or CANCEL']);
  });

  it('each UID is read in the VTIMEZONE of its own message, and messages with several UIDs apply per UID', () => {
    const c = calendar();
    c.receive(
      cal('REQUEST', [{ uid: 'one', tzid: 'Example/Island', rrule: null, start: '20270301T120000', end: '20270301T130000' }], [islandTz('+0530')]),
      'm1',
    );
    c.receive(
      cal(
        'REQUEST',
        [
          { uid: 'two', tzid: 'Example/Island', rrule: null, start: '20270301T120000', end: '20270301T130000' },
          { uid: 'one', seq: 0, stamp: '20261101T000000Z', tzid: 'Example/Island', rrule: null, start: '20270302T120000', end: '20270302T130000' },
        ],
        [islandTz('+0600')],
      ),
      'm2',
    );
    expect(c.instances(...ALL).map((i) => [i.uid, new Date(i.start).toISOString().slice(0, 16)])).toEqual([
      ['two', '2027-03-01T06:00'],
      ['one', '2027-03-01T06:30'],
    ]);
    expect(c.ignored().map((e) => [e.source, e.uid])).toEqual([['m2', 'one']]);
  });

  it('a TZID with no VTIMEZONE in its message is an anomaly', () => {
    const c = calendar();
    c.receive(cal('REQUEST', [{}], []), 'm1');
    expect(c.anomalies()[0]).toMatch(/^m1: wg-a@example.invalid DTSTART has TZID America\/New_York with no VTIMEZONE in its message$/);
  });

  it('instances() keeps only starts within [from, to), including an instance moved in from after `to`', () => {
    const c = calendar();
    c.receive(cal('REQUEST', [{}, { rid: '20270420T090000', start: '20270301T090000', end: '20270301T100000' }]), 'm1');
    expect(c.instances(ms('2027-02-01T00:00:00Z'), ms('2027-03-16T13:00:00Z')).map((i) => new Date(i.start).toISOString().slice(0, 16))).toEqual([
      '2027-02-16T14:00',
      '2027-03-01T14:00',
    ]);
  });
});

/*
 * Where the two models part: the same sequence of versions, applied by each rule. Held version
 * first, then the incoming one; whether it is applied under rfc and under strict.
 */
const VERSIONS: [string, [number, string], [number, string], boolean, boolean][] = [
  ['same SEQUENCE, later DTSTAMP', [0, T1], [0, T2], true, false],
  ['same SEQUENCE, earlier DTSTAMP', [0, T2], [0, T1], false, false],
  ['same SEQUENCE and DTSTAMP (a duplicate)', [0, T1], [0, T1], false, false],
  ['higher SEQUENCE, earlier DTSTAMP', [0, T2], [1, T1], true, true],
  ['lower SEQUENCE, later DTSTAMP', [1, T1], [0, T2], false, false],
];

describe.each(VERSIONS)('held vs incoming: %s', (_name, [hs, ht], [ns, nt], rfc, strict) => {
  const run = (model: ClientModel, messages: string[]) => {
    const c = new AttendeeCalendar(ME, model);
    messages.forEach((m, i) => c.receive(m, `m${i}`));
    return c;
  };
  const expectApplied = (c: AttendeeCalendar, applied: boolean) => expect(c.ignored().length === 0, JSON.stringify(c.ignored())).toBe(applied);
  const held = cal('REQUEST', [{ seq: hs, stamp: ht }]);

  it.each(MODELS)('REQUEST with a master (%s)', (model) => {
    const c = run(model, [held, cal('REQUEST', [{ seq: ns, stamp: nt, rrule: 'FREQ=MONTHLY;BYDAY=3TU;COUNT=2' }])]);
    expectApplied(c, model === 'rfc' ? rfc : strict);
    expect(starts(c)).toEqual((model === 'rfc' ? rfc : strict) ? SERIES.slice(0, 2) : SERIES);
  });

  it.each(MODELS)('REQUEST of one instance, against the master (%s)', (model) => {
    const c = run(model, [held, cal('REQUEST', [{ seq: ns, stamp: nt, rid: '20270216T090000', start: '20270216T100000', end: '20270216T110000' }])]);
    const applied = model === 'rfc' ? rfc : strict;
    expectApplied(c, applied);
    expect(starts(c)[1]).toBe(applied ? '2027-02-16T15:00' : '2027-02-16T14:00');
  });

  it.each(MODELS)('CANCEL of the whole event (%s)', (model) => {
    const c = run(model, [held, cal('CANCEL', [{ seq: ns, stamp: nt }])]);
    const applied = model === 'rfc' ? rfc : strict;
    expectApplied(c, applied);
    expect(starts(c)).toEqual(applied ? [] : SERIES);
  });

  it.each(MODELS)('CANCEL of one instance (%s)', (model) => {
    const c = run(model, [held, cal('CANCEL', [{ seq: ns, stamp: nt, rid: '20270216T090000' }])]);
    const applied = model === 'rfc' ? rfc : strict;
    expectApplied(c, applied);
    expect(starts(c)).toEqual(applied ? [SERIES[0], SERIES[2], SERIES[3]] : SERIES);
  });
});
