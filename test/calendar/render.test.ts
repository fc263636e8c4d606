import icalGenerator from 'ical-generator';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { buildCalendarModel, computeChanges, renderCancel, renderPublish, renderRequest } from '../../src/calendar/index.js';
import { buildSchedule } from '../../src/schedule/build.js';
import type { Group, Window } from '../../src/schedule/types.js';
import { expandIcs, parseIcs } from '../helpers/ical.js';
import { base, groupFrom } from './fixtures.js';

const ical = icalGenerator as unknown as (data?: object) => { createEvent(data: object): unknown; toString(): string };
const NOW = DateTime.fromISO('2026-11-28T09:30:00Z', { zone: 'UTC' });
const Y2027: Window = { from: '2027-01-01', to: '2027-12-31' };

/** Unfolded content lines (RFC 5545 3.1). */
function lines(text: string): string[] {
  return text
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter(Boolean);
}

/** Unfolded lines of the events only (VTIMEZONEs have RRULEs and DTSTARTs of their own). */
function eventLines(text: string): string[] {
  const all = lines(text);
  return all.slice(all.indexOf('BEGIN:VEVENT'));
}

function held(group: Group, window: Window): number[][] {
  return buildSchedule(group, window)
    .filter((o) => o.status !== 'skipped')
    .map((o) => [o.start.toMillis(), o.end.toMillis()]);
}

const monthly = groupFrom({ ...base, series: [{ from: '2027-01-01', rule: 'FREQ=MONTHLY;BYDAY=+3TU', slots: ['11:00', '09:00'] }] });

describe('ical-generator traps', () => {
  const text = renderPublish([buildCalendarModel(monthly, Y2027)], { now: NOW });

  it('DTSTAMP stays UTC, taken from --now', () => {
    const stamps = lines(text).filter((l) => l.startsWith('DTSTAMP'));
    expect(stamps.length).toBeGreaterThan(0);
    for (const s of stamps) expect(s).toBe('DTSTAMP:20261128T093000Z');
  });

  it('times carry the TZID of the group zone, never floating, whatever the machine zone', () => {
    const times = eventLines(text).filter((l) => /^(DTSTART|DTEND|RECURRENCE-ID|EXDATE)[;:]/.test(l));
    expect(times.length).toBeGreaterThan(2);
    for (const t of times) expect(t).toMatch(/^[A-Z-]+;TZID=America\/New_York:\d{8}T\d{6}(,\d{8}T\d{6})*$/);
    // The first meeting: 3rd Tuesday of January 2027 at 11:00 New York wall time.
    expect(lines(text)).toContain('DTSTART;TZID=America/New_York:20270119T110000');
  });

  it('pinned: ical-generator writes a JS Date with a TZID in the machine zone (why tcon passes luxon)', () => {
    const cal = ical();
    cal.createEvent({ start: new Date('2027-01-19T16:00:00Z'), end: new Date('2027-01-19T17:00:00Z'), timezone: 'America/New_York' });
    const machineWall = DateTime.fromISO('2027-01-19T16:00:00Z').setZone('system').toFormat("yyyyLLdd'T'HHmmss");
    expect(lines(cal.toString())).toContain(`DTSTART;TZID=America/New_York:${machineWall}`);
    // tcon's own output for the same meeting is the New York wall time in any machine zone.
    expect(lines(renderPublish([buildCalendarModel(monthly, Y2027)], { now: NOW }))).toContain('DTSTART;TZID=America/New_York:20270119T110000');
  });

  it('pinned: a calendar-level timezone makes ical-generator write DTSTAMP without Z (why tcon sets none)', () => {
    const cal = ical({ timezone: 'America/New_York' });
    cal.createEvent({ start: DateTime.fromISO('2027-01-19T11:00', { zone: 'America/New_York' }), stamp: NOW });
    expect(lines(cal.toString())).toContain('DTSTAMP:20261128T043000');
  });

  it('UNTIL is UTC (RFC 5545 3.3.10, DTSTART with TZID)', () => {
    const rrule = eventLines(text).find((l) => l.startsWith('RRULE:'))!;
    expect(rrule).toMatch(/^RRULE:FREQ=MONTHLY;BYDAY=3TU;UNTIL=\d{8}T\d{6}Z$/);
  });

  it('writes one VTIMEZONE per TZID used, and no calendar-level X-WR-TIMEZONE', () => {
    const g = groupFrom({ ...base, series: [{ from: '2027-01-01', rule: 'FREQ=WEEKLY;BYDAY=TH', slots: ['16:00 Europe/London', '09:00'] }] });
    const t = renderPublish([buildCalendarModel(g, Y2027)], { now: NOW });
    const tzids = lines(t).filter((l) => l.startsWith('TZID:'));
    expect(tzids.sort()).toEqual(['TZID:Europe/London']);
    expect(t).not.toContain('X-WR-TIMEZONE');
    const used = new Set([...t.matchAll(/;TZID=([^:;]+)/g)].map((m) => m[1]));
    expect([...used]).toEqual(['Europe/London']);
    expect(expandIcs(t).map((i) => [i.start, i.end])).toEqual(held(g, Y2027));
  });
});

