/*
 * Line folding (RFC 5545 3.1), as ical-generator 10.2 does it (at most 75 octets a line, the
 * leading space of a continuation not counted, never inside a character), without its cost:
 * ical-generator's foldLines encodes every character through a new TextEncoder, a third of the
 * time of a large feed (issue 14). render.ts has ical-generator write the calendar with each
 * event replaced by a short placeholder line (the frame, folded by ical-generator: a few lines)
 * and folds the events' text itself. The same bytes, checked against ical-generator's own
 * foldLines by test/calendar/fold.test.ts.
 */

/** UTF-8 octets of the UTF-16 code unit at `i` of `s` (a surrogate pair: 4, with the unit after it). */
function octets(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c < 0x80) return 1;
  if (c < 0x800) return 2;
  return 3;
}

/** One content line, folded. */
function foldLine(line: string): string {
  // Short, or ASCII only: nothing to count character by character.
  if (line.length * 3 <= 74) return line;
  if (!/[^\x00-\x7f]/.test(line)) {
    if (line.length <= 74) return line;
    let out = line.slice(0, 74);
    for (let i = 74; i < line.length; i += 74) out += `\r\n ${line.slice(i, i + 74)}`;
    return out;
  }
  let out = '';
  let start = 0;
  let c = 0;
  for (let i = 0; i < line.length;) {
    const at = i;
    let size: number;
    const code = line.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      // ical-generator reads a high surrogate with the unit after it, whatever it is.
      const next = line.charCodeAt(i + 1);
      if (i + 1 >= line.length) size = 3;
      else if (next >= 0xdc00 && next <= 0xdfff) size = 4;
      else size = 3 + octets(line, i + 1);
      i += i + 1 < line.length ? 2 : 1;
    } else {
      size = octets(line, i);
      i += 1;
    }
    c += size;
    if (c > 74) {
      out += `${line.slice(start, at)}\r\n `;
      start = at;
      c = size;
    }
  }
  return out + line.slice(start);
}

/** Folds every line of `text` (lines end with CRLF), as ical-generator's foldLines. */
export function foldLines(text: string): string {
  // Every line short enough to stay whole (nearly always): the text as it is, without splitting
  // it into lines and joining them again. foldLine keeps a line of at most 24 units, or an ASCII
  // one of at most 74.
  let ascii: boolean | undefined;
  for (let from = 0; from < text.length;) {
    let end = text.indexOf('\r\n', from);
    if (end < 0) end = text.length;
    const length = end - from;
    if (length * 3 > 74 && (length > 74 || !(ascii ??= !/[^\x00-\x7f]/.test(text)))) return text.split('\r\n').map(foldLine).join('\r\n');
    from = end + 2;
  }
  return text;
}
