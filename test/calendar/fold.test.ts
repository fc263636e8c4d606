/*
 * fold.ts folds as ical-generator's own foldLines (the same bytes: goldens and clients see no
 * change), on text where it matters: multi-byte characters (accented Latin, CJK, emoji and
 * other surrogate pairs, combining marks) around the 75-octet boundary, lone surrogates.
 */
import fc from 'fast-check';
import { foldLines as theirs } from 'ical-generator';
import { describe, expect, it } from 'vitest';
import { foldLines } from '../../src/calendar/fold.js';

const PIECES = [
  'a',
  'Z',
  ' ',
  ';',
  'é',
  'ß',
  'ü',
  '日',
  '本',
  '語',
  '会',
  '議',
  '😀',
  '👩‍💻',
  '🇯🇵',
  'e\u0301',
  'a\u0308\u0323',
  '\u200d',
  '€',
  '𝄞',
  '\ud800',
  '\udc00',
  'A'.repeat(70),
  'あ'.repeat(24),
];

describe('foldLines (fold.ts) against ical-generator 10.2', () => {
  it('the same text for lines of multi-byte characters at every position of the 75-octet boundary', () => {
    for (const piece of ['é', '日', '😀', 'e\u0301', '👩‍💻']) {
      for (let ascii = 60; ascii <= 80; ascii++) {
        const line = `SUMMARY:${'x'.repeat(ascii)}${piece.repeat(40)}`;
        expect(foldLines(`${line}\r\nEND:VEVENT\r\n`)).toBe(theirs(`${line}\r\nEND:VEVENT\r\n`));
      }
    }
  });

  it('the same text for any lines made of such pieces', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }).map((xs) => xs.join('')),
          { minLength: 1, maxLength: 6 },
        ),
        (lines) => {
          const text = `${lines.join('\r\n')}\r\n`;
          expect(foldLines(text)).toBe(theirs(text));
        },
      ),
      { numRuns: 800 },
    );
  });

  it('the same text for any string (full Unicode)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => {
        expect(foldLines(s)).toBe(theirs(s));
      }),
      { numRuns: 800 },
    );
  });

  it('folds: no line of a long Japanese title passes 75 octets', () => {
    const out = foldLines(`SUMMARY:${'会議'.repeat(60)}\r\n`);
    const lines = out.split('\r\n').filter((l) => l !== '');
    expect(lines.length).toBeGreaterThan(4);
    for (const l of lines) expect(Buffer.byteLength(l)).toBeLessThanOrEqual(75);
  });
});