describe('representation', () => {
  it('alternating slots: one master at slot 0, overrides for slot 1 with RECURRENCE-ID at the slot-0 time', () => {
    const t = renderPublish([buildCalendarModel(monthly, Y2027)], { now: NOW });
    const { vevents } = parseIcs(t);
    const masters = vevents.filter((v) => v.hasProperty('rrule'));
    const overrides = vevents.filter((v) => v.hasProperty('recurrence-id'));
    expect(masters).toHaveLength(1);
    expect(overrides).toHaveLength(6); // Feb, Apr, ... Dec at 09:00
    const feb = overrides.find((o) => String(o.getFirstPropertyValue('recurrence-id')).startsWith('2027-02-16'))!;
    expect(String(feb.getFirstPropertyValue('recurrence-id'))).toBe('2027-02-16T11:00:00');
    expect(String(feb.getFirstPropertyValue('dtstart'))).toBe('2027-02-16T09:00:00');
    expect(expandIcs(t).map((i) => [i.start, i.end])).toEqual(held(monthly, Y2027));
  });

  it('skipped meetings are EXDATEs; moved ones and own texts are overrides; one-offs are their own events', () => {
    const g = groupFrom({
      ...base,
      series: [{ from: '2027-01-01', rule: 'FREQ=MONTHLY;BYDAY=+3TU', slots: ['11:00'] }],
      meetings: {
        '2027-03-16': { skip: 'plenary week' },
        '2027-05-18': { move: '2027-05-20T08:00' },
        '2027-06-15': { note: 'Budget' },
        '2027-07-01': { add: '10:00' },
      },
    });
    const t = renderPublish([buildCalendarModel(g, Y2027)], { now: NOW });
    expect(lines(t)).toContain('EXDATE;TZID=America/New_York:20270316T110000');
    expect(lines(t)).toContain('RECURRENCE-ID;TZID=America/New_York:20270518T110000');
    expect(lines(t)).toContain('DTSTART;TZID=America/New_York:20270520T080000');
    expect(lines(t)).toContain('RECURRENCE-ID;TZID=America/New_York:20270615T110000');
    const oneOff = parseIcs(t).vevents.filter((v) => String(v.getFirstPropertyValue('uid')).includes('add-2027-07-01'));
    expect(oneOff).toHaveLength(1);
    expect(oneOff[0]!.hasProperty('rrule')).toBe(false);
    expect(expandIcs(t).map((i) => [i.start, i.end])).toEqual(held(g, Y2027));
    expect(t).not.toContain('RDATE');
  });

  it('a rule Outlook cannot map becomes one event per meeting, with a warning', () => {
    const g = groupFrom({ ...base, series: [{ from: '2027-01-01', rule: 'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1', slots: ['11:00'] }] });
    const model = buildCalendarModel(g, Y2027);
    expect(model.warnings).toEqual([expect.stringContaining('BYSETPOS has no Outlook equivalent')]);
    const t = renderPublish([model], { now: NOW });
    expect(eventLines(t).filter((l) => l.startsWith('RRULE'))).toEqual([]);
    expect(parseIcs(t).vevents).toHaveLength(12);
    expect(new Set(parseIcs(t).vevents.map((v) => v.getFirstPropertyValue('uid'))).size).toBe(12);
    expect(expandIcs(t).map((i) => [i.start, i.end])).toEqual(held(g, Y2027));
  });

  it('DST week: a moved meeting in the weeks the US and Europe disagree, slot in Europe/London', () => {
    // US clocks go forward on 14 March 2027, UK ones on 28 March: a London 15:00 slot is 11:00
    // in New York before, 10:00 between and 11:00 after.
    const g = groupFrom({
      ...base,
      series: [{ from: '2027-03-01', until: '2027-04-30', rule: 'FREQ=WEEKLY;BYDAY=WE', slots: ['15:00 Europe/London'] }],
      meetings: { '2027-03-17': { move: '2027-03-18T10:30' } },
    });
    const w: Window = { from: '2027-03-01', to: '2027-04-30' };
    const t = renderPublish([buildCalendarModel(g, w)], { now: NOW });
    expect(lines(t)).toContain('DTSTART;TZID=Europe/London:20270303T150000');
    expect(lines(t)).toContain('RECURRENCE-ID;TZID=Europe/London:20270317T150000');
    // The move is to 10:30 New York = 14:30 London (GMT while New York is already on EDT).
    expect(lines(t)).toContain('DTSTART;TZID=Europe/London:20270318T143000');
    const got = expandIcs(t);
    expect(got.map((i) => [i.start, i.end])).toEqual(held(g, w));
    const ny = got.map((i) => DateTime.fromMillis(i.start, { zone: 'America/New_York' }).toFormat('MM-dd HH:mm'));
    expect(ny).toContain('03-10 10:00'); // before the US change: 15:00 GMT = 10:00 EST
    expect(ny).toContain('03-24 11:00'); // between: 15:00 GMT = 11:00 EDT
    expect(ny).toContain('03-31 10:00'); // after both: 15:00 BST = 10:00 EDT
    expect(ny).toContain('03-18 10:30');
  });

  it('a slot time in a spring-forward gap is written as an override at the instant tcon schedules', () => {
    const g = groupFrom({ ...base, series: [{ from: '2027-01-01', rule: 'FREQ=MONTHLY;BYDAY=+2SU', slots: ['02:30'] }] });
    const t = renderPublish([buildCalendarModel(g, Y2027)], { now: NOW });
    expect(lines(t)).toContain('RECURRENCE-ID;TZID=America/New_York:20270314T023000');
    expect(lines(t)).toContain('DTSTART;TZID=America/New_York:20270314T033000');
    expect(expandIcs(t).map((i) => [i.start, i.end])).toEqual(held(g, Y2027));
  });
});

