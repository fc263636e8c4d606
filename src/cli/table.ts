import { terminalText } from '../schedule/text.js';
/**
 * A plain text table: columns padded to their widest cell, header underlined. `paint` may
 * decorate a body cell after padding (ANSI colors do not count towards the width).
 */
export function renderTable(
  header: readonly string[],
  body: readonly (readonly string[])[],
  paint?: (row: number, col: number, padded: string) => string,
): string {
  const rows = body.map((r) => r.map(printable));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[], row = -1) => {
    const padded = cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)));
    const text = padded.join('  ');
    if (!paint || row < 0) return text.trimEnd();
    return padded
      .map((c, i) => paint(row, i, c))
      .join('  ')
      .trimEnd();
  };
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map((r, i) => line(r, i))].join('\n') + '\n';
}

/**
 * A cell as the terminal shows it: control characters (ESC of an escape sequence, CSI, BEL,
 * backspace, line breaks) in text from the config are written visibly (`^[` for ESC), so a title
 * cannot move the cursor, recolor or retitle the terminal, or hide the rest of a line.
 */
export const printable = terminalText;
