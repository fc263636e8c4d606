/*
 * Config text made safe for where it goes (pure): one rule per target, one definition of a
 * control character.
 * - HTML (mail bodies, the site): escapeHtml.
 * - One line (mail headers, names read from minutes, YAML comments): oneLine, cut.
 * - iCalendar TEXT: icsText (line breaks kept as "\n", other controls dropped).
 * - A YAML scalar on one line: yamlEscaped (double-quoted with escapes).
 * - The terminal: terminalText (controls shown, e.g. "^[" for ESC).
 */

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for HTML element content and quoted attribute values (mail bodies and the site alike). */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/**
 * The control characters: C0 and C1 controls, DEL, and the Unicode line and paragraph
 * separators. Any of them could end a header or a YAML line (CR, LF, NEL, U+2028), move a
 * terminal's cursor (ESC, CSI) or confuse a parser.
 */
const CONTROLS = '\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029';
const CONTROL = new RegExp(`[${CONTROLS}]`);
const CONTROL_RUNS = new RegExp(`[${CONTROLS}]+`, 'g');
const CONTROL_EACH = new RegExp(`[${CONTROLS}]`, 'g');

/** Whether `value` holds a control character (see CONTROLS). */
export function hasControl(value: string): boolean {
  return CONTROL.test(value);
}

/** One line: each run of control characters one space, white space folded to one space, trimmed. */
export function oneLine(value: string): string {
  return value.replace(CONTROL_RUNS, ' ').replace(/\s+/g, ' ').trim();
}

/** At most `max` UTF-16 code units, with "…" last when cut (never half a surrogate pair). */
export function cut(value: string, max: number): string {
  if (value.length <= max) return value;
  let out = '';
  for (const ch of value) {
    if (out.length + ch.length > max - 1) break;
    out += ch;
  }
  return `${out}…`;
}

/**
 * iCalendar TEXT: line breaks (CR LF, CR, LF, NEL, U+2028, U+2029) become "\n" (which
 * ical-generator writes as the two characters \n, never a real line break); every other control
 * character is dropped. This is what stops "\r\nATTENDEE:..." in a title from becoming a property.
 */
export function icsText(value: string): string {
  return value.replace(/\r\n|[\r\n\u0085\u2028\u2029]/g, '\n').replace(CONTROL_EACH, (c) => (c === '\n' ? c : ''));
}

/**
 * A string as a double-quoted YAML scalar on one line, when it holds a control character
 * (JSON's escapes, which YAML's double-quoted style reads; C1 controls and U+2028/U+2029 escaped
 * too, as a YAML reader may take them for line breaks); undefined when it holds none.
 */
export function yamlEscaped(value: string): string | undefined {
  if (!hasControl(value)) return undefined;
  return JSON.stringify(value).replace(/[\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Text as the terminal shows it: control characters (ESC of an escape sequence, CSI, BEL,
 * backspace, line breaks) written visibly ("^[" for ESC, "\x9b" for CSI, "\u2028"), so text from
 * the config cannot move the cursor, recolor or retitle the terminal, or hide the rest of a line.
 */
export function terminalText(value: string): string {
  return value.replace(CONTROL_EACH, (c) => {
    const code = c.charCodeAt(0);
    if (code < 0x20) return `^${String.fromCharCode(code + 64)}`;
    if (code === 0x7f) return '^?';
    return code <= 0x9f ? `\\x${code.toString(16)}` : `\\u${code.toString(16)}`;
  });
}

/**
 * Orders two texts by their UTF-16 code units: the same order on every machine. `localeCompare`
 * without a locale follows the machine's (file names sort otherwise under LANG=sv_SE) and sets
 * up ICU's collation on its first call.
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
