/**
 * A plain text table: columns padded to their widest cell, header underlined. `paint` may
 * decorate a body cell after padding (ANSI colors do not count towards the width).
 */
export function renderTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  paint?: (row: number, col: number, padded: string) => string,
): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[], row = -1) => {
    const padded = cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)));
    const text = padded.join('  ');
    if (!paint || row < 0) return text.trimEnd();
    return padded.map((c, i) => paint(row, i, c)).join('  ').trimEnd();
  };
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map((r, i) => line(r, i))].join('\n') + '\n';
}