describe('text safety', () => {
  const nasty = {
    ...base,
    title: 'Ops, security; backslash \\ done\nline two',
    organizer: { name: 'Olga "O" Org\r\nATTENDEE:mailto:evil@example.org', email: 'olga@example.org' },
    members: [{ name: 'Eve\r\nATTENDEE:mailto:evil2@example.org', email: 'eve@example.org' }],
    series: [{ from: '2027-01-01', rule: 'FREQ=MONTHLY;BYDAY=+3TU', slots: ['11:00'] }],
    meetings: {
      '2027-02-16': { title: 'Injected\r\nATTENDEE:mailto:evil3@example.org\r\nX-EVIL:1', note: 'Agenda:\r\nBEGIN:VALARM\nA, B; C\\D' },
    },
  };
  // The config refuses line breaks in names and titles (they go into mail headers); a library
  // caller can still hand them in, so the group is patched after validation.
  const safe = groupFrom({
    ...nasty,
    title: 'T',
    organizer: { name: 'O', email: 'olga@example.org' },
    members: [{ name: 'E', email: 'eve@example.org' }],
    meetings: { '2027-02-16': { title: 'M', note: nasty.meetings['2027-02-16'].note } },
  });
  const g = {
    ...safe,
    title: nasty.title,
    organizer: nasty.organizer,
    members: safe.members.map((m) => ({ ...m, name: nasty.members[0]!.name })),
    exceptions: new Map([...safe.exceptions].map(([d, ex]) => [d, { ...ex, title: nasty.meetings['2027-02-16'].title }])),
  };
  const model = buildCalendarModel(g, Y2027);

  it('escapes commas, semicolons, backslashes and newlines; ical.js reads the text back', () => {
    const t = renderPublish([model], { now: NOW });
    expect(lines(t)).toContain('SUMMARY:Ops\\, security\\; backslash \\\\ done\\nline two');
    expect(lines(t)).toContain('X-WR-CALNAME:Ops\\, security\\; backslash \\\\ done\\nline two');
    const master = parseIcs(t).vevents.find((v) => v.hasProperty('rrule'))!;
    expect(master.getFirstPropertyValue('summary')).toBe('Ops, security; backslash \\ done\nline two');
    const feb = parseIcs(t).vevents.find((v) => v.hasProperty('recurrence-id'))!;
    expect(feb.getFirstPropertyValue('description')).toBe('Agenda:\nBEGIN:VALARM\nA, B; C\\D');
  });

  it('no CRLF injection from any config string', () => {
    for (const t of [renderPublish([model], { now: NOW, includeLinks: true }), renderRequest(model, { now: NOW })]) {
      for (const l of lines(t)) {
        expect(l).not.toMatch(/^(ATTENDEE:|X-EVIL|BEGIN:VALARM)/);
      }
      expect(t).not.toMatch(/\r(?!\n)|(?<!\r)\n/); // only CRLF line ends
      const comps = parseIcs(t).vevents;
      for (const v of comps) {
        expect(v.getAllProperties('attendee').map((p) => String(p.getFirstValue()).toLowerCase())).toEqual(
          t.includes('METHOD:REQUEST') ? ['mailto:eve@example.org'] : [],
        );
        expect(v.getAllProperties('x-evil')).toHaveLength(0);
        expect(v.getAllSubcomponents('valarm')).toHaveLength(0);
      }
    }
  });

  it('quoted parameters (CN) lose double quotes and line breaks', () => {
    const t = renderRequest(model, { now: NOW });
    const org = lines(t).find((l) => l.startsWith('ORGANIZER'))!;
    expect(org).toBe('ORGANIZER;CN="Olga \'O\' Org ATTENDEE:mailto:evil@example.org":mailto:olga@example.org');
  });

  it('folds lines at 75 octets without splitting multi-byte characters (Japanese title)', () => {
    const title = '第十四作業部会セキュリティ定例電話会議（アジア太平洋地域向け時間帯）と議事録の確認';
    const jp = groupFrom({ ...base, title, series: [{ from: '2027-01-01', rule: 'FREQ=MONTHLY;BYDAY=+3TU', slots: ['11:00'] }] });
    const t = renderPublish([buildCalendarModel(jp, Y2027)], { now: NOW });
    const raw = t.split('\r\n');
    expect(raw.some((l) => l.startsWith(' '))).toBe(true);
    for (const l of raw) expect(Buffer.byteLength(l, 'utf8')).toBeLessThanOrEqual(75);
    for (const l of raw) expect(l).not.toContain('\uFFFD');
    expect(parseIcs(t).vevents[0]!.getFirstPropertyValue('summary')).toBe(title);
  });
});

