import { DateTime, Settings } from 'luxon';
import { describe, expect, it } from 'vitest';
import { describeChanges } from '../../src/calendar/changes.js';
import { changeHeadline, changeLine } from '../../src/itip/words.js';
import { formatHours, meetingTimes, spanText } from '../../src/schedule/when.js';
import { zoneOf } from '../../src/schedule/zoned.js';
import { escapeHtml as mailEscape } from '../../src/mail/text.js';
import { parseTemplate, renderTemplate } from '../../src/mail/template.js';
import { parse as parseYaml } from 'yaml';
import { headerText } from '../../src/import/emit.js';
import { headerSafe } from '../../src/mail/text.js';
import { headerTextProblem, MAX_HEADER_TEXT } from '../../src/schedule/address.js';
import { cut, escapeHtml, hasControl, icsText, oneLine, terminalText, yamlEscaped } from '../../src/schedule/text.js';
import { cleanText } from '../../src/calendar/render.js';
import { vtimezoneBlock } from '../../src/calendar/vtimezone.js';
import { formatTimeWindow } from '../../src/config/regions.js';
import { localTime } from '../../src/coverage/rate.js';
import { clockText, normalizeClock, offsetClock } from '../../src/schedule/dates.js';
import { printable } from '../../src/cli/table.js';
import { markdownText } from '../../src/schedule/present.js';
import { esc as siteEscape } from '../../src/site/html.js';

// The small text rules, each written once (src/schedule/text.ts) and used by every target.
describe('one HTML escape: mail bodies and the site', () => {
  // Expected: the five characters HTML gives meaning to in content and quoted attributes, as
  // character references (HTML 13.1.4); nothing else changes.
  it.each([
    ['WG <b>14</b>', 'WG &lt;b&gt;14&lt;/b&gt;'],
    ['R&D "core" call', 'R&amp;D &quot;core&quot; call'],
    ["O'Brien's call", 'O&#39;Brien&#39;s call'],
    ['&amp; already', '&amp;amp; already'],
    ['Zürich · 東京', 'Zürich · 東京'],
  ])('%j', (text, expected) => {
    expect(escapeHtml(text)).toBe(expected);
    expect(siteEscape(text)).toBe(expected);
    expect(mailEscape(text)).toBe(expected);
    expect(renderTemplate(parseTemplate('x.html', '<p title="{{title}}">{{title}}</p>'), { title: text }, mailEscape)).toBe(
      `<p title="${expected}">${expected}</p>`,
    );
  });
});

// Control characters: C0, DEL, C1, U+2028/U+2029 (one definition), cleaned once per target.
const TRICKY = [
  'WG-14\r\nBcc: x@example.org',
  'tab\there, bell\u0007, escape \u001b[31mred\u001b[0m',
  'next line\u0085 and CSI \u009b2J',
  'line\u2028separator\u2029paragraph',
  'plain title',
];

describe('one control-character cleaner per target', () => {
  it.each(TRICKY)('%j: header, ICS, YAML and terminal forms carry no control character', (text) => {
    // Mail headers and the import's titles: one line the config accepts as a header text.
    for (const h of [headerSafe(text), headerText(text).text, oneLine(text)]) {
      expect(hasControl(h)).toBe(false);
      expect(headerTextProblem(h)).toBeUndefined();
    }
    expect(headerText(text).text).toBe(headerSafe(text, MAX_HEADER_TEXT));
    // iCalendar TEXT: line breaks kept as LF, nothing else.
    expect(cleanText(text)).toBe(icsText(text));
    expect(icsText(text).replace(/\n/g, '')).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/);
    // YAML: one line, read back as the same string.
    const y = yamlEscaped(text);
    if (hasControl(text)) {
      expect(y).not.toMatch(/[\r\n\u0085\u2028\u2029]/);
      expect(parseYaml(`title: ${y}`)).toEqual({ title: text });
    } else expect(y).toBeUndefined();
    // The terminal: shown, not obeyed.
    expect(hasControl(terminalText(text))).toBe(false);
    expect(printable(text)).toBe(terminalText(text));
    // Markdown (printed on the terminal by schedule --format markdown): one line, no control.
    expect(hasControl(markdownText(text))).toBe(false);
  });

  it('line breaks of every kind are one LF in ICS text; other controls, C1 included, are dropped', () => {
    expect(icsText('a\r\nb\rc\nd\u0085e\u2028f\u2029g')).toBe('a\nb\nc\nd\ne\nf\ng');
    expect(icsText('x\u0007y\u009bz\u007f')).toBe('xyz');
  });

  it('the terminal shows ESC as ^[, CSI as \\x9b, U+2028 as \\u2028', () => {
    expect(terminalText('\u001b[2J\u009b\u2028')).toBe('^[[2J\\x9b\\u2028');
  });

  it('a long name of astral characters is cut to what the config accepts (no half surrogate pair)', () => {
    const name = '𝔄'.repeat(150); // 300 UTF-16 code units
    const h = headerSafe(name, MAX_HEADER_TEXT);
    expect(h.length).toBeLessThanOrEqual(MAX_HEADER_TEXT);
    expect(headerTextProblem(h)).toBeUndefined();
    expect(h).toBe(`${'𝔄'.repeat(99)}…`);
    expect(cut('abcdef', 4)).toBe('abc…');
    expect(cut('abc', 4)).toBe('abc');
  });
});

describe('one minutes → HH:mm', () => {
  it.each([
    [0, '00:00'],
    [480, '08:00'],
    [545, '09:05'],
    [1439, '23:59'],
    [1440, '24:00'],
  ])('%i minutes: %s, the same in windows, coverage and what tcon reads', (min, text) => {
    expect(clockText(min)).toBe(text);
    expect(formatTimeWindow({ from: min, to: min })).toBe(`${text}-${text}`);
    if (min < 1440) expect(localTime(Date.UTC(2027, 0, 1) + min * 60_000)).toBe(text);
    expect(normalizeClock(`${Math.floor(min / 60)}:${String(min % 60).padStart(2, '0')}`, { allow24: true })).toBe(text);
  });

  it('UTC offsets: "+05:30", "-03:30", and "+0545" in a VTIMEZONE', () => {
    expect([offsetClock(330), offsetClock(-210), offsetClock(0), offsetClock(345, '')]).toEqual(['+05:30', '-03:30', '+00:00', '+0545']);
    const block = vtimezoneBlock('Asia/Kathmandu', Date.UTC(2027, 0, 1), Date.UTC(2027, 11, 31));
    expect(block).toContain(`TZOFFSETTO:${offsetClock(345, '')}`);
  });
});

describe('one module for a meeting time in words (schedule/when.ts)', () => {
  const group = { title: 'WG-X', timezone: 'America/New_York', zoneLabel: 'US ET' };
  const at = (iso: string) => DateTime.fromISO(iso, { zone: zoneOf('America/New_York') });
  const before = { start: at('2027-03-16T09:00'), end: at('2027-03-16T10:00') };
  const after = { start: at('2027-03-17T10:05'), end: at('2027-03-17T11:05') };

  it("the diff, the update and the headline say the same day and hours, with Latin digits whatever luxon's default locale", () => {
    const saved = Settings.defaultLocale;
    Settings.defaultLocale = 'ar-EG'; // luxon's toFormat('HH:mm') would write ٠٩:٠٠
    try {
      expect(spanText(before.start, before.end, 'US ET')).toBe('Tue 16 Mar 2027 09:00-10:00 US ET');
      expect(formatHours(after.start, after.end, '–')).toBe('10:05–11:05');
      const change = {
        kind: 'changed' as const,
        scope: 'meeting' as const,
        uid: 'u',
        recurrenceId: undefined,
        ruleDate: '2027-03-16',
        sequence: 1,
        title: 'WG-X',
        before,
        after,
        detail: undefined,
      };
      expect(describeChanges([change], 'US ET')).toEqual([
        `meeting of 2027-03-16 moved: ${spanText(before.start, before.end, 'US ET')} -> ${spanText(after.start, after.end, 'US ET')} (SEQUENCE 1)`,
      ]);
      const item = { kind: 'moved' as const, before, after, detail: undefined };
      const g = group as unknown as Parameters<typeof changeLine>[0];
      expect(changeLine(g, item, undefined)).toBe(
        `Moved: ${meetingTimes(group, before.start, before.end, undefined).line} → now ${meetingTimes(group, after.start, after.end, undefined).line}`,
      );
      expect(meetingTimes(group, after.start, after.end, undefined).line).toBe('Wed 17 Mar 2027, 10:05-11:05 US ET');
      expect(changeHeadline(g, [item])).toBe('Moved: WG-X call of Tue 16 Mar → Wed 17 Mar 10:05 US ET');
    } finally {
      Settings.defaultLocale = saved;
    }
  });
});

describe('one order of texts on every machine', () => {
  it('compareText orders by code units, and config problems are sorted by it (not by the machine locale)', async () => {
    const { compareText } = await import('../../src/schedule/text.js');
    const { sortProblems } = await import('../../src/config/parse.js');
    const names = ['b.yaml', 'ä.yaml', 'Z.yaml', 'a.yaml', 'a.yaml'];
    expect([...names].sort(compareText)).toEqual(['Z.yaml', 'a.yaml', 'a.yaml', 'b.yaml', 'ä.yaml']);
    // localeCompare would put ä next to a and Z after b (en-US), or ä last (sv-SE): it follows the machine.
    expect(['a', 'ä', 'b'].sort((x, y) => x.localeCompare(y, 'en-US'))).toEqual(['a', 'ä', 'b']);
    const problem = (file: string, line: number) => ({ file, line, col: 1, field: '', message: 'm', severity: 'error' as const, code: 'config' });
    expect(
      sortProblems([problem('b.yaml', 1), problem('ä.yaml', 1), problem('a.yaml', 2), problem('a.yaml', 1), problem('Z.yaml', 9)]).map(
        (p) => `${p.file}:${p.line}`,
      ),
    ).toEqual(['Z.yaml:9', 'a.yaml:1', 'a.yaml:2', 'b.yaml:1', 'ä.yaml:1']);
  });
});