describe('forms', () => {
  const g = groupFrom({
    ...base,
    alarms: ['1d', '15m'],
    series: [{ from: '2027-01-01', rule: 'FREQ=MONTHLY;BYDAY=+3TU', slots: ['11:00'] }],
    meetings: { '2027-04-20': { note: 'Bring the draft' } },
  });
  const model = buildCalendarModel(g, Y2027);

  it('public feed: PUBLISH, no attendees, no links unless asked, name, refresh, alarms', () => {
    const t = renderPublish([model], { now: NOW });
    const cal = parseIcs(t);
    expect(cal.method).toBe('PUBLISH');
    expect(cal.calendar.getFirstPropertyValue('x-wr-calname')).toBe('Test group');
    expect(lines(t)).toContain('REFRESH-INTERVAL;VALUE=DURATION:PT12H');
    expect(lines(t)).toContain('X-PUBLISHED-TTL:PT12H');
    expect(t).not.toMatch(/ATTENDEE|ORGANIZER|meet\.example\.org|pwd=/);
    for (const v of cal.vevents) {
      const triggers = v.getAllSubcomponents('valarm').map((a) => String(a.getFirstPropertyValue('trigger')));
      expect(triggers).toEqual(['-P1D', '-PT15M']);
    }
    const withLinks = renderPublish([model], { now: NOW, includeLinks: true });
    expect(parseIcs(withLinks).vevents[0]!.getFirstPropertyValue('location')).toBe('https://meet.example.org/tg?pwd=secret');
  });

  it('invite: REQUEST, ORGANIZER, every member as ATTENDEE with RSVP, link and notes', () => {
    const t = renderRequest(model, { now: NOW });
    const cal = parseIcs(t);
    expect(cal.method).toBe('REQUEST');
    for (const v of cal.vevents) {
      expect(String(v.getFirstPropertyValue('organizer'))).toBe('mailto:olga@example.org');
      const att = v.getAllProperties('attendee');
      expect(att.map((a) => String(a.getFirstValue()).toLowerCase())).toEqual(['mailto:ann@example.org', 'mailto:bo@example.org', 'mailto:cy@example.org']);
      expect(att.map((a) => a.getParameter('rsvp'))).toEqual(['TRUE', 'TRUE', 'TRUE']);
      expect(att.map((a) => a.getParameter('role'))).toEqual(['CHAIR', 'REQ-PARTICIPANT', 'OPT-PARTICIPANT']);
      expect(v.getFirstPropertyValue('location')).toBe('https://meet.example.org/tg?pwd=secret');
      expect(String(v.getFirstPropertyValue('url'))).toBe('https://meet.example.org/tg?pwd=secret');
      expect(v.getAllSubcomponents('valarm')).toHaveLength(0);
    }
    const april = cal.vevents.find((v) => v.hasProperty('recurrence-id'))!;
    expect(april.getFirstPropertyValue('description')).toBe('Bring the draft\n\nJoin: https://meet.example.org/tg?pwd=secret');
    expect(expandIcs(t).map((i) => i.status)).toEqual(Array(12).fill('CONFIRMED'));
    const one = parseIcs(renderRequest(model, { now: NOW, attendees: [g.members[1]!] }));
    expect(one.vevents[0]!.getAllProperties('attendee').map((a) => String(a.getFirstValue()).toLowerCase())).toEqual(['mailto:bo@example.org']);
  });

  it('cancel: one meeting (RECURRENCE-ID) and the whole series, SEQUENCE up, STATUS:CANCELLED', () => {
    const run = computeChanges(undefined, model);
    const meeting = run.state.events[model.events[0]!.uid]!.meetings['2027-06-15']!;
    const t = renderCancel(
      g,
      [
        {
          uid: model.events[0]!.uid,
          recurrenceId: meeting.recurrenceId,
          sequence: 1,
          title: 'Test group',
          start: DateTime.fromISO(meeting.start),
          end: DateTime.fromISO(meeting.end),
          zone: meeting.zone,
          ruleDate: '2027-06-15',
        },
      ],
      { now: NOW },
    );
    const cal = parseIcs(t);
    expect(cal.method).toBe('CANCEL');
    expect(cal.vevents).toHaveLength(1);
    const v = cal.vevents[0]!;
    expect(String(v.getFirstPropertyValue('recurrence-id'))).toBe('2027-06-15T11:00:00');
    expect(v.getFirstPropertyValue('sequence')).toBe(1);
    expect(v.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(v.getAllProperties('attendee')).toHaveLength(3);
    const all = parseIcs(
      renderCancel(
        g,
        [
          {
            uid: model.events[0]!.uid,
            recurrenceId: undefined,
            sequence: 1,
            title: 'Test group',
            start: DateTime.fromISO(meeting.start),
            end: DateTime.fromISO(meeting.end),
            zone: meeting.zone,
            ruleDate: undefined,
          },
        ],
        { now: NOW },
      ),
    );
    expect(all.vevents[0]!.hasProperty('recurrence-id')).toBe(false);
    expect(all.vevents[0]!.getFirstPropertyValue('status')).toBe('CANCELLED');
  });

  it('is deterministic: same config and now, byte-identical output', () => {
    const again = buildCalendarModel(
      groupFrom({
        ...base,
        alarms: ['1d', '15m'],
        series: [{ from: '2027-01-01', rule: 'FREQ=MONTHLY;BYDAY=+3TU', slots: ['11:00'] }],
        meetings: { '2027-04-20': { note: 'Bring the draft' } },
      }),
      Y2027,
    );
    expect(renderRequest(again, { now: NOW })).toBe(renderRequest(model, { now: NOW }));
    expect(renderPublish([again], { now: NOW })).toBe(renderPublish([model], { now: NOW }));
  });
});
